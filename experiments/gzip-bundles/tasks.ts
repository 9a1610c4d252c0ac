// The work of article 000: gzip one file in memory and keep the compressed
// size, as the article's functions do. Every export is a task an executor can
// run by name: synchronously (serial, worker threads, child processes) or
// through Node's async zlib, which runs on the libuv thread pool.

import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzipAsync = promisify(zlib.gzip);
const deflateRawAsync = promisify(zlib.deflateRaw);

export interface GzipInput {
  data: Uint8Array;
  level: number;
}

/** Gzip on the calling thread; the size of the gzip stream, header and trailer included. */
export function gzipSize({ data, level }: GzipInput): number {
  return zlib.gzipSync(data, { level }).length;
}

/** Gzip on the libuv thread pool: the main thread only hands out work and collects output. */
export async function gzipSizeAsync({ data, level }: GzipInput): Promise<number> {
  return (await gzipAsync(data, { level })).length;
}

/** The compressed bytes themselves, for the upload and for round-trip checks. */
export function gzipBytesAsync({ data, level }: GzipInput): Promise<Buffer> {
  return gzipAsync(data, { level });
}

export interface BlockInput {
  data: Uint8Array;
  /** The 32 KiB of input before this block: matches may reach back into it, as in one stream. */
  dictionary: Uint8Array | null;
  /** The last block of a file ends the deflate stream; the others end byte-aligned with a sync flush. */
  last: boolean;
  level: number;
}

/** One block of a pigz-style stream: raw deflate on the libuv thread pool. */
export function deflateBlock({ data, dictionary, last, level }: BlockInput): Promise<Buffer> {
  return deflateRawAsync(data, {
    level,
    ...(dictionary && dictionary.length > 0 ? { dictionary } : {}),
    finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
  });
}

/** Trivial work that makes every pool thread exist before the clock starts. */
export function touch(): number {
  return 0;
}
