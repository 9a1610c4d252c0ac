// Every Node strategy run in this process on a small bundle, through the real
// trial context: each must report the sizes serial gzip reports (or, for the
// block compressor and pigz, pass its own round-trip check), and the pools and
// uploads must record what the report reads.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStrategy, Params, Point } from '../../lib/experiment/types.ts';
import { createTrialContext, sha256 } from '../../lib/trial/context.ts';
import type { TrialResult } from '../../lib/trial/protocol.ts';
import experiment from './experiment.ts';
import { prepareBundles, readBundle } from './inputs.ts';
import { canonicalSizes } from './node-strategies.ts';
import { createStore } from './server.ts';
import type { Codec } from './plan.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gzip-bundles-strategies-'));
const tasksFile = path.join(tmp, 'tasks.mjs');
const store = createStore({ request_latency_ms: 1, handshake_ms: 1 });
let storeUrl = '';
const params: Params = { ...experiment.profiles.smoke.params, block_kb: 32 };
const inputs = prepareBundles(path.join(tmp, 'inputs'), { seed: Number(params.seed), scale: 0.01, bundles: ['typical', 'a'] });

const hasPigz = (() => {
  try {
    execFileSync('pigz', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  // Workers load the tasks as compiled JavaScript, as the runner gives them.
  buildSync({ entryPoints: [path.join(import.meta.dirname, 'tasks.ts')], bundle: true, format: 'esm', platform: 'node', outfile: tasksFile, logLevel: 'error' });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => store.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

function strategy(name: string): NodeStrategy {
  const s = experiment.strategies.find((x) => x.name === name);
  if (!s || s.runtime !== 'node') throw new Error(`no node strategy ${name}`);
  return s;
}

async function run(name: string, point: Partial<Point> & { bundle: string; workers: number; codec: Codec }): Promise<TrialResult> {
  const { context, result } = createTrialContext({
    experimentId: experiment.id, experimentDir: import.meta.dirname, tasksUrl: pathToFileURL(tasksFile).href,
    strategy: name, point: { level: 9, connection: 'none', ...point }, params, inputs: inputs.files,
    services: { s3: { url: storeUrl, host: '127.0.0.1', port: Number(new URL(storeUrl).port) } },
  });
  await strategy(name).run(context);
  return result();
}

/** What every zlib strategy must report: the sizes of gzipSync, file by file. */
function serialDigest(bundle: string): string {
  const b = readBundle(inputs.files[bundle]!);
  return sha256(canonicalSizes(b.names, b.payloads.map((p) => zlib.gzipSync(p, { level: 9 }).length)));
}

describe('the Node strategies on a small bundle', () => {
  it.each([
    ['node-serial', 1],
    ['node-libuv', 2],
    ['node-threads', 2],
    ['node-processes', 2],
  ] as const)('%s with %i workers reports the sizes serial gzip reports', async (name, workers) => {
    const r = await run(name, { bundle: 'a', workers, codec: 'node-zlib' });
    expect(r.ok).toBe(true);
    expect(r.digest).toBe(serialDigest('a'));
    expect(r.wall_ms).toBeGreaterThan(0);
    expect(Number(r.metrics.parent_cpu_ms)).toBeGreaterThanOrEqual(0);
    if (name !== 'node-serial') expect(r.startup_ms).toBeGreaterThan(0);
    if (name === 'node-threads' || name === 'node-processes') {
      expect(r.tables.workers!.reduce((s, w) => s + Number(w.tasks), 0)).toBe(66);
    }
  }, 30_000);

  it('node-blocks round-trips every file and stays within 1 % of serial’s bytes', async () => {
    const r = await run('node-blocks', { bundle: 'a', workers: 2, codec: 'node-blocks' });
    expect(r.ok).toBe(true);
    const b = readBundle(inputs.files.a!);
    const serial = b.payloads.reduce((s, p) => s + zlib.gzipSync(p, { level: 9 }).length, 0);
    expect(Number(r.metrics.gzip_bytes) / serial - 1).toBeLessThan(0.01);
    expect(Number(r.metrics.blocks)).toBeGreaterThan(66);
  }, 30_000);

  it.skipIf(!hasPigz)('pigz round-trips every file, with the same sizes at 1 and 2 threads', async () => {
    const one = await run('pigz', { bundle: 'typical', workers: 1, codec: 'pigz' });
    const two = await run('pigz', { bundle: 'typical', workers: 2, codec: 'pigz' });
    expect(one.ok && two.ok).toBe(true);
    expect(one.digest).toBe(two.digest);
  }, 30_000);

  it('the uploads store every gzipped file and count 1, at most 10, and 2 per file connections', async () => {
    const files = readBundle(inputs.files.typical!).names.length;
    const serial = await run('node-upload-serial', { bundle: 'typical', workers: 1, codec: 'node-zlib', connection: 'serial' });
    const shared = await run('node-upload-shared', { bundle: 'typical', workers: 10, codec: 'node-zlib', connection: 'shared' });
    const fresh = await run('node-upload-per-request', { bundle: 'typical', workers: 10, codec: 'node-zlib', connection: 'per-request' });
    for (const r of [serial, shared, fresh]) {
      expect(r.digest).toBe(serialDigest('typical'));
      expect(r.metrics.requests).toBe(2 * files);
    }
    expect(serial.metrics.connections).toBe(1);
    expect(Number(shared.metrics.connections)).toBeGreaterThan(1);
    expect(Number(shared.metrics.connections)).toBeLessThanOrEqual(10);
    expect(fresh.metrics.connections).toBe(2 * files);
  }, 30_000);
});
