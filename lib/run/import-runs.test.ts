// `cli import` in a throw-away repository: a clean commit runs the cpu-burn
// fixture into a folder outside the repository, and that folder comes in
// through a clone-like directory and through an archive; a second import, a
// run from uncommitted code, a run whose code hash its commit does not give,
// and a run.json of the wrong shape are refused with the reason.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepo } from '../testing/repo-copy.ts';

const repo = copyRepo();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'import-runs-'));
afterAll(() => {
  repo.dispose();
  rmSync(tmp, { recursive: true, force: true });
});
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repo.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const FIXTURES = ['--experiments-dir', 'lib/testing/fixtures/experiments'];
function cli(args: string[], machine = 'far-box'): { code: number; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args, ...FIXTURES], { cwd: repo.dir, env: { ...process.env, MACHINE_ID: machine }, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}
const theirs = path.join(tmp, 'theirs');
const runFile = (root: string, machine: string) => path.join(root, 'data', 'cpu-burn', machine, 'run.json');

beforeAll(() => {
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'snapshot');
  const made = cli(['run', 'cpu-burn', '--profile', 'smoke', '--strategy', 'burn-serial', '--attempts', '1', '--accept-noise', '--data-dir', path.join(theirs, 'data'), '--inputs-dir', path.join(tmp, 'inputs')]);
  expect(made.code, made.out).toBe(0);
}, 120_000);

describe('cli import', () => {
  it('brings in a machine folder whose code hash its commit gives, once', () => {
    const first = cli(['import', theirs]);
    expect(first.out).toMatch(/cpu-burn\/far-box: imported \(smoke profile, commit [0-9a-f]{12}, \d+ ok trials\)/);
    expect(first.code).toBe(0);
    expect(readFileSync(runFile(repo.dir, 'far-box'), 'utf8')).toBe(readFileSync(runFile(theirs, 'far-box'), 'utf8'));
    const again = cli(['import', theirs]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/cpu-burn\/far-box: refused: already here/);
  }, 120_000);

  it('brings in a folder from a .tar.gz archive', () => {
    const other = path.join(tmp, 'archived');
    cpSync(theirs, other, { recursive: true });
    renameSync(path.join(other, 'data', 'cpu-burn', 'far-box'), path.join(other, 'data', 'cpu-burn', 'tar-box'));
    const run = JSON.parse(readFileSync(runFile(other, 'tar-box'), 'utf8'));
    run.machine.machine_id = 'tar-box';
    writeFileSync(runFile(other, 'tar-box'), JSON.stringify(run));
    const rows = path.join(other, 'data', 'cpu-burn', 'tar-box', 'results.csv');
    writeFileSync(rows, readFileSync(rows, 'utf8').replaceAll('\nfar-box,', '\ntar-box,'));
    const memory = path.join(other, 'data', 'cpu-burn', 'tar-box', 'memory.csv');
    writeFileSync(memory, readFileSync(memory, 'utf8').replaceAll('\nfar-box,', '\ntar-box,'));
    const archive = path.join(tmp, 'runs.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', other, 'data']);
    const r = cli(['import', archive]);
    expect(r.out).toMatch(/cpu-burn\/tar-box: imported/);
    expect(r.code).toBe(0);
  }, 120_000);

  it('refuses a run from uncommitted code, one whose hash its commit does not give, and a run.json of the wrong shape', () => {
    const cases: [string, (run: Record<string, any>) => void, RegExp][] = [
      ['dirty-box', (run) => (run.git.dirty = true), /made from uncommitted changes/],
      ['hash-box', (run) => (run.code_hash = '0123456789abcdef'), /code hash 0123456789abcdef does not match the code at commit [0-9a-f]{12} \([0-9a-f]{16}\)/],
      ['shape-box', (run) => (run.machine.cores = 'two'), /run\.json: \$\.machine\.cores: expected a value of type number, found "two"/],
      ['lost-box', (run) => (run.git.commit = 'f'.repeat(40)), /commit ffffffffffff is not in this repository/],
    ];
    for (const [machine, edit] of cases) {
      const dir = path.join(tmp, machine);
      cpSync(theirs, dir, { recursive: true });
      const from = path.join(dir, 'data', 'cpu-burn', 'far-box');
      const to = path.join(dir, 'data', 'cpu-burn', machine);
      renameSync(from, to);
      const run = JSON.parse(readFileSync(path.join(to, 'run.json'), 'utf8'));
      run.machine.machine_id = machine;
      edit(run);
      writeFileSync(path.join(to, 'run.json'), JSON.stringify(run));
      for (const f of ['results.csv', 'memory.csv']) writeFileSync(path.join(to, f), readFileSync(path.join(to, f), 'utf8').replaceAll('\nfar-box,', `\n${machine},`));
    }
    for (const [machine, , message] of cases) {
      const r = cli(['import', path.join(tmp, machine)]);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(new RegExp(`cpu-burn/${machine}: refused: .*${message.source}`));
    }
    expect(git('status', '--porcelain', '--untracked-files=all', 'data')).toMatch(/far-box/); // what was imported earlier, nothing refused
    expect(git('status', '--porcelain', '--untracked-files=all', 'data')).not.toMatch(/dirty-box|hash-box|shape-box|lost-box/);
  }, 180_000);
});
