// The executor factory: the one place that maps a kind to its implementation.

import type { Executor, ExecutorOptions } from './executor.ts';
import { createInProcessExecutor } from './in-process.ts';
import { createWorkerThreadsExecutor } from './worker-threads.ts';
import { createChildProcessesExecutor } from './child-processes.ts';

export * from './executor.ts';

export function createExecutor(options: ExecutorOptions): Promise<Executor> {
  switch (options.kind) {
    case 'serial':
    case 'event-loop':
      return createInProcessExecutor(options);
    case 'worker-threads':
      return createWorkerThreadsExecutor(options);
    case 'child-processes':
      return createChildProcessesExecutor(options);
    default:
      return Promise.reject(new Error(`unknown executor kind: ${String((options as ExecutorOptions).kind)} (valid: serial, event-loop, worker-threads, child-processes)`));
  }
}
