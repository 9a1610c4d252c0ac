// Two ways to count the CPU a pool used, read side by side in the trial.
//
// The article's get_total_cpu_time() (psutil): this process's user + system
// time (all its threads) plus the user + system time of each child still
// alive at the moment of reading. A child process that exited before the
// reading is not seen, so a process pool that is shut down before the final
// reading loses all its workers' CPU: the artifact behind claim I3.
//
// The corrected count (lib/measure/tree-cpu.ts, what the harness records):
// the same plus the children that already exited and were reaped.

import { descendantsOf, readStat } from '../../lib/measure/proc.ts';
import { readTreeCpu } from '../../lib/measure/tree-cpu.ts';

/** CPU as the article counts it, in ms: this process plus its live descendants, exited ones lost. */
export function articleCpuMs(): number {
  const self = process.resourceUsage();
  let ms = (self.userCPUTime + self.systemCPUTime) / 1000;
  for (const pid of descendantsOf(process.pid)) {
    const s = readStat(pid);
    if (s) ms += s.utime_ms + s.stime_ms;
  }
  return ms;
}

/** CPU of the whole tree, in ms: this process, its live descendants and every child already reaped. */
export function treeCpuMs(): number {
  const c = readTreeCpu();
  return c.user_ms + c.sys_ms;
}

/** CPU of this process alone (all its threads), in ms, at microsecond resolution: cheap enough to read anywhere. */
export function selfCpuMs(): number {
  const self = process.resourceUsage();
  return (self.userCPUTime + self.systemCPUTime) / 1000;
}

interface Counts {
  self_ms: number;
  article_ms: number;
  tree_ms: number;
}

function readCounts(): Counts {
  return { self_ms: selfCpuMs(), article_ms: articleCpuMs(), tree_ms: treeCpuMs() };
}

export interface SpanReading {
  /** Time inside the measured segments. */
  span_ms: number;
  article_cpu_ms: number;
  tree_cpu_ms: number;
}

/**
 * The article's measurement window (pool creation, work, shutdown), taken as
 * segments so that what the harness does between and around them is left
 * out. Each count's differences add up over the segments exactly as one
 * reading before and one after would: a child's CPU counted while it lives
 * drops out of the article's count when it exits, and moves to the reaped
 * children in the tree's.
 */
export class SpanMeter {
  #span_ms = 0;
  #article_ms = 0;
  #tree_ms = 0;

  /** Measure `fn` as one segment. */
  async segment<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.wrapped((inner) => inner(), fn);
  }

  /**
   * Measure `fn`, run inside `wrap` (the harness's t.work): the /proc
   * readings stay outside the harness's window, and the CPU this process
   * spends in `wrap` around `fn` (the harness's own probes, while the pool
   * idles) is taken back out of both counts.
   */
  async wrapped<T>(wrap: (inner: () => Promise<T>) => Promise<T>, fn: () => T | Promise<T>): Promise<T> {
    const before = readCounts();
    let inner0 = 0;
    let inner1 = 0;
    let t0 = 0;
    let t1 = 0;
    try {
      return await wrap(async () => {
        inner0 = selfCpuMs();
        t0 = performance.now();
        try {
          return await fn();
        } finally {
          t1 = performance.now();
          inner1 = selfCpuMs();
        }
      });
    } finally {
      const after = readCounts();
      const around = inner0 - before.self_ms + (after.self_ms - inner1);
      this.#span_ms += t1 - t0;
      this.#article_ms += after.article_ms - before.article_ms - around;
      this.#tree_ms += after.tree_ms - before.tree_ms - around;
    }
  }

  reading(): SpanReading {
    return { span_ms: this.#span_ms, article_cpu_ms: this.#article_ms, tree_cpu_ms: this.#tree_ms };
  }
}
