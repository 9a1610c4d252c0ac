// The Node strategies: the article's serial loop, pools of worker threads and
// child processes fed file paths or photo bytes in batches, and sharp
// (libvips) as what a Node user would reach for, set up several ways (files or
// buffers, tuned like Pillow, inside worker threads), with a stage-by-stage
// breakdown of where its time goes. Each trial writes its thumbnails into a
// fresh temp folder, checks them, digests the check and removes the folder.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NodeStrategy, Point, PythonStrategy } from '../../lib/experiment/types.ts';
import { createExecutor, type Executor, type ExecutorKind } from '../../lib/executors/index.ts';
import type { TrialContext } from '../../lib/trial/context.ts';
import { batches } from './batches.ts';
import { checkThumbnails } from './outputs.ts';
import { photosInput, readPhotoNames } from './photo-set.ts';
import { configureSharp, inFlight, sharpThumbnail, type Sharp, type SharpPipeline } from './sharp-pipeline.ts';
import { longSideFor } from './sizes.ts';
import { nodeStages } from './stages.ts';
import { thumbnailFiles, type BytesItem } from './tasks.ts';
import { thumbnailName } from './thumbnail.ts';

/** What every trial works on: the photos' names and paths, and its own output folder. */
interface Job {
  names: string[];
  files: string[];
  outDir: string;
  /** The photos' long side, pixels. */
  longSide: number;
}

/** Run `body` on a fresh job; check, digest and clean up what it wrote. */
async function withJob(t: TrialContext, body: (job: Job) => Promise<string[]>): Promise<void> {
  const longSide = longSideFor(t.params, Number(t.point.images));
  const input = photosInput(longSide);
  const manifest = t.inputs[input];
  if (!manifest) throw new Error(`no '${input}' input for ${t.strategy}: prepare() must run first`);
  const names = readPhotoNames(manifest, Number(t.point.images));
  const files = names.map((n) => path.join(path.dirname(manifest), n));
  const outDir = mkdtempSync(path.join(os.tmpdir(), `thumbnails-${t.strategy}-`));
  t.metric('long_side', longSide);
  try {
    const returned = await body({ names, files, outDir, longSide });
    // T5: map hands results back in input order, whatever order the workers finished in.
    t.metric('order_kept', returned.length === names.length && returned.every((r, i) => r === thumbnailName(names[i]!)) ? 1 : 0);
    const check = checkThumbnails(outDir, names);
    t.metric('thumbnails', check.count);
    t.digest(check.canonical);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** A Buffer's bytes in an ArrayBuffer of their own, so it can be transferred alone. */
function ownBytes(buf: Uint8Array): Uint8Array {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? buf : new Uint8Array(buf);
}

/**
 * T5's other half: a pool takes only data it can copy. Send a task whose input
 * holds a function (Python's unpicklable lambda); 1 when the pool refuses it.
 */
async function probeUnclonable(pool: Executor): Promise<number> {
  try {
    await pool.map('thumbnailFiles', [{ files: [], outDir: os.tmpdir(), probe: () => 0 }]);
    return 0;
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (/DataCloneError|could not be cloned/i.test(text)) return 1;
    throw error;
  }
}

// ---- strategies -------------------------------------------------------------

export const nodeSerial: NodeStrategy = {
  name: 'node-serial',
  label: 'JS serial loop',
  runtime: 'node',
  model: 'serial',
  description: 'The article’s for loop: decode, shrink and encode each photo in turn on the main thread, in pure JavaScript.',
  run: (t) => withJob(t, (job) => t.work(() => thumbnailFiles({ files: job.files, outDir: job.outDir }))),
};

export function nodePool(kind: Extract<ExecutorKind, 'worker-threads' | 'child-processes'>): NodeStrategy {
  const label = kind === 'worker-threads' ? 'worker threads (piscina)' : 'child processes';
  return {
    name: kind === 'worker-threads' ? 'node-threads' : 'node-processes',
    label: kind === 'worker-threads' ? 'worker threads' : 'child processes',
    runtime: 'node',
    model: kind,
    description: `A pool of ${label} running the same pure-JavaScript pipeline: \`batch\` photos per task, given as file paths (the worker reads and writes) or as bytes (the main thread does the I/O; ${
      kind === 'worker-threads' ? 'the buffers are transferred, not copied' : 'the bytes are copied over IPC'
    }).`,
    run: (t) =>
      withJob(t, async ({ names, files, outDir }) => {
        const workers = Number(t.point.workers);
        const tasks = batches(files, Number(t.point.batch));
        const pool = await t.startup(() => createExecutor({ kind, workers, tasksUrl: t.tasksUrl }));
        try {
          const out = await t.work(async () => {
            if (t.point.transport === 'paths') {
              const parts = await pool.map<{ files: string[]; outDir: string }, string[]>('thumbnailFiles', tasks.map((f) => ({ files: f, outDir })));
              return parts.flat();
            }
            const inputs = tasks.map((f) => ({ items: f.map((file) => ({ name: path.basename(file), bytes: ownBytes(readFileSync(file)) })) }));
            const parts = await pool.map<{ items: BytesItem[] }, BytesItem[]>('thumbnailBytes', inputs, {
              transfer: (input) => input.items.map((i) => i.bytes.buffer as ArrayBuffer),
            });
            return parts.flat().map((thumb) => {
              writeFileSync(path.join(outDir, thumb.name), thumb.bytes);
              return thumb.name;
            });
          });
          t.metric('tasks', tasks.length);
          t.metric('busy_ms', Math.round(pool.stats().reduce((s, w) => s + w.busy_ms, 0) * 1000) / 1000);
          t.metric('unclonable_rejected', await probeUnclonable(pool));
          return out;
        } finally {
          await pool.close();
        }
      }),
  };
}

/** The share of photos each of `workers` processes gets in the static split: the whole set divided evenly. */
export const splitShare = (images: number, workers: number): number => Math.ceil(images / workers);

/**
 * The static split of the pure-JavaScript job, measured in the same run:
 * `workers` child processes, each handed one equal share of the photos in a
 * single task, so no worker waits for a next task between photos. What it
 * loses against `workers` × the serial loop is the host's; what a pool loses
 * against it is the pool's.
 */
export const nodeSplit: NodeStrategy = {
  name: 'node-split',
  label: 'static split',
  runtime: 'node',
  model: 'child-processes',
  description:
    'The static split: `workers` child processes, each given one equal share of the photos as a single task (`batch` = photos / workers), all started before the clock; no dispatch between photos.',
  run: (t) =>
    withJob(t, async ({ files, outDir }) => {
      const workers = Number(t.point.workers);
      const share = splitShare(files.length, workers);
      // The batch column must say what ran: the plan writes the share there.
      if (Number(t.point.batch) !== share) throw new Error(`node-split: batch must be ${share} (photos / workers), got ${String(t.point.batch)}`);
      const pool = await t.startup(() => createExecutor({ kind: 'child-processes', workers, tasksUrl: t.tasksUrl }));
      try {
        const out = await t.work(async () => {
          const parts = await pool.map<{ files: string[]; outDir: string }, string[]>('thumbnailFiles', batches(files, share).map((f) => ({ files: f, outDir })));
          return parts.flat();
        });
        t.metric('tasks', Math.ceil(files.length / share));
        t.metric('busy_ms', Math.round(pool.stats().reduce((s, w) => s + w.busy_ms, 0) * 1000) / 1000);
        return out;
      } finally {
        await pool.close();
      }
    }),
};

/** Load sharp as start-up (no other strategy pays for it), record its default libvips threads, then set one thread per photo. */
async function loadSharp(t: TrialContext): Promise<Sharp> {
  // Imported inside the trial, so loading libvips counts as start-up and no other strategy pays for it.
  const sharp = await t.startup(async () => (await import('sharp')).default);
  t.metric('sharp_default_threads', sharp.concurrency());
  configureSharp(sharp);
  return sharp;
}

const SHARP_WAYS: Record<SharpPipeline, { name: string; label: string; how: string }> = {
  files: { name: 'node-sharp', label: 'sharp', how: 'file to file with sharp’s defaults: `sharp(path).resize(128, 128, { fit: inside }).jpeg({ quality: 75 }).toFile(path)`' },
  buffers: {
    name: 'node-sharp-buffers',
    label: 'sharp, buffers',
    how: 'the same pipeline through memory: `fs.promises.readFile`, `sharp(bytes)…toBuffer()`, `fs.promises.writeFile`, so libvips never opens a file itself (given a path, it opens the file once for each loader it tries while it finds the one for it by name and content)',
  },
  tuned: {
    name: 'node-sharp-tuned',
    label: 'sharp, tuned',
    how: 'through memory and set up as Pillow is: bicubic (`kernel: cubic`), standard Huffman tables (`optimiseCoding: false`), the photo read and the thumbnail written with `readFileSync`/`writeFileSync` on the JavaScript thread, which otherwise only waits, instead of through the libuv pool that runs sharp',
  },
};

/** sharp with `workers` photos in flight from the one JavaScript thread, one libvips thread each; `UV_THREADPOOL_SIZE` = `workers`. */
export function nodeSharpWay(pipeline: SharpPipeline): NodeStrategy {
  const way = SHARP_WAYS[pipeline];
  return {
    name: way.name,
    label: way.label,
    runtime: 'node',
    model: 'native',
    description: `${pipeline === 'files' ? 'What a Node user would pick: `sharp` (libvips, native code on the libuv thread pool), ' : '`sharp`, '}${way.how}; \`workers\` photos in flight at once from the one JavaScript thread, one libvips thread per photo; \`UV_THREADPOOL_SIZE\` = \`workers\`.`,
    env: (point: Point) => ({ UV_THREADPOOL_SIZE: String(Math.max(1, Number(point.workers))) }),
    run: (t) =>
      withJob(t, async ({ names, files, outDir }) => {
        const sharp = await loadSharp(t);
        return t.work(async () => {
          await inFlight(files.length, Number(t.point.workers), (i) => sharpThumbnail(sharp, pipeline, files[i]!, path.join(outDir, thumbnailName(names[i]!))));
          return names.map(thumbnailName);
        });
      }),
  };
}

export const nodeSharp = nodeSharpWay('files');

/**
 * sharp inside worker threads: a piscina pool of `workers` threads, each
 * making the tuned thumbnail of one photo at a time; the threads share the
 * process's one libuv pool, of `workers` threads.
 */
export const nodeSharpWorkers: NodeStrategy = {
  name: 'node-sharp-workers',
  label: 'sharp in worker threads',
  runtime: 'node',
  model: 'worker-threads',
  description:
    'sharp inside worker threads: a pool of `workers` threads (piscina), each loading sharp at start-up and making the tuned thumbnail (as node-sharp-tuned) of one photo per task; the threads share the process’s libuv pool, `UV_THREADPOOL_SIZE` = `workers`.',
  env: (point: Point) => ({ UV_THREADPOOL_SIZE: String(Math.max(1, Number(point.workers))) }),
  run: (t) =>
    withJob(t, async ({ files, outDir }) => {
      const workers = Number(t.point.workers);
      const tasks = batches(files, Number(t.point.batch));
      const pool = await t.startup(async () => {
        const p = await createExecutor({ kind: 'worker-threads', workers, tasksUrl: t.tasksUrl });
        // One task per thread, held at a barrier until every thread has one: each loads sharp before the clock starts.
        const shared = new SharedArrayBuffer(4);
        await p.map<{ shared: SharedArrayBuffer; parties: number }, null>('loadSharp', Array.from({ length: workers }, () => ({ shared, parties: workers })));
        return p;
      });
      try {
        const out = await t.work(async () => (await pool.map<{ files: string[]; outDir: string }, string[]>('sharpThumbnails', tasks.map((f) => ({ files: f, outDir })))).flat());
        t.metric('tasks', tasks.length);
        t.metric('busy_ms', Math.round(pool.stats().reduce((s, w) => s + w.busy_ms, 0) * 1000) / 1000);
        return out;
      } finally {
        await pool.close();
      }
    }),
};

/**
 * Where sharp's time goes: every stage of a thumbnail as its own call, one
 * photo at a time (stages.ts), into the `stages` side table. The whole-files
 * stage writes the trial's thumbnails.
 */
export const nodeSharpStages: NodeStrategy = {
  name: 'node-sharp-stages',
  label: 'sharp, stage by stage',
  runtime: 'node',
  model: 'native',
  description:
    'Not a way to make thumbnails but a measurement: each stage of a sharp thumbnail (libuv round trip, an empty sharp call, read, header, decode with and without shrink-on-load, resize, encode, write, and the whole thumbnail several ways) timed as its own call, one photo at a time, wall and CPU of the whole process; the stages turn order photo by photo. `UV_THREADPOOL_SIZE` = 1.',
  env: () => ({ UV_THREADPOOL_SIZE: '1' }),
  run: (t) =>
    withJob(t, async ({ names, files, outDir, longSide }) => {
      const sharp = await loadSharp(t);
      const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'thumbnails-stages-scratch-'));
      try {
        const rows = await t.work(() => nodeStages({ sharp, files, outDir, scratchDir, longSide, outName: (file) => thumbnailName(path.basename(file)) }));
        t.table('stages', rows);
      } finally {
        rmSync(scratchDir, { recursive: true, force: true });
      }
      return names.map(thumbnailName);
    }),
};

const peer = (name: string, label: string, model: PythonStrategy['model'], description: string): PythonStrategy => ({ name, label, runtime: 'python', model, description, requires: ['PIL'] });

export const pythonStrategies: PythonStrategy[] = [
  peer('python-serial', 'Pillow serial loop', 'python-serial', 'The article’s thumbnails_1.py: a for loop over the photos calling Pillow’s `Image.thumbnail` and `save`.'),
  peer('python-processes', 'ProcessPoolExecutor', 'python-processes', 'The article’s thumbnails_2.py: `ProcessPoolExecutor(workers).map(make_image_thumbnail, files, chunksize=batch)`.'),
  peer('python-threads', 'ThreadPoolExecutor', 'python-threads', 'The same `map` on a `ThreadPoolExecutor`: Pillow releases the GIL while it decodes, resizes and encodes.'),
  peer(
    'python-stages',
    'Pillow, stage by stage',
    'python-serial',
    'Not a way to make thumbnails but a measurement: each stage of the article’s thumbnail (read, header, decode with and without `draft`, resize, encode, write, the whole) timed as its own call, one photo at a time, wall and CPU of the process, the order turning photo by photo.',
  ),
];

export const nodeStrategies: NodeStrategy[] = [
  nodeSerial,
  nodePool('worker-threads'),
  nodePool('child-processes'),
  nodeSplit,
  nodeSharp,
  nodeSharpWay('buffers'),
  nodeSharpWay('tuned'),
  nodeSharpWorkers,
  nodeSharpStages,
];

