// A temporary file that is gone afterwards whatever happens: the io workload
// writes hundreds of megabytes per task, and a task that throws halfway must
// not leave them behind in /tmp (the article's io_heavy removed its file only
// on success).

import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

/** The prefix of every folder this experiment creates under the temp dir. */
export const TEMP_PREFIX = 'interpreter-pools-io-';

/** Run `fn` with the path of a fresh file in a private folder under `dir`; remove the folder afterwards, on error too. */
export async function withTempFile<T>(dir: string, fn: (file: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(dir, TEMP_PREFIX));
  try {
    return await fn(path.join(folder, 'data'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
