// Which photos a cell works on, and sharp's shrink-on-load factor as its
// source decides it: the rules the strategies and the stage breakdown rely on.

import { describe, expect, it } from 'vitest';
import experiment from './experiment.ts';
import { shrinkOnLoad } from './sharp-pipeline.ts';
import { cameraSet, longSideFor } from './sizes.ts';

describe('cameraSet and longSideFor', () => {
  const params = { ...experiment.profiles.full.params };

  it('a cell is on the camera set when its photo count is the camera set’s (its photos or its stage breakdown’s)', () => {
    const camera = cameraSet(params)!;
    expect(camera).toEqual({ longSide: 3000, images: 100, stageImages: 12 });
    expect([longSideFor(params, 100), longSideFor(params, 12)]).toEqual([3000, 3000]);
    expect([longSideFor(params, 1000), longSideFor(params, 200), longSideFor(params, 80)]).toEqual([500, 500, 500]);
  });

  it('a profile without a camera set works on Flickr’s photos only', () => {
    const { camera_images: _, ...without } = params;
    expect(cameraSet(without)).toBeUndefined();
    expect(longSideFor(without, 100)).toBe(500);
  });

  it('refuses a camera set that could not be told apart or makes no sense', () => {
    expect(() => cameraSet({ ...params, camera_images: 1000 })).toThrow(/camera_images \(1000\) must differ/);
    expect(() => cameraSet({ ...params, camera_images: 300, camera_stage_images: 200 })).toThrow(/camera_stage_images \(200\) must differ/);
    expect(() => cameraSet({ ...params, camera_stage_images: 101 })).toThrow(/between 1 and camera_images/);
    expect(() => cameraSet({ ...params, camera_long_side: 400 })).toThrow(/camera_long_side must be an integer above 500/);
  });

  it('every profile’s camera set, where it has one, is larger than Flickr’s photos', () => {
    for (const profile of Object.values(experiment.profiles)) {
      const camera = cameraSet(profile.params);
      if (camera) expect(camera.longSide).toBeGreaterThan(500);
    }
  });
});

describe('shrinkOnLoad', () => {
  it('picks the largest of 8, 4, 2 within the shrink, halved where the shrink’s integer part equals it', () => {
    expect(shrinkOnLoad(500, 375)).toBe(2); // 3.9: 2
    expect(shrinkOnLoad(333, 500)).toBe(2);
    expect(shrinkOnLoad(1000, 750)).toBe(4); // 7.8: 4
    expect(shrinkOnLoad(3000, 2250)).toBe(8); // 23.4: 8
    expect(shrinkOnLoad(512, 384)).toBe(2); // exactly 4: libjpeg's rounding, halved
    expect(shrinkOnLoad(300, 200)).toBe(1); // 2.3: its integer part is 2, halved to 1
    expect(shrinkOnLoad(128, 96)).toBe(1);
  });

  it('with fastShrinkOnLoad off, leaves at least a factor of two to the resize', () => {
    expect(shrinkOnLoad(500, 375, 128, false)).toBe(1);
    expect(shrinkOnLoad(1000, 750, 128, false)).toBe(2);
    expect(shrinkOnLoad(3000, 2250, 128, false)).toBe(8);
  });
});
