// One interface for every way of running tasks, like concurrent.futures:
// map a named task from an experiment's tasks.ts over inputs with N workers.
// `createExecutor` resolves only once every worker has loaded the tasks, so
// timing it measures the whole start-up and timing `map` measures only work.

export type ExecutorKind = 'serial' | 'event-loop' | 'worker-threads' | 'child-processes';
export const EXECUTOR_KINDS: readonly ExecutorKind[] = ['serial', 'event-loop', 'worker-threads', 'child-processes'];

export interface ExecutorOptions {
  kind: ExecutorKind;
  /** file: URL of the module whose named exports are the tasks. */
  tasksUrl: string;
  /** Parallel workers (threads, processes) or, for the event loop, tasks in flight. Serial ignores it. */
  workers?: number;
  /** Environment of child processes. */
  env?: Record<string, string>;
}

export interface MapOptions<I> {
  /** For worker threads: buffers to move rather than copy with each input. */
  transfer?: (input: I) => ArrayBuffer[];
}

/** How one worker spent the work: which tasks it ran and for how long. */
export interface WorkerStats {
  worker: string;
  tasks: number;
  busy_ms: number;
}

export interface Executor {
  readonly kind: ExecutorKind;
  readonly workers: number;
  /** Run `task` on every input; results in input order. Rejects on the first failed task. */
  map<I, O>(task: string, inputs: readonly I[], options?: MapOptions<I>): Promise<O[]>;
  /** Per-worker busy time since the executor started. */
  stats(): WorkerStats[];
  close(): Promise<void>;
}

/** What a worker sends back for each task: the value and how long the task itself ran. */
export interface TaskReply<O> {
  value: O;
  busy_ms: number;
  worker: string;
}

export function validateWorkers(kind: ExecutorKind, workers: number | undefined): number {
  if (kind === 'serial') return 1;
  const n = workers ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new Error(`executor ${kind}: options.workers must be a positive integer (got ${workers})`);
  return n;
}

/** Accumulates per-worker busy time from task replies. */
export class StatsBook {
  #byWorker = new Map<string, WorkerStats>();
  add(worker: string, busy_ms: number): void {
    const s = this.#byWorker.get(worker) ?? { worker, tasks: 0, busy_ms: 0 };
    s.tasks += 1;
    s.busy_ms += busy_ms;
    this.#byWorker.set(worker, s);
  }
  list(): WorkerStats[] {
    return [...this.#byWorker.values()];
  }
}
