// A pigz-style parallel gzip: split one file into blocks, deflate the blocks
// independently (each primed with the 32 KiB of input before it, so matches
// reach back as they would in one stream), end every block but the last with
// a sync flush so it stops on a byte boundary, and join the raw deflate
// pieces behind one gzip header, with the CRC-32 and length of the whole file
// in the trailer. The result is one ordinary gzip member: any gunzip reads it.

import zlib from 'node:zlib';
import type { BlockInput } from './tasks.ts';

/** Deflate's window: a block may refer back this far, so that much is its dictionary. */
export const WINDOW_BYTES = 32 * 1024;

/** The blocks of one file, in order; an empty file is one empty last block. */
export function splitBlocks(data: Uint8Array, blockBytes: number, level: number): BlockInput[] {
  if (!Number.isInteger(blockBytes) || blockBytes < WINDOW_BYTES) throw new Error(`block gzip: block_bytes must be an integer of at least ${WINDOW_BYTES} (got ${blockBytes})`);
  const blocks: BlockInput[] = [];
  for (let start = 0; start < data.length || blocks.length === 0; start += blockBytes) {
    const end = Math.min(data.length, start + blockBytes);
    blocks.push({
      data: data.subarray(start, end),
      dictionary: start === 0 ? null : data.subarray(start - WINDOW_BYTES, start),
      last: end === data.length,
      level,
    });
  }
  return blocks;
}

/** RFC 1952 header: no name, no time; XFL and OS as zlib writes them, so a one-block file matches zlib's header. */
export function gzipHeader(level: number): Buffer {
  const xfl = level === 9 ? 2 : level === 1 ? 4 : 0;
  return Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]);
}

/** RFC 1952 trailer: CRC-32 and length mod 2^32 of the uncompressed data, little-endian. */
export function gzipTrailer(crc: number, length: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeUInt32LE(crc >>> 0, 0);
  out.writeUInt32LE(length % 2 ** 32, 4);
  return out;
}

/** One gzip member from the deflated blocks of a file, in order. */
export function joinBlocks(level: number, deflated: readonly Uint8Array[], crc: number, length: number): Buffer {
  return Buffer.concat([gzipHeader(level), ...deflated, gzipTrailer(crc, length)]);
}

/** The file's CRC-32 (zlib.crc32, Node 20.15 and later). */
export function crc32(data: Uint8Array): number {
  return zlib.crc32(data);
}

/** Throws, naming the file, unless `gz` decompresses to exactly `original`. */
export function checkRoundTrip(name: string, original: Uint8Array, gz: Uint8Array): void {
  let back: Buffer;
  try {
    back = zlib.gunzipSync(gz);
  } catch (error) {
    throw new Error(`round trip of ${name}: the gzip stream does not decompress (${(error as Error).message})`);
  }
  if (!back.equals(original)) throw new Error(`round trip of ${name}: decompressed ${back.length} bytes differ from the ${original.length} bytes compressed`);
}
