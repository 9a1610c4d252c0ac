// Calibration through the CLI on the fixture experiment: after the planned
// trials the runner adds rounds for cells whose interval is too wide, journals
// them like planned ones (an interrupted run resumes into the same added
// trials), and run.json records what it did. Runs go into a temp folder.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { csvParse } from 'd3-dsv';
import { afterAll, describe, expect, it } from 'vitest';
import type { Calibration } from '../run/calibrate.ts';
import { ROOT } from '../paths.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'calibrate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const FIXTURES = path.join(ROOT, 'lib/testing/fixtures/experiments');
const data = path.join(tmp, 'data', 'cpu-burn');

// Two cells planned for 2 repetitions; a target no real interval meets, so each is
// calibrated to the cap of 4 trials: 4 planned + 2 rounds of 2 added.
const ARGS = [
  'lib/cli/main.ts', 'run', 'cpu-burn', '--profile', 'quick', '--attempts', '1',
  '--strategy', 'burn-serial,burn-worker-threads', '--set', 'repetitions=2', '--set', 'burn_ms=50',
  '--interval-target', '0.000001', '--repetitions-cap', '4', '--calibrate-budget', '100',
  '--experiments-dir', FIXTURES, '--data-dir', path.join(tmp, 'data'), '--reports-dir', path.join(tmp, 'reports'), '--inputs-dir', path.join(tmp, 'inputs'),
];

const journalEntries = () => {
  try {
    const dir = path.join(data, '.partial');
    return readdirSync(dir).reduce((n, f) => n + readFileSync(path.join(dir, f), 'utf8').trim().split('\n').length - 1, 0);
  } catch {
    return 0;
  }
};

describe('calibration', () => {
  it('adds rounds to the cap, resumes into the same added trials after Ctrl-C, and records what it did in run.json', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...ARGS], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Stop it once the planned trials and one added trial are journalled.
    const deadline = Date.now() + 90_000;
    while (journalEntries() < 5 && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/calibration round 1: 2 cell\(s\)/);

    const { stderr: resumed } = await promisify(execFile)(process.execPath, ['--import', 'tsx', ...ARGS], { cwd: ROOT });
    expect(resumed).toMatch(/resuming/);
    expect(resumed).toMatch(/8 trials .*4 added by calibration/);

    const machine = path.join(data, process.env.MACHINE_ID ?? 'test-box');
    const rows = csvParse(readFileSync(path.join(machine, 'results.csv'), 'utf8'));
    for (const strategy of ['burn-serial', 'burn-worker-threads']) {
      const own = rows.filter((r) => r.strategy === strategy);
      expect(own.map((r) => Number(r.rep)).sort()).toEqual([0, 1, 2, 3]);
    }
    expect(rows.map((r) => Number(r.trial))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const run = JSON.parse(readFileSync(path.join(machine, 'run.json'), 'utf8')) as { calibration: Calibration; trials: { planned: number }; notes: string[] };
    expect(run.trials.planned).toBe(4);
    expect(run.calibration).toMatchObject({ target: 0.000001, cap: 4, budget_fraction: 100, rounds: 2, added_trials: 4, cells: 2, cells_at_cap: 2, cells_within_target: 0, cells_out_of_budget: 0 });
    expect(run.calibration.spent_s).toBeGreaterThan(0);
    expect(run.notes.join('\n')).toMatch(/2 of 2 .* at the cap of 4 trials/);
  }, 180_000);
});
