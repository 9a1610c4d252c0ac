// Article 004: does a CPU-bound computation speed up with threads or with
// processes? The article's factorizer, its Python run as a peer, and Node's
// analogs: the event loop (GIL-like interleaving on one thread), worker
// threads and child processes, each with the article's static chunks and
// with dynamic small-batch dispatch. The article's Python also runs on a
// CPython 3.14 beside the system's, with an interpreter pool added.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineExperiment, type Cell, type NodeStrategy, type Params, type Point, type PythonStrategy } from '../../lib/experiment/types.ts';
import { createExecutor, type ExecutorKind } from '../../lib/executors/index.ts';
import { ensureInputFile } from '../../lib/inputs/input-file.ts';
import { mulberry32, randomInt } from '../../lib/inputs/random.ts';
import type { TrialContext } from '../../lib/trial/context.ts';
import { factorizeBatch } from './tasks.ts';

// ---- inputs -----------------------------------------------------------------

/** A number set: the article's own, the reader's, or a multiple of the reader's. */
interface NumberSet {
  name: string;
  numbers: number;
  generate: () => number[];
}

export function numberSets(params: Params): NumberSet[] {
  const seed = Number(params.seed);
  const reader = Number(params.reader_numbers);
  const seeded = (count: number, salt: number) => () => {
    const random = mulberry32(seed + salt);
    return Array.from({ length: count }, () => randomInt(random, 1e9, 2e9));
  };
  const original = Number(params.original_numbers);
  return [
    // The author's published code: odd numbers upward from 999 999 999 999.
    { name: 'original', numbers: original, generate: () => Array.from({ length: original }, (_, i) => 999_999_999_999 + 2 * i) },
    // A reader's run in the comments: 10 000 numbers in [1e9, 2e9].
    { name: 'reader', numbers: reader, generate: seeded(reader, 0) },
    ...(params.reader_multiples as number[]).map((m) => ({ name: `reader-x${m}`, numbers: reader * m, generate: seeded(reader * m, m) })),
  ];
}

export function readNumbers(file: string): number[] {
  return readFileSync(file, 'utf8').trim().split('\n').map(Number);
}

/** The result in a form both runtimes print identically: unique numbers, ascending, with their factors. */
export function canonical(nums: readonly number[], factors: readonly (readonly number[])[]): string {
  const byNumber = new Map<number, readonly number[]>();
  nums.forEach((n, i) => byNumber.set(n, factors[i]!));
  return [...byNumber.keys()].sort((a, b) => a - b).map((n) => `${n}:${byNumber.get(n)!.join('*')}`).join('\n') + '\n';
}

// ---- how the work is split ----------------------------------------------------

/** The article's split: n chunks of ceil(len / n) numbers, in order. */
export function staticChunks<T>(items: readonly T[], n: number): T[][] {
  const size = Math.ceil(items.length / n);
  return Array.from({ length: n }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
}

/** Small batches handed to whichever worker is free: `perWorker` batches per worker on average. */
export function dynamicBatches<T>(items: readonly T[], workers: number, perWorker: number): T[][] {
  const size = Math.max(1, Math.ceil(items.length / (workers * perWorker)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---- strategies ---------------------------------------------------------------

function numbersOf(t: TrialContext): number[] {
  return readNumbers(t.inputs[`numbers-${t.point.set}`]!);
}

function finish(t: TrialContext, nums: number[], factors: number[][], busy: { worker: string; tasks: number; busy_ms: number }[]): void {
  t.digest(canonical(nums, factors));
  t.table('workers', busy.map((b, i) => ({ worker: i, tasks: b.tasks, busy_ms: Math.round(b.busy_ms * 1000) / 1000 })));
}

/** node-serial takes the batches a two-worker dynamic pool is handed: the pool every number set runs. */
export const SERIAL_BATCH_WORKERS = 2;

export function serialBatches<T>(items: readonly T[], params: Params): T[][] {
  return dynamicBatches(items, SERIAL_BATCH_WORKERS, Number(params.batches_per_worker));
}

/**
 * A dynamic pool's work, done in sequence on this one thread: each batch
 * factored by the workers' own task, and its result taken back as a worker hands
 * it over (a structured clone, as postMessage makes), then concatenated.
 *
 * Why not one `factorizeBatch(nums)`: with all its results alive, V8 may decide
 * (by GC timing) to pretenure the `[]` in factorizeNaive once the young
 * generation has grown to full size, which only the larger sets reach. That
 * deoptimizes factorizeNaive but not the OSR code of its loop, and from then on
 * nearly every call starts unoptimized and jumps into the OSR code: a slower
 * loop than a pool worker runs, whose batch results die young. Keeping plain
 * batch results, or the whole batch size of a one-worker pool, still let it
 * happen; cloned small batches did not (serial-cost.bench.ts measures all this).
 */
export function factorizeInSequence(batches: readonly (readonly number[])[]): number[][] {
  return batches.map((batch) => structuredClone(factorizeBatch(batch))).flat();
}

const serial: NodeStrategy = {
  name: 'node-serial',
  label: 'serial loop',
  runtime: 'node',
  model: 'serial',
  description:
    'One loop on the main thread (the article’s serial_factorizer), over a two-worker dynamic pool’s batches, each result cloned back as a worker’s is: a pool’s work per number, without the concurrency.',
  async run(t) {
    const nums = numbersOf(t);
    const batches = serialBatches(nums, t.params);
    let busy_ms = 0;
    const factors = await t.work(() => {
      const t0 = performance.now();
      const out = factorizeInSequence(batches);
      busy_ms = performance.now() - t0;
      return out;
    });
    finish(t, nums, factors, [{ worker: 'main', tasks: batches.length, busy_ms }]);
    t.metric('batches', batches.length);
  },
};

const eventLoop: NodeStrategy = {
  name: 'node-event-loop',
  label: 'event loop',
  runtime: 'node',
  model: 'event-loop',
  description: 'The article’s static chunks as async tasks on the one main thread, each yielding every switch interval: the GIL-bound threads’ analog.',
  async run(t) {
    const nums = numbersOf(t);
    const workers = Number(t.point.workers);
    const switchMs = Number(t.params.switch_interval_ms);
    const pool = await t.startup(() => createExecutor({ kind: 'event-loop', workers, tasksUrl: t.tasksUrl }));
    const chunks = staticChunks(nums, workers).map((c) => ({ nums: c, switchMs }));
    const parts = await t.work(() => pool.map<{ nums: number[] }, number[][]>('factorizeCooperative', chunks));
    finish(t, nums, parts.flat(), pool.stats());
  },
};

function pooled(kind: ExecutorKind, dispatch: 'static' | 'dynamic'): NodeStrategy {
  const label = kind === 'worker-threads' ? 'worker threads (piscina)' : 'child processes';
  return {
    name: `node-${kind === 'worker-threads' ? 'threads' : 'processes'}-${dispatch}`,
    label: `${kind === 'worker-threads' ? 'worker threads' : 'child processes'}, ${dispatch === 'static' ? 'static chunks' : 'dynamic batches'}`,
    runtime: 'node',
    model: kind,
    description:
      dispatch === 'static'
        ? `A pool of ${label}, one static chunk per worker, as the article splits the list.`
        : `A pool of ${label} taking small batches as each worker frees up (dynamic load balancing).`,
    async run(t) {
      const nums = numbersOf(t);
      const workers = Number(t.point.workers);
      const batches = dispatch === 'static' ? staticChunks(nums, workers) : dynamicBatches(nums, workers, Number(t.params.batches_per_worker));
      const pool = await t.startup(() => createExecutor({ kind, workers, tasksUrl: t.tasksUrl }));
      const parts = await t.work(() => pool.map<number[], number[][]>('factorizeBatch', batches));
      finish(t, nums, parts.flat(), pool.stats());
      t.metric('batches', batches.length);
      await pool.close();
    },
  };
}

const peer = (name: string, model: PythonStrategy['model'], description: string, label: string, options: Pick<PythonStrategy, 'python' | 'requires'> = {}): PythonStrategy => ({
  name,
  label,
  runtime: 'python',
  model,
  description,
  ...options,
});

/** The 2025 CPython: lib/peers/python.ts finds it; where there is none the runner records its rows as skipped, with the reason. */
const PY314 = { python: '3.14' } as const;
/** The python314-* peers, in plan order: the same points as the system Python's peers. */
const PY314_POOLS = ['python314-threads', 'python314-processes', 'python314-interpreters'] as const;

// ---- the experiment -------------------------------------------------------------

const base = { seed: 20120116, original_numbers: 300, reader_numbers: 10_000, switch_interval_ms: 5, batches_per_worker: 16, warmup: 1 };

export default defineExperiment({
  id: 'factorizer',
  title: 'Threads or processes for a CPU-bound factorizer',
  article: {
    author: 'Eli Bendersky',
    title: 'Python – parallelizing CPU-bound tasks with multiprocessing',
    venue: 'eli.thegreenplace.net',
    date: '2012-01-16',
    url: 'https://eli.thegreenplace.net/2012/01/16/python-parallelizing-cpu-bound-tasks-with-multiprocessing',
  },
  question: 'A naive factorizer over a fixed list of large numbers is pure CPU work. Does splitting the list over threads make it faster, and does splitting it over processes?',
  claims: [
    { id: 'F1', text: 'Threads make the factorizer slower than the serial loop, and each extra thread makes it slower still.' },
    { id: 'F2', text: 'Processes make it faster; 8 processes are the fastest, 3.1× the serial loop on 4 physical cores.' },
    { id: 'F3', text: '8 processes beat 4, although the machine has only 4 physical cores.' },
    { id: 'F4', text: 'Static chunks of uneven work keep the speed-up below the core count; balancing the load would help.' },
  ],
  profiles: {
    smoke: {
      description: 'Seconds: tiny number sets, 1 and 2 workers, one repetition. For tests and CI.',
      params: { ...base, original_numbers: 20, reader_numbers: 400, reader_multiples: [3], workers: [1, 2], event_loop_workers: [2], largest_event_loop_workers: [2], python_workers: [2], largest_workers: [2], python_sets: ['original', 'reader'], repetitions: 1, python314_repetitions: 1, warmup: 0 },
    },
    quick: {
      description: 'A first look in about half a minute: the author’s and the reader’s numbers at a fifth (60 and 2 000), every pool at 2 workers, Python on the 2 000, 2 repetitions (1 for the CPython 3.14 peers), too few for most verdicts. Intervals are wide; the published results are the full profile’s.',
      params: { ...base, original_numbers: 60, reader_numbers: 2_000, reader_multiples: [], workers: [2], event_loop_workers: [2], largest_event_loop_workers: [2], python_workers: [2], largest_workers: [2], python_sets: ['reader'], repetitions: 2, python314_repetitions: 1, warmup: 0 },
    },
    full: {
      description: 'The article’s scale and beyond: sets of 300, 10 000, 100 000 and 300 000 numbers; 5 repetitions. The worker sweep (1, 2, 4, 8) runs up to 100 000 numbers; 300 000 runs serial and each pool at 2 workers. The CPython 3.14 peers run at the system Python’s points (`python314_repetitions`, 5 like the rest), and decide no verdict. About 16–18 minutes on 2 cores, estimated (12 min before the 3.14 peers; the environment section gives this run’s start and end).',
      params: { ...base, reader_multiples: [10, 30], workers: [1, 2, 4, 8], event_loop_workers: [2, 4, 8], largest_event_loop_workers: [], python_workers: [2, 4, 8], largest_workers: [2], python_sets: ['original', 'reader'], repetitions: 5, python314_repetitions: 5 },
    },
  },
  pointColumns: { set: 'string', numbers: 'int', workers: 'int' },
  metricColumns: { batches: 'int', start_method: 'string', stdlib_bytecode: 'string' },
  tables: { workers: { worker: 'int', tasks: 'int', busy_ms: 'number' } },
  resultDependsOn: ['set'],
  strategies: [
    serial,
    eventLoop,
    pooled('worker-threads', 'static'),
    pooled('worker-threads', 'dynamic'),
    pooled('child-processes', 'static'),
    pooled('child-processes', 'dynamic'),
    peer('python-serial', 'python-serial', 'The article’s serial_factorizer.', 'Python serial loop'),
    peer('python-threads', 'python-threads', 'The article’s threaded_factorizer: threading.Thread per static chunk.', 'Python threads'),
    peer('python-processes', 'python-processes', 'The article’s mp_factorizer: multiprocessing.Process per static chunk, results through a Queue.', 'Python processes'),
    peer('python314-serial', 'python-serial', 'The same serial_factorizer on CPython 3.14: the baseline of the 3.14 pools.', 'Python 3.14 serial loop', PY314),
    peer('python314-threads', 'python-threads', 'The same threaded_factorizer on CPython 3.14.', 'Python 3.14 threads', PY314),
    peer('python314-processes', 'python-processes', 'The same mp_factorizer on CPython 3.14, whose default start method on Linux is forkserver (3.11’s is fork; metric `start_method`).', 'Python 3.14 processes', PY314),
    peer(
      'python314-interpreters',
      'python-interpreters',
      'mp_factorizer’s static chunks on a concurrent.futures.InterpreterPoolExecutor of as many sub-interpreters (each with its own GIL, in one process), on CPython 3.14; the worker function is in factorize.py, which each interpreter imports. Pool creation and shutdown are inside the timed call, as the article’s processes are.',
      'Python 3.14 interpreter pool',
      { ...PY314, requires: ['concurrent.interpreters'] },
    ),
  ],
  async prepare({ params, inputsDir, log }) {
    const files: Record<string, string> = {};
    const hashes: Record<string, string> = {};
    for (const set of numberSets(params)) {
      const file = path.join(inputsDir, `numbers-${set.name}.txt`);
      hashes[`numbers-${set.name}`] = ensureInputFile(file, () => set.generate().join('\n') + '\n', log);
      files[`numbers-${set.name}`] = file;
    }
    return { files, hashes, seed: Number(params.seed) };
  },
  plan(params) {
    const sets = numberSets(params);
    const largest = sets[sets.length - 1]!.name;
    const cells: Cell[] = [];
    const at = (strategy: string, set: NumberSet, workers: number): Cell => ({ strategy, point: { set: set.name, numbers: set.numbers, workers } satisfies Point });
    for (const set of sets) {
      const sweep = (set.name === largest ? params.largest_workers : params.workers) as number[];
      cells.push(at('node-serial', set, 1));
      const eventLoop = (set.name === largest ? params.largest_event_loop_workers : params.event_loop_workers) as number[];
      for (const w of eventLoop) cells.push(at('node-event-loop', set, w));
      for (const name of ['node-threads-static', 'node-threads-dynamic', 'node-processes-static', 'node-processes-dynamic']) {
        for (const w of sweep) cells.push(at(name, set, w));
      }
      if ((params.python_sets as string[]).includes(set.name)) {
        cells.push(at('python-serial', set, 1));
        for (const w of params.python_workers as number[]) cells.push(at('python-threads', set, w), at('python-processes', set, w));
        // CPython 3.14 at the same points, against its own serial loop; fewer repetitions, since no verdict reads them.
        const py314 = (cell: Cell): Cell => ({ ...cell, repetitions: Number(params.python314_repetitions) });
        cells.push(py314(at('python314-serial', set, 1)));
        for (const w of params.python_workers as number[]) for (const name of PY314_POOLS) cells.push(py314(at(name, set, w)));
      }
    }
    return cells;
  },
  method: [
    'Every strategy factors the same numbers, read from the same generated file, and its result is checked identical to every other strategy’s at that set (a SHA-256 of the sorted number → factors list); a mismatch stops the run.',
    'The factorizer is the article’s `factorize_naive`, translated line for line; Python 2’s `n = n / p` becomes `n // p`, and JavaScript’s `n / p` is exact here because p divides n and every number is below 2^53.',
    '**Deviations from the article.** The article timed thread and process creation together with the work; here the Node pools’ start-up is timed apart (column `startup_ms`) and shown separately, while the Python peers keep the article’s method (their `Thread`/`Process` creation is inside the timed call). The article ran on 4 hyper-threaded cores; this machine’s core count is in the environment section, and every “ideal” line uses it.',
    'The event-loop strategy is the GIL’s analog: the same static chunks run as async tasks on one thread, each yielding after the switch interval (5 ms, CPython’s default `sys.getswitchinterval()`), so they interleave but never run in parallel.',
    '**Which Python.** The article’s side of every claim is `python-*`, on the system’s CPython (the environment section gives its version). `python314-*` run the same peer.py on a CPython 3.14 (`make deps` provides it, or `PYTHON314`, or `python3.14` on PATH; run.json `software.pythons` records each interpreter, its version and origin) at the same sets and worker counts (`python_sets`, `python_workers`), each pool against 3.14’s own serial loop; where no 3.14 is found their rows are recorded as skipped, with the reason. 3.14 adds `python314-interpreters`: the article’s static chunks on an `InterpreterPoolExecutor`, created inside the timed call as the article’s processes are; its worker function and `factorize_naive`, which every Python strategy calls, are in the importable module factorize.py, as an interpreter pool requires. They are shown beside the article’s Python and never change a verdict. Every Python trial records whether its interpreter’s standard library had compiled bytecode (metric `stdlib_bytecode`): without it each new process and interpreter compiles the standard modules it imports from source, which adds to the pools’ start.',
  ].join('\n\n'),
});
