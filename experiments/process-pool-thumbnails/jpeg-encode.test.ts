import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { encodeJpeg, HUFFMAN, type RgbaImage } from './jpeg-encode.ts';
import { photoPixels } from './photos.ts';

/** Peak signal-to-noise ratio over RGB, in dB. */
function psnr(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    sum += (a[i]! - b[i]!) ** 2;
    n++;
  }
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / n));
}

function gradient(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data.set([(x * 255) / Math.max(1, width - 1), (y * 255) / Math.max(1, height - 1), 128, 255], o);
    }
  }
  return { width, height, data };
}

const hasPillow = (() => {
  if (!existsSync('/usr/bin/python3')) return false;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import PIL'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('encodeJpeg', () => {
  it('encodeJpeg(photo, 85) decodes with jpeg-js to the same size and within 30 dB of the original', () => {
    const photo = photoPixels(1, 0);
    const decoded = jpeg.decode(encodeJpeg(photo, 85), { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([photo.width, photo.height]);
    expect(psnr(decoded.data, photo.data)).toBeGreaterThan(30);
  });

  it('encodeJpeg handles sizes that are not multiples of the 16-pixel macroblock, down to 1×1', () => {
    for (const [w, h] of [[1, 1], [17, 9], [128, 85], [33, 128]] as const) {
      const image = gradient(w, h);
      const decoded = jpeg.decode(encodeJpeg(image, 90), { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([w, h]);
      expect(psnr(decoded.data, image.data)).toBeGreaterThan(28);
    }
  });

  it('encodeJpeg writes smaller files at lower quality', () => {
    const photo = photoPixels(1, 1);
    expect(encodeJpeg(photo, 50).length).toBeLessThan(encodeJpeg(photo, 90).length);
  });

  it('encodeJpeg starts with SOI and a JFIF header and ends with EOI', () => {
    const bytes = encodeJpeg(gradient(8, 8));
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(String.fromCharCode(...bytes.subarray(6, 10))).toBe('JFIF');
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('the Huffman tables list as many symbols as their code counts say', () => {
    for (const spec of Object.values(HUFFMAN)) expect(spec.symbols.length).toBe((spec.counts as readonly number[]).reduce((a, b) => a + b, 0));
  });

  it('encodeJpeg rejects an empty image and a short buffer, naming the problem', () => {
    expect(() => encodeJpeg({ width: 0, height: 4, data: new Uint8Array(0) })).toThrow(/width and height/);
    expect(() => encodeJpeg({ width: 4, height: 4, data: new Uint8Array(10) })).toThrow(/needs 64/);
  });

  it.skipIf(!hasPillow)('Pillow opens what encodeJpeg writes, at its size', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jpeg-encode-'));
    try {
      const file = path.join(dir, 'x.jpg');
      writeFileSync(file, encodeJpeg(gradient(37, 21), 75));
      const out = execFileSync('/usr/bin/python3', ['-c', 'import sys; from PIL import Image; im = Image.open(sys.argv[1]); im.load(); print(im.size[0], im.size[1], im.mode)', file], { encoding: 'utf8' });
      expect(out.trim()).toBe('37 21 RGB');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
