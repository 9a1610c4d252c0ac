import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { ensurePhotos, photoDir, photosInput, readPhotoNames } from './photo-set.ts';
import { CAMERA, PHOTO, photoJpeg, photoName, photoPixels, qualityFor } from './photos.ts';

const SEED = 20170630; // the full profile's seed
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'photos-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('photoJpeg', () => {
  it('photoJpeg(seed, i) is pinned: the first three photos of the experiment’s seed hash to these values', () => {
    // A change here changes every input photo: bump PHOTO.version so cached inputs are rebuilt.
    expect([0, 1, 2].map((i) => [photoName(SEED, i), sha256(photoJpeg(SEED, i))])).toEqual([
      ['1430004235_4181516127.jpg', '1d707650313aa7d9f8eef58de2b2bbcddde173a64c13fadbf3ca7ef2857d3617'],
      ['1430013939_cdbbb15ac8.jpg', '0c695b9b63dfd224d399df43e1a1804d5b581f601442b603a28bd1746f4380f2'],
      ['1430025404_4576dd57f6.jpg', 'e67e531f4ec4cbbfe7a9760ca70f8a4fce5471456b8840f097e310465400aa42'],
    ]);
  });

  it('photoJpeg(seed, i) is the same on a second call and differs between photos and seeds', () => {
    expect(sha256(photoJpeg(7, 3))).toBe(sha256(photoJpeg(7, 3)));
    expect(sha256(photoJpeg(7, 3))).not.toBe(sha256(photoJpeg(7, 4)));
    expect(sha256(photoJpeg(7, 3))).not.toBe(sha256(photoJpeg(8, 3)));
  });

  it('photos are Flickr-medium sized JPEGs of 15–60 KB that decode to their pixel size', () => {
    for (let i = 0; i < 8; i++) {
      const bytes = photoJpeg(SEED, i);
      const image = jpeg.decode(bytes, { useTArray: true });
      expect(PHOTO.sizes.some(([w, h]) => w === image.width && h === image.height)).toBe(true);
      expect(Math.max(image.width, image.height)).toBe(500);
      expect(bytes.length).toBeGreaterThan(15_000);
      expect(bytes.length).toBeLessThan(60_000);
    }
  });

  it('photoPixels(seed, i) is textured like a photo, not flat: neighbouring pixels differ and the image spans many levels', () => {
    const { width, height, data } = photoPixels(SEED, 0);
    let diff = 0;
    const levels = new Set<number>();
    for (let y = 0; y < height; y++) {
      for (let x = 1; x < width; x++) {
        const o = (y * width + x) * 4;
        diff += Math.abs(data[o]! - data[o - 4]!);
        levels.add(data[o]!);
      }
    }
    expect(diff / (width * height)).toBeGreaterThan(3);
    expect(levels.size).toBeGreaterThan(100);
  });

  it('photoPixels at a larger long side draws the same scene at more pixels: the same shape, the same mean colour within the grain', () => {
    const mean = (img: { data: Uint8Array }) => [0, 1, 2].map((c) => {
      let sum = 0;
      for (let o = c; o < img.data.length; o += 4) sum += img.data[o]!;
      return sum / (img.data.length / 4);
    });
    for (const i of [0, 1, 5]) {
      const small = photoPixels(SEED, i);
      const large = photoPixels(SEED, i, 1000);
      expect([large.width, large.height]).toEqual([small.width * 2, small.height * 2]);
      const [a, b] = [mean(small), mean(large)];
      for (let c = 0; c < 3; c++) expect(Math.abs(a[c]! - b[c]!)).toBeLessThan(4);
    }
    expect(() => photoPixels(SEED, 0, 8)).toThrow(/long side must be an integer of at least 16/);
  });

  it('a camera-size photo is a JPEG at the camera’s quality; Flickr-size photos keep theirs', () => {
    expect(qualityFor(PHOTO.longSide)).toBe(PHOTO.quality);
    expect(qualityFor(CAMERA.longSide)).toBe(CAMERA.quality);
    const image = jpeg.decode(photoJpeg(SEED, 3, 1000), { useTArray: true });
    expect(Math.max(image.width, image.height)).toBe(1000);
  });

  it('photoName(seed, i) gives distinct Flickr-like names', () => {
    const names = Array.from({ length: 200 }, (_, i) => photoName(SEED, i));
    expect(new Set(names).size).toBe(200);
    for (const n of names) expect(n).toMatch(/^\d{10}_[0-9a-f]{10}\.jpg$/);
  });
});

describe('ensurePhotos', () => {
  it('ensurePhotos writes the photos once, then only re-hashes them, and rebuilds a damaged one', () => {
    const first = ensurePhotos({ inputsDir: tmp, seed: 5, count: 3 });
    expect(first.generated).toBe(3);
    expect(readPhotoNames(first.manifestFile, 3)).toEqual([0, 1, 2].map((i) => photoName(5, i)));
    const again = ensurePhotos({ inputsDir: tmp, seed: 5, count: 3 });
    expect(again.generated).toBe(0);
    expect(again.sha256).toBe(first.sha256);
    const victim = path.join(first.dir, photoName(5, 1));
    writeFileSync(victim, 'not a jpeg');
    const repaired = ensurePhotos({ inputsDir: tmp, seed: 5, count: 3 });
    expect(repaired.generated).toBe(1);
    expect(sha256(readFileSync(victim))).toBe(sha256(photoJpeg(5, 1)));
  });

  it('ensurePhotos extends a smaller set and keeps a larger one’s manifest for later runs', () => {
    ensurePhotos({ inputsDir: tmp, seed: 6, count: 2 });
    const more = ensurePhotos({ inputsDir: tmp, seed: 6, count: 4 });
    expect(more.generated).toBe(2);
    const fewer = ensurePhotos({ inputsDir: tmp, seed: 6, count: 2 });
    expect(fewer.generated).toBe(0);
    expect(readPhotoNames(fewer.manifestFile, 4)).toHaveLength(4);
  });

  it('a set at another long side has its own folder, manifest and input name, and leaves the Flickr set alone', () => {
    const flickr = ensurePhotos({ inputsDir: tmp, seed: 7, count: 2 });
    const large = ensurePhotos({ inputsDir: tmp, seed: 7, count: 2, longSide: 800 });
    expect(large.dir).toBe(photoDir(tmp, 7, 800));
    expect(large.dir).not.toBe(flickr.dir);
    expect(flickr.dir).toBe(path.join(tmp, `photos-seed7-v${PHOTO.version}`));
    expect(readPhotoNames(large.manifestFile, 2)).toEqual(readPhotoNames(flickr.manifestFile, 2));
    expect(large.sha256).not.toBe(flickr.sha256);
    expect(JSON.parse(readFileSync(large.manifestFile, 'utf8')).longSide).toBe(800);
    expect(JSON.parse(readFileSync(flickr.manifestFile, 'utf8')).longSide).toBeUndefined();
    expect(ensurePhotos({ inputsDir: tmp, seed: 7, count: 2 }).generated).toBe(0);
    expect(ensurePhotos({ inputsDir: tmp, seed: 7, count: 2, longSide: 800 }).generated).toBe(0);
    expect([photosInput(500), photosInput(3000)]).toEqual(['photos', 'photos_3000']);
  });

  it('readPhotoNames says what to do when the manifest is shorter than the trial needs', () => {
    const set = ensurePhotos({ inputsDir: tmp, seed: 9, count: 1 });
    expect(() => readPhotoNames(set.manifestFile, 5)).toThrow(/lists 1 photos, the trial needs 5/);
  });
});
