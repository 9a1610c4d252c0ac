// The faults a real user meets, through the CLI on the fixture experiment:
// interrupts, crashed workers, hangs, bad input, missing tools. Each run goes
// into a temp folder; nothing here touches the repo's data/ or reports/.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { csvParse } from 'd3-dsv';
import { afterAll, describe, expect, it } from 'vitest';
import { descendantsOf } from '../measure/proc.ts';
import { ROOT } from '../paths.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const FIXTURES = path.join(ROOT, 'lib/testing/fixtures/experiments');

function dirs(name: string) {
  const data = path.join(tmp, name, 'data');
  return ['--experiments-dir', FIXTURES, '--data-dir', data, '--reports-dir', path.join(tmp, name, 'reports'), '--inputs-dir', path.join(tmp, 'inputs')];
}
const MACHINE = process.env.MACHINE_ID ?? 'test-box';
const csvOf = (name: string) => path.join(tmp, name, 'data', 'cpu-burn', MACHINE, 'results.csv');
const runOf = (name: string) => JSON.parse(readFileSync(path.join(tmp, name, 'data', 'cpu-burn', MACHINE, 'run.json'), 'utf8'));

interface Result {
  code: number;
  stderr: string;
}
async function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, MACHINE_ID: MACHINE, ...env },
    });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

const rowsOf = (file: string) => csvParse(readFileSync(file, 'utf8'));
/** A still-running process, described; null when gone or a zombie (dead, waiting for an init that may never reap it). */
const describeProcess = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return null;
    return `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').slice(0, 120)}`;
  } catch {
    return null;
  }
};

describe('Ctrl-C during a run', () => {
  it('stops within seconds, leaves no process behind and data/ as it was; the next run resumes', async () => {
    const base = ['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', ...dirs('interrupt')];
    expect((await cli([...base, '--strategy', 'empty'])).code).toBe(0);
    const before = readFileSync(csvOf('interrupt'), 'utf8');

    const work = [...base, '--strategy', 'burn-child-processes,burn-worker-threads', '--set', 'repetitions=3', '--set', 'burn_ms=300'];
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...work], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const seen = new Set<number>();
    const journalDir = path.join(tmp, 'interrupt', 'data', 'cpu-burn', '.partial');
    const journalLines = () => {
      try {
        return readdirSync(journalDir).reduce((n, f) => n + readFileSync(path.join(journalDir, f), 'utf8').trim().split('\n').length, 0);
      } catch {
        return 0;
      }
    };
    // Wait until two trials are journaled and a third is running, remembering every descendant seen.
    const deadline = Date.now() + 60_000;
    while ((journalLines() < 3 || descendantsOf(child.pid!).length < 2) && Date.now() < deadline) {
      for (const pid of descendantsOf(child.pid!)) seen.add(pid);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const pid of descendantsOf(child.pid!)) seen.add(pid);
    expect(seen.size).toBeGreaterThan(0);

    const t0 = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Stopping means seconds, not the minutes of the trials left: a generous bound on a loaded host.
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(code).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    expect([...seen].map(describeProcess).filter(Boolean)).toEqual([]);
    expect(readFileSync(csvOf('interrupt'), 'utf8')).toBe(before);

    const resumeStart = new Date().toISOString();
    const resumed = await cli(work);
    expect(resumed.code).toBe(0);
    // Provenance is the first start's: the resumed run measured nothing new before its own start.
    expect(runOf('interrupt').started_at < resumeStart).toBe(true);
    expect(resumed.stderr).toMatch(/resum/);
    const rows = rowsOf(csvOf('interrupt'));
    expect(rows.filter((r) => r.strategy === 'burn-worker-threads' && r.warmup === '0')).toHaveLength(3);
    expect(rows.filter((r) => r.strategy === 'burn-child-processes' && r.warmup === '0')).toHaveLength(3);
  }, 180_000);
});

describe('a worker that crashes', () => {
  it('fails its trial naming the strategy, the point and the cause, and the run goes on with --keep-going', async () => {
    const r = await cli(['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', '--keep-going', '--strategy', 'kill-child,exit-thread,empty', ...dirs('crash')]);
    expect(r.code).toBe(0);
    const rows = rowsOf(csvOf('crash'));
    const status = Object.fromEntries(rows.map((row) => [row.strategy, row.status]));
    expect(status).toEqual({ 'kill-child': 'failed', 'exit-thread': 'failed', empty: 'ok' });
    expect(r.stderr).toMatch(/strategy kill-child at tasks=1 workers=1, rep 0: .*killed by SIGKILL/);
    expect(r.stderr).toMatch(/strategy exit-thread at tasks=1 workers=1, rep 0: .*exit/i);
    expect(runOf('crash').trials.failed).toBe(2);

    expect((await cli(['report', 'cpu-burn', ...dirs('crash')])).code).toBe(0);
    const page = readFileSync(path.join(tmp, 'crash', 'reports', 'cpu-burn.html'), 'utf8');
    expect(page).toMatch(/2 trial\(s\) failed/);
  }, 120_000);

  it('stops the run by default, exit code 1, data/ untouched', async () => {
    const r = await cli(['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', '--strategy', 'kill-child', ...dirs('stop')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/strategy kill-child at tasks=1 workers=1/);
    expect(() => readFileSync(csvOf('stop'))).toThrow();
  }, 60_000);

  it('a trial that never ends is killed at its time limit and recorded as failed', async () => {
    const t0 = Date.now();
    const r = await cli(['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', '--keep-going', '--trial-timeout', '2', '--strategy', 'hang', ...dirs('hang')]);
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(rowsOf(csvOf('hang'))[0]!.error).toMatch(/timed out after 2 s/);
  }, 60_000);
});

describe('bad requests on the command line', () => {
  it.each([
    [['run', 'nope'], /unknown experiment: nope \(valid: /],
    [['run', 'cpu-burn', '--profile', 'huge'], /unknown profile: huge \(valid: smoke, quick, full\)/],
    [['run', 'cpu-burn', '--set', 'nope=1'], /unknown parameter for cpu-burn: nope \(valid: burn_ms, /],
    [['run', 'cpu-burn', '--strategy', 'nope'], /unknown strategy for cpu-burn: nope \(valid: burn-serial, /],
    [['run', 'cpu-burn', '--attempts', '0'], /--attempts must be a positive integer/],
    [['frobnicate'], /unknown command: frobnicate \(valid: /],
  ])('%j → one line naming the valid values, exit code 2', async (args, message) => {
    const r = await cli([...args, ...dirs('usage')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  }, 30_000);
});

describe('a missing python3', () => {
  it('skips the Python peers with a note in the log, run.json and the report; everything else runs', async () => {
    const r = await cli(['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', '--strategy', 'python-echo,empty', ...dirs('nopython')], { PYTHON: '/nonexistent/python3' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/python-echo skipped: python3 not found/);
    const status = Object.fromEntries(rowsOf(csvOf('nopython')).map((row) => [row.strategy, row.status]));
    expect(status).toEqual({ 'python-echo': 'skipped', empty: 'ok' });
    expect((await cli(['report', 'cpu-burn', ...dirs('nopython')])).code).toBe(0);
    expect(readFileSync(path.join(tmp, 'nopython', 'reports', 'cpu-burn.html'), 'utf8')).toMatch(/python3 not found/);
  }, 60_000);
});

describe('a malformed or hand-edited data file', () => {
  it('makes the report step fail with the file, line and column, and no stack trace', async () => {
    expect((await cli(['run', 'cpu-burn', '--profile', 'smoke', '--attempts', '1', '--strategy', 'empty', ...dirs('broken')])).code).toBe(0);
    const csv = csvOf('broken');
    const lines = readFileSync(csv, 'utf8').split('\n');
    const cols = lines[0]!.split(',');
    const cells = lines[1]!.split(',');
    cells[cols.indexOf('wall_ms')] = 'fast';
    writeFileSync(csv, [lines[0], cells.join(','), ...lines.slice(2)].join('\n'));
    const r = await cli(['report', 'cpu-burn', ...dirs('broken')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${csv}: line 2, column wall_ms: expected a number, got "fast"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const meta = path.join(tmp, 'broken', 'data', 'cpu-burn', MACHINE, 'run.json');
    writeFileSync(meta, readFileSync(meta, 'utf8').slice(0, 40));
    const m = await cli(['report', 'cpu-burn', ...dirs('broken')]);
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(new RegExp(`error: ${meta.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON`));
  }, 60_000);
});
