// Results from two machines, as two people would make them: two clones of one
// repository each run the cpu-burn fixture under their own machine id, commit,
// and one merges the other's branch. The merge must be clean (each machine
// writes only its own folder), and the merged report and index show both.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../paths.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'multi-machine-'));
const FIXTURES = path.join(ROOT, 'lib', 'testing', 'fixtures', 'experiments');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const cli = (clone: string, args: string[], machine: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args, '--experiments-dir', FIXTURES, '--data-dir', path.join(clone, 'data'), '--reports-dir', path.join(clone, 'reports'), '--inputs-dir', path.join(tmp, 'inputs')], {
    cwd: ROOT,
    env: { ...process.env, MACHINE_ID: machine },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const BURN = ['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', '--accept-noise', '--strategy', 'burn-serial,burn-worker-threads,burn-child-processes'];

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('results from two machines in two clones', () => {
  it('merge with git without a conflict, and the merged report and index show both machines', () => {
    const base = path.join(tmp, 'base');
    mkdirSync(path.join(base, 'data'), { recursive: true });
    writeFileSync(path.join(base, 'data', '.gitkeep'), '');
    git(base, 'init', '--quiet');
    git(base, 'add', '-A');
    git(base, 'commit', '--quiet', '-m', 'base');
    const clones = { 'box-a': path.join(tmp, 'a'), 'box-b': path.join(tmp, 'b') };
    for (const [machine, dir] of Object.entries(clones)) {
      git(tmp, 'clone', '--quiet', base, dir);
      cli(dir, BURN, machine);
      git(dir, 'add', '-A', 'data');
      git(dir, 'commit', '--quiet', '-m', `cpu-burn on ${machine}`);
    }
    const a = clones['box-a'];
    git(a, 'fetch', '--quiet', clones['box-b'], 'main');
    git(a, 'merge', '--no-edit', '--quiet', 'FETCH_HEAD'); // throws on a conflict
    expect(git(a, 'status', '--porcelain')).toBe('');
    expect(git(a, 'log', '--format=%s', '-1')).toMatch(/^Merge/);

    const machineRows = (m: string) => csvParse(readFileSync(path.join(a, 'data', 'cpu-burn', m, 'results.csv'), 'utf8'));
    for (const m of ['box-a', 'box-b']) {
      expect(machineRows(m).map((r) => r.strategy).sort()).toEqual(['burn-child-processes', 'burn-serial', 'burn-worker-threads']);
      expect(new Set(machineRows(m).map((r) => r.machine_id))).toEqual(new Set([m]));
    }

    cli(a, ['report', 'cpu-burn'], 'box-a');
    cli(a, ['index'], 'box-a');
    const page = new JSDOM(readFileSync(path.join(a, 'reports', 'cpu-burn.html'), 'utf8')).window.document;
    const heads = [...page.querySelectorAll('#across-machines-winners thead th')].map((th) => th.textContent);
    expect(heads.filter((h) => /^box-[ab] \(\d+ cores\)$/.test(h ?? ''))).toHaveLength(2);
    const cells = [...page.querySelectorAll('#across-machines-winners tbody td')].map((td) => td.textContent ?? '');
    expect(cells.filter((c) => /\d\.\d\d×/.test(c))).toHaveLength(2);

    const index = new JSDOM(readFileSync(path.join(a, 'reports', 'index.html'), 'utf8')).window.document;
    const machines = [...index.querySelectorAll('#machines-table tbody tr')].map((tr) => tr.querySelectorAll('td')[1]!.textContent);
    expect(machines).toEqual(['box-a (reference)', 'box-b']);
    expect([...index.querySelectorAll('#guide-node a')].map((x) => x.getAttribute('href'))).toContain('cpu-burn.html#rows');

    // Choosing the other machine as the reference touches only what the machines share: experiment.json and the results.csv link.
    cli(a, ['reference', 'cpu-burn', '--machine', 'box-b'], 'box-a');
    expect(git(a, 'status', '--porcelain', '--untracked-files=all', 'data').trim().split('\n')).toEqual(['?? data/cpu-burn/experiment.json', '?? data/cpu-burn/results.csv']);
  }, 180_000);
});
