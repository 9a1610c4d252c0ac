// Article 003: where does Python 3.14's InterpreterPoolExecutor sit between
// thread and process pools? The article's four workloads at its three loads,
// its own Python as a peer on CPython 3.14, its version (thread, process and
// interpreter pools; the system's 3.11 thread and process pools beside them at
// the low load), and Node's analogs: the event loop, worker threads (isolates
// in one process, like interpreters) and child processes. The article's
// metrics are recomputed beside corrected ones. Beyond the article, a fifth
// workload, `disk`, whose file work waits on the disk (the article's io_heavy
// keeps a core busy instead; the `io_steps` side table times where its CPU
// goes). Apart, its rules of sharing, tested on both runtimes (the `sharing`
// side table; sharing.ts).

import { defineExperiment, type NodeStrategy, type PythonStrategy, type Scalar } from '../../lib/experiment/types.ts';
import type { ExecutorKind } from '../../lib/executors/index.ts';
import { IO_STEPS_COLUMNS, ioSteps } from './io-steps.ts';
import { PROFILES } from './params.ts';
import { runPayloadTrial } from './payload-trial.ts';
import { PAYLOAD_WORKLOAD, planCells } from './plan.ts';
import { runPoolTrial } from './pool-trial.ts';
import { asTableRows, probeNodeSharing, SHARING_COLUMNS } from './sharing.ts';

function node(name: string, kind: ExecutorKind & NodeStrategy['model'], description: string): NodeStrategy {
  return { name, runtime: 'node', model: kind, description, run: (t) => (t.point.workload === PAYLOAD_WORKLOAD ? runPayloadTrial(t, kind) : runPoolTrial(t, kind)) };
}

/** The start-up window of every pool, Python's and Node's: what `startup_ms` holds. */
const PY_STARTUP = 'Start-up (`startup_ms`, apart from the work) is the constructor and then a trivial task on every worker, so that each worker is running before the clock:';

const peer = (name: string, model: PythonStrategy['model'], description: string, options: Pick<PythonStrategy, 'python' | 'requires' | 'script'> = {}): PythonStrategy => ({
  name,
  runtime: 'python',
  model,
  description,
  ...options,
});

/** The article's version: the main Python strategies run on a CPython 3.14 (lib/peers/python.ts finds it; skipped, saying how to get one, where there is none). */
const PY314 = { python: '3.14' } as const;

export default defineExperiment({
  id: 'interpreter-pools',
  title: 'Interpreter pools between threads and processes, on four workloads',
  article: {
    author: 'unnamed author',
    title: 'I Benchmarked Python’s Concurrency Models So You Don’t Have To',
    venue: 'portfolio-7b4.pages.dev (blog)',
    date: 'undated (written for Python 3.14.0)',
    url: 'https://portfolio-7b4.pages.dev/blog/i-benchmarked-pythons-concurrency-models-so-you-dont-have-to/',
  },
  question:
    'Python 3.14 adds a pool of sub-interpreters, each with its own GIL, inside one process. On CPU, memory, file and network work, does it behave like a thread pool, like a process pool, or better than both? And is the article’s file work the kind of work it is named for?',
  claims: [
    { id: 'I1', text: 'On CPU work a thread pool of 4 reaches only about 0.25 “GIL efficiency” (CPU time over wall time × workers): one core’s worth, whatever the load.' },
    { id: 'I2', text: 'An interpreter pool of 4 reaches about 0.99 on the same measure: close to perfect parallelism.' },
    { id: 'I3', text: 'A process pool does run in parallel; it scores low only because of the way its CPU time is counted.' },
    { id: 'I4', text: 'On CPU and memory work, interpreters are as fast as processes or a little faster, since they cost less to run.' },
    { id: 'I5', text: 'On file and network work, threads give the most tasks per second; the set-up cost of processes and interpreters outweighs their parallelism.' },
    { id: 'I6', text: 'A process pool uses clearly more memory than the other models.' },
  ],
  profiles: PROFILES,
  pointColumns: { workload: 'string', load: 'string', n: 'int', workers: 'int', tasks: 'int' },
  metricColumns: {
    span_ms: 'number',
    shutdown_ms: 'number',
    article_cpu_ms: 'number',
    tree_cpu_ms: 'number',
    article_rss_bytes: 'number',
    isolation: 'string',
    isolation_message: 'string',
    server_requests: 'int',
    start_method: 'string',
    temp_fs: 'string',
  },
  // Every task of a point returns the same value, so the digest depends on the work and the task count only.
  resultDependsOn: ['workload', 'n', 'tasks'],
  services: [{ name: 'web', script: 'server.ts' }],
  strategies: [
    { ...node('node-event-loop', 'event-loop', 'Tasks as async functions on the main thread, up to `workers` in flight: the GIL-bound thread pool’s analog (file and socket waits overlap; JavaScript never runs two at once).'), label: 'Node event loop' },
    { ...node('node-worker-threads', 'worker-threads', 'A piscina pool of worker threads: one V8 isolate per thread in one process, values crossing by structured clone; the interpreter pool’s analog.'), label: 'Node worker threads' },
    { ...node('node-child-processes', 'child-processes', 'A pool of forked Node processes talking over IPC: the process pool’s analog.'), label: 'Node child processes' },
    { ...peer('python-threads', 'python-threads', `The article’s run_task (workloads.py) on a concurrent.futures.ThreadPoolExecutor on CPython 3.14; with 1 worker and 1 task it is the article’s baseline. ${PY_STARTUP} each thread held at a barrier until all exist.`, PY314), label: 'Python threads' },
    { ...peer('python-processes', 'python-processes', `The article’s run_task on a concurrent.futures.ProcessPoolExecutor on CPython 3.14, with its default start method on Linux, forkserver (metric \`start_method\`). ${PY_STARTUP} the forkserver’s own start, each worker forked from it and its import of workloads.py.`, PY314), label: 'Python processes' },
    { ...peer('python-interpreters', 'python-interpreters', `The article’s run_task on a concurrent.futures.InterpreterPoolExecutor on CPython 3.14: one sub-interpreter with its own GIL per worker thread, in one process. ${PY_STARTUP} the constructor starts nothing, and each interpreter is created on its first task, so start-up holds every interpreter’s creation, its initializer (putting the experiment’s folder on sys.path) and its import of workloads.py.`, { ...PY314, requires: ['concurrent.interpreters'] }), label: 'Python interpreter pool' },
    { ...peer('python311-threads', 'python-threads', 'The same thread pool on the system’s CPython 3.11 (no InterpreterPoolExecutor), at the low load only: how the two CPythons’ loops and GIL compare on the same machine.'), label: 'Python 3.11 threads' },
    { ...peer('python311-processes', 'python-processes', 'The same process pool on the system’s CPython 3.11, at the low load only: its default start method on Linux is fork (3.14’s is forkserver), which changes the start-up and which process reaps the workers (metric `start_method`).'), label: 'Python 3.11 processes' },
    { ...peer('python-sharing', 'python-interpreters', 'Not a workload: the article’s rules of sharing, tested on CPython 3.14. Each value (a function from __main__, a lambda, a closure, a bound method, a class instance, a large bytes, a dict of lists, a memoryview, a generator, a file, a socket; and in a `python -c` program whose __main__ cannot be imported again) is handed to an interpreter, a process and a thread pool of one worker, started first; what was accepted or refused, with which exception, is the `sharing` side table. No digest.', { ...PY314, requires: ['concurrent.interpreters'], script: 'sharing_peer.py' }), label: 'Python sharing probes' },
    {
      name: 'node-sharing',
      label: 'Node sharing probes',
      runtime: 'node',
      model: 'worker-threads',
      description: 'Not a workload: the same values as `python-sharing`, in Node — posted to a worker thread (structured clone, as piscina passes a task’s input) and sent to a child process over IPC with advanced serialization (as the child-process pool does); the rows join the `sharing` side table. No digest.',
      run: async (t) => t.table('sharing', asTableRows(await t.work(() => probeNodeSharing(Number(t.point.n))))),
    },
    { ...peer('python-io-steps', 'python-threads', 'Not a workload: where io_heavy’s CPU goes, on CPython 3.14. One task of `io_steps_mb` MiB cut into its steps — encode each MiB, write it (into the page cache), read the file back 8 KiB at a time, decode it, find the line break and join the one line — each timed with the CPU it took, then the whole task, `io_steps_rounds` times: the `io_steps` side table (workloads.py io_steps). No digest.', PY314), label: 'Python io_heavy steps' },
    {
      name: 'node-io-steps',
      label: 'Node io_heavy steps',
      runtime: 'node',
      model: 'event-loop',
      description: 'Not a workload: the same steps as `python-io-steps` in Node, on the APIs ioHeavy uses (Buffer.from, FileHandle.write, createReadStream, StringDecoder, readline), in the trial process; rows of the `io_steps` side table (io-steps.ts). No digest.',
      run: async (t) => t.table('io_steps', (await t.work(() => ioSteps(Number(t.point.n), Number(t.params.io_steps_rounds)))) as unknown as Record<string, Scalar>[]),
    },
  ],
  tables: { sharing: SHARING_COLUMNS, io_steps: IO_STEPS_COLUMNS },
  // Every cell, the 3.14 ones too: where no CPython 3.14 is found the runner records their rows as skipped, with the reason.
  plan: (params) => planCells(params),
  method: [
    'Each trial is the article’s `simulate()`: a pool of `workers` runs `tasks` copies of one workload, and its result (every task’s return value) is checked identical across strategies and runtimes at the same workload, argument and task count; a mismatch stops the run.',
    'The workloads are the article’s, translated line for line: a loop of n multiplications; an array of n integers built one append at a time and summed; a temporary file of n MiB of “a” written a MiB at a time and read back line by line (the article’s data has no newline, so that is one line of n MiB); n GETs of a page. **Deviations:** the page is served by a local server on 127.0.0.1 with a fixed latency (parameter `network_latency_ms`) in place of the public example.com, each GET on a new connection as `urlopen` makes; the temporary file is removed in a `finally`, also in the Python peer, so a failed task leaves nothing behind.',
    '**Two windows.** The article timed pool creation, work and shutdown together (its `with executor(...)` block). Here the work alone is `wall_ms`, the pool’s start-up is `startup_ms`, and the article’s whole window is `span_ms` (start-up + work + shutdown), with its CPU counted two ways: the article’s way (`article_cpu_ms`: this process plus the children still alive, as psutil sees them; the Python peer calls psutil itself where installed, and reads the same fields from /proc where not, as on the 3.14 here) and the whole tree’s (`tree_cpu_ms`: children that already exited included). The article’s own metrics are computed on the span; the corrected ones on the work alone.',
    '**Metrics.** As the article defines them: throughput = tasks ÷ wall; “GIL efficiency” = CPU ÷ (wall × workers); speed-up = wall of 1 task on 1 worker ÷ wall of the `tasks` tasks; efficiency = speed-up ÷ workers. Corrected: CPU of the whole tree; speed-up = tasks × wall of one task ÷ wall, so that perfect parallelism reads as the worker count and not 1; both efficiencies against min(workers, cores), the most this machine can give. The article’s speed-up divides by its runtime’s baseline (Python’s `ThreadPoolExecutor(1)` on the same CPython, as in the article — 3.11’s pools by 3.11’s; Node’s event loop); the corrected one by the same strategy’s own single task on a pool of one at the same load, measured as its own trials, so that a difference between two models’ single tasks does not read as parallelism (where that point is missing the report falls back to the runtime’s baseline and says so).',
    '**Beyond the article.** A sweep of workers (parameter `sweep_workers`) with as many tasks; Node also runs the cpu workload with n scaled up from the level `scaled_level` (parameter `cpu_node_scale`; `memory_node_scale` likewise for memory, 1 by default since Node builds arrays about as fast as CPython builds lists), because at the article’s n its loop is over in milliseconds, before a pool can show anything; the sweep uses that scaled load for Node. Each trial also passes a function to its pool once, after the work and outside every window, to record what the model’s isolation rule does with it.',
    '**Which Python.** The article ran CPython 3.14.0; the `python-*` strategies run on the CPython 3.14 that `make deps` provides (or `PYTHON314`, or `python3.14` on PATH; its path, version and origin are in run.json `software.pythons`). Where none is found their rows are recorded as skipped, with the reason, and the rest of the run goes on. `python311-*` run the same thread and process pools on the system’s CPython 3.11 at the low load only, beside them: the other CPython on the machine, whose process pool forks where 3.14’s uses a forkserver.',
    '**The rules of sharing.** The article lists what an interpreter pool refuses (functions from __main__, lambdas, closures, bound methods; class instances, files, sockets, generators “risky”) and calls it stricter than multiprocessing. `python-sharing` hands each of those values to an interpreter, a process and a thread pool of one on 3.14, and `node-sharing` posts the same values to a worker thread and sends them to a child process; the `sharing` side table records what crossed, with which exception, and what arrived (sharing.ts, which also judges each of the article’s rules on the interpreter pool’s rows). The large value’s size is parameter `sharing_bytes`.',
    '**File work that waits on the disk** (workload `disk`, beyond the article). The article’s io_heavy writes into the page cache and reads one line of up to 200 MiB back, which must be decoded: on this machine that keeps a core busy (its CPU share, below). `disk_heavy` writes n records of 1 MiB to a temporary file in the OS temp dir, each durable on the device before the next — opened with O_DIRECT (past the page cache) and O_DSYNC (a write returns once the device has it), from a page-aligned buffer (an anonymous mmap in Python, a WebAssembly memory in Node) — and returns the file’s size, the same in every model; Node writes through libuv’s pool, so the event loop overlaps tasks as Python’s threads do. Each io and disk trial records the file system its temporary files went to (metric `temp_fs`); the report warns where it is in memory (tmpfs), where a durable write waits on nothing. Loads: parameter `disk_mb`.',
    '**The CPU share of each workload**: the whole process tree’s CPU (user + system) over the wall time of one task on one worker of each runtime’s baseline (Node’s event loop, Python’s thread pool) at the heaviest level, in cores (and of the machine’s cores), geometric mean with its 95 % interval; that point runs `share_repetitions` times (3), so that the interval can decide. lib’s rule (lib/report/guide.ts) names the kind of work it measured — CPU-bound when the whole interval is above 0.5 of a core, waiting below 0.25, between the two part of each — and the decision guide files the workload’s row under it.',
    '**Where io_heavy’s CPU goes** (`python-io-steps`, `node-io-steps`, beyond the article): one task of `io_steps_mb` MiB cut into its steps — encode each MiB to UTF-8, write it into the file, read the file back in the chunks the task reads, decode them, find the line break and join the one line — each timed on its own with the process’s user and system CPU, then the whole task as written, `io_steps_rounds` times, in the trial process (the `io_steps` side table). Each step holds its whole output for the next where the task streams, so the steps together take more CPU than the task; their shares say where it goes.',
    '**The fixed cost of a pool** (workload `payload`, beyond the article). Each Node model and Python pool starts a pool of each size in `fixed_workers` (start-up as above: every worker running), holds it idle for `payload_idle_ms` so that the outside sampler has seen every worker (it looks for new processes every few reads), and then sends a payload to a task that returns it, `payload_rounds` times one after another; on a pool of one, each payload size in `payload_bytes` likewise. Start-up is `startup_ms`; idle memory the RSS of the whole tree just before the work (`rss_base_bytes`), and what one more worker adds the least-squares slope of it against the pool size, with its 95 % interval; a round trip the work’s wall time over the round trips. The payload is bytes (Python) or a Uint8Array (Node) of the same values, copied both ways: pickled to a process, sent to an interpreter, structured-cloned to a worker thread, serialized over IPC to a child process; a thread and the event loop pass a reference. Every returned payload’s sha256 is the digest, the same on every model.',
  ].join('\n\n'),
});
