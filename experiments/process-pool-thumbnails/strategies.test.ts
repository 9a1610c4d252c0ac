// Every strategy, Node and Python, run through the trial protocol on the same
// few photos: each must write the same set of thumbnails (names and sizes),
// hand its results back in input order, and refuse an uncloneable input.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '../../lib/experiment/types.ts';
import { createTrialContext } from '../../lib/trial/context.ts';
import type { TrialResult, TrialSpec } from '../../lib/trial/protocol.ts';
import { ROOT } from '../../lib/paths.ts';
import experiment from './experiment.ts';
import { ensurePhotos } from './photo-set.ts';

const PHOTOS = 5;
const here = path.dirname(new URL(import.meta.url).pathname);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'strategies-test-'));
let spec: Omit<TrialSpec, 'strategy' | 'point'>;

beforeAll(() => {
  const set = ensurePhotos({ inputsDir: tmp, seed: 11, count: PHOTOS });
  // Pool workers load compiled JavaScript, as in a run: bundle tasks.ts with its one package.
  const tasks = path.join(tmp, 'tasks.mjs');
  buildSync({ entryPoints: [path.join(here, 'tasks.ts')], bundle: true, format: 'esm', platform: 'node', outfile: tasks, logLevel: 'error' });
  spec = {
    experimentId: experiment.id,
    experimentDir: here,
    tasksUrl: pathToFileURL(tasks).href,
    params: experiment.profiles.smoke.params,
    inputs: { photos: set.manifestFile },
    services: {},
  };
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const point = (workers: number, batch = 1, transport = 'paths'): Point => ({ images: PHOTOS, workers, batch, transport });

async function runNode(strategy: string, p: Point): Promise<TrialResult> {
  const s = experiment.strategies.find((x) => x.name === strategy);
  if (!s || s.runtime !== 'node') throw new Error(`no node strategy ${strategy}`);
  const { context, result } = createTrialContext({ ...spec, strategy, point: p });
  await s.run(context);
  return result();
}

function runPython(strategy: string, p: Point): TrialResult {
  const out = spawnSync('/usr/bin/python3', [path.join(here, 'peer.py'), '--strategy', strategy], {
    env: { ...process.env, TRIAL_SPEC: JSON.stringify({ ...spec, strategy, point: p }), PYTHONPATH: path.join(ROOT, 'lib', 'peers'), PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
  });
  const text = (out.output as (string | null)[])[3] ?? '';
  if (!text) throw new Error(`python ${strategy} gave no result: ${out.stderr}`);
  return JSON.parse(text) as TrialResult;
}

const hasPillow = existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import PIL']).status === 0;

const NODE_CASES: [string, Point][] = [
  ['node-serial', point(1)],
  ['node-threads', point(2)],
  ['node-threads', point(2, 2)],
  ['node-threads', point(2, 1, 'bytes')],
  ['node-processes', point(2)],
  ['node-processes', point(2, 3)],
  ['node-processes', point(2, 1, 'bytes')],
  ['node-split', point(2, 3)],
  ['node-sharp', point(1)],
  ['node-sharp', point(3)],
];
const PYTHON_CASES: [string, Point][] = [
  ['python-serial', point(1)],
  ['python-processes', point(2, 2)],
  ['python-threads', point(2)],
];

describe('every strategy', () => {
  it('every Node strategy writes the same thumbnails, in input order, and its pools refuse a function', async () => {
    const results = [];
    for (const [name, p] of NODE_CASES) results.push({ name, p, r: await runNode(name, p) });
    for (const { name, r } of results) {
      expect(r.ok, `${name}: ${r.error}`).toBe(true);
      expect(r.metrics.thumbnails, name).toBe(PHOTOS);
      expect(r.metrics.order_kept, name).toBe(1);
      expect(r.wall_ms, name).toBeGreaterThan(0);
    }
    expect(new Set(results.map(({ r }) => r.digest)).size).toBe(1);
    for (const { name, r } of results.filter(({ name }) => name === 'node-threads' || name === 'node-processes')) {
      expect(r.metrics.unclonable_rejected, name).toBe(1);
      expect(r.startup_ms, name).toBeGreaterThan(0);
    }
    expect(results.find((x) => x.name === 'node-processes' && x.p.batch === 3)!.r.metrics.tasks).toBe(2);
    expect(results.find((x) => x.name === 'node-split')!.r.metrics.tasks).toBe(2);
  }, 60_000);

  it('the static split refuses a batch other than its share, so the batch column says what ran', async () => {
    await expect(runNode('node-split', point(2, 1))).rejects.toThrow(/batch must be 3/);
  }, 30_000);

  it.skipIf(!hasPillow)('the article’s Python writes the same thumbnails as Node (names and sizes)', async () => {
    const node = await runNode('node-serial', point(1));
    for (const [name, p] of PYTHON_CASES) {
      const r = runPython(name, p);
      expect(r.ok, `${name}: ${r.error}`).toBe(true);
      expect(r.digest, name).toBe(node.digest);
      expect(r.metrics.order_kept, name).toBe(1);
      if (name === 'python-processes') expect(r.metrics.unclonable_rejected).toBe(1);
    }
  }, 60_000);
});
