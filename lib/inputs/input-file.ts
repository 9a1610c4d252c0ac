// Generated input files: written atomically, identified by their sha256, and
// rebuilt when missing or when their content no longer matches what the
// generator would write (a crash mid-write, a hand edit).

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../data/atomic.ts';

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Ensure `file` holds exactly what `generate` returns. Cheap inputs are simply
 * regenerated in memory and compared; returns the content's sha256.
 */
export function ensureInputFile(file: string, generate: () => string | Uint8Array, log?: (line: string) => void): string {
  const content = generate();
  const expected = createHash('sha256').update(content).digest('hex');
  if (existsSync(file) && sha256File(file) === expected) return expected;
  log?.(`writing input ${file}`);
  writeFileAtomic(file, content);
  return expected;
}
