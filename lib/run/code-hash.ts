// A hash of everything that decides what a run measures: the experiment's
// files (its report excepted), the shared measuring code, the lockfile and the
// parameters. `run --if-stale` skips a run whose hash matches this machine's
// last one, so a fresh clone's `make all` reuses the committed results.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Params } from '../experiment/types.ts';

/** Parts of lib/ that only present results: changing them never invalidates data. */
const PRESENTATION = new Set(['report', 'cli', 'scaffold', 'testing']);

function filesUnder(dir: string, skip: (rel: string) => boolean, base = dir): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    const rel = path.relative(base, full);
    if (skip(rel)) continue;
    if (statSync(full).isDirectory()) out = out.concat(filesUnder(full, skip, base));
    else out.push(full);
  }
  return out;
}

const isTest = (rel: string) => /\.test\.ts$/.test(rel) || rel.includes('__pycache__');

export function codeHash(root: string, experimentDir: string, params: Params): string {
  const files = [
    ...filesUnder(experimentDir, (rel) => rel === 'report.ts' || isTest(rel)),
    ...filesUnder(path.join(root, 'lib'), (rel) => PRESENTATION.has(rel.split(path.sep)[0]!) || isTest(rel)),
    path.join(root, 'package-lock.json'),
  ];
  const h = createHash('sha256');
  for (const file of files) {
    h.update(path.relative(root, file)).update('\0');
    try {
      h.update(readFileSync(file));
    } catch {
      h.update('missing');
    }
    h.update('\0');
  }
  h.update(JSON.stringify(params));
  return h.digest('hex').slice(0, 16);
}
