// The two photo sets of a run: Flickr's 500-pixel photos (the article's
// questions) and, when the profile asks for it, a camera-size set. A cell
// says which set it works on by its photo count: the camera set's counts
// (`camera_images`, `camera_stage_images`) are its own, never the Flickr
// set's. The long side is recorded with every row as the metric `long_side`
// (a metric, not a point column, so that rows written before sizes were a
// parameter stay readable: lib reads every point column strictly, and lets
// metric columns postdate a machine's rows).

import type { Params } from '../../lib/experiment/types.ts';
import { PHOTO } from './photos.ts';

export interface CameraSet {
  longSide: number;
  images: number;
  stageImages: number;
}

/** The camera set of a profile (its long side, its photos, the photos of its stage breakdown), or undefined when it has none. */
export function cameraSet(params: Params): CameraSet | undefined {
  if (params.camera_images === undefined) return undefined;
  const longSide = Number(params.camera_long_side);
  const images = Number(params.camera_images);
  const stageImages = Number(params.camera_stage_images ?? images);
  if (!(Number.isInteger(longSide) && longSide > PHOTO.longSide)) throw new Error(`params.camera_long_side must be an integer above ${PHOTO.longSide} (got ${String(params.camera_long_side)})`);
  if (!(Number.isInteger(images) && images >= 1)) throw new Error(`params.camera_images must be a positive integer (got ${String(params.camera_images)})`);
  if (!(Number.isInteger(stageImages) && stageImages >= 1 && stageImages <= images)) throw new Error(`params.camera_stage_images must be between 1 and camera_images (${images}); got ${String(params.camera_stage_images)}`);
  const flickr = [Number(params.images), Number(params.sweep_images), stageImagesOf(params)];
  for (const [name, n] of [['camera_images', images], ['camera_stage_images', stageImages]] as const) {
    if (flickr.includes(n)) throw new Error(`params.${name} (${n}) must differ from images, sweep_images and stage_images (${flickr.join(', ')}): a cell tells the camera set by its photo count`);
  }
  return { longSide, images, stageImages };
}

/** The Flickr-size photos of the stage breakdowns: `stage_images` of them, or the sweeps' when the profile names none. */
export function stageImagesOf(params: Params): number {
  const n = Number(params.stage_images ?? params.sweep_images);
  if (!(Number.isInteger(n) && n >= 1 && n <= Number(params.images))) throw new Error(`params.stage_images must be between 1 and images (${String(params.images)}); got ${String(params.stage_images)}`);
  return n;
}

/** The long side of the photos a cell of `images` photos works on. */
export function longSideFor(params: Params, images: number): number {
  const camera = cameraSet(params);
  return camera && (images === camera.images || images === camera.stageImages) ? camera.longSide : PHOTO.longSide;
}
