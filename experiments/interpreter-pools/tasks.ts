// The article's four workloads, translated line for line so both runtimes do
// the same work, the disk workload (beyond the article; workloads.py has its
// Python), plus the probe of what may cross into a worker. Every export
// is a task an executor runs by name on the event loop, in a worker thread or
// in a child process. Only Node built-ins: a worker loads this at start-up.

import { constants, createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import readline from 'node:readline';
import { withTempFile } from './temp-file.ts';

const MiB = 1024 * 1024;

/** cpu_heavy: a multiply loop of n iterations; returns the last square, (n - 1)². */
export function cpuHeavy(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = i * i;
  return s;
}

/** memory_heavy: build an array of the integers below n, one push at a time, and sum it. */
export function memoryHeavy(n: number): number {
  const arr: number[] = [];
  for (let i = 0; i < n; i++) arr.push(i);
  let sum = 0;
  for (let i = 0; i < arr.length; i++) sum += arr[i]!;
  return sum;
}

export interface IoInput {
  mb: number;
  /** Where the temporary file goes (default: the OS temp dir, as Python's tempfile). */
  dir?: string;
}

/**
 * io_heavy: write `mb` MiB of "a" to a temporary file, one MiB string at a
 * time, read it back line by line, delete it. The article's data has no
 * newline, so the "lines" are one line of `mb` MiB; returns its length.
 */
export async function ioHeavy(input: number | IoInput): Promise<number> {
  const { mb, dir = tmpdir() } = typeof input === 'number' ? { mb: input } : input;
  if (!Number.isInteger(mb) || mb < 0) throw new Error(`ioHeavy: mb must be a non-negative integer (got ${mb})`);
  return withTempFile(dir, async (file) => {
    const data = 'a'.repeat(MiB);
    const handle = await open(file, 'w');
    try {
      for (let i = 0; i < mb; i++) await handle.write(data, null, 'utf8');
    } finally {
      await handle.close();
    }
    let total = 0;
    const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) total = line.length;
    return total;
  });
}

/** The disk workload's record: 1 MiB, each written durably before the next (DISK_RECORD in workloads.py). */
export const DISK_RECORD = MiB;

/**
 * A record of "a"s whose memory starts on a page boundary, as O_DIRECT needs
 * (the block device's DMA alignment). A WebAssembly memory is page-aligned;
 * Node's Buffers are not guaranteed to be (Python's peer uses an anonymous mmap).
 */
function alignedRecord(): Uint8Array {
  const memory = new WebAssembly.Memory({ initial: Math.ceil(DISK_RECORD / 65536) });
  return new Uint8Array(memory.buffer, 0, DISK_RECORD).fill(0x61);
}

/**
 * disk_heavy (beyond the article): write `mb` records of 1 MiB to a temporary
 * file, each durable on the device before the next is written — opened with
 * O_DIRECT (past the page cache, so no copy into it and nothing left to flush)
 * and O_DSYNC (each write returns once the device has it) — and return the
 * file's size. File work that waits on the disk, where io_heavy's does not.
 * The writes go through libuv's pool, so the event loop overlaps tasks as
 * Python's threads do (os.write releases the GIL). Fails where the temp dir's
 * file system refuses O_DIRECT (tmpfs before Linux 6.6).
 */
export async function diskHeavy(input: number | IoInput): Promise<number> {
  const { mb, dir = tmpdir() } = typeof input === 'number' ? { mb: input } : input;
  if (!Number.isInteger(mb) || mb < 0) throw new Error(`diskHeavy: mb must be a non-negative integer (got ${mb})`);
  return withTempFile(dir, async (file) => {
    const record = alignedRecord();
    const handle = await open(file, constants.O_CREAT | constants.O_WRONLY | constants.O_TRUNC | constants.O_DIRECT | constants.O_DSYNC, 0o600);
    try {
      for (let i = 0; i < mb; i++) {
        const { bytesWritten } = await handle.write(record, 0, record.length, null);
        if (bytesWritten !== record.length) throw new Error(`diskHeavy: wrote ${bytesWritten} of ${record.length} bytes`);
      }
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  });
}

export interface NetworkInput {
  url: string;
  requests: number;
}

/** One GET on a connection of its own (as urllib's urlopen makes); resolves to the body's length in bytes. */
function getLength(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET ${url} answered ${res.statusCode}: is the web service running?`));
        return;
      }
      let length = 0;
      res.on('data', (chunk: Buffer) => (length += chunk.length));
      res.on('end', () => resolve(length));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(new Error(`GET ${url} failed: ${error.message}`)));
  });
}

/** network_heavy: `requests` GETs of the page, one after another; returns the last body's length. */
export async function networkHeavy({ url, requests }: NetworkInput): Promise<number> {
  let total = 0;
  for (let i = 0; i < requests; i++) total = await getLength(url);
  return total;
}

/** What arrived in the worker: the probe that shows which values may cross into it. */
export function typeOf(value: unknown): string {
  return typeof value;
}

/** The fixed-cost round trip: the payload goes to the worker and comes back as it arrived. */
export function echo(value: Uint8Array): Uint8Array {
  return value;
}
