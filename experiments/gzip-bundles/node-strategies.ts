// Node's ways to gzip a bundle, each a trial body: the serial loop, async
// zlib on the libuv thread pool (the analog of Python threads running zlib,
// which releases the GIL), worker threads, child processes, the pigz-style
// block-parallel compressor, pigz itself, and the upload twist. Every one
// reads the bundle into memory first (as the service holds an uploaded zip's
// files), starts its pool apart from the clock, and records the gzipped
// sizes, whose digest must match every other strategy of the same codec.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { NodeStrategy, Point } from '../../lib/experiment/types.ts';
import { createExecutor, type Executor, type ExecutorKind } from '../../lib/executors/index.ts';
import type { TrialContext } from '../../lib/trial/context.ts';
import { checkRoundTrip, crc32, joinBlocks, splitBlocks } from './block-gzip.ts';
import { readBundle, type LoadedBundle } from './inputs.ts';
import { gzipSize, gzipSizeAsync, type BlockInput, type GzipInput } from './tasks.ts';
import { storeStats, uploadBundle, type ConnectionMode } from './upload.ts';

/** The result every strategy computes: each file's gzipped size, by name. */
export function canonicalSizes(names: readonly string[], sizes: readonly number[]): string {
  if (names.length !== sizes.length) throw new Error(`canonicalSizes: ${names.length} names but ${sizes.length} sizes`);
  return names.map((n, i) => `${n}:${sizes[i]}`).sort().join('\n') + '\n';
}

const level = (t: TrialContext) => Number(t.point.level);
const workers = (t: TrialContext) => Number(t.point.workers);

function load(t: TrialContext): LoadedBundle {
  const dir = t.inputs[String(t.point.bundle)];
  if (!dir) throw new Error(`no input for bundle ${t.point.bundle} (inputs: ${Object.keys(t.inputs).join(', ')})`);
  return readBundle(dir);
}

/** t.work, plus the CPU of this process alone (all its threads, no children): the parent's share. */
async function work<T>(t: TrialContext, fn: () => T | Promise<T>): Promise<T> {
  let parent_ms = 0;
  const value = await t.work(async () => {
    const c0 = process.cpuUsage();
    const v = await fn();
    const c = process.cpuUsage(c0);
    parent_ms = (c.user + c.system) / 1000;
    return v;
  });
  t.metric('parent_cpu_ms', Math.round(parent_ms * 10) / 10);
  return value;
}

function finish(t: TrialContext, bundle: LoadedBundle, sizes: readonly number[]): void {
  t.digest(canonicalSizes(bundle.names, sizes));
  t.metric('gzip_bytes', sizes.reduce((s, x) => s + x, 0));
}

function recordWorkers(t: TrialContext, pool: Executor): void {
  t.table('workers', pool.stats().map((s, i) => ({ worker: i, tasks: s.tasks, busy_ms: Math.round(s.busy_ms * 1000) / 1000 })));
}

/** Async zlib calls in flight per libuv thread: enough that a thread never waits for the main thread. */
const inFlight = (t: TrialContext) => workers(t) * Number(t.params.in_flight_per_thread);

/** The libuv pool is sized before the trial process starts: UV_THREADPOOL_SIZE is read once, at first use. */
const uvEnv = (point: Point) => ({ UV_THREADPOOL_SIZE: String(point.workers) });

/** Starts every libuv thread (they are created together, on the first request) before the clock runs. */
async function libuvPool(t: TrialContext): Promise<Executor> {
  return t.startup(async () => {
    const pool = await createExecutor({ kind: 'event-loop', workers: inFlight(t), tasksUrl: t.tasksUrl });
    await gzipSizeAsync({ data: new Uint8Array(1), level: level(t) });
    return pool;
  });
}

// ---- the article's strategies, in Node ---------------------------------------------------

export const serial: NodeStrategy = {
  name: 'node-serial',
  label: 'Node serial',
  runtime: 'node',
  model: 'serial',
  description: 'zlib.gzipSync on the main thread, one file after another (the article’s f1).',
  async run(t) {
    const bundle = load(t);
    const sizes = await work(t, () => bundle.payloads.map((data) => gzipSize({ data, level: level(t) })));
    finish(t, bundle, sizes);
  },
};

export const libuv: NodeStrategy = {
  name: 'node-libuv',
  label: 'async zlib on the libuv pool',
  runtime: 'node',
  model: 'libuv-pool',
  description: 'Async zlib.gzip for every file from the main thread, run on the libuv thread pool of UV_THREADPOOL_SIZE threads (the analog of the article’s ThreadPoolExecutor: zlib releases the GIL).',
  env: uvEnv,
  async run(t) {
    const bundle = load(t);
    const pool = await libuvPool(t);
    const inputs: GzipInput[] = bundle.payloads.map((data) => ({ data, level: level(t) }));
    const sizes = await work(t, () => pool.map<GzipInput, number>('gzipSizeAsync', inputs));
    t.metric('in_flight', inFlight(t));
    finish(t, bundle, sizes);
  },
};

/** A buffer a worker can take over: a Buffer may share its memory with others, so copy those. */
const owned = (b: Buffer): Uint8Array => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b));

function pooled(kind: Extract<ExecutorKind, 'worker-threads' | 'child-processes'>): NodeStrategy {
  const threads = kind === 'worker-threads';
  return {
    name: threads ? 'node-threads' : 'node-processes',
    label: threads ? 'worker threads' : 'child processes',
    runtime: 'node',
    model: kind,
    description: threads
      ? 'A piscina pool of worker threads running zlib.gzipSync; each file’s bytes are moved (transferred), not copied.'
      : 'A pool of child processes running zlib.gzipSync; each file’s bytes are copied over IPC (structured clone), as the article’s process pools pickle them.',
    async run(t) {
      const bundle = load(t);
      const inputs: GzipInput[] = bundle.payloads.map((data) => ({ data: threads ? owned(data) : data, level: level(t) }));
      const pool = await t.startup(() => createExecutor({ kind, workers: workers(t), tasksUrl: t.tasksUrl }));
      const transfer = threads ? (i: GzipInput) => [i.data.buffer as ArrayBuffer] : undefined;
      const sizes = await work(t, () => pool.map<GzipInput, number>('gzipSize', inputs, { transfer }));
      finish(t, bundle, sizes);
      recordWorkers(t, pool);
      await pool.close();
    },
  };
}

export const threads = pooled('worker-threads');
export const processes = pooled('child-processes');

// ---- what readers asked for: parallel blocks and pigz ------------------------------------

export const blocks: NodeStrategy = {
  name: 'node-blocks',
  label: 'parallel blocks',
  runtime: 'node',
  model: 'libuv-pool',
  description: 'pigz’s method in Node: every file cut into blocks (each primed with the 32 KiB before it), deflated in parallel on the libuv pool and joined into one gzip stream per file; round-trip checked.',
  env: uvEnv,
  async run(t) {
    const bundle = load(t);
    const blockBytes = Number(t.params.block_kb) * 1024;
    const pool = await libuvPool(t);
    const perFile = bundle.payloads.map((data) => splitBlocks(data, blockBytes, level(t)));
    const outputs = await work(t, async () => {
      const deflated = pool.map<BlockInput, Buffer>('deflateBlock', perFile.flat());
      // The main thread is free while the pool deflates: the CRCs are computed meanwhile, a file at a time.
      const crcs: number[] = [];
      for (const data of bundle.payloads) {
        crcs.push(crc32(data));
        await yieldToLoop();
      }
      const pieces = await deflated;
      let next = 0;
      return perFile.map((fileBlocks, i) => joinBlocks(level(t), pieces.slice(next, (next += fileBlocks.length)), crcs[i]!, bundle.payloads[i]!.length));
    });
    bundle.payloads.forEach((data, i) => checkRoundTrip(bundle.names[i]!, data, outputs[i]!));
    t.metric('blocks', perFile.reduce((s, b) => s + b.length, 0));
    t.metric('in_flight', inFlight(t));
    finish(t, bundle, outputs.map((o) => o.length));
  },
};

/** pigz on one file: its gzip stream on stdout. */
function pigzFile(file: string, level: number, threads: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('pigz', [`-${level}`, '-p', String(threads), '-n', '-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => reject(new Error(`pigz could not start (${e.message}): install it (apt-get install pigz)`)));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`pigz exited with ${code} on ${file}: ${err.trim()}`))));
  });
}

export const pigz: NodeStrategy = {
  name: 'pigz',
  label: 'pigz',
  runtime: 'node',
  model: 'external',
  description: 'The pigz program, started once per file with -p threads (it splits each file into 128 KiB blocks); its processes’ CPU counts in the trial; round-trip checked.',
  async run(t) {
    const dir = t.inputs[String(t.point.bundle)]!;
    const bundle = load(t); // for the round-trip check, and so the files are in the page cache
    const outputs = await work(t, async () => {
      const out: Buffer[] = [];
      for (const name of bundle.names) out.push(await pigzFile(path.join(dir, name), level(t), workers(t)));
      return out;
    });
    bundle.payloads.forEach((data, i) => checkRoundTrip(bundle.names[i]!, data, outputs[i]!));
    finish(t, bundle, outputs.map((o) => o.length));
  },
};

// ---- the upload twist ----------------------------------------------------------------------

function upload(mode: ConnectionMode): NodeStrategy {
  const labels: Record<ConnectionMode, string> = { serial: 'one connection, one file at a time', shared: 'shared keep-alive agent', 'per-request': 'new connection per request' };
  const words: Record<ConnectionMode, string> = {
    serial: 'one file at a time over one keep-alive connection (the serial loop with its one client)',
    shared: 'files in flight sharing one keep-alive agent of max_sockets connections (threads sharing one client)',
    'per-request': 'files in flight, each request on a new TCP connection (process pools, whose client cannot be shared)',
  };
  return {
    name: `node-upload-${mode}`,
    label: labels[mode],
    runtime: 'node',
    model: 'event-loop',
    description: `Gzip (async zlib), HEAD and PUT per file against the local S3-like store: ${words[mode]}.`,
    async run(t) {
      const bundle = load(t);
      const s3 = t.services.s3;
      if (!s3) throw new Error('the s3 service is not running: the runner starts it from experiment.ts services');
      const tag = randomUUID();
      const sizes = await work(t, () =>
        uploadBundle(bundle.names, bundle.payloads, {
          url: s3.url, tag, mode, level: level(t), in_flight: workers(t), max_sockets: Number(t.params.max_sockets),
        }),
      );
      const stats = await storeStats(s3.url, tag);
      const gz = sizes.reduce((s, x) => s + x, 0);
      if (stats.requests !== 2 * bundle.names.length || stats.put_bytes !== gz) {
        throw new Error(`the store saw ${stats.requests} requests and ${stats.put_bytes} bytes; expected ${2 * bundle.names.length} and ${gz}`);
      }
      t.metric('connections', stats.connections);
      t.metric('requests', stats.requests);
      finish(t, bundle, sizes);
    },
  };
}

export const uploads = (['serial', 'shared', 'per-request'] as const).map(upload);
