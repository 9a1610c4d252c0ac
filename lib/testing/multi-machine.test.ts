// Two machines' runs in one data folder: machine A runs the cpu-burn fixture,
// then machine B (MACHINE_ID) runs it into the same folder. Both machines' rows
// must survive, the report must set them side by side, and the index list both.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../paths.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'multi-machine-'));
const FIXTURES = path.join(ROOT, 'lib', 'testing', 'fixtures', 'experiments');
const dirs = ['--experiments-dir', FIXTURES, '--data-dir', path.join(tmp, 'data'), '--reports-dir', path.join(tmp, 'reports'), '--inputs-dir', path.join(tmp, 'inputs')];
const cli = (args: string[], machine?: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args, ...dirs], {
    cwd: ROOT,
    env: { ...process.env, ...(machine ? { MACHINE_ID: machine } : {}) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const BURN = ['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', '--accept-noise', '--strategy', 'burn-serial,burn-worker-threads,burn-child-processes'];

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('results from two machines', () => {
  it('a second machine adds its rows beside the first, and the report and the index show both', () => {
    cli(BURN, 'box-a');
    cli(BURN, 'box-b');
    cli(['report', 'cpu-burn']);
    cli(['index']);

    const rows = csvParse(readFileSync(path.join(tmp, 'data', 'cpu-burn', 'results.csv'), 'utf8'));
    const perMachine = (m: string) => rows.filter((r) => r.machine_id === m).map((r) => r.strategy).sort();
    expect(perMachine('box-a')).toEqual(['burn-child-processes', 'burn-serial', 'burn-worker-threads']);
    expect(perMachine('box-b')).toEqual(perMachine('box-a'));
    const meta = JSON.parse(readFileSync(path.join(tmp, 'data', 'cpu-burn', 'meta.json'), 'utf8'));
    expect(Object.keys(meta.runs).sort()).toEqual(['box-a', 'box-b']);
    expect(meta.reference_machine).toBe('box-a');

    const page = new JSDOM(readFileSync(path.join(tmp, 'reports', 'cpu-burn.html'), 'utf8')).window.document;
    const across = page.getElementById('across-machines');
    expect(across).not.toBeNull();
    const heads = [...across!.querySelectorAll('#across-machines-winners thead th')].map((th) => th.textContent);
    expect(heads.filter((h) => /^box-[ab] \(\d+ cores\)$/.test(h ?? ''))).toHaveLength(2);
    const cells = [...across!.querySelectorAll('#across-machines-winners tbody td')].map((td) => td.textContent ?? '');
    expect(cells.filter((c) => /\d\.\d\d×/.test(c))).toHaveLength(2);

    const index = new JSDOM(readFileSync(path.join(tmp, 'reports', 'index.html'), 'utf8')).window.document;
    const machines = [...index.querySelectorAll('#machines-table tbody tr')].map((tr) => tr.querySelectorAll('td')[1]!.textContent);
    expect(machines).toEqual(['box-a (reference)', 'box-b']);
    // The decision table links the fixture's row to the table in its report.
    expect([...index.querySelectorAll('#guide-node a')].map((a) => a.getAttribute('href'))).toContain('cpu-burn.html#rows');
  }, 120_000);
});
