// A machine id names one machine: a run under an id whose folder records other
// hardware is refused before anything runs, saying which facts differ and what
// to do; the same hardware under the same id runs.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMachine } from '../data/environment.ts';
import { runJson, resolvePaths, ROOT } from '../paths.ts';
import { fixtureMeta, FIXTURE_MACHINE } from '../report/fixtures.ts';
import { runExperiment } from './runner.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'runner-hardware-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const paths = resolvePaths({ experimentsDir: path.join(ROOT, 'lib/testing/fixtures/experiments'), dataDir: path.join(tmp, 'data'), inputsDir: path.join(tmp, 'inputs') });

function recordRun(machine: ReturnType<typeof readMachine>): void {
  const run = structuredClone(fixtureMeta().runs[FIXTURE_MACHINE]!);
  run.machine = machine;
  const file = runJson(paths, 'cpu-burn', machine.machine_id);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(run));
  writeFileSync(path.join(path.dirname(file), 'results.csv'), 'machine_id\n');
}

describe('a run under a machine id recorded with other hardware', () => {
  const here = readMachine();

  it('is refused before anything runs, naming the facts that differ and what to do', async () => {
    recordRun({ ...here, cores: here.cores + 62, cpu_model: 'Some Other CPU' });
    const run = runExperiment({ paths, experimentId: 'cpu-burn', profile: 'smoke', strategies: ['empty'], maxAttempts: 1 });
    await expect(run).rejects.toThrow(`was made on other hardware than this machine under the same id ${here.machine_id} (CPU model "Some Other CPU" there, ${JSON.stringify(here.cpu_model)} here; cores ${here.cores + 62} there, ${here.cores} here). Set MACHINE_ID to a new name`);
    expect(readdirSync(path.join(paths.dataDir, 'cpu-burn', here.machine_id))).toEqual(['results.csv', 'run.json']);
  });

  it('runs when the hardware is the one recorded', async () => {
    recordRun(here);
    const summary = await runExperiment({ paths, experimentId: 'cpu-burn', profile: 'smoke', strategies: ['empty'], maxAttempts: 1 });
    expect(summary.machine).toBe(here.machine_id);
    expect(summary.rows).toBeGreaterThan(0);
  }, 60_000);
});
