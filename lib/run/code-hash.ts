// A hash of everything that decides what a trial measures: every source file
// compiled into the experiment's trial bundle or imported by its services
// (esbuild's metafile lists them), the experiment folder's other files (its
// Python peers), the code that measures a trial from outside, the lockfile and
// the parameters. Report files are left out because no trial imports them.
// Orchestration (lib/run, lib/cli) and presentation (lib/report) are left out:
// changing how trials are ordered, resumed or drawn never invalidates data.
// `run --if-stale` skips a run whose hash matches this machine's last one.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Params } from '../experiment/types.ts';
import { sourcesOf } from '../trial/bundle.ts';

/** Files outside the bundle that take part in every measurement, relative to the root. */
const MEASURING = ['lib/measure', 'lib/trial/spawn.ts', 'lib/trial/protocol.ts', 'lib/executors', 'lib/peers', 'lib/services', 'package-lock.json'];

function filesUnder(target: string): string[] {
  if (!statSync(target, { throwIfNoEntry: false })) return [];
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .sort()
    .flatMap((entry) => filesUnder(path.join(target, entry)));
}

const isTest = (file: string) => /\.test\.ts$/.test(file) || file.includes('__pycache__');

/**
 * The lockfile's packages that can run inside a trial: dev dependencies (the test runner, type
 * checker, axe-core) never do, so adding one must not make every machine's results stale.
 */
function runtimePackages(lockfile: string): string {
  const lock = JSON.parse(lockfile) as { packages?: Record<string, { dev?: boolean }> };
  return JSON.stringify(Object.entries(lock.packages ?? {}).filter(([name, entry]) => name !== '' && !entry.dev));
}

export interface CodeHashInput {
  root: string;
  experimentDir: string;
  /** Source files compiled into the experiment's bundles or imported by its services (lib/trial/bundle.ts). */
  bundleSources: readonly string[];
  params: Params;
}

export function codeHash({ root, experimentDir, bundleSources, params }: CodeHashInput): string {
  const files = new Set([
    // TypeScript in the folder counts only when a trial or service imports it (bundleSources).
    ...filesUnder(experimentDir).filter((f) => !f.endsWith('.ts')),
    ...bundleSources,
    ...MEASURING.flatMap((rel) => filesUnder(path.join(root, rel))),
  ]);
  const h = createHash('sha256');
  for (const file of [...files].filter((f) => !isTest(f)).map((f) => path.relative(root, f)).sort()) {
    h.update(file).update('\0');
    try {
      h.update(file === 'package-lock.json' ? runtimePackages(readFileSync(path.join(root, file), 'utf8')) : readFileSync(path.join(root, file)));
    } catch {
      h.update('missing');
    }
    h.update('\0');
  }
  h.update(JSON.stringify(params));
  return h.digest('hex').slice(0, 16);
}

export interface RunHashInput {
  root: string;
  experimentDir: string;
  /** The experiment's service scripts (relative to its folder): their sources count too. */
  services?: readonly { script: string }[];
  /** lib/trial/bundle.ts's sources of the trial and task bundles. */
  bundleSources: readonly string[];
  profile: string;
  params: Params;
  /** The strategies a partial run was limited to, or null. */
  strategies: readonly string[] | null;
  sampleIntervalMs: number;
}

/** The hash a run records as code_hash: the runner and `cli import` (checking a run against its commit) both compute it here. */
export function runHash(input: RunHashInput): string {
  const { root, experimentDir, services = [], bundleSources, profile, params, strategies, sampleIntervalMs } = input;
  return codeHash({
    root,
    experimentDir,
    bundleSources: [...bundleSources, ...services.flatMap((svc) => sourcesOf(root, path.join(experimentDir, svc.script)))],
    params: { profile, params, strategies, sampleIntervalMs } as unknown as Params,
  });
}
