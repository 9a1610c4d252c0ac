// The Node strategies: the article's serial loop, pools of worker threads and
// child processes fed file paths or photo bytes in batches, and sharp
// (libvips) as what a Node user would reach for. Each trial writes its
// thumbnails into a fresh temp folder, checks them, digests the check and
// removes the folder.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NodeStrategy, Point, PythonStrategy } from '../../lib/experiment/types.ts';
import { createExecutor, type Executor, type ExecutorKind } from '../../lib/executors/index.ts';
import type { TrialContext } from '../../lib/trial/context.ts';
import { batches } from './batches.ts';
import { checkThumbnails } from './outputs.ts';
import { readPhotoNames } from './photo-set.ts';
import { thumbnailFiles, type BytesItem } from './tasks.ts';
import { THUMBNAIL, thumbnailName } from './thumbnail.ts';

/** What every trial works on: the photos' names and paths, and its own output folder. */
interface Job {
  names: string[];
  files: string[];
  outDir: string;
}

/** Run `body` on a fresh job; check, digest and clean up what it wrote. */
async function withJob(t: TrialContext, body: (job: Job) => Promise<string[]>): Promise<void> {
  const manifest = t.inputs.photos;
  if (!manifest) throw new Error(`no 'photos' input for ${t.strategy}: prepare() must run first`);
  const names = readPhotoNames(manifest, Number(t.point.images));
  const files = names.map((n) => path.join(path.dirname(manifest), n));
  const outDir = mkdtempSync(path.join(os.tmpdir(), `thumbnails-${t.strategy}-`));
  try {
    const returned = await body({ names, files, outDir });
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

export const nodeSharp: NodeStrategy = {
  name: 'node-sharp',
  label: 'sharp',
  runtime: 'node',
  model: 'native',
  description:
    'What a Node user would pick: `sharp` (libvips, native code on the libuv thread pool), `workers` photos in flight at once from the one JavaScript thread, one libvips thread per photo; `UV_THREADPOOL_SIZE` = `workers`.',
  env: (point: Point) => ({ UV_THREADPOOL_SIZE: String(Math.max(1, Number(point.workers))) }),
  run: (t) =>
    withJob(t, async ({ names, files, outDir }) => {
      // Imported inside the trial, so loading libvips counts as start-up and no other strategy pays for it.
      const sharp = await t.startup(async () => (await import('sharp')).default);
      t.metric('sharp_default_threads', sharp.concurrency());
      // One libvips thread per photo, so that `workers` alone sets the parallelism.
      sharp.concurrency(1);
      sharp.cache(false);
      const inFlight = Number(t.point.workers);
      return t.work(async () => {
        let next = 0;
        const lane = async () => {
          while (next < files.length) {
            const i = next++;
            await sharp(files[i]!)
              .resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, { fit: 'inside', withoutEnlargement: true })
              .jpeg({ quality: THUMBNAIL.quality })
              .toFile(path.join(outDir, thumbnailName(names[i]!)));
          }
        };
        await Promise.all(Array.from({ length: inFlight }, lane));
        return names.map(thumbnailName);
      });
    }),
};

const peer = (name: string, label: string, model: PythonStrategy['model'], description: string): PythonStrategy => ({ name, label, runtime: 'python', model, description, requires: ['PIL'] });

export const pythonStrategies: PythonStrategy[] = [
  peer('python-serial', 'Pillow serial loop', 'python-serial', 'The article’s thumbnails_1.py: a for loop over the photos calling Pillow’s `Image.thumbnail` and `save`.'),
  peer('python-processes', 'ProcessPoolExecutor', 'python-processes', 'The article’s thumbnails_2.py: `ProcessPoolExecutor(workers).map(make_image_thumbnail, files, chunksize=batch)`.'),
  peer('python-threads', 'ThreadPoolExecutor', 'python-threads', 'The same `map` on a `ThreadPoolExecutor`: Pillow releases the GIL while it decodes, resizes and encodes.'),
];

export const nodeStrategies: NodeStrategy[] = [nodeSerial, nodePool('worker-threads'), nodePool('child-processes'), nodeSplit, nodeSharp];

