import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mapLimit } from './map-limit.ts';
import { canonicalSizes } from './node-strategies.ts';
import { symbolText } from './symbols.ts';
import { deflateBlock, gzipBytesAsync, gzipSize, gzipSizeAsync } from './tasks.ts';

const data = Buffer.from(symbolText({ seed: 11, bytes: 300_000, hashed: 0.2, unwind: 4, module: 'libxul.so' }), 'latin1');

describe('the gzip tasks', () => {
  it('gzipSize(input) is the length of zlib’s gzip at that level, and gzipSizeAsync agrees', async () => {
    for (const level of [1, 6, 9]) {
      const expected = zlib.gzipSync(data, { level }).length;
      expect(gzipSize({ data, level })).toBe(expected);
      expect(await gzipSizeAsync({ data, level })).toBe(expected);
    }
    expect(gzipSize({ data, level: 1 })).toBeGreaterThan(gzipSize({ data, level: 9 }));
  });

  it('gzipBytesAsync(input) round-trips to the input', async () => {
    expect(zlib.gunzipSync(await gzipBytesAsync({ data, level: 9 })).equals(data)).toBe(true);
  });

  it('deflateBlock(input) ends a middle block with a sync flush and the last one with a final block', async () => {
    const middle = await deflateBlock({ data: data.subarray(0, 100_000), dictionary: null, last: false, level: 9 });
    expect([...middle.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
    const last = await deflateBlock({ data: data.subarray(100_000), dictionary: data.subarray(100_000 - 32_768, 100_000), last: true, level: 9 });
    expect(zlib.inflateRawSync(Buffer.concat([middle, last])).equals(data)).toBe(true);
  });
});

describe('canonicalSizes', () => {
  it('canonicalSizes(names, sizes) pairs names with sizes, sorted by name, so completion order cannot change it', () => {
    expect(canonicalSizes(['b.sym', 'a.sym'], [20, 10])).toBe('a.sym:10\nb.sym:20\n');
    expect(canonicalSizes(['a.sym', 'b.sym'], [10, 20])).toBe(canonicalSizes(['b.sym', 'a.sym'], [20, 10]));
  });

  it('canonicalSizes(names, sizes) refuses lists of different lengths', () => {
    expect(() => canonicalSizes(['a'], [])).toThrow(/1 names but 0 sizes/);
  });
});

describe('mapLimit', () => {
  it('mapLimit(items, limit, fn) keeps input order and never runs more than `limit` at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (ms, i) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });

  it('mapLimit(items, limit, fn) rejects with the first failure and validates the limit', async () => {
    await expect(mapLimit([1, 2, 3], 2, async (x) => (x === 2 ? Promise.reject(new Error('boom')) : x))).rejects.toThrow('boom');
    await expect(mapLimit([1], 0, async (x) => x)).rejects.toThrow(/limit must be a positive integer/);
  });
});
