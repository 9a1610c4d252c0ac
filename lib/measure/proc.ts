// Linux /proc readers for a process tree. Plain synchronous reads: a tree of a
// few processes costs well under a millisecond, and no dependency is needed.

import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Clock ticks per second of /proc's utime/stime fields (USER_HZ). */
export const CLOCK_TICKS_PER_S = readTicksPerSecond();
export const PAGE_BYTES = readPageSize();

function readTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function readPageSize(): number {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
}

export interface ProcStat {
  pid: number;
  ppid: number;
  /** CPU of this process's threads, exited ones included, in ms. */
  utime_ms: number;
  stime_ms: number;
  /** CPU of its children that exited and were waited for (their whole subtrees), in ms. */
  cutime_ms: number;
  cstime_ms: number;
  rss_bytes: number;
}

/** Parse /proc/<pid>/stat; null when the process is gone. */
export function readStat(pid: number | 'self'): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const tick = 1000 / CLOCK_TICKS_PER_S;
  return {
    pid: pid === 'self' ? process.pid : pid,
    ppid: Number(f[1]),
    utime_ms: Number(f[11]) * tick,
    stime_ms: Number(f[12]) * tick,
    cutime_ms: Number(f[13]) * tick,
    cstime_ms: Number(f[14]) * tick,
    rss_bytes: Number(f[21]) * PAGE_BYTES,
  };
}

/** Direct children of a process, over all its threads (a worker thread may spawn too). */
export function childrenOf(pid: number): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tids) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1');
    } catch {
      continue;
    }
    for (const s of text.split(' ')) if (s.trim()) out.push(Number(s));
  }
  return out;
}

/** The pids of every live descendant of `pid`, depth first, not including `pid`. */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const stack = childrenOf(pid);
  while (stack.length > 0) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...childrenOf(p));
  }
  return out;
}

/** Sum of RSS over a process and its live descendants, in bytes. */
export function treeRssBytes(pid: number): { bytes: number; processes: number } {
  let bytes = 0;
  let processes = 0;
  for (const p of [pid, ...descendantsOf(pid)]) {
    const s = readStat(p);
    if (s) {
      bytes += s.rss_bytes;
      processes += 1;
    }
  }
  return { bytes, processes };
}

/** Whole-host CPU counters from the first line of /proc/stat, in ms summed over all cores. */
export interface HostCpu {
  busy_ms: number;
  idle_ms: number;
  steal_ms: number;
}

export function readHostCpu(): HostCpu {
  const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  const tick = 1000 / CLOCK_TICKS_PER_S;
  return {
    busy_ms: (user! + nice! + system! + irq! + softirq!) * tick,
    idle_ms: (idle! + iowait!) * tick,
    steal_ms: steal! * tick,
  };
}
