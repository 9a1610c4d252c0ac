// Every experiment folder, end to end at its smoke profile, into a temp dir:
// CLI run → data with provenance → report → index → headless Chromium.
// A new experiment folder is covered with no edit here.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listExperimentIds, loadExperiment } from '../experiment/load.ts';
import { readExperimentData, resultColumns } from '../data/experiment-data.ts';
import { ROOT, resolvePaths } from '../paths.ts';
import { hasChromium, inspectPage } from './browser.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
const paths = resolvePaths({ dataDir: path.join(tmp, 'data'), reportsDir: path.join(tmp, 'reports') });
const cli = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args, '--data-dir', paths.dataDir, '--reports-dir', paths.reportsDir], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
/** The CLI's stderr, where it logs what it did. */
const cliLog = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args, '--data-dir', paths.dataDir, '--reports-dir', paths.reportsDir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stderr;
};

const MACHINE = process.env.MACHINE_ID ?? 'test-box';
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(listExperimentIds(paths.experimentsDir))('experiment %s at its smoke profile', (id) => {
  it('run writes results.csv with every column, memory.csv, and run.json with provenance', async () => {
    cli('run', id, '--profile', 'smoke', '--attempts', '1', '--accept-noise');
    const experiment = await loadExperiment(paths.experimentsDir, id);
    const header = readFileSync(path.join(paths.dataDir, id, MACHINE, 'results.csv'), 'utf8').split('\n', 1)[0]!;
    expect(header.split(',')).toEqual(Object.keys(resultColumns(experiment)));

    const { rows, memory, meta } = readExperimentData(paths, experiment);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === 'failed').map((r) => `${r.strategy}: ${r.error}`)).toEqual([]);
    expect(rows.filter((r) => r.status === 'ok').every((r) => r.wall_ms !== null && r.cpu_user_ms !== null)).toBe(true);
    expect(memory.length).toBeGreaterThan(0);

    const run = meta.runs[meta.reference_machine]!;
    expect(run.profile).toBe('smoke');
    expect(run.machine.cores).toBeGreaterThan(0);
    expect(run.machine.cpu_model).not.toBe('');
    expect(run.machine.memory_bytes).toBeGreaterThan(0);
    expect(run.software.node).toBe(process.version);
    expect(run.git).toHaveProperty('commit');
    expect(run.git).toHaveProperty('dirty');
    expect(run.params).toEqual(experiment.profiles.smoke.params);
    expect(Date.parse(run.ended_at)).toBeGreaterThanOrEqual(Date.parse(run.started_at));
    expect(run.code_hash).toMatch(/^[0-9a-f]{16}$/);
  }, 180_000);

  it('a second run with --if-stale runs no trial and leaves the data as it was', () => {
    const before = readFileSync(path.join(paths.dataDir, id, MACHINE, 'results.csv'), 'utf8');
    const log = cliLog('run', id, '--profile', 'smoke', '--if-stale');
    expect(log).toMatch(/up to date .*nothing to run/);
    expect(log).not.toMatch(/trials/);
    expect(readFileSync(path.join(paths.dataDir, id, MACHINE, 'results.csv'), 'utf8')).toBe(before);
  }, 60_000);

  it('report and index render the claims table and the figures', async () => {
    cli('report', id);
    cli('index');
    const experiment = await loadExperiment(paths.experimentsDir, id);
    const page = readFileSync(path.join(paths.reportsDir, `${id}.html`), 'utf8');
    expect(page).toContain('id="claims"');
    for (const claim of experiment.claims) expect(page).toContain(claim.id);
    expect(page.match(/<figure class="figure"/g)?.length ?? 0).toBeGreaterThan(0);
    expect(page).toContain(`../data/${id}/${MACHINE}/results.csv`);
    expect(readFileSync(path.join(paths.reportsDir, 'index.html'), 'utf8')).toContain(`${id}.html`);
  }, 60_000);

  it.skipIf(!hasChromium())('report and index load in headless Chromium: no errors, no network, every figure drawn', async () => {
    for (const file of [path.join(paths.reportsDir, `${id}.html`), path.join(paths.reportsDir, 'index.html')]) {
      const page = await inspectPage(file);
      expect(page.consoleErrors).toEqual([]);
      expect(page.pageErrors).toEqual([]);
      expect(page.externalRequests).toEqual([]);
      for (const figure of page.figures) {
        expect(figure.width, figure.id).toBeGreaterThan(0);
        expect(figure.height, figure.id).toBeGreaterThan(0);
      }
    }
  }, 60_000);
});

if (!hasChromium()) console.warn('chromium not found: the browser checks are skipped (make deps installs it as root)');
