import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkRoundTrip, crc32, gzipHeader, joinBlocks, splitBlocks, WINDOW_BYTES } from './block-gzip.ts';
import { symbolText } from './symbols.ts';
import { deflateBlock } from './tasks.ts';

const text = (bytes: number, seed = 3) => Buffer.from(symbolText({ seed, bytes, hashed: 0.3, unwind: 3, module: 'libxul.so' }), 'latin1');

/** The block compressor end to end, blocks deflated on the libuv pool as the strategy does. */
async function blockGzip(data: Buffer, blockBytes: number, level = 9): Promise<Buffer> {
  const blocks = splitBlocks(data, blockBytes, level);
  return joinBlocks(level, await Promise.all(blocks.map(deflateBlock)), crc32(data), data.length);
}

/** The system's gunzip, not Node's zlib: the stream must be valid for any reader. */
const gunzip = (gz: Buffer) => execFileSync('gunzip', ['-c'], { input: gz, maxBuffer: 1 << 30 });

describe('splitBlocks', () => {
  it('splitBlocks(data, size) covers the data once, in order, each block primed with the 32 KB before it', () => {
    const data = text(300_000);
    const blocks = splitBlocks(data, 100_000, 9);
    expect(blocks.map((b) => b.data.length)).toEqual([100_000, 100_000, 100_000]);
    expect(Buffer.concat(blocks.map((b) => b.data)).equals(data)).toBe(true);
    expect(blocks[0]!.dictionary).toBeNull();
    expect(Buffer.from(blocks[1]!.dictionary!).equals(data.subarray(100_000 - WINDOW_BYTES, 100_000))).toBe(true);
    expect(blocks.map((b) => b.last)).toEqual([false, false, true]);
  });

  it('splitBlocks(empty, size) is one empty last block', () => {
    expect(splitBlocks(Buffer.alloc(0), 65_536, 9)).toEqual([{ data: Buffer.alloc(0), dictionary: null, last: true, level: 9 }]);
  });

  it('splitBlocks(data, size) refuses blocks smaller than the window, naming the option', () => {
    expect(() => splitBlocks(text(10), 1000, 9)).toThrow(/block_bytes must be an integer of at least 32768/);
  });
});

describe('the block-parallel gzip stream', () => {
  it('decompresses with gunzip to the input, byte for byte, at every cut', async () => {
    const block = 64 * 1024;
    for (const bytes of [0, 1, 5_000, block, block + 1, 3 * block, 3 * block + 777, 1_000_000]) {
      const data = text(bytes, bytes);
      const gz = await blockGzip(data, block);
      expect(gunzip(gz).equals(data), `${bytes} bytes`).toBe(true);
      expect(zlib.gunzipSync(gz).equals(data)).toBe(true);
    }
  });

  it('is byte for byte zlib’s own gzip when the file is a single block', async () => {
    const data = text(200_000);
    expect((await blockGzip(data, 1 << 20)).equals(zlib.gzipSync(data, { level: 9 }))).toBe(true);
    expect((await blockGzip(data, 1 << 20, 6)).equals(zlib.gzipSync(data, { level: 6 }))).toBe(true);
  });

  it('is under 1 % larger than one stream with 256 KB blocks (the dictionary keeps matches across cuts)', async () => {
    const data = text(4_000_000);
    const one = zlib.gzipSync(data, { level: 9 }).length;
    const blocks = (await blockGzip(data, 256 * 1024)).length;
    expect(blocks / one - 1).toBeLessThan(0.01);
    expect(blocks).toBeGreaterThanOrEqual(one);
  });

  it('writes zlib’s header: no name, no time, XFL 2 at level 9 and 4 at level 1, OS Unix', () => {
    expect([...gzipHeader(9)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
    expect(gzipHeader(1)[8]).toBe(4);
    expect(gzipHeader(6)[8]).toBe(0);
  });

  it('checkRoundTrip(name, data, gz) passes a good stream and names the file of a bad one', async () => {
    const data = text(100_000);
    const gz = await blockGzip(data, 64 * 1024);
    expect(() => checkRoundTrip('x.sym', data, gz)).not.toThrow();
    const wrongCrc = Buffer.from(gz);
    wrongCrc[wrongCrc.length - 8]! ^= 0xff;
    expect(() => checkRoundTrip('x.sym', data, wrongCrc)).toThrow(/round trip of x\.sym/);
    expect(() => checkRoundTrip('y.sym', text(100_001), gz)).toThrow(/round trip of y\.sym/);
  });
});
