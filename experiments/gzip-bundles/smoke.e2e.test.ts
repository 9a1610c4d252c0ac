// The experiment end to end at its smoke profile, through the CLI, into a
// temporary folder: every strategy ran (or was skipped with a reason), the
// digests agreed (the run stops otherwise), and the report renders.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExperimentData } from '../../lib/data/experiment-data.ts';
import { ROOT, resolvePaths } from '../../lib/paths.ts';
import { hasChromium, inspectPage } from '../../lib/testing/browser.ts';
import experiment from './experiment.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gzip-bundles-e2e-'));
const paths = resolvePaths({ dataDir: path.join(tmp, 'data'), reportsDir: path.join(tmp, 'reports') });
const cli = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args, '--data-dir', paths.dataDir, '--reports-dir', paths.reportsDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gzip-bundles at its smoke profile', () => {
  it('runs every planned strategy without a failure', () => {
    cli('run', 'gzip-bundles', '--profile', 'smoke', '--attempts', '1', '--accept-noise');
    const { rows, meta, tables } = readExperimentData(paths, experiment);
    expect(rows.filter((r) => r.status === 'failed').map((r) => `${r.strategy}: ${r.error}`)).toEqual([]);
    const ran = new Set(rows.filter((r) => r.status === 'ok').map((r) => r.strategy));
    for (const s of ['node-serial', 'node-libuv', 'node-threads', 'node-processes', 'node-blocks', 'node-upload-serial', 'node-upload-shared', 'node-upload-per-request']) expect(ran.has(s), s).toBe(true);
    const run = meta.runs[meta.reference_machine]!;
    if (run.software.python) for (const s of ['python-f1', 'python-f2', 'python-f3', 'python-f4']) expect(ran.has(s), s).toBe(true);
    if (run.software.tools.pigz) expect(ran.has('pigz')).toBe(true);
    expect(rows.filter((r) => r.status === 'ok').every((r) => Number(r.gzip_bytes) > 0 && r.parent_cpu_ms !== null)).toBe(true);
    expect(rows.find((r) => r.strategy === 'node-upload-serial')!.connections).toBe(1);
    expect((tables.workers ?? []).length).toBeGreaterThan(0);
    expect(Object.keys(run.inputs.hashes).sort()).toEqual(['a', 'b', 'c', 'typical']);
  }, 120_000);

  it('writes a report whose claims and figures load in headless Chromium', async () => {
    cli('report', 'gzip-bundles');
    const file = path.join(paths.reportsDir, 'gzip-bundles.html');
    const page = readFileSync(file, 'utf8');
    for (const id of ['G1', 'G2', 'G3', 'G4', 'G5']) expect(page).toContain(id);
    expect(page).not.toMatch(/NaN|undefined|Infinity/);
    if (!hasChromium()) return;
    const seen = await inspectPage(file);
    expect(seen.pageErrors).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    // Every figure the page holds is drawn; on a quiet host (no trial left disturbed, so every
    // point has its clean row) that is most of them. A loaded host leaves points out, and charts with them.
    expect(seen.figures.length).toBe(page.match(/<figure class="figure"/g)?.length ?? 0);
    const { rows } = readExperimentData(paths, experiment);
    if (rows.every((r) => r.disturbed !== 1)) expect(seen.figures.length).toBeGreaterThan(4);
    for (const f of seen.figures) expect(f.width * f.height, f.id).toBeGreaterThan(0);
  }, 60_000);
});
