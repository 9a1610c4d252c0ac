// Worker threads via piscina: one V8 isolate per thread in this process;
// inputs and results cross by structured clone (or are moved when listed).

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { ROOT } from '../paths.ts';
import { StatsBook, validateWorkers, type Executor, type ExecutorOptions, type MapOptions, type TaskReply } from './executor.ts';

const ENTRY = pathToFileURL(path.join(ROOT, 'lib', 'executors', 'thread-entry.mjs')).href;

export async function createWorkerThreadsExecutor(options: ExecutorOptions): Promise<Executor> {
  const workers = validateWorkers('worker-threads', options.workers);
  const pool = new Piscina({
    filename: ENTRY,
    minThreads: workers,
    maxThreads: workers,
    // Idle threads must not be reaped mid-trial.
    idleTimeout: 2 ** 30,
    // One task per thread at a time, so a free thread is what takes the next task.
    concurrentTasksPerWorker: 1,
    // Threads inherit no loader flags: the task module is compiled JavaScript.
    execArgv: [],
  });
  const book = new StatsBook();
  // Start-up: every thread loads its task module and meets the others at a barrier.
  const shared = new SharedArrayBuffer(4);
  try {
    await Promise.all(
      Array.from({ length: workers }, () => pool.run({ url: options.tasksUrl, ready: { shared, parties: workers } })),
    );
  } catch (error) {
    await pool.destroy(); // a failed start must not leave threads behind
    throw error;
  }
  return {
    kind: 'worker-threads',
    workers,
    async map<I, O>(task: string, inputs: readonly I[], mapOptions: MapOptions<I> = {}): Promise<O[]> {
      const replies = await Promise.all(
        inputs.map((input) => {
          const transferList = mapOptions.transfer?.(input);
          return pool.run({ url: options.tasksUrl, name: task, input }, transferList ? { transferList } : {}) as Promise<TaskReply<O>>;
        }),
      );
      return replies.map((r) => {
        book.add(r.worker, r.busy_ms);
        return r.value;
      });
    },
    stats: () => book.list(),
    close: () => pool.destroy(),
  };
}
