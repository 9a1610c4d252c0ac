// The decision guide over the committed data: every experiment's guide rows on
// the reference machine (data/<id>/2c-amd-epyc, read through lib's readers, as
// the index reads them) state a measured CPU share, and the kind each is filed
// under agrees with it. Checked against the interval itself, not through the
// code that files the rows, so a guide that drops the share or files a row by
// its name alone fails here on whatever data is committed.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExperimentData } from '../data/experiment-data.ts';
import { listExperimentIds, loadExperiment, loadGuideFunction } from '../experiment/load.ts';
import { machineDir, resolvePaths } from '../paths.ts';
import type { ReportInput } from './doc.ts';
import { CPU_BOUND_CORES, filingOf, guideFor, IO_BOUND_CORES, measuredKindOf, WORK_KINDS, type GuideEntry } from './guide.ts';

const MACHINE = '2c-amd-epyc';
// GUIDE_DATA_DIR checks a run's data folder before it is committed (its machine folder named 2c-amd-epyc).
const paths = resolvePaths(process.env.GUIDE_DATA_DIR ? { dataDir: process.env.GUIDE_DATA_DIR } : {});
const ids = listExperimentIds(paths.experimentsDir).filter((id) => existsSync(machineDir(paths, id, MACHINE)));

async function committedGuide(id: string): Promise<{ entries: GuideEntry[]; input: ReportInput } | null> {
  const experiment = await loadExperiment(paths.experimentsDir, id);
  const guide = await loadGuideFunction(paths.experimentsDir, id);
  if (!guide) return null;
  const data = readExperimentData(paths, experiment);
  const tables = Object.fromEntries(Object.entries(data.tables).map(([k, rows]) => [k, rows.filter((r) => r.machine_id === MACHINE)]));
  const input: ReportInput = { experiment, rows: data.rows.filter((r) => r.machine_id === MACHINE), memory: [], tables, meta: data.meta, machineId: MACHINE };
  return { entries: guideFor(guide, input, new Set()), input };
}

describe.each(ids)('the guide of %s on the committed data', (id) => {
  it('states each row’s CPU share, and files the row under the kind of work that share measured', async () => {
    const got = await committedGuide(id);
    if (!got) return;
    const cores = got.input.meta.runs[MACHINE]!.machine.cores;
    for (const e of got.entries) {
      const row = `${e.runtime} ${e.kind}: ${e.work}`;
      expect(e.cpuShare, row).not.toBeNull();
      const s = e.cpuShare!;
      expect(s.cores.value, row).toBeGreaterThan(0);
      expect(Number.isFinite(s.cores.value), row).toBe(true);
      expect(s.where, row).not.toBe('');
      expect(s.machineCores, row).toBe(cores);
      // The stated measured kind is the rule's, on this share.
      expect(e.measuredKind, row).toBe(measuredKindOf(s.cores));
      // And the group the row is filed under agrees with the interval (3 trials at least decide).
      const decided = s.cores.n >= 3 && Number.isFinite(s.cores.lo) && Number.isFinite(s.cores.hi);
      const busy = decided && s.cores.lo > CPU_BOUND_CORES;
      const waits = decided && s.cores.hi < IO_BOUND_CORES;
      const between = decided && s.cores.lo >= IO_BOUND_CORES && s.cores.hi <= CPU_BOUND_CORES;
      const says = WORK_KINDS.find((k) => k.kind === e.kind)!.bound;
      const filed = filingOf(e);
      if (says === 'io') {
        expect(filed.label === 'File IO' || filed.label === 'Network IO', row).toBe(!busy && !between);
        if (busy) expect(filed.label, row).toMatch(/^CPU work \(the article’s /);
      }
      if (says === 'cpu') {
        expect(filed.refiled, row).toBe(waits || between);
        if (waits) expect(filed.label, row).toMatch(/^Waiting, not CPU \(the article’s /);
      }
      if (between && (says === 'cpu' || says === 'io')) expect(filed.label, row).toMatch(/^Part CPU, part waiting \(the article’s /);
      if (says !== 'cpu' && says !== 'io') expect(filed.refiled, row).toBe(false);
    }
  });
});

describe.runIf(ids.includes('interpreter-pools'))('interpreter-pools on the committed data', () => {
  it('lets its File IO rows rest on file work that waits on the disk where the run has it, never on io_heavy while it keeps a core busy', async () => {
    const got = (await committedGuide('interpreter-pools'))!;
    const io = got.entries.filter((e) => /io_heavy/.test(e.work));
    const disk = got.entries.filter((e) => /\bdisk tasks?\b/.test(e.work));
    for (const e of io) if (e.measuredKind === 'cpu-bound') expect(filingOf(e).label).toBe('CPU work (the article’s file IO)');
    // Where the run has the disk workload (clean trials of both pools of a runtime), the guide has a row on it.
    const clean = got.input.rows.filter((r) => r.workload === 'disk' && r.status === 'ok' && r.warmup === 0 && !r.disturbed);
    if (clean.some((r) => r.strategy === 'node-event-loop') && clean.some((r) => r.strategy === 'node-child-processes' && r.workers === r.tasks && r.workers !== 1)) expect(disk.length).toBeGreaterThan(0);
    for (const e of disk) {
      // A decided disk row is filed by its share like any other; where it waits it is the File IO row.
      if (e.measuredKind === 'io-bound') expect(filingOf(e).label).toBe('File IO');
      expect(e.cpuShare!.where).toMatch(/one disk task on one worker/);
    }
    // Every interpreter-pools row under File IO that decided its kind is a disk row.
    for (const e of got.entries.filter((x) => filingOf(x).label === 'File IO' && x.measuredKind !== 'undecided')) expect(disk).toContain(e);
  });
});
