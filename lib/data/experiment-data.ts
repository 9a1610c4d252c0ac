// Reading and writing one experiment's data folder: results.csv, memory.csv,
// one CSV per side table, and meta.json. Rows carry a machine id; writing a
// machine's run replaces that machine's rows only, so results from several
// machines live side by side.

import { existsSync, readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { ColumnType, Experiment } from '../experiment/types.ts';
import { memoryCsv, metaJson, resultsCsv, tableCsv, type Paths } from '../paths.ts';
import { writeFileAtomic } from './atomic.ts';
import { DataError, readCsv, writeCsv, type Cell } from './csv.ts';
import type { Meta, RunMeta } from './provenance.ts';
import { MEMORY_COLUMNS, STANDARD_COLUMNS, type MemorySample, type Row } from './schema.ts';

/** Metric columns may postdate another machine's rows: those rows read them as empty. */
const addedLater = (experiment: Experiment): string[] => Object.keys(experiment.metricColumns ?? {});

export function resultColumns(experiment: Experiment): Record<string, ColumnType> {
  return { ...STANDARD_COLUMNS, ...experiment.pointColumns, ...experiment.metricColumns };
}

/** Side-table columns: the run's keys first, then the table's own. */
export function tableColumns(experiment: Experiment, table: string): Record<string, ColumnType> {
  return { machine_id: 'string', trial: 'int', ...experiment.tables?.[table] };
}

export interface ExperimentData {
  rows: Row[];
  memory: MemorySample[];
  tables: Record<string, Record<string, Cell>[]>;
  meta: Meta;
}

export function readMeta(file: string): Meta | null {
  if (!existsSync(file)) return null;
  let meta: Meta;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as Meta;
  } catch (error) {
    throw new DataError(`${file}: not valid JSON (${(error as Error).message}); restore it with git checkout or re-run the experiment`);
  }
  if (!meta || typeof meta !== 'object' || typeof meta.runs !== 'object' || meta.runs === null) {
    throw new DataError(`${file}: expected an object with "experiment", "reference_machine" and "runs"`);
  }
  return meta;
}

export function readExperimentData(paths: Paths, experiment: Experiment): ExperimentData {
  const id = experiment.id;
  const meta = readMeta(metaJson(paths, id));
  if (!meta) throw new DataError(`${metaJson(paths, id)}: missing; run the experiment first (npm run cli -- run ${id})`);
  const rows = readCsv(resultsCsv(paths, id), resultColumns(experiment), { optional: addedLater(experiment) }) as unknown as Row[];
  const memory = existsSync(memoryCsv(paths, id)) ? (readCsv(memoryCsv(paths, id), MEMORY_COLUMNS) as unknown as MemorySample[]) : [];
  const tables: ExperimentData['tables'] = {};
  for (const name of Object.keys(experiment.tables ?? {})) {
    const file = tableCsv(paths, id, name);
    tables[name] = existsSync(file) ? readCsv(file, tableColumns(experiment, name)) : [];
  }
  return { rows, memory, tables, meta };
}

export interface RunOutput {
  machineId: string;
  rows: Row[];
  memory: MemorySample[];
  tables: Record<string, Record<string, Cell>[]>;
  run: RunMeta;
}

/** Write one machine's run, keeping other machines' rows. Each file is replaced atomically. */
export function writeRunOutput(paths: Paths, experiment: Experiment, out: RunOutput): void {
  const id = experiment.id;
  const others = <T extends { machine_id: unknown }>(file: string, schema: Record<string, ColumnType>, optional: readonly string[] = []): T[] => {
    if (!existsSync(file)) return [];
    // Only other machines' rows are kept; when there are none, an old file (say, from before a
    // column was added) is simply replaced rather than read against today's schema.
    const loose = csvParse(readFileSync(file, 'utf8'));
    if (!loose.some((r) => r.machine_id !== out.machineId)) return [];
    return (readCsv(file, schema, { optional }) as unknown as T[]).filter((r) => r.machine_id !== out.machineId);
  };

  const columns = resultColumns(experiment);
  writeCsv(resultsCsv(paths, id), [...others<Row>(resultsCsv(paths, id), columns, addedLater(experiment)), ...out.rows], Object.keys(columns));
  writeCsv(memoryCsv(paths, id), [...others<MemorySample>(memoryCsv(paths, id), MEMORY_COLUMNS), ...out.memory] as unknown as Record<string, Cell>[], Object.keys(MEMORY_COLUMNS));
  for (const name of Object.keys(experiment.tables ?? {})) {
    const schema = tableColumns(experiment, name);
    const file = tableCsv(paths, id, name);
    writeCsv(file, [...others<Record<string, Cell> & { machine_id: unknown }>(file, schema), ...(out.tables[name] ?? [])], Object.keys(schema));
  }
  const previous = readMeta(metaJson(paths, id));
  const meta: Meta = {
    experiment: id,
    reference_machine: previous?.reference_machine ?? out.machineId,
    runs: { ...previous?.runs, [out.machineId]: out.run },
  };
  writeFileAtomic(metaJson(paths, id), JSON.stringify(meta, null, 2) + '\n');
}

/** Make `machineId` the machine an experiment's report is about by default. */
export function setReferenceMachine(paths: Paths, id: string, machineId: string): void {
  const file = metaJson(paths, id);
  const meta = readMeta(file);
  if (!meta) throw new DataError(`${file}: missing; run the experiment first (npm run cli -- run ${id})`);
  if (!meta.runs[machineId]) throw new DataError(`${file}: no run for machine ${machineId} (machines: ${Object.keys(meta.runs).join(', ')})`);
  writeFileAtomic(file, JSON.stringify({ ...meta, reference_machine: machineId }, null, 2) + '\n');
}
