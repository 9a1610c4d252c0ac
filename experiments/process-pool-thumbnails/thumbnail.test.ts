import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { batches } from './batches.ts';
import { photoJpeg, PHOTO } from './photos.ts';
import { resizeArea } from './resize.ts';
import { makeThumbnail, thumbnailName, thumbnailSize } from './thumbnail.ts';

const hasPillow = (() => {
  if (!existsSync('/usr/bin/python3')) return false;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import PIL'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const SIZES = [[500, 375], [500, 333], [500, 281], [375, 500], [333, 500], [500, 500], [129, 1000], [1000, 3], [100, 50], [128, 128]] as const;

describe('thumbnailSize', () => {
  it('thumbnailSize(w, h) fits 128 × 128 keeping the aspect ratio, with Pillow’s rounding', () => {
    expect(SIZES.map(([w, h]) => thumbnailSize(w, h))).toEqual([
      { width: 128, height: 96 },
      { width: 128, height: 85 },
      { width: 128, height: 72 },
      { width: 96, height: 128 },
      { width: 85, height: 128 },
      { width: 128, height: 128 },
      { width: 17, height: 128 },
      { width: 128, height: 1 },
      { width: 100, height: 50 },
      { width: 128, height: 128 },
    ]);
  });

  it.skipIf(!hasPillow)('thumbnailSize agrees with Pillow’s Image.thumbnail on every shape', () => {
    const script = 'import sys, json\nfrom PIL import Image\nout = []\nfor w, h in json.loads(sys.argv[1]):\n    im = Image.new("RGB", (w, h))\n    im.thumbnail((128, 128))\n    out.append(list(im.size))\nprint(json.dumps(out))';
    const shapes = [...SIZES, ...PHOTO.sizes];
    const pillow = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(shapes)], { encoding: 'utf8' })) as [number, number][];
    expect(shapes.map(([w, h]) => thumbnailSize(w, h)).map((s) => [s.width, s.height])).toEqual(pillow);
  });
});

describe('makeThumbnail', () => {
  it('makeThumbnail(photo) returns a decodable JPEG with 128 on its longest side', () => {
    for (let i = 0; i < 6; i++) {
      const source = jpeg.decode(photoJpeg(3, i), { useTArray: true });
      const thumb = makeThumbnail(photoJpeg(3, i));
      const decoded = jpeg.decode(thumb.bytes, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([thumb.width, thumb.height]);
      expect(thumbnailSize(source.width, source.height)).toEqual({ width: thumb.width, height: thumb.height });
      expect(Math.max(thumb.width, thumb.height)).toBe(128);
    }
  });

  it('thumbnailName adds _thumbnail before the extension, as the article names them', () => {
    expect(thumbnailName('1430028941_4db9dedd10.jpg')).toBe('1430028941_4db9dedd10_thumbnail.jpg');
    expect(thumbnailName('noext')).toBe('noext_thumbnail');
  });
});

describe('resizeArea', () => {
  it('resizeArea keeps a flat colour flat and averages a checkerboard to grey', () => {
    const flat = { width: 10, height: 6, data: new Uint8Array(240).map((_, i) => (i % 4 === 0 ? 200 : i % 4 === 1 ? 50 : i % 4 === 2 ? 10 : 255)) };
    const small = resizeArea(flat, 3, 2);
    for (let i = 0; i < small.data.length; i += 4) expect([...small.data.subarray(i, i + 4)]).toEqual([200, 50, 10, 255]);
    const board = { width: 8, height: 8, data: new Uint8Array(256) };
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) board.data.fill((x + y) % 2 ? 255 : 0, (y * 8 + x) * 4, (y * 8 + x) * 4 + 3);
    const grey = resizeArea(board, 4, 4);
    for (let i = 0; i < grey.data.length; i += 4) expect(grey.data[i]).toBe(128);
  });

  it('resizeArea keeps the mean brightness at a fractional scale (500 → 128)', () => {
    const width = 500;
    const src = { width, height: 2, data: new Uint8Array(width * 2 * 4) };
    for (let x = 0; x < width; x++) for (let y = 0; y < 2; y++) src.data[(y * width + x) * 4] = x % 251;
    const out = resizeArea(src, 128, 1);
    const mean = (d: Uint8Array, n: number) => Array.from({ length: n }, (_, i) => d[i * 4]!).reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean(out.data, 128) - mean(src.data, width))).toBeLessThan(0.6);
  });

  it('resizeArea refuses to enlarge, naming the sizes', () => {
    expect(() => resizeArea({ width: 4, height: 4, data: new Uint8Array(64) }, 8, 2)).toThrow(/target 8×2/);
  });
});

describe('batches', () => {
  it('batches(items, size) covers every item once, in order, `size` at a time', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([1, 2, 3], 10)).toEqual([[1, 2, 3]]);
    expect(() => batches([1], 0)).toThrow(/positive integer/);
  });
});
