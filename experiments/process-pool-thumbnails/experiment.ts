// Article 002: how much does a process pool speed up a typical batch job,
// 1000 photos turned into 128-pixel thumbnails? The article's Pillow loop and
// ProcessPoolExecutor run as peers; Node runs the same job in pure JavaScript
// serially, on worker threads and on child processes (batch size and paths
// against bytes swept), and with sharp, the native library a Node user would
// actually pick.

import os from 'node:os';
import { defineExperiment, type Cell, type Params } from '../../lib/experiment/types.ts';
import { ensurePhotos } from './photo-set.ts';
import { nodeStrategies, pythonStrategies, splitShare } from './strategies.ts';

/** The pool size of the full-set comparison: `ProcessPoolExecutor()` starts one worker per core. */
export function poolWorkers(params: Params): number {
  const value = params.pool_workers;
  if (value === 'cores') return os.availableParallelism();
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`params.pool_workers must be 'cores' or a positive integer (got ${String(value)})`);
  return n;
}

const list = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);

/**
 * The cells: the article's comparison on the full set of photos, then the
 * sweeps (workers, batch size, paths against bytes) on the first
 * `sweep_images` of them. The sweep set comes first, so that each strategy's
 * warm-up trial runs on the smaller set.
 */
export function planCells(params: Params, cores = poolWorkers(params)): Cell[] {
  const full = Number(params.images);
  const sweep = Number(params.sweep_images);
  if (!(sweep >= 1 && sweep <= full)) throw new Error(`params.sweep_images must be between 1 and images (${full}); got ${sweep}`);
  const cells: Cell[] = [];
  const seen = new Set<string>();
  const comparisonReps = params.comparison_repetitions === undefined ? undefined : Number(params.comparison_repetitions);
  const add = (strategy: string, images: number, workers = 1, batch = 1, transport = 'paths', repetitions?: number) => {
    const point = { images, workers, batch, transport };
    const key = `${strategy}|${JSON.stringify(point)}`;
    if (seen.has(key)) return;
    seen.add(key);
    cells.push(repetitions === undefined ? { strategy, point } : { strategy, point, repetitions });
  };
  const workers = list(params.workers);
  const bigBatches = list(params.batches).filter((b) => b !== 1);
  // The sweeps.
  add('node-serial', sweep);
  for (const pool of ['node-threads', 'node-processes']) {
    for (const w of workers) add(pool, sweep, w);
    for (const b of bigBatches) add(pool, sweep, cores, b);
    add(pool, sweep, cores, 1, 'bytes');
  }
  for (const w of workers) add('node-sharp', sweep, w);
  // The static split beside the sweep's pools, and beside the comparison's below.
  add('node-split', sweep, cores, splitShare(sweep, cores));
  add('python-serial', sweep);
  for (const w of workers) add('python-processes', sweep, w);
  for (const b of bigBatches) add('python-processes', sweep, cores, b);
  for (const w of list(params.python_thread_workers)) add('python-threads', sweep, w);
  // The article's comparison at its scale, where the verdicts on T1–T3 are made: more repetitions if asked.
  const compared: [string, number][] = [
    ['node-serial', 1],
    ['node-threads', cores],
    ['node-processes', cores],
    ['node-split', cores],
    ['node-sharp', 1],
    ['node-sharp', cores],
    ['python-serial', 1],
    ['python-processes', cores],
    ['python-threads', cores],
  ];
  for (const [strategy, w] of compared) add(strategy, full, w, strategy === 'node-split' ? splitShare(full, w) : 1, 'paths', comparisonReps);
  // The pools with the largest batch at the article's scale too: how much of the gap to the split a bigger chunk closes.
  const bigBatch = Math.max(...bigBatches);
  if (Number.isFinite(bigBatch)) for (const pool of ['node-threads', 'node-processes']) add(pool, full, cores, bigBatch, 'paths', comparisonReps);
  return cells;
}

const base = { seed: 20170630, images: 1000, pool_workers: 'cores', python_thread_workers: [2], warmup: 1 };

export default defineExperiment({
  id: 'process-pool-thumbnails',
  title: 'Process pools for a thumbnail batch job',
  article: {
    author: 'Adam Geitgey',
    title: 'Quick Tip: Speed up your Python data processing scripts with Process Pools',
    venue: 'Medium',
    date: '2017-06-30',
    url: 'https://medium.com/@ageitgey/quick-tip-speed-up-your-python-data-processing-scripts-with-process-pools-cf275350163a',
  },
  question:
    'A script makes 128-pixel thumbnails of 1000 photos in a for loop. How much faster does it get when the loop becomes a process pool’s map, and what does that cost in CPU time?',
  claims: [
    { id: 'T1', text: 'A process pool makes the job about as many times faster as the machine has cores: 4× on 4 cores.' },
    { id: 'T2', text: 'The pool does not do less or more work: the CPU (user) time stays about the same, only the elapsed time falls.' },
    { id: 'T3', text: 'The serial loop keeps one core busy and leaves the others idle (75 % idle on 4 cores).' },
    { id: 'T4', text: 'Starting processes and moving data between them costs something, so the gain is not always this large; a larger chunksize helps on big inputs.' },
    { id: 'T5', text: 'Only data that can be pickled can go to the pool, and map returns the results in the order of the inputs.' },
  ],
  profiles: {
    smoke: {
      description: 'Seconds: 12 photos, pools of 1 and 2, one repetition. For tests and CI.',
      params: { ...base, images: 12, sweep_images: 12, workers: [1, 2], batches: [1, 4], repetitions: 1, warmup: 0 },
    },
    quick: {
      description: 'About two minutes: 200 photos for the comparison, the first 100 for the sweeps (1, 2, 4 workers; batches 1, 10, 50), 3 repetitions.',
      params: { ...base, images: 200, sweep_images: 100, workers: [1, 2, 4], batches: [1, 10, 50], repetitions: 3 },
    },
    full: {
      description:
        'The article’s 1000 photos for the comparison (serial, a pool per core at batch 1 and at the largest batch, the static split with no dispatch, sharp, Pillow), 3 repetitions; the sweeps (1, 2, 4, 8 workers; batches 1, 10, 50; paths or bytes) on the first 200 photos (a factor of 5 fewer: at 100 the JIT warm-up every worker pays inside the clock would weigh on the sweep), 3 repetitions. About 7½ minutes on 2 quiet cores; the first run also generates the photos (~20 s).',
      params: { ...base, sweep_images: 200, workers: [1, 2, 4, 8], python_thread_workers: [1, 2, 4], batches: [1, 10, 50], repetitions: 3, comparison_repetitions: 3 },
    },
  },
  pointColumns: { images: 'int', workers: 'int', batch: 'int', transport: 'string' },
  metricColumns: { tasks: 'int', busy_ms: 'number', order_kept: 'int', unclonable_rejected: 'int', thumbnails: 'int', sharp_default_threads: 'int' },
  resultDependsOn: ['images'],
  // Declaration order is display order: the article’s Python first, then Node from the serial loop to sharp.
  strategies: [...pythonStrategies, ...nodeStrategies],
  async prepare({ params, inputsDir, log }) {
    const seed = Number(params.seed);
    const set = ensurePhotos({ inputsDir, seed, count: Number(params.images), log });
    return { files: { photos: set.manifestFile }, hashes: { photos: set.sha256 }, seed };
  },
  plan: (params) => planCells(params),
  method: [
    'Every strategy makes thumbnails of the same generated photos and writes `<name>_thumbnail.jpg` into a fresh temporary folder of its own (the article wrote them next to the photos). After the timed work the trial checks the folder: one thumbnail per photo, each decodes, each 128 pixels on its longest side. The sorted list of names and dimensions is digested, and every strategy, Node or Python, must produce the same list at the same number of photos, or the run stops. The thumbnails’ bytes differ, as the encoders do.',
    '**The photos.** 1000 JPEGs at Flickr’s medium size (500 pixels on the longest side, in 4:3, 3:2, 16:9 and portrait shapes; quality 85, 4:2:0), generated from a fixed seed: a sky-to-ground gradient, soft blobs, two octaves of value noise and per-pixel grain, so that they decode like photographs rather than flat colour. They are written once under `data/inputs/` (git-ignored) with a manifest of SHA-256s.',
    '**The pipelines.** The article’s Python uses Pillow (`Image.thumbnail` with its default bicubic filter, then `save` at quality 75); Pillow is C code. The Node analog in pure JavaScript decodes with `jpeg-js`, shrinks with an area-averaging filter written here, and encodes with a small baseline encoder written here (quality 75, 4:2:0): jpeg-js’s own encoder rebuilds its tables on every call, ~20 ms, more than the thumbnail’s real encoding work. Thumbnail sizes follow Pillow’s rounding rule. `sharp` (libvips) is what a Node user would actually pick; it runs on the libuv thread pool.',
    '**Timing.** The article ran `time`, which counts interpreter start-up, imports and pool creation. Here wall time (real) and the user and sys CPU time of the whole process tree cover the work only; each pool’s start-up, for Python too, is timed apart (`startup_ms`), and loading sharp counts as its start-up. The article printed a line per photo; the peers here do not print.',
    '**Scale.** The comparison the article made (serial against a pool with one worker per core) runs on the full 1000 photos, with `comparison_repetitions` repetitions. The sweeps (worker counts, batch sizes, paths against bytes) run on the first `sweep_images` photos, a fifth of them in the full profile (the one parameter scaled down, by a factor of 5), so that the pure-JavaScript pipeline, ~15–20 ms a photo, fits the run in about seven and a half minutes on 2 cores.',
    '**The static split.** A pool without a queue, measured in the same run: `node-split` starts one child process per core, waits until each has loaded, then hands each one equal share of the photos as a single task. No worker waits for a next task between photos, so what the split loses against the ideal (cores × the serial loop) is not dispatch: it is the host (cores that slow each other down, the serial loop’s own garbage collector and compiler threads that had the second core to themselves) and the imbalance of equal photo counts that are not equal work. A pool that beats the split has won back that imbalance by handing out photos as workers free up; one that trails it has paid for its dispatch.',
    '**T5.** Every pool trial checks that `map` handed the thumbnails back in the order of the photos. After the work, each process pool (and each Node pool) is sent one task whose input holds a function: Python cannot pickle a lambda, and Node’s structured clone (worker threads, and child processes with the `advanced` serialization) refuses a function with a `DataCloneError`; the trial records whether the pool refused it.',
  ].join('\n\n'),
});
