// Where io_heavy's CPU goes: one task's steps, each timed apart with the CPU
// it took (the `io_steps` side table). The article's io_heavy writes n MiB of
// "a" a MiB string at a time and reads the file back as lines; here the same
// work is cut into the steps the task does in one go — encode each string to
// UTF-8, write the bytes (into the page cache), read them back, decode them to
// text, find the line breaks and join the pieces of each line (one line of n
// MiB: a copy of the whole text) — each on the same API the task uses, then the
// whole task as written, for comparison. Each step holds its whole output for
// the next, where the task streams, so the steps' sum exceeds the task's own
// CPU. workloads.py's io_steps does the same for Python. Runs in the trial
// process: one task alone, no pool.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ioHeavy } from './tasks.ts';
import { withTempFile } from './temp-file.ts';

const MiB = 1024 * 1024;

/** The steps, in the order the task does them; 'task' is the whole io_heavy. Python's rows use the same names. */
export const IO_STEPS = ['encode', 'write', 'read', 'decode', 'join', 'task'] as const;
export type IoStep = (typeof IO_STEPS)[number];

export const IO_STEPS_COLUMNS = {
  /** 'node' or 'python'. */
  runtime: 'string',
  /** One of IO_STEPS. */
  step: 'string',
  /** Which round of the trial (each round runs every step once, on a file of its own). */
  round: 'int',
  /** MiB of the task. */
  mb: 'int',
  wall_ms: 'number',
  /** CPU of the process during the step: user and system (the kernel's copies into and out of the page cache are system time). */
  user_ms: 'number',
  sys_ms: 'number',
} as const;

export interface IoStepRow {
  runtime: string;
  step: IoStep;
  round: number;
  mb: number;
  wall_ms: number;
  user_ms: number;
  sys_ms: number;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; wall_ms: number; user_ms: number; sys_ms: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall_ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall_ms, user_ms: cpu.user / 1000, sys_ms: cpu.system / 1000 };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** One round: every step once on a file of `mb` MiB, then the whole task; returns the line's length each way, which must agree. */
async function oneRound(mb: number, round: number, dir: string): Promise<IoStepRow[]> {
  const rows: IoStepRow[] = [];
  const record = (step: IoStep, t: { wall_ms: number; user_ms: number; sys_ms: number }) =>
    rows.push({ runtime: 'node', step, round, mb, wall_ms: round3(t.wall_ms), user_ms: round3(t.user_ms), sys_ms: round3(t.sys_ms) });
  let length = -1;
  await withTempFile(dir, async (file) => {
    const data = 'a'.repeat(MiB);
    // handle.write(string) encodes the string to a Buffer, then writes it.
    const encode = await timed(() => {
      let bytes = Buffer.alloc(0);
      for (let i = 0; i < mb; i++) bytes = Buffer.from(data, 'utf8');
      return bytes;
    });
    record('encode', encode);
    const bytes = encode.value;
    record('write', await timed(async () => {
      const handle = await open(file, 'w');
      try {
        for (let i = 0; i < mb; i++) await handle.write(bytes, 0, bytes.length, null);
      } finally {
        await handle.close();
      }
    }));
    // createReadStream with an encoding reads 64 KiB chunks and decodes each with a StringDecoder.
    const read = await timed(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of createReadStream(file)) chunks.push(chunk as Buffer);
      return chunks;
    });
    record('read', read);
    const decode = await timed(() => {
      const decoder = new StringDecoder('utf8');
      return read.value.map((c) => decoder.write(c));
    });
    record('decode', decode);
    // readline scans each piece for a line break and joins the pieces of the one line.
    const join = await timed(async () => {
      let total = 0;
      const lines = readline.createInterface({ input: Readable.from(decode.value), crlfDelay: Infinity });
      for await (const line of lines) total = line.length;
      return total;
    });
    record('join', join);
    length = join.value;
  });
  const task = await timed(() => ioHeavy({ mb, dir }));
  record('task', task);
  if (task.value !== length) throw new Error(`ioSteps: the steps read a line of ${length} characters, the task ${task.value}`);
  return rows;
}

/** `rounds` rounds of the steps of one io_heavy task of `mb` MiB, in the OS temp dir. */
export async function ioSteps(mb: number, rounds: number, dir = tmpdir()): Promise<IoStepRow[]> {
  if (!Number.isInteger(mb) || mb < 1 || !Number.isInteger(rounds) || rounds < 1) throw new Error(`ioSteps: mb and rounds must be positive integers (got ${mb}, ${rounds})`);
  const rows: IoStepRow[] = [];
  for (let round = 0; round < rounds; round++) rows.push(...(await oneRound(mb, round, dir)));
  return rows;
}
