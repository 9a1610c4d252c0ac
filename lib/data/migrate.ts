// Moves an experiment's data from the single-folder layout (meta.json with
// every machine's run; results.csv, memory.csv and side tables holding every
// machine's rows) to one folder per machine. Cells are copied as text, never
// re-parsed, so the numbers stay byte for byte what the run wrote.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { csvFormat, csvParse } from 'd3-dsv';
import { experimentDataDir, experimentJson, legacyMetaJson, machineDir, type Paths } from '../paths.ts';
import { writeFileAtomic } from './atomic.ts';
import { linkReferenceResults } from './experiment-data.ts';
import { DataError } from './csv.ts';
import type { ExperimentFile, RunMeta } from './provenance.ts';

export interface Migrated {
  experiment: string;
  machines: string[];
  files: number;
}

/** Migrate data/<id>/ if it is in the old layout; null when there was nothing to move. */
export function migrateExperimentData(paths: Paths, id: string): Migrated | null {
  const legacy = legacyMetaJson(paths, id);
  if (!existsSync(legacy)) return null;
  const dir = experimentDataDir(paths, id);
  let meta: { reference_machine?: unknown; runs?: Record<string, RunMeta> };
  try {
    meta = JSON.parse(readFileSync(legacy, 'utf8'));
  } catch (error) {
    throw new DataError(`${legacy}: not valid JSON (${(error as Error).message}); restore it with git checkout before migrating`);
  }
  const runs = meta.runs ?? {};
  const machines = Object.keys(runs).sort();
  if (machines.length === 0) throw new DataError(`${legacy}: $.runs: expected at least one machine's run, found none`);
  const csvs = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  let files = 0;
  for (const machine of machines) {
    mkdirSync(machineDir(paths, id, machine), { recursive: true });
    writeFileAtomic(path.join(machineDir(paths, id, machine), 'run.json'), JSON.stringify(runs[machine], null, 2) + '\n');
    files += 1;
  }
  for (const name of csvs) {
    const file = path.join(dir, name);
    const rows = csvParse(readFileSync(file, 'utf8'));
    const stray = rows.find((r) => !machines.includes(r.machine_id ?? ''));
    if (stray) throw new DataError(`${file}: line ${rows.indexOf(stray) + 2}: machine_id ${JSON.stringify(stray.machine_id)} has no run in ${legacy}; fix or remove the row before migrating`);
    for (const machine of machines) {
      const own = rows.filter((r) => r.machine_id === machine);
      writeFileAtomic(path.join(machineDir(paths, id, machine), name), csvFormat(own, rows.columns) + '\n');
      files += 1;
    }
  }
  const reference = typeof meta.reference_machine === 'string' && machines.includes(meta.reference_machine) ? meta.reference_machine : machines[0]!;
  const shared: ExperimentFile = { experiment: id, reference_machine: reference };
  writeFileAtomic(experimentJson(paths, id), JSON.stringify(shared, null, 2) + '\n');
  // Only once every machine's files are written: an interrupted migration leaves the old layout whole.
  for (const name of csvs) rmSync(path.join(dir, name));
  rmSync(legacy);
  linkReferenceResults(paths, id, reference); // after the old results.csv is gone
  return { experiment: id, machines, files: files + 1 };
}
