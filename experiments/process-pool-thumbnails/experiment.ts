// Article 002: how much does a process pool speed up a typical batch job,
// 1000 photos turned into 128-pixel thumbnails? The article's Pillow loop and
// ProcessPoolExecutor run as peers; Node runs the same job in pure JavaScript
// serially, on worker threads and on child processes (batch size and paths
// against bytes swept), and with sharp, the native library a Node user would
// actually pick, set up several ways and broken down stage by stage against
// Pillow; sharp and Pillow also on a second set of photos at a camera's size.

import os from 'node:os';
import { defineExperiment, type Cell, type Params } from '../../lib/experiment/types.ts';
import { ensurePhotos, photosInput } from './photo-set.ts';
import { cameraSet, stageImagesOf } from './sizes.ts';
import { nodeStrategies, pythonStrategies, splitShare } from './strategies.ts';

export { cameraSet } from './sizes.ts';

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
 * `sweep_images` of them; sharp's stage breakdown and Pillow's on the first
 * `stage_images` photos; the sharp candidates and Pillow on the camera set. The sweep set
 * comes first, then the stages and the camera set, so that each strategy's
 * warm-up trial runs on a smaller set than the full one.
 */
export function planCells(params: Params, cores = poolWorkers(params)): Cell[] {
  const full = Number(params.images);
  const sweep = Number(params.sweep_images);
  if (!(sweep >= 1 && sweep <= full)) throw new Error(`params.sweep_images must be between 1 and images (${full}); got ${sweep}`);
  const cells: Cell[] = [];
  const seen = new Set<string>();
  const comparisonReps = params.comparison_repetitions === undefined ? undefined : Number(params.comparison_repetitions);
  const camera = cameraSet(params);
  // A cell on the camera set is told by its photo count (sizes.ts): the point has no column for the photos' size.
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
  // Where sharp's time goes against Pillow's, stage by stage, on the first `stage_images` photos and on the camera set.
  add('node-sharp-stages', stageImagesOf(params));
  add('python-stages', stageImagesOf(params));
  // sharp's candidates against Pillow on photos at a camera's size: the same comparison, fewer photos.
  const sharpCandidates: [string, number][] = [
    ['node-sharp', 1],
    ['node-sharp', cores],
    ['node-sharp-buffers', cores],
    ['node-sharp-tuned', cores],
    ['node-sharp-tuned', 2 * cores],
    ['node-sharp-workers', cores],
  ];
  if (camera) {
    add('node-sharp-stages', camera.stageImages);
    add('python-stages', camera.stageImages);
    for (const [strategy, w] of [...sharpCandidates, ['python-serial', 1], ['python-processes', cores], ['python-threads', cores]] as [string, number][]) {
      add(strategy, camera.images, w, 1, 'paths', comparisonReps);
    }
  }
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
  // Node's ways with sharp at the same scale: which is fastest, and against Pillow's thread pool.
  for (const [strategy, w] of sharpCandidates) add(strategy, full, w, 1, 'paths', comparisonReps);
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
      description: 'Seconds: 12 photos, pools of 1 and 2, one repetition; 3 photos of 1000 pixels for the size comparison. For tests and CI.',
      params: { ...base, images: 12, sweep_images: 12, workers: [1, 2], batches: [1, 4], repetitions: 1, warmup: 0, camera_long_side: 1000, camera_images: 3, camera_stage_images: 2 },
    },
    quick: {
      description:
        'About half a minute on 2 quiet cores, for a first look: 20 photos for the comparison, the sweeps and the stage breakdowns alike (2 workers, batch 1), 3 photos of 2000 pixels for the size comparison (smaller than the full profile’s 3000, to generate in seconds), one repetition and no warm-up, so its ratios have no intervals.',
      params: { ...base, images: 20, sweep_images: 20, workers: [2], batches: [1], repetitions: 1, warmup: 0, camera_long_side: 2000, camera_images: 3, camera_stage_images: 2 },
    },
    full: {
      description:
        'The article’s 1000 photos for the comparison (serial, a pool per core at batch 1 and at the largest batch, the static split with no dispatch, sharp four ways, Pillow), 3 repetitions; the sweeps (1, 2, 4, 8 workers; batches 1, 10, 50; paths or bytes) on the first 200 photos (a factor of 5 fewer: at 100 the JIT warm-up every worker pays inside the clock would weigh on the sweep), 3 repetitions; the stage breakdowns, every stage of a thumbnail timed apart, on the first 80; sharp’s ways and Pillow’s on 100 photos of 3000 pixels (the camera set: a factor of 10 fewer than 1000, as each costs several times more), its stage breakdowns on the first 12 of them. About 13 minutes on 2 quiet cores; the first run also generates the photos (~20 s for the 1000, about 2 minutes for the 100 large ones).',
      params: {
        ...base,
        sweep_images: 200,
        workers: [1, 2, 4, 8],
        python_thread_workers: [1, 2, 4],
        batches: [1, 10, 50],
        repetitions: 3,
        comparison_repetitions: 3,
        stage_images: 80,
        camera_long_side: 3000,
        camera_images: 100,
        camera_stage_images: 12,
      },
    },
  },
  pointColumns: { images: 'int', workers: 'int', batch: 'int', transport: 'string' },
  // long_side: the photos' long side in pixels (sizes.ts), recorded by every trial; rows from before it read it as empty (500).
  metricColumns: { tasks: 'int', busy_ms: 'number', order_kept: 'int', unclonable_rejected: 'int', thumbnails: 'int', sharp_default_threads: 'int', long_side: 'int' },
  tables: { stages: { long_side: 'int', runtime: 'string', stage: 'string', photos: 'int', wall_ms: 'number', cpu_ms: 'number' } },
  resultDependsOn: ['images'],
  // Declaration order is display order: the article’s Python first, then Node from the serial loop to sharp.
  strategies: [...pythonStrategies, ...nodeStrategies],
  async prepare({ params, inputsDir, log }) {
    const seed = Number(params.seed);
    const set = ensurePhotos({ inputsDir, seed, count: Number(params.images), log });
    const files: Record<string, string> = { photos: set.manifestFile };
    const hashes: Record<string, string> = { photos: set.sha256 };
    const camera = cameraSet(params);
    if (camera) {
      const large = ensurePhotos({ inputsDir, seed, count: camera.images, longSide: camera.longSide, log });
      files[photosInput(camera.longSide)] = large.manifestFile;
      hashes[photosInput(camera.longSide)] = large.sha256;
    }
    return { files, hashes, seed };
  },
  plan: (params) => planCells(params),
  method: [
    'Every strategy makes thumbnails of the same generated photos and writes `<name>_thumbnail.jpg` into a fresh temporary folder of its own (the article wrote them next to the photos). After the timed work the trial checks the folder: one thumbnail per photo, each decodes, each 128 pixels on its longest side. The sorted list of names and dimensions is digested, and every strategy, Node or Python, must produce the same list at the same number of photos, or the run stops. The thumbnails’ bytes differ, as the encoders do.',
    '**The photos.** 1000 JPEGs at Flickr’s medium size (500 pixels on the longest side, in 4:3, 3:2, 16:9 and portrait shapes; quality 85, 4:2:0), generated from a fixed seed: a sky-to-ground gradient, soft blobs, two octaves of value noise and per-pixel grain, so that they decode like photographs rather than flat colour. They are written once under `data/inputs/` (git-ignored) with a manifest of SHA-256s. Every question of the article (T1–T5, the sweeps) is asked of these photos.',
    '**The pipelines.** The article’s Python uses Pillow (`Image.thumbnail` with its default bicubic filter, then `save` at quality 75); Pillow is C code. The Node analog in pure JavaScript decodes with `jpeg-js`, shrinks with an area-averaging filter written here, and encodes with a small baseline encoder written here (quality 75, 4:2:0): jpeg-js’s own encoder rebuilds its tables on every call, ~20 ms, more than the thumbnail’s real encoding work. Thumbnail sizes follow Pillow’s rounding rule. `sharp` (libvips) is what a Node user would actually pick; it runs on the libuv thread pool.',
    '**Timing.** The article ran `time`, which counts interpreter start-up, imports and pool creation. Here wall time (real) and the user and sys CPU time of the whole process tree cover the work only; each pool’s start-up, for Python too, is timed apart (`startup_ms`), and loading sharp counts as its start-up. The article printed a line per photo; the peers here do not print.',
    '**Scale.** The comparison the article made (serial against a pool with one worker per core) runs on the full 1000 photos, with `comparison_repetitions` repetitions. The sweeps (worker counts, batch sizes, paths against bytes) run on the first `sweep_images` photos, a fifth of them in the full profile (the one parameter scaled down, by a factor of 5), so that the pure-JavaScript pipeline, ~15–20 ms a photo, fits the run. The camera set is scaled down the same way, in one parameter: its photo count, `camera_images`, a tenth of the comparison’s in the full profile (the report states the factor from the rows).',
    '**The static split.** A pool without a queue, measured in the same run: `node-split` starts one child process per core, waits until each has loaded, then hands each one equal share of the photos as a single task. No worker waits for a next task between photos, so what the split loses against the ideal (cores × the serial loop) is not dispatch: it is the host (cores that slow each other down, the serial loop’s own garbage collector and compiler threads that had the second core to themselves) and the imbalance of equal photo counts that are not equal work. A pool that beats the split has won back that imbalance by handing out photos as workers free up; one that trails it has paid for its dispatch.',
    '**sharp, four ways.** `node-sharp` is what a Node user writes first: file to file with sharp’s defaults. `node-sharp-buffers` runs the same pipeline on bytes (`fs.promises` reads and writes), so libvips never opens a file itself. `node-sharp-tuned` also sets sharp up as Pillow is (bicubic instead of lanczos3, standard Huffman tables instead of optimised ones) and reads and writes synchronously on the JavaScript thread, which otherwise only waits. `node-sharp-workers` runs the tuned pipeline inside worker threads (piscina), one photo per task. Each keeps one libvips thread per photo and sets `UV_THREADPOOL_SIZE` to the photos in flight; all run on the full set with one photo in flight per core, the tuned one with twice that too.',
    '**Stage by stage.** `node-sharp-stages` and `python-stages` are measurements, not ways to make thumbnails: each stage of a thumbnail (read, header, decode with and without shrink-on-load or `draft`, resize, encode, write, and the whole thumbnail several ways) is timed as its own call, one photo at a time, wall clock and the CPU of the whole process (libuv’s and libvips’ threads included), into the side table `stages.csv`. The stages take turns photo by photo (the order turns by one each photo), so a slow spell of the host falls on every stage alike; a first photo runs every stage once untimed. A sharp stage is one sharp call and carries the call’s fixed cost, measured on its own (`call`: an empty call on a 1 × 1 image). The shrink-on-load decode is a nearest-neighbour resize to the thumbnail’s size, which makes libvips pick the same JPEG shrink as the thumbnail and costs next to nothing beyond the decode.',
    '**Photo size.** A second set, `camera_images` photos at `camera_long_side` pixels on the long side (a camera export), is the same scenes drawn at more pixels (the same random draws; lengths in the scene scale, the grain stays per pixel) and written at quality 90. sharp’s ways and the article’s Pillow loop, process pool and thread pool run on it; the pure-JavaScript pipeline does not (jpeg-js decodes every pixel: seconds a photo). Pillow’s `draft` and libvips’ shrink-on-load decode at 1/2, 1/4 or 1/8 scale, so both gain with the source size.',
    '**T5.** Every pool trial checks that `map` handed the thumbnails back in the order of the photos. After the work, each process pool (and each Node pool) is sent one task whose input holds a function: Python cannot pickle a lambda, and Node’s structured clone (worker threads, and child processes with the `advanced` serialization) refuses a function with a `DataCloneError`; the trial records whether the pool refused it.',
  ].join('\n\n'),
});
