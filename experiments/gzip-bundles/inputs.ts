// The bundles on disk: one folder of symbol files per bundle, under the
// runner's inputs folder, with a manifest of every file's size and sha256.
// Files are generated streamed (a large file never sits in memory whole),
// written under a temporary name and renamed, and checked against the
// manifest by hash on every run; a missing or different file is rebuilt.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../lib/data/atomic.ts';
import type { Inputs } from '../../lib/experiment/types.ts';
import { bundleFiles, bundleSpec, type BundleFile } from './bundles.ts';
import { symbolChunks } from './symbols.ts';

/** Bumped whenever the generator's output changes, so old files are rebuilt. */
export const GENERATOR_VERSION = 1;
const MANIFEST = 'manifest.json';

export interface BundleOptions {
  seed: number;
  /** 1 is the article's sizes. */
  scale: number;
  bundles: readonly string[];
}

interface Manifest {
  generator: number;
  seed: number;
  scale: number;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** Folder of one scale's bundles: the scale is in the name so profiles never overwrite each other. */
export function scaleDir(inputsDir: string, { seed, scale }: { seed: number; scale: number }): string {
  return path.join(inputsDir, `seed-${seed}-scale-${scale}`);
}

/** Write one file from its generator settings, streamed; returns its sha256. */
export function writeBundleFile(file: string, f: BundleFile): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const hash = createHash('sha256');
  const fd = openSync(tmp, 'w');
  try {
    for (const chunk of symbolChunks({ seed: f.seed, bytes: f.bytes, hashed: f.hashed, unwind: f.unwind, module: f.name.replace(/^\d+-|\.sym$/g, '') })) {
      const bytes = Buffer.from(chunk, 'latin1');
      hash.update(bytes);
      writeSync(fd, bytes);
    }
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, file);
  return hash.digest('hex');
}

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/**
 * Make sure every bundle of `options` is on disk and matches its manifest;
 * returns the runner's inputs: bundle name → folder, and a hash per bundle
 * (sha256 over its files' names and hashes).
 */
export function prepareBundles(inputsDir: string, options: BundleOptions, log: (line: string) => void = () => {}): Inputs {
  const dir = scaleDir(inputsDir, options);
  const manifestFile = path.join(dir, MANIFEST);
  const old = readManifest(manifestFile);
  const trusted = old && old.generator === GENERATOR_VERSION && old.seed === options.seed && old.scale === options.scale ? old.files : {};
  const manifest: Manifest = { generator: GENERATOR_VERSION, seed: options.seed, scale: options.scale, files: { ...trusted } };
  const files: Record<string, string> = {};
  const hashes: Record<string, string> = {};
  for (const name of options.bundles) {
    const bundleDir = path.join(dir, name);
    const list = bundleFiles(bundleSpec(name), options);
    const expected = new Set(list.map((f) => f.name));
    // A file the spec no longer names would be read as part of the bundle: remove it.
    if (existsSync(bundleDir)) for (const entry of readdirSync(bundleDir)) if (!expected.has(entry)) rmSync(path.join(bundleDir, entry), { force: true });
    let written = 0;
    for (const f of list) {
      const file = path.join(bundleDir, f.name);
      const key = `${name}/${f.name}`;
      const known = manifest.files[key];
      const ok = known && known.bytes === f.bytes && existsSync(file) && statSync(file).size === f.bytes && sha256File(file) === known.sha256;
      if (ok) continue;
      manifest.files[key] = { bytes: f.bytes, sha256: writeBundleFile(file, f) };
      written++;
    }
    if (written > 0) log(`gzip-bundles: wrote ${written} of ${list.length} files of bundle ${name} in ${bundleDir}`);
    files[name] = bundleDir;
    hashes[name] = createHash('sha256')
      .update(list.map((f) => `${f.name} ${manifest.files[`${name}/${f.name}`]!.sha256}\n`).join(''))
      .digest('hex');
  }
  writeFileAtomic(manifestFile, JSON.stringify(manifest, null, 1) + '\n');
  return { files, hashes, seed: options.seed };
}

/** A bundle read into memory, as the service holds an uploaded zip's files: in name (submission) order. */
export interface LoadedBundle {
  names: string[];
  payloads: Buffer[];
  bytes: number;
}

export function readBundle(dir: string): LoadedBundle {
  if (!existsSync(dir)) throw new Error(`bundle folder ${dir} is missing: run the experiment (its prepare step writes it)`);
  const names = readdirSync(dir).filter((n) => n.endsWith('.sym')).sort();
  const payloads = names.map((n) => readFileSync(path.join(dir, n)));
  return { names, payloads, bytes: payloads.reduce((s, p) => s + p.length, 0) };
}
