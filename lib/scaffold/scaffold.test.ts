import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyRepo, snapshot } from '../testing/repo-copy.ts';

describe('scaffolding a new experiment', () => {
  const repo = copyRepo();
  afterAll(() => repo.dispose());
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args], { cwd: repo.dir, env: { ...process.env, MACHINE_ID: 'demo-box' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('new <id> → run --profile smoke → report works with no edit anywhere else', () => {
    const before = snapshot(repo.dir);
    cli('new', 'demo-study');
    // A study not run yet has no findings: the README's generated block stays as it was, so `make test` stays green.
    expect(cli('readme', '--check')).toMatch(/up to date/);
    cli('run', 'demo-study', '--profile', 'smoke', '--attempts', '1', '--accept-noise');
    cli('report', 'demo-study');
    cli('index');

    const after = snapshot(repo.dir);
    const changed = [...after.keys()].filter((f) => before.get(f) !== after.get(f)).sort();
    const expected = [
      'data/demo-study/demo-box/memory.csv',
      'data/demo-study/demo-box/results.csv',
      'data/demo-study/demo-box/run.json',
      'data/inputs/demo-study/salts-8.txt',
      'experiments/demo-study/experiment.ts',
      'experiments/demo-study/guide.ts',
      'experiments/demo-study/peer.py',
      'experiments/demo-study/report.ts',
      'experiments/demo-study/tasks.ts',
      'reports/demo-study.html',
      'reports/index.html',
    ];
    // Only the new folder, its data and its report (and the index, which lists it) changed.
    expect(changed).toEqual(expected.filter((f) => after.has(f)));
    expect([...before.keys()].filter((f) => !after.has(f))).toEqual([]);
    expect(existsSync(path.join(repo.dir, 'data/inputs/demo-study'))).toBe(true);

    const page = readFileSync(path.join(repo.dir, 'reports/demo-study.html'), 'utf8');
    // Its two figures and two claims, judged by lib (a smoke run on a busy machine may leave them undecided, never missing).
    expect(page).toContain('id="wall-time"');
    expect(page).toContain('id="speedup"');
    expect(page.match(/<tr class="claim-row" id="claim-c[12]">/g)).toHaveLength(2);
    expect(readFileSync(path.join(repo.dir, 'reports/index.html'), 'utf8')).toContain('demo-study.html');
  }, 120_000);

  it('new <id> refuses an existing folder and a bad id with exit code 2', () => {
    const fail = (...args: string[]) => {
      try {
        cli(...args);
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    expect(fail('new', 'factorizer')).toBe(2);
    expect(fail('new', 'Bad_Id')).toBe(2);
  });
});
