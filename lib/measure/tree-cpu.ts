// CPU time of the current process tree at one instant: this process (all its
// threads, exited ones included), its children that already exited, and every
// live descendant. The difference of two readings is the CPU the whole tree
// spent in between, whatever ran it: a worker thread, a libuv thread, a child.

import { descendantsOf, readStat } from './proc.ts';

export interface CpuReading {
  user_ms: number;
  sys_ms: number;
}

export function readTreeCpu(): CpuReading {
  // getrusage(RUSAGE_SELF) has microsecond resolution, /proc only clock ticks.
  const self = process.resourceUsage();
  let user = self.userCPUTime / 1000;
  let sys = self.systemCPUTime / 1000;
  const me = readStat('self');
  if (me) {
    user += me.cutime_ms;
    sys += me.cstime_ms;
  }
  for (const pid of descendantsOf(process.pid)) {
    const s = readStat(pid);
    if (!s) continue; // exited between listing and reading: it shows up in cutime next time
    user += s.utime_ms + s.cutime_ms;
    sys += s.stime_ms + s.cstime_ms;
  }
  return { user_ms: user, sys_ms: sys };
}

export function cpuBetween(a: CpuReading, b: CpuReading): CpuReading {
  return { user_ms: b.user_ms - a.user_ms, sys_ms: b.sys_ms - a.sys_ms };
}
