// `make all` decides whether to run an experiment by the code hash of this
// machine's last run, never by file times: in a copy whose data/ is newer than
// every source file (as after a pull of another machine's results), a machine
// that never ran the code still runs it; a second make runs nothing.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyRepo } from './repo-copy.ts';

const repo = copyRepo();
afterAll(() => repo.dispose());

function touchAll(dir: string, when: Date): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) touchAll(full, when);
    else utimesSync(full, when, when);
  }
}

// node_modules is the real one, linked: never let make reinstall it from the copy.
const KEEP_DEPS = ['-o', 'node_modules/.package-lock.json'];
const RUN_FLAGS = '--experiments-dir lib/testing/fixtures/experiments --strategy burn-serial,empty --attempts 1 --accept-noise';
const make = () =>
  execFileSync('make', ['--no-print-directory', ...KEEP_DEPS, 'runs', 'PROFILE=smoke', `RUN_FLAGS=${RUN_FLAGS}`], {
    cwd: repo.dir,
    env: { ...process.env, MACHINE_ID: 'new-box' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('make runs', () => {
  it('runs an experiment this machine never ran though data/ is newer than the code, and a second make runs nothing', () => {
    const future = new Date(Date.now() + 3600_000);
    touchAll(path.join(repo.dir, 'data'), future);
    const folder = path.join(repo.dir, 'data', 'cpu-burn', 'new-box');
    expect(existsSync(folder)).toBe(false);
    make();
    expect(readdirSync(folder).sort()).toEqual(['memory.csv', 'results.csv', 'run.json']);
    const written = statSync(path.join(folder, 'results.csv')).mtimeMs;
    const again = execFileSync('bash', ['-c', `make --no-print-directory -o node_modules/.package-lock.json runs PROFILE=smoke RUN_FLAGS='${RUN_FLAGS}' 2>&1`], { cwd: repo.dir, env: { ...process.env, MACHINE_ID: 'new-box' }, encoding: 'utf8' });
    expect(again).toMatch(/cpu-burn: up to date for new-box .*nothing to run/);
    expect(statSync(path.join(folder, 'results.csv')).mtimeMs).toBe(written);
  }, 120_000);
});
