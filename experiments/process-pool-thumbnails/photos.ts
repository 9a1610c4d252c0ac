// Deterministic photo-like test images at Flickr's "medium" size (500 px on
// the longest side) or, scaled up, at a camera export's size: a sky-to-ground
// gradient, soft blobs for objects, two octaves of value noise for texture and
// per-pixel grain, so that they decode like photographs (busy DCT blocks), not
// like flat colour. A larger photo is the same scene drawn at more pixels (the
// random draws that make the scene are the same), with grain per pixel as a
// sensor has.

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
  /** The long side of the photos above: a photo of another long side is these shapes scaled. */
  longSide: 500,
} as const;

/** A camera export's size: the long side of the large set, and its JPEG quality (cameras and raw converters export at 90 or more). */
export const CAMERA = { longSide: 3000, quality: 90 } as const;

/** The JPEG quality photos of a long side are written at: Flickr's re-encode at its size, a camera's export at larger ones. */
export const qualityFor = (longSide: number): number => (longSide === PHOTO.longSide ? PHOTO.quality : CAMERA.quality);

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
  // Each column's cell and fraction once, not once a pixel: the same values, so the same pixels, in a fraction of the time.
  const ixs = new Int32Array(width);
  const fxs = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    ixs[x] = Math.floor(x / cell);
    fxs[x] = x / cell - ixs[x]!;
  }
  for (let y = 0; y < height; y++) {
    const iy = Math.floor(y / cell);
    const fy = y / cell - iy;
    const top = iy * gw;
    const bottom = (iy + 1) * gw;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const ix = ixs[x]!;
      const fx = fxs[x]!;
      const a = grid[top + ix]!;
      const b = grid[top + ix + 1]!;
      const c = grid[bottom + ix]!;
      const d = grid[bottom + ix + 1]!;
      out[row + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return out;
}

/** The pixels of photo `index` (RGBA) with `longSide` pixels on its longest side, before JPEG encoding. */
export function photoPixels(seed: number, index: number, longSide: number = PHOTO.longSide): { width: number; height: number; data: Uint8Array } {
  if (!(Number.isInteger(longSide) && longSide >= 16)) throw new Error(`a photo's long side must be an integer of at least 16 pixels (got ${longSide})`);
  const random = mulberry32((seed + 0x51ed27) ^ Math.imul(index, 0x85ebca6b));
  // Lengths in the scene (blob sizes, noise cells, the horizon's blend) scale with the photo; at 500 px k is 1.
  const k = longSide / PHOTO.longSide;
  const [w0, h0] = PHOTO.sizes[Math.floor(random() * PHOTO.sizes.length)]!;
  const [width, height] = [Math.round(w0 * k), Math.round(h0 * k)];
  const colour = (lo: number, hi: number): Rgb => [lo + random() * (hi - lo), lo + random() * (hi - lo), lo + random() * (hi - lo)];
  const sky = colour(90, 230);
  const ground = colour(20, 150);
  const horizon = height * (0.3 + random() * 0.4);
  const blobs = Array.from({ length: 2 + Math.floor(random() * 4) }, () => ({
    x: random() * width,
    y: random() * height,
    rx: 30 * k + random() * width * 0.35,
    ry: 30 * k + random() * height * 0.35,
    tint: colour(0, 255),
    strength: 0.5 + random() * 0.45,
  }));
  const coarse = valueNoise(random, width, height, 48 * k);
  const fine = valueNoise(random, width, height, 6 * k);
  // Pixel values start as the scene (gradient and blobs), in three float planes.
  const n = width * height;
  const red = new Float32Array(n);
  const green = new Float32Array(n);
  const blue = new Float32Array(n);
  for (let y = 0; y < height; y++) {
    // A soft horizon: sky above, ground below, blended over 30 px (at 500 px).
    const t = Math.min(1, Math.max(0, (y - horizon) / (30 * k) + 0.5));
    red.fill(sky[0] * (1 - t) + ground[0] * t, y * width, (y + 1) * width);
    green.fill(sky[1] * (1 - t) + ground[1] * t, y * width, (y + 1) * width);
    blue.fill(sky[2] * (1 - t) + ground[2] * t, y * width, (y + 1) * width);
  }
  for (const blob of blobs) {
    const [x0, x1] = [Math.max(0, Math.floor(blob.x - blob.rx)), Math.min(width, Math.ceil(blob.x + blob.rx))];
    const [y0, y1] = [Math.max(0, Math.floor(blob.y - blob.ry)), Math.min(height, Math.ceil(blob.y + blob.ry))];
    const [tr, tg, tb] = blob.tint;
    for (let y = y0; y < y1; y++) {
      const dy = (y - blob.y) / blob.ry;
      for (let x = x0; x < x1; x++) {
        const dx = (x - blob.x) / blob.rx;
        const d2 = dx * dx + dy * dy;
        if (d2 >= 1) continue;
        const w = blob.strength * (1 - d2) * (1 - d2);
        const i = y * width + x;
        red[i] += (tr - red[i]!) * w;
        green[i] += (tg - green[i]!) * w;
        blue[i] += (tb - blue[i]!) * w;
      }
    }
  }
  // Texture (the ground busier than the sky) and grain: one 30-bit draw per pixel, 10 bits per channel.
  const data = new Uint8Array(n * 4);
  const grain = (bits: number) => ((bits & 1023) / 511.5 - 1) * PHOTO.grain;
  for (let y = 0; y < height; y++) {
    const busy = 8 + 40 * Math.min(1, Math.max(0, (y - horizon) / (30 * k) + 0.5));
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

/** Photo `index` as JPEG bytes, `longSide` pixels on its longest side. */
export function photoJpeg(seed: number, index: number, longSide: number = PHOTO.longSide): Uint8Array {
  return encodeJpeg(photoPixels(seed, index, longSide), qualityFor(longSide));
}
