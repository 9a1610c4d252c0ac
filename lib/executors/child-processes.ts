// A pool of child processes with separate heaps, talking over IPC with the
// 'advanced' (structured clone) serialization: typed arrays and BigInt arrive
// intact and large buffers ~400× faster than JSON. Small and ours, so a child
// that crashes fails its tasks at once with a reason instead of hanging.

import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../paths.ts';
import { StatsBook, validateWorkers, type Executor, type ExecutorOptions, type TaskReply } from './executor.ts';

export type ChildRequest = { id: number; name: string; input: unknown };
export type ChildReply =
  | { ready: true }
  | { ready: false; error: string }
  | ({ id: number; ok: true } & TaskReply<unknown>)
  | { id: number; ok: false; error: string };

const ENTRY = path.join(ROOT, 'lib', 'executors', 'child-entry.mjs');

interface Pending {
  id: number;
  name: string;
  resolve: (reply: TaskReply<unknown>) => void;
  reject: (error: Error) => void;
}

interface Slot {
  child: ChildProcess;
  busy: Pending | null;
}

export async function createChildProcessesExecutor(options: ExecutorOptions): Promise<Executor> {
  const workers = validateWorkers('child-processes', options.workers);
  const book = new StatsBook();
  const queue: { request: ChildRequest; pending: Pending }[] = [];
  let nextId = 0;
  let closing = false;
  let broken: Error | null = null;

  const dispatch = () => {
    for (const slot of slots) {
      while (!slot.busy && queue.length > 0) {
        const { request, pending } = queue.shift()!;
        slot.busy = pending;
        try {
          slot.child.send(request);
        } catch (error) {
          // An input structured clone cannot carry (a function, say) throws here, not in the child: fail that task alone and free the slot.
          slot.busy = null;
          pending.reject(new Error(`task '${pending.name}': its input could not be sent to child process ${slot.child.pid}: ${(error as Error).message}`));
        }
      }
    }
  };

  const fail = (error: Error) => {
    broken ??= error;
    for (const s of slots) {
      s.busy?.reject(error);
      s.busy = null;
    }
    for (const q of queue.splice(0)) q.pending.reject(error);
  };

  const slots: Slot[] = [];
  const ready = Array.from({ length: workers }, () => {
    const child = fork(ENTRY, [options.tasksUrl], {
      serialization: 'advanced',
      // The task module is compiled JavaScript: no loader flags for the child.
      execArgv: [],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const slot: Slot = { child, busy: null };
    slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      child.on('message', (m: ChildReply) => {
        if ('ready' in m) return m.ready ? resolve() : reject(new Error(`child process ${child.pid} could not load ${options.tasksUrl}: ${m.error}`));
        const pending = slot.busy;
        if (!pending || pending.id !== m.id) return;
        slot.busy = null;
        if (m.ok) pending.resolve(m);
        else pending.reject(new Error(`task '${pending.name}' failed in child process ${child.pid}: ${m.error}`));
        dispatch();
      });
      child.on('exit', (code, signal) => {
        if (closing) return;
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const during = slot.busy ? ` while running task '${slot.busy.name}'` : '';
        const error = new Error(`child process ${child.pid} ${how}${during}`);
        reject(error);
        fail(error);
      });
      child.on('error', reject);
    });
  });
  try {
    await Promise.all(ready);
  } catch (error) {
    closing = true;
    for (const s of slots) s.child.kill('SIGKILL');
    throw error;
  }

  return {
    kind: 'child-processes',
    workers,
    async map<I, O>(task: string, inputs: readonly I[]): Promise<O[]> {
      if (broken) throw broken;
      const promises = inputs.map(
        (input) =>
          new Promise<TaskReply<unknown>>((resolve, reject) => {
            const id = nextId++;
            queue.push({ request: { id, name: task, input }, pending: { id, name: task, resolve, reject } });
          }),
      );
      dispatch();
      const replies = await Promise.all(promises);
      return replies.map((r) => {
        book.add(r.worker, r.busy_ms);
        return r.value as O;
      });
    },
    stats: () => book.list(),
    async close() {
      closing = true;
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
              s.child.once('exit', () => resolve());
              s.child.disconnect();
            }),
        ),
      );
    },
  };
}
