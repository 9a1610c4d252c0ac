// Through the real runner at the smoke profile, with the API failing every
// third date on purpose: every strategy counts the failures in its row (never
// drops them), the strategies still agree on the result, and each trial's
// memory timeline brackets its work.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExperimentData, type ExperimentData } from '../../lib/data/experiment-data.ts';
import { loadExperiment } from '../../lib/experiment/load.ts';
import { peerUnavailable } from '../../lib/peers/python.ts';
import { resolvePaths } from '../../lib/paths.ts';
import { runExperiment } from '../../lib/run/runner.ts';
import experiment from './experiment.ts';
import { NODE, PY } from './plan.ts';

const FAIL_EVERY = 3;
const STRATEGIES = [NODE.eventLoop, NODE.threads, PY.threads, PY.asyncio, PY.streams, PY.gevent];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'io-memory-run-'));
let data: ExperimentData;

beforeAll(async () => {
  const paths = resolvePaths({ dataDir: path.join(tmp, 'data'), inputsDir: path.join(tmp, 'inputs'), reportsDir: path.join(tmp, 'reports') });
  await runExperiment({ paths, experimentId: 'io-memory', profile: 'smoke', strategies: STRATEGIES, overrides: { fail_every: String(FAIL_EVERY) }, maxAttempts: 1, onError: 'continue' });
  data = readExperimentData(paths, await loadExperiment(paths.experimentsDir, 'io-memory'));
}, 90_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('io-memory through the runner, with the API failing every third date', () => {
  it('every trial ran: ok, or skipped only where Python or a module is missing', () => {
    const bad = data.rows.filter((r) => r.status === 'failed' || (r.status === 'skipped' && r.runtime !== 'python'));
    expect(bad.map((r) => `${r.strategy}: ${r.error}`)).toEqual([]);
    expect(data.rows.filter((r) => r.runtime === 'node' && r.status === 'ok').length).toBeGreaterThanOrEqual(4);
  });

  it('each strategy reports the failed requests in requests_failed and keeps the rest', () => {
    for (const r of data.rows.filter((row) => row.status === 'ok')) {
      const requests = Number(r.requests);
      const failed = Math.floor(requests / FAIL_EVERY);
      expect([r.strategy, r.requests_failed, r.requests_ok]).toEqual([r.strategy, failed, requests - failed]);
    }
  });

  it('trials failing only on purpose keep a digest, and every strategy agrees at each request count', () => {
    const ok = data.rows.filter((r) => r.status === 'ok');
    expect(ok.every((r) => /^[0-9a-f]{64}$/.test(r.digest))).toBe(true);
    for (const requests of new Set(ok.map((r) => r.requests))) {
      expect(new Set(ok.filter((r) => r.requests === requests).map((r) => r.digest)).size, `requests=${requests}`).toBe(1);
    }
  });

  it('python peers run where python3 is present', () => {
    const ran = data.rows.filter((r) => r.runtime === 'python' && r.status === 'ok').map((r) => r.strategy);
    if (peerUnavailable() === null) expect(ran).toContain(PY.threads);
    if (peerUnavailable(['gevent']) === null) expect(ran).toContain(PY.gevent);
  });

  it('the API saw the concurrency each strategy asked for, at most', () => {
    for (const r of data.rows.filter((row) => row.status === 'ok')) {
      expect(Number(r.server_peak_in_flight), r.strategy).toBeGreaterThanOrEqual(1);
      expect(Number(r.server_peak_in_flight), r.strategy).toBeLessThanOrEqual(Number(r.concurrency));
    }
  });

  // A sample lands every interval, so the last one may fall up to an interval before a quick exit.
  it('the memory timeline of each trial brackets its work: from before the first request to within two intervals of the last answer', () => {
    const interval = experiment.sampleIntervalMs!;
    for (const r of data.rows.filter((row) => row.status === 'ok')) {
      const samples = data.memory.filter((m) => m.trial === r.trial);
      const times = samples.map((m) => m.t_ms);
      expect(samples.length, r.strategy).toBeGreaterThan(2);
      expect(Math.min(...times), r.strategy).toBeLessThanOrEqual(r.work_start_ms!);
      expect(Math.max(...times), r.strategy).toBeGreaterThanOrEqual(r.work_end_ms! - 2 * interval);
      expect(Math.max(...times), r.strategy).toBeLessThanOrEqual(r.process_ms! + 1);
      expect(r.work_start_ms!, r.strategy).toBeLessThan(r.work_end_ms!);
      expect(r.rss_base_bytes, r.strategy).toBeGreaterThan(0);
      expect(r.rss_peak_bytes!, r.strategy).toBeGreaterThanOrEqual(r.rss_base_bytes! * 0.5);
    }
  });
});
