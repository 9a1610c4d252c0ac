// One thumbnail in pure JavaScript: decode the JPEG (jpeg-js), shrink it so
// its longest side is 128 (area averaging, resize.ts), encode it again
// (jpeg-encode.ts). The
// size rule is Pillow's Image.thumbnail, so every strategy, Node or Python,
// writes thumbnails of the same dimensions.

import jpeg from 'jpeg-js';
import { encodeJpeg } from './jpeg-encode.ts';
import { resizeArea } from './resize.ts';

export const THUMBNAIL = {
  /** Longest side of a thumbnail, as in the article's `image.thumbnail(size=(128, 128))`. */
  maxSide: 128,
  /** Pillow's default JPEG quality when `save` is given none. */
  quality: 75,
  /** Refuse absurd inputs rather than allocate for them. */
  maxResolutionInMP: 50,
} as const;

/**
 * Pillow 9's thumbnail size: fit within max × max keeping the aspect ratio,
 * choosing floor or ceil of the scaled side by whichever keeps the ratio closer.
 */
export function thumbnailSize(width: number, height: number, max: number = THUMBNAIL.maxSide): { width: number; height: number } {
  if (width <= max && height <= max) return { width, height };
  const aspect = width / height;
  const closest = (value: number, error: (n: number) => number) => {
    const [lo, hi] = [Math.floor(value), Math.ceil(value)];
    return Math.max(error(lo) <= error(hi) ? lo : hi, 1);
  };
  if (max / max >= aspect) {
    return { width: closest(max * aspect, (n) => Math.abs(aspect - n / max)), height: max };
  }
  return { width: max, height: closest(max / aspect, (n) => (n === 0 ? 0 : Math.abs(aspect - max / n))) };
}

export interface Thumbnail {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** JPEG bytes in, thumbnail JPEG bytes out. */
export function makeThumbnail(jpegBytes: Uint8Array): Thumbnail {
  const image = jpeg.decode(jpegBytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: THUMBNAIL.maxResolutionInMP });
  const size = thumbnailSize(image.width, image.height);
  const small = resizeArea(image, size.width, size.height);
  return { bytes: encodeJpeg(small, THUMBNAIL.quality), width: small.width, height: small.height };
}

/** `1430028941_4db9dedd10.jpg` → `1430028941_4db9dedd10_thumbnail.jpg`, as the article names them. */
export function thumbnailName(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > 0 ? `${file.slice(0, dot)}_thumbnail${file.slice(dot)}` : `${file}_thumbnail`;
}
