import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOCK_TICKS_PER_S, childrenOf, descendantsOf, PAGE_BYTES, readHostCpu, readStat, treeRssBytes } from './proc.ts';

/** Poll `check` until it returns true or `ms` pass. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Spin until this process has used `ms` more CPU, however busy the host is. */
function burnCpu(ms: number): void {
  const start = process.cpuUsage();
  let x = 0;
  for (let used = 0; used < ms; ) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + i);
    const c = process.cpuUsage(start);
    used = (c.user + c.system) / 1000;
  }
  if (x < 0) throw new Error('unreachable');
}

const started: ChildProcess[] = [];
afterEach(() => {
  // Each child leads its own process group: kill the group, grandchildren included.
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function startShellWithSleep(): ChildProcess {
  const child = spawn('sh', ['-c', 'sleep 5 & wait'], { detached: true, stdio: 'ignore' });
  started.push(child);
  return child;
}

describe('readStat', () => {
  it("readStat('self') reads this process: its pid, parent, CPU so far and resident memory", () => {
    burnCpu(30);
    const s = readStat('self')!;
    expect(s.pid).toBe(process.pid);
    expect(s.ppid).toBe(process.ppid);
    expect(s.utime_ms + s.stime_ms).toBeGreaterThan(0);
    expect(s.cutime_ms).toBeGreaterThanOrEqual(0);
    expect(s.cstime_ms).toBeGreaterThanOrEqual(0);
    // Within a factor of two of what Node reports (the two reads are not simultaneous).
    const rss = process.memoryUsage.rss();
    expect(s.rss_bytes).toBeGreaterThan(rss / 2);
    expect(s.rss_bytes).toBeLessThan(rss * 2);
    expect(s.rss_bytes % PAGE_BYTES).toBe(0);
  });

  it("readStat('self') counts CPU in whole clock ticks", () => {
    const s = readStat('self')!;
    const tick = 1000 / CLOCK_TICKS_PER_S;
    expect(Math.abs(s.utime_ms / tick - Math.round(s.utime_ms / tick))).toBeLessThan(1e-6);
  });

  it("readStat('self') CPU grows as this process works", () => {
    const a = readStat('self')!;
    burnCpu(100);
    const b = readStat('self')!;
    expect(b.utime_ms + b.stime_ms).toBeGreaterThan(a.utime_ms + a.stime_ms);
  });

  it('readStat(pid) reads a process whose name has spaces and parentheses', async () => {
    // Node sets the kernel's name of the process (comm, 15 bytes at most) from process.title.
    const child = spawn(process.execPath, ['-e', "process.title = 'a) b (c'; setTimeout(() => {}, 5000)"], { detached: true, stdio: 'ignore' });
    started.push(child);
    await until(() => readFileSync(`/proc/${child.pid}/stat`, 'latin1').startsWith(`${child.pid} (a) b (c) `));
    const s = readStat(child.pid!)!;
    expect(s.pid).toBe(child.pid);
    expect(s.ppid).toBe(process.pid);
    expect(s.rss_bytes).toBeGreaterThan(1024 * 1024);
    expect(s.rss_bytes % PAGE_BYTES).toBe(0);
  });

  it('readStat(pid) is null for a process that does not exist', () => {
    expect(readStat(2 ** 22 + 12345)).toBeNull();
  });
});

describe('descendantsOf', () => {
  it('descendantsOf(pid) sees a spawned child and its grandchild', async () => {
    const before = descendantsOf(process.pid);
    const shell = startShellWithSleep();
    let found: number[] = [];
    await until(() => {
      found = descendantsOf(process.pid).filter((p) => !before.includes(p));
      return found.length >= 2;
    });
    expect(found).toContain(shell.pid);
    const grandchild = found.find((p) => p !== shell.pid)!;
    expect(readStat(grandchild)!.ppid).toBe(shell.pid);
    expect(childrenOf(shell.pid!)).toEqual([grandchild]);
    expect(descendantsOf(shell.pid!)).toEqual([grandchild]);
  });

  it('descendantsOf(pid) no longer lists a tree once it is killed and reaped', async () => {
    const shell = startShellWithSleep();
    await until(() => descendantsOf(shell.pid!).length === 1);
    const tree = [shell.pid!, ...descendantsOf(shell.pid!)];
    const exited = new Promise((r) => shell.once('exit', r));
    process.kill(-shell.pid!, 'SIGKILL');
    await exited;
    // The orphaned grandchild is reaped by init, not by us: allow it a moment.
    await until(() => !descendantsOf(process.pid).some((p) => tree.includes(p)));
  });

  it('descendantsOf(pid) of a process that does not exist is empty', () => {
    expect(descendantsOf(2 ** 22 + 12345)).toEqual([]);
  });
});

describe('treeRssBytes', () => {
  it('treeRssBytes(pid) counts a process and its descendants', async () => {
    const shell = startShellWithSleep();
    // Wait until the grandchild has exec'd sleep and mapped it (its RSS is 0 during the exec).
    const sleeping = () => {
      const [grandchild] = descendantsOf(shell.pid!);
      return grandchild !== undefined && readFileSync(`/proc/${grandchild}/comm`, 'latin1').trim() === 'sleep' && readStat(grandchild)!.rss_bytes > 0;
    };
    await until(sleeping);
    const tree = treeRssBytes(shell.pid!);
    expect(tree.processes).toBe(2);
    expect(tree.bytes).toBeGreaterThan(readStat(shell.pid!)!.rss_bytes);
    expect(treeRssBytes(process.pid).bytes).toBeGreaterThan(readStat('self')!.rss_bytes);
  });

  it('treeRssBytes(pid) of a process that does not exist is zero bytes in zero processes', () => {
    expect(treeRssBytes(2 ** 22 + 12345)).toEqual({ bytes: 0, processes: 0 });
  });
});

describe('readHostCpu', () => {
  it('readHostCpu() counters never decrease, and busy time grows while this process works', () => {
    const a = readHostCpu();
    burnCpu(100);
    const b = readHostCpu();
    expect(b.busy_ms).toBeGreaterThan(a.busy_ms);
    expect(b.idle_ms).toBeGreaterThanOrEqual(a.idle_ms);
    expect(b.steal_ms).toBeGreaterThanOrEqual(a.steal_ms);
  });

  it('readHostCpu() gives finite, non-negative counters', () => {
    const c = readHostCpu();
    for (const v of [c.busy_ms, c.idle_ms, c.steal_ms]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
  });
});
