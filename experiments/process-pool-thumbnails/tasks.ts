// The work of article 002, as tasks an executor runs by name in a worker
// thread or a child process: make thumbnails from file paths (the worker
// reads and writes the files), or from bytes (the main thread does the I/O
// and the photos travel to the worker), in pure JavaScript; or with sharp
// inside the worker. Light imports only: a pool worker loads this module at
// start-up, and sharp only when a sharp task asks for it.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configureSharp, sharpThumbnail, type Sharp } from './sharp-pipeline.ts';
import { makeThumbnail, thumbnailName } from './thumbnail.ts';

export interface FileBatch {
  /** Absolute paths of the photos. */
  files: readonly string[];
  /** Folder the thumbnails are written into. */
  outDir: string;
}

/** Thumbnail each file of the batch into outDir; returns the thumbnails' names, in input order. */
export function thumbnailFiles({ files, outDir }: FileBatch): string[] {
  return files.map((file) => {
    const name = thumbnailName(path.basename(file));
    writeFileSync(path.join(outDir, name), makeThumbnail(readFileSync(file)).bytes);
    return name;
  });
}

export interface BytesItem {
  name: string;
  bytes: Uint8Array;
}

/** Thumbnail photos given as bytes; returns the thumbnails as bytes, in input order. No disk access. */
export function thumbnailBytes({ items }: { items: readonly BytesItem[] }): BytesItem[] {
  return items.map(({ name, bytes }) => ({ name: thumbnailName(name), bytes: makeThumbnail(bytes).bytes }));
}

let sharpModule: Promise<Sharp> | undefined;

/** sharp, loaded once per worker, one libvips thread per photo. */
function sharpOnce(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((m) => {
    const sharp = m.default;
    configureSharp(sharp);
    return sharp;
  });
  return sharpModule;
}

/**
 * Load sharp in this worker, then wait until `parties` workers have: sent one
 * per worker at start-up, each lands on a worker of its own (a worker held at
 * the barrier takes no second task).
 */
export async function loadSharp({ shared, parties }: { shared: SharedArrayBuffer; parties: number }): Promise<null> {
  await sharpOnce();
  const cell = new Int32Array(shared);
  Atomics.add(cell, 0, 1);
  Atomics.notify(cell, 0);
  const deadline = Date.now() + 60_000;
  for (let seen = Atomics.load(cell, 0); seen < parties; seen = Atomics.load(cell, 0)) {
    if (Date.now() > deadline) throw new Error(`loadSharp: only ${seen} of ${parties} workers arrived in 60 s`);
    Atomics.wait(cell, 0, seen, 100);
  }
  return null;
}

/** The tuned sharp thumbnail of each file, one at a time, into outDir; returns the names, in input order. */
export async function sharpThumbnails({ files, outDir }: FileBatch): Promise<string[]> {
  const sharp = await sharpOnce();
  const out: string[] = [];
  for (const file of files) {
    const name = thumbnailName(path.basename(file));
    await sharpThumbnail(sharp, 'tuned', file, path.join(outDir, name));
    out.push(name);
  }
  return out;
}
