import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../experiment/types.ts';
import { experimentDataDir, experimentJson, legacyMetaJson, machineDir, memoryCsv, resolvePaths, resultsCsv, runJson, tableCsv, type Paths } from '../paths.ts';
import { fixtureMeta, FIXTURE_MACHINE } from '../report/fixtures.ts';
import { emptyRow } from '../run/trial-row.ts';
import { DataError } from './csv.ts';
import { readExperimentData, readMeta, setReferenceMachine, writeRunOutput, type RunOutput } from './experiment-data.ts';
import { migrateExperimentData } from './migrate.ts';
import { csvFormat } from 'd3-dsv';
import type { RunMeta } from './provenance.ts';
import type { Row } from './schema.ts';

const experiment: Experiment = {
  id: 'two-machines',
  title: 'Two machines',
  article: { author: 'n/a', title: 'n/a', venue: 'n/a', date: '2024-01-01', url: 'https://example.invalid/' },
  question: 'n/a',
  claims: [],
  profiles: {
    smoke: { description: 'test', params: { n: 1 } },
    quick: { description: 'test', params: { n: 1 } },
    full: { description: 'test', params: { n: 1 } },
  },
  pointColumns: { workers: 'int' },
  metricColumns: { chunks: 'int' },
  tables: { steps: { step: 'int', step_ms: 'number' } },
  strategies: [{ name: 'pool', runtime: 'node', model: 'worker-threads', description: 'n/a', run: async () => {} }],
  plan: () => [],
  method: 'n/a',
};

function row(machine_id: string, trial: number, wall_ms: number): Row {
  const r = emptyRow(
    { machine_id, trial, strategy: 'pool', runtime: 'node', model: 'worker-threads', point: { workers: 2 }, rep: trial, warmup: false, attempts: 1, metricColumns: ['chunks'], sampleIntervalMs: 10 },
    'ok',
    '',
  );
  return { ...r, wall_ms, chunks: 4, samples: 2, digest: 'abc' };
}

function runMeta(machine_id: string): RunMeta {
  const run = structuredClone(fixtureMeta().runs[FIXTURE_MACHINE]!);
  run.machine.machine_id = machine_id;
  run.started_at = `2024-05-0${machine_id === 'machine-a' ? 1 : 2}T10:00:00.000Z`;
  return run;
}

function output(machineId: string, wall_ms: number): RunOutput {
  return {
    machineId,
    rows: [row(machineId, 0, wall_ms), row(machineId, 1, wall_ms + 1)],
    memory: [
      { machine_id: machineId, trial: 0, t_ms: 0, rss_bytes: wall_ms * 1000 },
      { machine_id: machineId, trial: 0, t_ms: 10.5, rss_bytes: wall_ms * 2000 },
    ],
    tables: { steps: [{ machine_id: machineId, trial: 0, step: 1, step_ms: wall_ms / 10 }] },
    run: runMeta(machineId),
  };
}

let paths: Paths;
let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'experiment-data-test-'));
  paths = resolvePaths({ dataDir: tmp, inputsDir: path.join(tmp, 'inputs'), reportsDir: path.join(tmp, 'reports') });
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const ID = experiment.id;

describe('writeRunOutput', () => {
  it('writes one folder per machine: run.json, results.csv, memory.csv and one CSV per side table, and nothing beside it', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    expect(readdirSync(experimentDataDir(paths, ID))).toEqual(['machine-a']);
    expect(readdirSync(machineDir(paths, ID, 'machine-a')).sort()).toEqual(['memory.csv', 'results.csv', 'run.json', 'steps.csv']);
  });

  it('readExperimentData gives back the typed rows, samples, side tables and runs', () => {
    const a = output('machine-a', 100);
    writeRunOutput(paths, experiment, a);
    const data = readExperimentData(paths, experiment);
    expect(data.rows).toEqual(a.rows);
    expect(data.memory).toEqual(a.memory);
    expect(data.tables).toEqual(a.tables);
    expect(data.meta).toEqual({ experiment: ID, reference_machine: 'machine-a', runs: { 'machine-a': a.run } });
    expect(data.warnings).toEqual([]);
  });

  it("machine B's run leaves every file of machine A's untouched, byte for byte", () => {
    const a = output('machine-a', 100);
    writeRunOutput(paths, experiment, a);
    const before = readdirSync(machineDir(paths, ID, 'machine-a')).map((f) => readFileSync(path.join(machineDir(paths, ID, 'machine-a'), f), 'utf8'));
    const b = output('machine-b', 200);
    writeRunOutput(paths, experiment, b);
    const after = readdirSync(machineDir(paths, ID, 'machine-a')).map((f) => readFileSync(path.join(machineDir(paths, ID, 'machine-a'), f), 'utf8'));
    expect(after).toEqual(before);
    const data = readExperimentData(paths, experiment);
    expect(data.rows).toEqual([...a.rows, ...b.rows]);
    expect(data.memory).toEqual([...a.memory, ...b.memory]);
    expect(data.tables.steps).toEqual([...a.tables.steps!, ...b.tables.steps!]);
    expect(data.meta.runs).toEqual({ 'machine-a': a.run, 'machine-b': b.run });
  });

  it("machine A's second run replaces A's folder whole and keeps B's", () => {
    const b = output('machine-b', 200);
    const a2 = output('machine-a', 300);
    writeRunOutput(paths, experiment, output('machine-a', 100));
    writeRunOutput(paths, experiment, b);
    writeRunOutput(paths, experiment, a2);
    const data = readExperimentData(paths, experiment);
    expect(data.rows).toEqual([...a2.rows, ...b.rows]);
    expect(data.meta.runs['machine-a']).toEqual(a2.run);
    expect(readdirSync(experimentDataDir(paths, ID)).sort()).toEqual(['machine-a', 'machine-b']);
  });

  it('never writes experiment.json: without one the reference is the first machine by name', () => {
    writeRunOutput(paths, experiment, output('machine-b', 200));
    writeRunOutput(paths, experiment, output('machine-a', 100));
    expect(existsSync(experimentJson(paths, ID))).toBe(false);
    expect(readMeta(paths, ID)!.reference_machine).toBe('machine-a');
  });

  it('reads a metric column a machine folder lacks (added since its run) as empty', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = resultsCsv(paths, ID, 'machine-a');
    const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
    const drop = header!.split(',').indexOf('chunks');
    const without = (line: string) => line.split(',').filter((_, i) => i !== drop).join(',');
    writeFileSync(file, [without(header!), ...lines.map((l) => (l ? without(l) : l))].join('\n'));
    expect(readExperimentData(paths, experiment).rows.map((r) => [r.wall_ms, r.chunks])).toEqual([[100, null], [101, null]]);
  });
});

describe('readExperimentData checks what it reads', () => {
  it('with no machine folder says to run the experiment', () => {
    expect(() => readExperimentData(paths, experiment)).toThrow(DataError);
    expect(() => readExperimentData(paths, experiment)).toThrow(`${experimentDataDir(paths, ID)}/: no machine folder with a run.json; run the experiment first (npm run cli -- run two-machines)`);
  });

  it('reads a missing memory.csv or side table as empty', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    rmSync(memoryCsv(paths, ID, 'machine-a'));
    rmSync(tableCsv(paths, ID, 'machine-a', 'steps'));
    const data = readExperimentData(paths, experiment);
    expect(data.memory).toEqual([]);
    expect(data.tables).toEqual({ steps: [] });
    expect(data.rows).toHaveLength(2);
  });

  it('names results.csv, the line and the column when a cell is bad', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = resultsCsv(paths, ID, 'machine-a');
    writeFileSync(file, readFileSync(file, 'utf8').replace(',100,', ',fast,'));
    expect(() => readExperimentData(paths, experiment)).toThrow(`${file}: line 2, column wall_ms: expected a number, got "fast"`);
  });

  it('refuses run.json with "cores": "two", naming the file, the JSON path, what was expected and what was found', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = runJson(paths, ID, 'machine-a');
    const run = JSON.parse(readFileSync(file, 'utf8'));
    run.machine.cores = 'two';
    writeFileSync(file, JSON.stringify(run));
    expect(() => readExperimentData(paths, experiment)).toThrow(`${file}: $.machine.cores: expected a value of type number, found "two"`);
  });

  it('refuses run.json that is not JSON, or that lacks a key', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = runJson(paths, ID, 'machine-a');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '{ nope');
    expect(() => readMeta(paths, ID)).toThrow(`${file}: not valid JSON`);
    const run = JSON.parse(good);
    delete run.trials.failed;
    writeFileSync(file, JSON.stringify(run));
    expect(() => readMeta(paths, ID)).toThrow(`${file}: $.trials.failed: expected a value of type number, found nothing (the key is missing)`);
  });

  it('refuses a run.json or row whose machine is not its folder', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = resultsCsv(paths, ID, 'machine-a');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\nmachine-a,1,/, '\nmachine-z,1,'));
    expect(() => readExperimentData(paths, experiment)).toThrow(`${file}: line 3, column machine_id: expected "machine-a" (the folder's name), found "machine-z"`);
    const run = runJson(paths, ID, 'machine-a');
    writeFileSync(run, readFileSync(run, 'utf8').replace('"machine_id": "machine-a"', '"machine_id": "machine-q"'));
    expect(() => readMeta(paths, ID)).toThrow(`${run}: $.machine.machine_id: expected "machine-a" (the folder's name), found "machine-q"`);
  });

  it('leaves out the rows of a strategy the experiment does not declare, and says where they are', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = resultsCsv(paths, ID, 'machine-a');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\nmachine-a,1,pool,/, '\nmachine-a,1,old-pool,'));
    const data = readExperimentData(paths, experiment);
    expect(data.rows.map((r) => r.trial)).toEqual([0]);
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toContain(`${file}: line 3: strategy \`old-pool\` is not one of two-machines's (pool); its rows are left out of this report.`);
  });

  it('refuses an experiment.json naming a machine with no folder', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    writeFileSync(experimentJson(paths, ID), JSON.stringify({ experiment: ID, reference_machine: 'machine-z' }));
    expect(() => readMeta(paths, ID)).toThrow(/experiment\.json: \$\.reference_machine: expected one of the machine folders \(machine-a\), found "machine-z"/);
  });

  it('refuses the old single-folder layout and says how to move it', () => {
    mkdirSync(experimentDataDir(paths, ID), { recursive: true });
    writeFileSync(legacyMetaJson(paths, ID), '{}');
    expect(() => readMeta(paths, ID)).toThrow(/single-folder layout .*npm run cli -- migrate-data/);
  });
});

describe('migrateExperimentData', () => {
  it('moves meta.json and the shared CSVs into one folder per machine, cells byte for byte, and keeps the reference', () => {
    const a = output('machine-a', 100);
    const b = output('machine-b', 200);
    const dir = experimentDataDir(paths, ID);
    mkdirSync(dir, { recursive: true });
    const columns = (rows: object[]) => Object.keys(rows[0]!);
    const raw = (rows: Record<string, unknown>[]) => csvFormat(rows as never, columns(rows)) + '\n';
    writeFileSync(path.join(dir, 'results.csv'), raw([...a.rows, ...b.rows] as never));
    writeFileSync(path.join(dir, 'memory.csv'), raw([...a.memory, ...b.memory] as never));
    writeFileSync(path.join(dir, 'steps.csv'), raw([...a.tables.steps!, ...b.tables.steps!] as never));
    writeFileSync(legacyMetaJson(paths, ID), JSON.stringify({ experiment: ID, reference_machine: 'machine-b', runs: { 'machine-a': a.run, 'machine-b': b.run } }));
    const moved = migrateExperimentData(paths, ID);
    expect(moved).toMatchObject({ experiment: ID, machines: ['machine-a', 'machine-b'] });
    expect(readdirSync(dir).sort()).toEqual(['experiment.json', 'machine-a', 'machine-b', 'results.csv']);
    const data = readExperimentData(paths, experiment);
    expect(data.meta.reference_machine).toBe('machine-b');
    expect(data.rows).toEqual([...a.rows, ...b.rows]);
    expect(data.tables.steps).toEqual([...a.tables.steps!, ...b.tables.steps!]);
    expect(migrateExperimentData(paths, ID)).toBeNull();
  });
});

describe('setReferenceMachine', () => {
  it('writes experiment.json and keeps every run and row', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    writeRunOutput(paths, experiment, output('machine-b', 200));
    setReferenceMachine(paths, ID, 'machine-b');
    const data = readExperimentData(paths, experiment);
    expect(data.meta.reference_machine).toBe('machine-b');
    expect(JSON.parse(readFileSync(experimentJson(paths, ID), 'utf8'))).toEqual({ experiment: ID, reference_machine: 'machine-b' });
    // data/<id>/results.csv is a relative link to the reference machine's rows.
    expect(readlinkSync(path.join(experimentDataDir(paths, ID), 'results.csv'))).toBe(path.join('machine-b', 'results.csv'));
    expect(readFileSync(path.join(experimentDataDir(paths, ID), 'results.csv'), 'utf8')).toBe(readFileSync(resultsCsv(paths, ID, 'machine-b'), 'utf8'));
    expect(new Set(data.rows.map((r) => r.machine_id))).toEqual(new Set(['machine-a', 'machine-b']));
  });

  it('for a machine with no folder names the machines there', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    expect(() => setReferenceMachine(paths, ID, 'machine-z')).toThrow(/no folder for machine machine-z \(machines: machine-a\)/);
    expect(readMeta(paths, ID)!.reference_machine).toBe('machine-a');
  });
});
