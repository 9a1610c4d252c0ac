// The ways a Node user can make one thumbnail with sharp (libvips), shared by
// the sharp strategies, the stage breakdown and the worker-thread task. sharp
// is passed in, never imported here, so that a pool worker that never makes a
// sharp thumbnail never loads libvips.
//
// - `files`:   sharp(path) … .toFile(path): sharp's defaults (lanczos3, Huffman
//              tables optimised), libvips opens and writes the files itself.
// - `buffers`: the same pipeline on bytes: fs/promises reads the photo and writes
//              the thumbnail, libvips sees memory only.
// - `tuned`:   sharp set up as Pillow is: bicubic, no Huffman optimisation, the
//              photo read and the thumbnail written synchronously on the JS
//              thread (which has nothing else to do) rather than through
//              libuv's pool, where sharp's own work waits.

import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type sharpDefault from 'sharp';
import { THUMBNAIL } from './thumbnail.ts';

export type Sharp = typeof sharpDefault;

export const SHARP_PIPELINES = ['files', 'buffers', 'tuned'] as const;
export type SharpPipeline = (typeof SHARP_PIPELINES)[number];

/** Fit within 128 × 128 keeping the aspect ratio, as Pillow's thumbnail; never enlarge. */
export const RESIZE = { fit: 'inside', withoutEnlargement: true } as const;
/** Pillow's filter: `Image.thumbnail` resamples bicubic. */
export const TUNED_RESIZE = { ...RESIZE, kernel: 'cubic' } as const;
/** sharp's JPEG defaults at Pillow's quality: Huffman tables optimised (a second pass). */
export const JPEG = { quality: THUMBNAIL.quality } as const;
/** As Pillow's `save` writes by default: standard Huffman tables, one pass. */
export const TUNED_JPEG = { quality: THUMBNAIL.quality, optimiseCoding: false } as const;

/** One libvips thread per photo, so that the photos in flight alone set the parallelism; no operation cache (every photo is new). */
export function configureSharp(sharp: Sharp, threads = 1): void {
  sharp.concurrency(threads);
  sharp.cache(false);
}

/** Make the thumbnail of `file` at `out` the `pipeline` way. */
export async function sharpThumbnail(sharp: Sharp, pipeline: SharpPipeline, file: string, out: string): Promise<void> {
  switch (pipeline) {
    case 'files':
      await sharp(file).resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, RESIZE).jpeg(JPEG).toFile(out);
      return;
    case 'buffers':
      await writeFile(out, await sharp(await readFile(file)).resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, RESIZE).jpeg(JPEG).toBuffer());
      return;
    case 'tuned':
      writeFileSync(out, await sharp(readFileSync(file)).resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, TUNED_RESIZE).jpeg(TUNED_JPEG).toBuffer());
      return;
    default:
      throw new Error(`unknown sharp pipeline '${String(pipeline)}' (valid: ${SHARP_PIPELINES.join(', ')})`);
  }
}

/**
 * The JPEG shrink-on-load factor sharp 0.35 asks libvips for when it fits a
 * `width` × `height` photo inside `max` × `max` (src/pipeline.cc): the largest
 * of 8, 4, 2 not above the shrink (with `fastShrinkOnLoad: false`, not above
 * half of it), halved when the shrink's integer part equals it (libjpeg's
 * rounding).
 */
export function shrinkOnLoad(width: number, height: number, max: number = THUMBNAIL.maxSide, fast = true): number {
  const shrink = Math.max(width, height) / max;
  const factor = fast ? 1 : 2;
  let s = shrink >= 8 * factor ? 8 : shrink >= 4 * factor ? 4 : shrink >= 2 * factor ? 2 : 1;
  if (s > 1 && Math.trunc(shrink) === s) s /= 2;
  return s;
}

/** Run `lane` over indices 0…n−1 with `inFlight` of them at once; resolves when all are done. */
export async function inFlight(n: number, lanes: number, lane: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < n) await lane(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, run));
}
