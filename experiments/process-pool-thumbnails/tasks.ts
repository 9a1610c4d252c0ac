// The work of article 002, as tasks an executor runs by name in a worker
// thread or a child process: make thumbnails from file paths (the worker
// reads and writes the files), or from bytes (the main thread does the I/O
// and the photos travel to the worker). Light imports only: a pool worker
// loads this module at start-up.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
