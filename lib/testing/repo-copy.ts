// A throw-away copy of the repository (tracked and untracked, not ignored
// files) with node_modules linked, for tests that must not touch the real one.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../paths.ts';

export function copyRepo(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repo-copy-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const rel of files) {
    const from = path.join(ROOT, rel);
    try {
      if (!statSync(from).isFile()) continue;
    } catch {
      continue; // listed but deleted in the working tree
    }
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    cpSync(from, path.join(dir, rel));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Relative path → sha256 of every file under `dir` (node_modules and .tmp left out). */
export function snapshot(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.tmp') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of snapshot(full, base)) out.set(k, v);
    else if (entry.isFile()) out.set(path.relative(base, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return out;
}
