// A strategy with `python: '3.14'` runs its peer on a CPython 3.14 (found as
// lib/peers/python.ts says: PYTHON314, PATH, or the .cache/python3.14 that
// `make deps` fills as root), next to one on the system Python; and is skipped,
// with how to get one, when there is none. A tiny fixture experiment written into
// a temp folder, run through the CLI; the repo's data/ and reports/ are not touched.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { csvParse } from 'd3-dsv';
import { afterAll, describe, expect, it } from 'vitest';
import type { PythonProvenance, RunMeta } from '../data/provenance.ts';
import { findPython, findPython314 } from '../peers/python.ts';
import { ROOT } from '../paths.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'python314-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ID = 'py-versions';
const experimentsDir = path.join(tmp, 'experiments');
const folder = path.join(experimentsDir, ID);
mkdirSync(folder, { recursive: true });
writeFileSync(
  path.join(folder, 'experiment.ts'),
  `import { defineExperiment } from ${JSON.stringify(path.join(ROOT, 'lib', 'experiment', 'types.ts'))};
const params = { repetitions: 1, warmup: 0, n: 10 };
export default defineExperiment({
  id: '${ID}',
  title: 'Which Python runs a peer',
  article: { author: 'n/a', title: 'n/a', venue: 'n/a', date: '2025-01-01', url: 'https://example.invalid/' },
  question: 'Does a strategy run on the interpreter it names?',
  claims: [],
  profiles: { smoke: { description: 'test', params }, quick: { description: 'test', params }, full: { description: 'test', params } },
  pointColumns: { n: 'int' },
  metricColumns: { py_version: 'string', py_executable: 'string' },
  strategies: [
    { name: 'py-system', runtime: 'python', model: 'python-serial', description: 'squares, serially, on the system Python' },
    // concurrent.interpreters is new in 3.14: found only if the check asks the strategy's own interpreter.
    { name: 'py-314', runtime: 'python', python: '3.14', requires: ['concurrent.interpreters'], model: 'python-interpreters', description: 'squares on an InterpreterPoolExecutor' },
  ],
  plan: (p) => ['py-system', 'py-314'].map((strategy) => ({ strategy, point: { n: Number(p.n) } })),
  method: 'A fixture.',
});
`,
);
writeFileSync(path.join(folder, 'tasks.ts'), 'export {};\n');
writeFileSync(
  path.join(folder, 'peer.py'),
  `"""Squares 0..n-1 serially or on an InterpreterPoolExecutor, recording which Python ran it."""
import platform
import sys

from trial import run_peer


def record(trial, squares):
    trial.metric("py_version", platform.python_version())
    trial.metric("py_executable", sys.executable)
    trial.digest(",".join(map(str, squares)))


def serial(trial):
    n = int(trial.point["n"])
    record(trial, trial.work(lambda: [pow(i, 2) for i in range(n)]))


def interpreters(trial):
    from concurrent.futures import InterpreterPoolExecutor

    n = int(trial.point["n"])
    pool = trial.startup(lambda: InterpreterPoolExecutor(2))
    squares = trial.work(lambda: list(pool.map(pow, range(n), [2] * n)))
    pool.shutdown()
    record(trial, squares)


if __name__ == "__main__":
    run_peer({"py-system": serial, "py-314": interpreters})
`,
);

async function run(name: string, env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  const args = ['run', ID, '--profile', 'smoke', '--attempts', '1', '--experiments-dir', experimentsDir, '--data-dir', path.join(tmp, name, 'data'), '--reports-dir', path.join(tmp, name, 'reports'), '--inputs-dir', path.join(tmp, 'inputs')];
  try {
    const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, MACHINE_ID: MACHINE, ...env } });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}
const MACHINE = process.env.MACHINE_ID ?? 'test-box';
const rowsOf = (name: string) => Object.fromEntries(csvParse(readFileSync(path.join(tmp, name, 'data', ID, MACHINE, 'results.csv'), 'utf8')).map((r) => [r.strategy!, r]));
const runOf = (name: string) => JSON.parse(readFileSync(path.join(tmp, name, 'data', ID, MACHINE, 'run.json'), 'utf8')) as RunMeta;

const system = findPython();
const py314 = findPython314().python;

describe("a strategy with python: '3.14'", () => {
  it.skipIf(!py314)('runs on the CPython 3.14 found, beside one on the system Python; run.json records both', async () => {
    const r = await run('found');
    expect(r.code, r.stderr).toBe(0);
    const rows = rowsOf('found');
    expect(rows['py-314']).toMatchObject({ status: 'ok', py_executable: py314!.path, py_version: py314!.version });
    expect(rows['py-314']!.py_version).toMatch(/^3\.14/);
    if (system) expect(rows['py-system']).toMatchObject({ status: 'ok', py_version: system.version });
    const { software } = runOf('found');
    expect(software.pythons?.['3.14']).toMatchObject({ path: py314!.path, version: py314!.version, source: py314!.source, modules: { 'concurrent.interpreters': true } });
    if (system) {
      expect(software.pythons?.system).toMatchObject({ path: system.path, version: system.version, source: system.source, modules: {} });
      expect(software.python).toEqual({ path: system.path, version: system.version, modules: {} }); // the old field, as before
    }
    if (py314!.source.startsWith('debian-unstable')) expect((software.pythons?.['3.14'] as PythonProvenance).fetched?.packages).toHaveProperty('python3.14-minimal');
  }, 120_000);

  it('is skipped, saying how to get one, when PYTHON314 names a missing file; the rest runs', async () => {
    const missing = path.join(tmp, 'nonexistent', 'python3.14');
    const r = await run('missing', { PYTHON314: missing });
    expect(r.code, r.stderr).toBe(0);
    const why = `Python 3.14 not found: PYTHON314=${missing} is no such file (set PYTHON314=/path/to/python3.14, or unset it and run make deps as root)`;
    expect(r.stderr).toContain(`Python peers py-314 skipped: ${why}`);
    const rows = rowsOf('missing');
    expect(rows['py-314']!.status).toBe('skipped');
    expect(rows['py-system']!.status).toBe(system ? 'ok' : 'skipped');
    const run_ = runOf('missing');
    expect(run_.notes).toContain(`Python peers py-314 skipped: ${why}`);
    expect(run_.software.pythons?.['3.14']).toEqual({ missing: why });
  }, 120_000);
});
