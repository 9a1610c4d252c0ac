// CPU time of the calling thread, from the scheduler's own account
// (/proc/thread-self/sched, se.sum_exec_runtime, in ms with µs precision).
// The event loop's processing all happens on the main thread, so this is the
// client's own processing time without V8's compiler and GC helper threads,
// which the whole-tree CPU counts. Null where the kernel does not expose it.

import fs from 'node:fs';

const FIELD = /^se\.sum_exec_runtime\s*:\s*([\d.]+)/m;

export function threadCpuMs(): number | null {
  try {
    const m = FIELD.exec(fs.readFileSync('/proc/thread-self/sched', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
