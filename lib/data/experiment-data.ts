// Reading and writing one experiment's data folder. Each machine owns a folder,
// data/<id>/<machine>/ (run.json, results.csv, memory.csv, one CSV per side
// table); data/<id>/experiment.json names the reference machine. A run
// replaces its own machine's folder and nothing else, so runs made on two
// machines merge without conflict. Every read is checked: run.json against its
// schema, CSV cells against their declared types, each row's machine against
// its folder; rows of strategies the experiment no longer declares are left
// out and reported with their file and line.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { ColumnType, Experiment } from '../experiment/types.ts';
import { experimentDataDir, experimentJson, legacyMetaJson, machineDir, memoryCsv, resultsCsv, runJson, tableCsv, type Paths } from '../paths.ts';
import { writeFileAtomic } from './atomic.ts';
import { DataError, readCsv, writeCsv, type Cell } from './csv.ts';
import { readJson } from './json-file.ts';
import type { ExperimentFile, Meta, RunMeta } from './provenance.ts';
import { EXPERIMENT_FILE_SCHEMA, RUN_SCHEMA } from './run-schema.ts';
import { MEMORY_COLUMNS, STANDARD_COLUMNS, type MemorySample, type Row } from './schema.ts';

/** Metric columns may postdate a machine's rows: those rows read them as empty. */
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
  /** What was read but left out, each naming its file and line (rows of unknown strategies). Shown in the report. */
  warnings: string[];
}

const RERUN = (id: string) => `restore it with git checkout, or re-run the experiment (npm run cli -- run ${id})`;

function refuseLegacy(paths: Paths, id: string): void {
  if (existsSync(legacyMetaJson(paths, id))) {
    throw new DataError(`${legacyMetaJson(paths, id)}: data in the single-folder layout (before machine folders); move it with \`npm run cli -- migrate-data\`, then commit the result`);
  }
}

/** The machines with a run of `id`: the folders under data/<id>/ that hold a run.json, by name. */
export function machinesOf(paths: Paths, id: string): string[] {
  const dir = experimentDataDir(paths, id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(path.join(dir, e.name, 'run.json')))
    .map((e) => e.name)
    .sort();
}

/** One machine's run.json, checked against its schema and against the folder it sits in. */
export function readRun(paths: Paths, id: string, machine: string): RunMeta {
  const file = runJson(paths, id, machine);
  const run = readJson<RunMeta>(file, RUN_SCHEMA, RERUN(id));
  if (run.machine.machine_id !== machine) {
    throw new DataError(`${file}: $.machine.machine_id: expected ${JSON.stringify(machine)} (the folder's name), found ${JSON.stringify(run.machine.machine_id)}; a machine's run lives in the folder named after it`);
  }
  return run;
}

export function readExperimentFile(paths: Paths, id: string): ExperimentFile | null {
  const file = experimentJson(paths, id);
  if (!existsSync(file)) return null;
  const shared = readJson<ExperimentFile>(file, EXPERIMENT_FILE_SCHEMA, RERUN(id));
  if (shared.experiment !== id) throw new DataError(`${file}: $.experiment: expected ${JSON.stringify(id)}, found ${JSON.stringify(shared.experiment)}`);
  return shared;
}

/** Every machine's run of `id`, or null when none has run it. */
export function readMeta(paths: Paths, id: string): Meta | null {
  refuseLegacy(paths, id);
  const machines = machinesOf(paths, id);
  if (machines.length === 0) return null;
  const runs = Object.fromEntries(machines.map((m) => [m, readRun(paths, id, m)]));
  const shared = readExperimentFile(paths, id);
  if (shared && !runs[shared.reference_machine]) {
    throw new DataError(`${experimentJson(paths, id)}: $.reference_machine: expected one of the machine folders (${machines.join(', ')}), found ${JSON.stringify(shared.reference_machine)}; choose one with npm run cli -- reference ${id} --machine ID`);
  }
  return { experiment: id, reference_machine: shared?.reference_machine ?? machines[0]!, runs };
}

/** Rows whose machine_id is not their folder's are an error: a copied or hand-edited file. */
function checkMachine<T extends { machine_id: unknown }>(rows: T[], file: string, machine: string): T[] {
  const at = rows.findIndex((r) => r.machine_id !== machine);
  if (at >= 0) {
    throw new DataError(`${file}: line ${at + 2}, column machine_id: expected ${JSON.stringify(machine)} (the folder's name), found ${JSON.stringify(rows[at]!.machine_id)}`);
  }
  return rows;
}

export interface MachineData {
  run: RunMeta;
  rows: Row[];
  memory: MemorySample[];
  tables: Record<string, Record<string, Cell>[]>;
  warnings: string[];
}

/** One machine's folder, every file checked; rows of strategies the experiment does not declare are left out with a warning. */
export function readMachineData(paths: Paths, experiment: Experiment, machine: string, run: RunMeta = readRun(paths, experiment.id, machine)): MachineData {
  const id = experiment.id;
  const known = new Set(experiment.strategies.map((s) => s.name));
  const warnings: string[] = [];
  const file = resultsCsv(paths, id, machine);
  const all = checkMachine(readCsv(file, resultColumns(experiment), { optional: addedLater(experiment) }) as unknown as Row[], file, machine);
  const rows: Row[] = [];
  const unknown = new Map<string, number[]>();
  all.forEach((r, i) => {
    if (known.has(r.strategy)) rows.push(r);
    else unknown.set(r.strategy, [...(unknown.get(r.strategy) ?? []), i + 2]);
  });
  const shown = path.relative(paths.root, file);
  for (const [strategy, lines] of unknown) {
    const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines[0]}–${lines.at(-1)} (${lines.length} rows)`;
    warnings.push(`${shown.startsWith('..') ? file : shown}: ${where}: strategy \`${strategy}\` is not one of ${id}'s (${[...known].join(', ')}); its rows are left out of this report. Renamed? Re-run the experiment on ${machine}.`);
  }
  const mem = memoryCsv(paths, id, machine);
  const memory = existsSync(mem) ? checkMachine(readCsv(mem, MEMORY_COLUMNS) as unknown as MemorySample[], mem, machine) : [];
  const tables: MachineData['tables'] = {};
  for (const name of Object.keys(experiment.tables ?? {})) {
    const t = tableCsv(paths, id, machine, name);
    tables[name] = existsSync(t) ? checkMachine(readCsv(t, tableColumns(experiment, name)) as (Record<string, Cell> & { machine_id: unknown })[], t, machine) : [];
  }
  return { run, rows, memory, tables, warnings };
}

export function readExperimentData(paths: Paths, experiment: Experiment): ExperimentData {
  const id = experiment.id;
  const meta = readMeta(paths, id);
  if (!meta) throw new DataError(`${experimentDataDir(paths, id)}/: no machine folder with a run.json; run the experiment first (npm run cli -- run ${id})`);
  const out: ExperimentData = { rows: [], memory: [], tables: Object.fromEntries(Object.keys(experiment.tables ?? {}).map((t) => [t, []])), meta, warnings: [] };
  for (const [machine, run] of Object.entries(meta.runs)) {
    const own = readMachineData(paths, experiment, machine, run);
    out.rows.push(...own.rows);
    out.memory.push(...own.memory);
    for (const [name, list] of Object.entries(own.tables)) out.tables[name]!.push(...list);
    out.warnings.push(...own.warnings);
  }
  return out;
}

export interface RunOutput {
  machineId: string;
  rows: Row[];
  memory: MemorySample[];
  tables: Record<string, Record<string, Cell>[]>;
  run: RunMeta;
}

/**
 * Write one machine's run as its folder. The folder is built beside the old one and
 * swapped in by renames, so a reader (or a crash) sees the old run or the new one,
 * never a mix. Other machines' folders and experiment.json are not touched.
 */
export function writeRunOutput(paths: Paths, experiment: Experiment, out: RunOutput): void {
  const id = experiment.id;
  refuseLegacy(paths, id);
  const final = machineDir(paths, id, out.machineId);
  const staging = path.join(experimentDataDir(paths, id), `.${out.machineId}.new-${process.pid}`);
  const old = path.join(experimentDataDir(paths, id), `.${out.machineId}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const inStaging = (file: string) => path.join(staging, path.basename(file));
  const columns = resultColumns(experiment);
  writeCsv(inStaging(resultsCsv(paths, id, out.machineId)), out.rows, Object.keys(columns));
  writeCsv(inStaging(memoryCsv(paths, id, out.machineId)), out.memory as unknown as Record<string, Cell>[], Object.keys(MEMORY_COLUMNS));
  for (const name of Object.keys(experiment.tables ?? {})) {
    writeCsv(inStaging(tableCsv(paths, id, out.machineId, name)), out.tables[name] ?? [], Object.keys(tableColumns(experiment, name)));
  }
  writeFileAtomic(inStaging(runJson(paths, id, out.machineId)), JSON.stringify(out.run, null, 2) + '\n');
  const existed = existsSync(final) && statSync(final).isDirectory();
  if (existed) renameSync(final, old);
  renameSync(staging, final);
  if (existed) rmSync(old, { recursive: true, force: true });
}

/** Make `machineId` the machine an experiment's report is about by default (experiment.json). */
export function setReferenceMachine(paths: Paths, id: string, machineId: string): void {
  const meta = readMeta(paths, id);
  if (!meta) throw new DataError(`${experimentDataDir(paths, id)}/: no machine folder; run the experiment first (npm run cli -- run ${id})`);
  if (!meta.runs[machineId]) throw new DataError(`${experimentDataDir(paths, id)}/: no folder for machine ${machineId} (machines: ${Object.keys(meta.runs).join(', ')})`);
  const shared: ExperimentFile = { experiment: id, reference_machine: machineId };
  writeFileAtomic(experimentJson(paths, id), JSON.stringify(shared, null, 2) + '\n');
  linkReferenceResults(paths, id, machineId);
}

/**
 * data/<id>/results.csv: a relative link to the reference machine's rows, so the experiment's
 * results sit where a reader (or a tool) looks first. Written with experiment.json, never by a run,
 * so it changes only when the reference does and two machines' runs still merge cleanly.
 */
export function linkReferenceResults(paths: Paths, id: string, machineId: string): void {
  const link = path.join(experimentDataDir(paths, id), 'results.csv');
  const temp = `${link}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  symlinkSync(path.join(machineId, 'results.csv'), temp);
  renameSync(temp, link);
}
