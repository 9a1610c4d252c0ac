// Reads the RSS of a process tree cheaply enough to do every 10 ms. Opening
// /proc files is what costs, so every file stays open and is re-read in place
// (a pread at offset 0 regenerates a /proc file): each process's statm, and
// the `children` file of each of its threads. Threads are listed again only
// now and then, since walking /proc/<pid>/task is the costliest step of all.

import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { PAGE_BYTES } from './proc.ts';

export interface TreeReaderOptions {
  /** Look for new or exited child processes every this many reads. */
  rescanEvery?: number;
  /** List each process's threads again every this many reads (a thread may spawn too). */
  threadScanEvery?: number;
}

interface Tracked {
  statm: number;
  /** tid → fd of /proc/<pid>/task/<tid>/children */
  children: Map<number, number>;
}

const buffer = Buffer.alloc(4096);

function pread(fd: number): string | null {
  try {
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return n === 0 ? null : buffer.toString('latin1', 0, n);
  } catch {
    return null; // the process or thread is gone
  }
}

function open(file: string): number | null {
  try {
    return openSync(file, 'r');
  } catch {
    return null;
  }
}

function close(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

export class TreeRssReader {
  readonly #root: number;
  readonly #rescanEvery: number;
  readonly #threadScanEvery: number;
  readonly #tracked = new Map<number, Tracked>();
  #reads = 0;

  constructor(root: number, { rescanEvery = 5, threadScanEvery = 50 }: TreeReaderOptions = {}) {
    this.#root = root;
    this.#rescanEvery = rescanEvery;
    this.#threadScanEvery = threadScanEvery;
  }

  /** Sum of RSS over the tree in bytes, or null once the root is gone. */
  read(): number | null {
    const n = this.#reads++;
    if (n % this.#threadScanEvery === 0) for (const pid of this.#tracked.keys()) this.#scanThreads(pid);
    if (n % this.#rescanEvery === 0) this.#rescan();
    let pages = 0;
    let alive = false;
    for (const [pid, t] of this.#tracked) {
      const text = pread(t.statm);
      if (text === null) {
        this.#drop(pid); // exited: its memory is gone with it
        continue;
      }
      if (pid === this.#root) alive = true;
      // statm: size resident shared text lib data dt, in pages
      const a = text.indexOf(' ');
      pages += Number(text.slice(a + 1, text.indexOf(' ', a + 1)));
    }
    return alive ? pages * PAGE_BYTES : null;
  }

  close(): void {
    for (const pid of [...this.#tracked.keys()]) this.#drop(pid);
  }

  /** Walk down from the root through the open `children` files; track newcomers, drop leavers. */
  #rescan(): void {
    if (!this.#tracked.has(this.#root)) this.#track(this.#root);
    const members = new Set<number>();
    const stack = [this.#root];
    while (stack.length > 0) {
      const pid = stack.pop()!;
      if (members.has(pid)) continue;
      members.add(pid);
      const t = this.#tracked.get(pid) ?? this.#track(pid);
      if (!t) continue;
      for (const fd of t.children.values()) {
        const text = pread(fd);
        if (text) for (const s of text.split(' ')) if (s.trim()) stack.push(Number(s));
      }
    }
    for (const pid of [...this.#tracked.keys()]) if (!members.has(pid)) this.#drop(pid);
  }

  #track(pid: number): Tracked | undefined {
    const statm = open(`/proc/${pid}/statm`);
    if (statm === null) return undefined;
    const t: Tracked = { statm, children: new Map() };
    this.#tracked.set(pid, t);
    this.#scanThreads(pid);
    return t;
  }

  #scanThreads(pid: number): void {
    const t = this.#tracked.get(pid);
    if (!t) return;
    let tids: number[];
    try {
      tids = readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      return;
    }
    const live = new Set(tids);
    for (const [tid, fd] of t.children) {
      if (!live.has(tid)) {
        close(fd);
        t.children.delete(tid);
      }
    }
    for (const tid of tids) {
      if (t.children.has(tid)) continue;
      const fd = open(`/proc/${pid}/task/${tid}/children`);
      if (fd !== null) t.children.set(tid, fd);
    }
  }

  #drop(pid: number): void {
    const t = this.#tracked.get(pid);
    this.#tracked.delete(pid);
    if (!t) return;
    close(t.statm);
    for (const fd of t.children.values()) close(fd);
  }
}
