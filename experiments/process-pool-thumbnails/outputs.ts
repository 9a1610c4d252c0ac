// Checking what a strategy wrote: one `<name>_thumbnail.jpg` per input photo,
// each a JPEG that decodes, with 128 on its longest side. The canonical form
// (sorted "name width×height" lines) is what every strategy, in Node and in
// Python, must agree on; the bytes differ, as the encoders do.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { THUMBNAIL, thumbnailName } from './thumbnail.ts';

export interface ThumbnailCheck {
  /** Sorted "name width×height" lines: the strategy's result, digested. */
  canonical: string;
  count: number;
}

/** Check the thumbnails of `photos` in `outDir`; throws with every problem named when one is wrong. */
export function checkThumbnails(outDir: string, photos: readonly string[]): ThumbnailCheck {
  const expected = new Set(photos.map(thumbnailName));
  const found = readdirSync(outDir).sort();
  const problems: string[] = [];
  const missing = [...expected].filter((n) => !found.includes(n));
  if (missing.length) problems.push(`${missing.length} thumbnail(s) missing, e.g. ${missing.slice(0, 3).join(', ')}`);
  const extra = found.filter((n) => !expected.has(n));
  if (extra.length) problems.push(`${extra.length} unexpected file(s), e.g. ${extra.slice(0, 3).join(', ')}`);
  const lines: string[] = [];
  for (const name of found.filter((n) => expected.has(n))) {
    try {
      const image = jpeg.decode(readFileSync(path.join(outDir, name)), { useTArray: true, formatAsRGBA: false });
      if (Math.max(image.width, image.height) !== THUMBNAIL.maxSide) problems.push(`${name} is ${image.width}×${image.height}: its longest side should be ${THUMBNAIL.maxSide}`);
      lines.push(`${name} ${image.width}x${image.height}\n`);
    } catch (error) {
      problems.push(`${name} does not decode: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length) throw new Error(`thumbnails in ${outDir} are wrong: ${problems.slice(0, 5).join('; ')}`);
  return { canonical: lines.join(''), count: lines.length };
}
