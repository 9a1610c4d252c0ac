// Every process group the runner starts (trials, local services), so that
// Ctrl-C or SIGTERM can kill them all and no process outlives the runner.

const groups = new Set<number>();

export function trackGroup(pgid: number): void {
  groups.add(pgid);
}

export function untrackGroup(pgid: number): void {
  groups.delete(pgid);
}

export function killGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** Kill every tracked group; returns how many there were. */
export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): number {
  const n = groups.size;
  for (const pgid of groups) killGroup(pgid, signal);
  groups.clear();
  return n;
}
