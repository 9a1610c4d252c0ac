// The input photos on disk: the first `count` photos of a seed at a long side
// (Flickr's 500 px, or a camera export's), written once under the
// experiment's (git-ignored) inputs folder with a manifest of their SHA-256s. A later run re-hashes the files against the manifest (~0.1 s for
// 1000) and regenerates only what is missing or changed.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../lib/data/atomic.ts';
import { PHOTO, photoJpeg, photoName } from './photos.ts';

export interface ManifestEntry {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  version: number;
  seed: number;
  /** Pixels on each photo's longest side (absent in manifests written before sizes: 500). */
  longSide?: number;
  photos: ManifestEntry[];
}

export interface PhotoSet {
  dir: string;
  manifestFile: string;
  /** One hash of the names and contents of the first `count` photos: for run.json. */
  sha256: string;
  /** Seconds spent generating photos this time (0 when every file was already there). */
  generated_s: number;
  generated: number;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The name of the input (prepare's `files`) that holds the manifest of the photos at a long side: `photos` for Flickr's 500 px, `photos_<px>` for others. */
export const photosInput = (longSide: number = PHOTO.longSide): string => {
  if (!(Number.isInteger(longSide) && longSide > 0)) throw new Error(`a photo set's long side must be a positive integer (got ${longSide})`);
  return longSide === PHOTO.longSide ? 'photos' : `photos_${longSide}`;
};

/** The folder of a seed's photos at a long side; Flickr's 500 px keeps the folder it always had. */
export const photoDir = (inputsDir: string, seed: number, longSide: number = PHOTO.longSide) =>
  path.join(inputsDir, longSide === PHOTO.longSide ? `photos-seed${seed}-v${PHOTO.version}` : `photos-seed${seed}-${longSide}px-v${PHOTO.version}`);

function readManifest(file: string, seed: number, longSide: number): Manifest | null {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return m.version === PHOTO.version && m.seed === seed && (m.longSide ?? PHOTO.longSide) === longSide && Array.isArray(m.photos) ? m : null;
  } catch {
    return null;
  }
}

/** The first `count` names of a manifest file, as trials read it; throws when it is short. */
export function readPhotoNames(manifestFile: string, count: number): string[] {
  const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  if (m.photos.length < count) throw new Error(`${manifestFile} lists ${m.photos.length} photos, the trial needs ${count}: run prepare with a larger 'images'`);
  return m.photos.slice(0, count).map((p) => p.name);
}

/** Make sure the first `count` photos of `seed` at `longSide` pixels exist and match; returns where they are. */
export function ensurePhotos({ inputsDir, seed, count, longSide = PHOTO.longSide, log }: { inputsDir: string; seed: number; count: number; longSide?: number; log?: (line: string) => void }): PhotoSet {
  if (!(Number.isInteger(count) && count >= 1)) throw new Error(`photo count must be a positive integer (got ${count})`);
  const dir = photoDir(inputsDir, seed, longSide);
  const manifestFile = path.join(dir, 'manifest.json');
  const known = readManifest(manifestFile, seed, longSide)?.photos ?? [];
  const photos: ManifestEntry[] = [];
  let generated = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const name = photoName(seed, i);
    const file = path.join(dir, name);
    const entry = known[i];
    if (entry && entry.name === name && existsSync(file) && sha256(readFileSync(file)) === entry.sha256) {
      photos.push(entry);
      continue;
    }
    const bytes = photoJpeg(seed, i, longSide);
    writeFileAtomic(file, bytes);
    photos.push({ name, sha256: sha256(bytes), bytes: bytes.length });
    generated++;
  }
  const generated_s = (performance.now() - t0) / 1000;
  // Keep entries past `count` that an earlier, larger run wrote, so runs of different sizes share one folder.
  const all = [...photos, ...known.slice(count).filter((e, k) => e.name === photoName(seed, count + k))];
  if (generated > 0 || all.length !== known.length) {
    // Flickr's size writes the manifest it always wrote, so that its cached photos stay valid.
    const manifest: Manifest = longSide === PHOTO.longSide ? { version: PHOTO.version, seed, photos: all } : { version: PHOTO.version, seed, longSide, photos: all };
    writeFileAtomic(manifestFile, JSON.stringify(manifest, null, 1) + '\n');
    log?.(`generated ${generated} photo${generated === 1 ? '' : 's'} (${longSide} px) in ${generated_s.toFixed(1)} s under ${dir}`);
  }
  return { dir, manifestFile, sha256: sha256(photos.map((p) => `${p.name} ${p.sha256}\n`).join('')), generated_s, generated };
}
