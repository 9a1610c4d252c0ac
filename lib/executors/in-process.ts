// Executors on the main thread: serial (one task after another) and the event
// loop (up to N tasks in flight, interleaving wherever a task awaits).

import { loadTasks, runTimed } from './task-module.ts';
import { StatsBook, validateWorkers, type Executor, type ExecutorOptions } from './executor.ts';

export async function createInProcessExecutor(options: ExecutorOptions): Promise<Executor> {
  const kind = options.kind;
  const workers = validateWorkers(kind, options.workers);
  await loadTasks(options.tasksUrl);
  const book = new StatsBook();
  return {
    kind,
    workers,
    async map<I, O>(task: string, inputs: readonly I[]): Promise<O[]> {
      const out = new Array<O>(inputs.length);
      let next = 0;
      let failed = false;
      // Each lane takes the next input when its task settles: a concurrency limit of `workers`.
      const lane = async (id: number) => {
        while (next < inputs.length && !failed) {
          const i = next++;
          try {
            const { value, busy_ms } = await runTimed(options.tasksUrl, task, inputs[i]);
            book.add(`${kind}-${id}`, busy_ms);
            out[i] = value as O;
          } catch (error) {
            failed = true; // the other lanes stop taking inputs, as a pool's map does
            throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: workers }, (_, id) => lane(id)));
      return out;
    },
    stats: () => book.list(),
    close: async () => {},
  };
}
