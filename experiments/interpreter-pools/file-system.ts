// Which file system a folder is on, from /proc/self/mountinfo: the disk
// workload must wait on a real device, so each trial records where its
// temporary files went (metric `temp_fs`) and the report names it (and warns
// when it is memory: tmpfs, ramfs). peer.py reads the same file the same way.

import { readFileSync, realpathSync } from 'node:fs';

/** File systems that live in memory: a durable write there waits on nothing. */
export const MEMORY_FILE_SYSTEMS: ReadonlySet<string> = new Set(['tmpfs', 'ramfs', 'devtmpfs']);

/** Mountinfo's octal escapes ("\040" for a space) decoded. */
const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** "ext4 on /dev/vda (mounted at /)": the mount that holds `dir` (the longest mount point above it); '' where /proc is not readable. */
export function fileSystemOf(dir: string, mountinfo?: string): string {
  let text = mountinfo;
  let real = dir;
  try {
    text ??= readFileSync('/proc/self/mountinfo', 'utf8');
    real = realpathSync(dir);
  } catch {
    if (text === undefined) return '';
  }
  let best: { point: string; type: string; source: string } | undefined;
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const point = unescape(left.split(' ')[4] ?? '');
    const [type = '', source = ''] = right.split(' ');
    const inside = point === '/' || real === point || real.startsWith(`${point}/`);
    if (inside && (!best || point.length >= best.point.length)) best = { point, type, source: unescape(source) };
  }
  return best ? `${best.type} on ${best.source} (mounted at ${best.point})` : '';
}

/** The file system's type from fileSystemOf's text: "ext4". */
export const fileSystemType = (described: string) => described.split(' ')[0] ?? '';
