// Every strategy, Node and Python, run through the trial protocol on the same
// few photos: each must write the same set of thumbnails (names and sizes),
// hand its results back in input order, and refuse an uncloneable input; on
// photos of a larger size too, and the stage breakdowns fill their table.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '../../lib/experiment/types.ts';
import { createTrialContext } from '../../lib/trial/context.ts';
import type { TrialResult, TrialSpec } from '../../lib/trial/protocol.ts';
import { ROOT } from '../../lib/paths.ts';
import { bundleExperiment, type Bundle } from '../../lib/trial/bundle.ts';
import experiment from './experiment.ts';
import { cameraSet } from './sizes.ts';
import { ensurePhotos, photosInput } from './photo-set.ts';
import { NODE_STAGES, PYTHON_STAGES } from './stages.ts';

const PHOTOS = 5;
/** The larger set, as the smoke profile has it: few photos at 1 000 pixels (generating 3 000-pixel photos would take seconds each). */
const CAMERA = cameraSet(experiment.profiles.smoke.params)!;
const LARGE = { longSide: CAMERA.longSide, photos: CAMERA.images };
const here = path.dirname(new URL(import.meta.url).pathname);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'strategies-test-'));
let spec: Omit<TrialSpec, 'strategy' | 'point'>;
let bundle: Bundle | undefined;

beforeAll(() => {
  const set = ensurePhotos({ inputsDir: tmp, seed: 11, count: PHOTOS });
  const large = ensurePhotos({ inputsDir: tmp, seed: 11, count: LARGE.photos, longSide: LARGE.longSide });
  // Pool workers load compiled JavaScript, as in a run: the run's own bundle, its packages (sharp, jpeg-js) resolved from the repo.
  bundle = bundleExperiment({ root: ROOT, experimentDir: here, id: experiment.id });
  const tasks = bundle.tasksModule;
  spec = {
    experimentId: experiment.id,
    experimentDir: here,
    tasksUrl: pathToFileURL(tasks).href,
    params: experiment.profiles.smoke.params,
    inputs: { photos: set.manifestFile, [photosInput(LARGE.longSide)]: large.manifestFile },
    services: {},
  };
});
afterAll(() => {
  bundle?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const point = (workers: number, batch = 1, transport = 'paths'): Point => ({ images: PHOTOS, workers, batch, transport });
/** A cell on the larger set: told by its photo count, the camera set's own (sizes.ts). */
const largePoint = (workers: number): Point => ({ images: LARGE.photos, workers, batch: 1, transport: 'paths' });

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
  ['node-sharp-buffers', point(2)],
  ['node-sharp-tuned', point(2)],
  ['node-sharp-workers', point(2)],
  ['node-sharp-stages', point(1)],
];
const PYTHON_CASES: [string, Point][] = [
  ['python-serial', point(1)],
  ['python-processes', point(2, 2)],
  ['python-threads', point(2)],
  ['python-stages', point(1)],
];

describe('every strategy', () => {
  it('every Node strategy writes the same thumbnails, in input order, and its pools refuse a function', async () => {
    const results = [];
    for (const [name, p] of NODE_CASES) results.push({ name, p, r: await runNode(name, p) });
    for (const { name, r } of results) {
      expect(r.ok, `${name}: ${r.error}`).toBe(true);
      expect(r.metrics.thumbnails, name).toBe(PHOTOS);
      expect(r.metrics.order_kept, name).toBe(1);
      expect(r.metrics.long_side, name).toBe(500);
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

  it('the stage breakdowns time every stage they name, once per photo, and the whole thumbnail costs more than its header', async () => {
    const node = await runNode('node-sharp-stages', point(1));
    const rows = node.tables.stages!;
    expect(rows.map((r) => r.stage)).toEqual(Object.keys(NODE_STAGES));
    for (const r of rows) {
      expect(r).toMatchObject({ long_side: 500, runtime: 'node', photos: PHOTOS });
      expect(Number(r.wall_ms)).toBeGreaterThan(0);
    }
    const cpu = (stage: string) => Number(rows.find((r) => r.stage === stage)!.cpu_ms);
    expect(cpu('whole-files')).toBeGreaterThan(cpu('header'));
    if (!hasPillow) return;
    const python = runPython('python-stages', point(1));
    expect(python.ok, python.error).toBe(true);
    expect(python.digest).toBe(node.digest);
    expect(python.tables.stages!.map((r) => r.stage)).toEqual(Object.keys(PYTHON_STAGES));
    expect(python.tables.stages!.every((r) => r.runtime === 'python' && r.photos === PHOTOS && Number(r.wall_ms) > 0)).toBe(true);
  }, 60_000);

  it('on photos of a larger size every sharp way and the article’s Python write the same thumbnails', async () => {
    const names = ['node-sharp', 'node-sharp-buffers', 'node-sharp-tuned', 'node-sharp-workers', 'node-sharp-stages'];
    const results = [];
    for (const name of names) results.push({ name, r: await runNode(name, largePoint(name === 'node-sharp-stages' ? 1 : 2)) });
    for (const { name, r } of results) {
      expect(r.ok, `${name}: ${r.error}`).toBe(true);
      expect(r.metrics.thumbnails, name).toBe(LARGE.photos);
      expect(r.metrics.long_side, name).toBe(LARGE.longSide);
    }
    expect(new Set(results.map(({ r }) => r.digest)).size).toBe(1);
    expect(results.find((x) => x.name === 'node-sharp-stages')!.r.tables.stages!.every((r) => r.long_side === LARGE.longSide)).toBe(true);
    if (!hasPillow) return;
    for (const name of ['python-serial', 'python-threads', 'python-stages']) {
      const r = runPython(name, largePoint(name === 'python-threads' ? 2 : 1));
      expect(r.ok, `${name}: ${r.error}`).toBe(true);
      expect(r.metrics.long_side, name).toBe(LARGE.longSide);
      expect(r.digest, name).toBe(results[0]!.r.digest);
    }
  }, 90_000);
});
