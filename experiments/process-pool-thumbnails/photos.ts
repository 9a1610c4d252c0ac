// Deterministic photo-like test images at Flickr's "medium" size (500 px on
// the longest side): a sky-to-ground gradient, soft blobs for objects,
// two octaves of value noise for texture and per-pixel grain, so that they
// decode like photographs (busy DCT blocks), not like flat colour.

import { mulberry32 } from '../../lib/inputs/random.ts';
import { encodeJpeg } from './jpeg-encode.ts';

export const PHOTO = {
  /** Flickr medium: 500 on the longest side, in the aspect ratios cameras and phones use. */
  sizes: [
    [500, 375],
    [500, 375],
    [500, 375],
    [500, 333],
    [500, 281],
    [375, 500],
    [333, 500],
  ] as readonly (readonly [number, number])[],
  /** Flickr re-encodes uploads at about this quality. */
  quality: 85,
  /** Grain amplitude in levels (each channel ± this, uniform). */
  grain: 10,
  /** Bumped whenever the pixels change, so cached inputs are regenerated. */
  version: 1,
} as const;

/** The i-th file name: Flickr-like `<id>_<secret>.jpg`, fixed by the seed. */
export function photoName(seed: number, index: number): string {
  const random = mulberry32(seed ^ Math.imul(index, 0x9e3779b1));
  const id = 1_430_000_000 + index * 9973 + Math.floor(random() * 9000);
  const secret = Array.from({ length: 10 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${id}_${secret}.jpg`;
}

type Rgb = [number, number, number];

const clampByte = (x: number) => (x < 0 ? 0 : x > 255 ? 255 : x);

/** A coarse grid of random values in [-1, 1], bilinearly upsampled to width × height: soft texture. */
function valueNoise(random: () => number, width: number, height: number, cell: number): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh).map(() => random() * 2 - 1);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const iy = Math.floor(y / cell);
    const fy = y / cell - iy;
    for (let x = 0; x < width; x++) {
      const ix = Math.floor(x / cell);
      const fx = x / cell - ix;
      const a = grid[iy * gw + ix]!;
      const b = grid[iy * gw + ix + 1]!;
      const c = grid[(iy + 1) * gw + ix]!;
      const d = grid[(iy + 1) * gw + ix + 1]!;
      out[y * width + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return out;
}

/** The pixels of photo `index` (RGBA), before JPEG encoding. */
export function photoPixels(seed: number, index: number): { width: number; height: number; data: Uint8Array } {
  const random = mulberry32((seed + 0x51ed27) ^ Math.imul(index, 0x85ebca6b));
  const [width, height] = PHOTO.sizes[Math.floor(random() * PHOTO.sizes.length)]!;
  const colour = (lo: number, hi: number): Rgb => [lo + random() * (hi - lo), lo + random() * (hi - lo), lo + random() * (hi - lo)];
  const sky = colour(90, 230);
  const ground = colour(20, 150);
  const horizon = height * (0.3 + random() * 0.4);
  const blobs = Array.from({ length: 2 + Math.floor(random() * 4) }, () => ({
    x: random() * width,
    y: random() * height,
    rx: 30 + random() * width * 0.35,
    ry: 30 + random() * height * 0.35,
    tint: colour(0, 255),
    strength: 0.5 + random() * 0.45,
  }));
  const coarse = valueNoise(random, width, height, 48);
  const fine = valueNoise(random, width, height, 6);
  // Pixel values start as the scene (gradient and blobs), in three float planes.
  const n = width * height;
  const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let y = 0; y < height; y++) {
    // A soft horizon: sky above, ground below, blended over 30 px.
    const t = Math.min(1, Math.max(0, (y - horizon) / 30 + 0.5));
    for (let c = 0; c < 3; c++) planes[c]!.fill(sky[c]! * (1 - t) + ground[c]! * t, y * width, (y + 1) * width);
  }
  for (const blob of blobs) {
    const [x0, x1] = [Math.max(0, Math.floor(blob.x - blob.rx)), Math.min(width, Math.ceil(blob.x + blob.rx))];
    const [y0, y1] = [Math.max(0, Math.floor(blob.y - blob.ry)), Math.min(height, Math.ceil(blob.y + blob.ry))];
    for (let y = y0; y < y1; y++) {
      const dy = (y - blob.y) / blob.ry;
      for (let x = x0; x < x1; x++) {
        const dx = (x - blob.x) / blob.rx;
        const d2 = dx * dx + dy * dy;
        if (d2 >= 1) continue;
        const w = blob.strength * (1 - d2) * (1 - d2);
        const i = y * width + x;
        for (let c = 0; c < 3; c++) planes[c]![i]! += (blob.tint[c]! - planes[c]![i]!) * w;
      }
    }
  }
  // Texture (the ground busier than the sky) and grain: one 30-bit draw per pixel, 10 bits per channel.
  const data = new Uint8Array(n * 4);
  const [red, green, blue] = planes as [Float32Array, Float32Array, Float32Array];
  const grain = (bits: number) => ((bits & 1023) / 511.5 - 1) * PHOTO.grain;
  for (let y = 0; y < height; y++) {
    const busy = 8 + 40 * Math.min(1, Math.max(0, (y - horizon) / 30 + 0.5));
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const texture = coarse[i]! * 25 + fine[i]! * busy;
      const bits = (random() * 1073741824) | 0;
      const o = i * 4;
      data[o] = clampByte(red[i]! + texture + grain(bits));
      data[o + 1] = clampByte(green[i]! + texture * 0.9 + grain(bits >> 10));
      data[o + 2] = clampByte(blue[i]! + texture * 0.8 + grain(bits >> 20));
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Photo `index` as JPEG bytes. */
export function photoJpeg(seed: number, index: number): Uint8Array {
  return encodeJpeg(photoPixels(seed, index), PHOTO.quality);
}
