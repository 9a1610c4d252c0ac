import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../experiment/types.ts';
import { experimentDataDir, memoryCsv, metaJson, resolvePaths, resultsCsv, tableCsv, type Paths } from '../paths.ts';
import { fixtureMeta, FIXTURE_MACHINE } from '../report/fixtures.ts';
import { emptyRow } from '../run/trial-row.ts';
import { DataError } from './csv.ts';
import { readExperimentData, readMeta, setReferenceMachine, writeRunOutput, type RunOutput } from './experiment-data.ts';
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

describe('writeRunOutput', () => {
  it('writeRunOutput(paths, experiment, run) writes results.csv, memory.csv, one CSV per side table and meta.json', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    expect(readdirSync(experimentDataDir(paths, experiment.id)).sort()).toEqual(['memory.csv', 'meta.json', 'results.csv', 'steps.csv']);
  });

  it('readExperimentData(paths, experiment) gives back the typed rows, samples, side tables and meta of a run', () => {
    const a = output('machine-a', 100);
    writeRunOutput(paths, experiment, a);
    const data = readExperimentData(paths, experiment);
    expect(data.rows).toEqual(a.rows);
    expect(data.memory).toEqual(a.memory);
    expect(data.tables).toEqual(a.tables);
    expect(data.meta).toEqual({ experiment: 'two-machines', reference_machine: 'machine-a', runs: { 'machine-a': a.run } });
  });

  it("writeRunOutput(paths, experiment, run) for machine B keeps machine A's rows in every file", () => {
    const a = output('machine-a', 100);
    const b = output('machine-b', 200);
    writeRunOutput(paths, experiment, a);
    writeRunOutput(paths, experiment, b);
    const data = readExperimentData(paths, experiment);
    expect(data.rows).toEqual([...a.rows, ...b.rows]);
    expect(data.memory).toEqual([...a.memory, ...b.memory]);
    expect(data.tables.steps).toEqual([...a.tables.steps!, ...b.tables.steps!]);
    expect(Object.keys(data.meta.runs)).toEqual(['machine-a', 'machine-b']);
    expect(data.meta.runs['machine-a']).toEqual(a.run);
    expect(data.meta.runs['machine-b']).toEqual(b.run);
  });

  it("writeRunOutput(paths, experiment, run) replaces this machine's file written before a column existed", () => {
    const a = output('machine-a', 100);
    writeRunOutput(paths, experiment, a);
    const file = path.join(experimentDataDir(paths, experiment.id), 'results.csv');
    const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
    const drop = header!.split(',').indexOf('steal_ms');
    const without = (line: string) => line.split(',').filter((_, i) => i !== drop).join(',');
    writeFileSync(file, [without(header!), ...lines.map((l) => (l ? without(l) : l))].join('\n'));
    writeRunOutput(paths, experiment, a);
    expect(readExperimentData(paths, experiment).rows).toEqual(a.rows);
  });

  it("writeRunOutput(paths, experiment, run) refuses to drop another machine's rows it cannot read, naming the column", () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = path.join(experimentDataDir(paths, experiment.id), 'results.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('steal_ms', 'steal_ms_old'));
    expect(() => writeRunOutput(paths, experiment, output('machine-b', 200))).toThrow(/missing column\(s\) steal_ms/);
  });

  it("writeRunOutput(paths, experiment, run) for machine B keeps machine A's rows written before a metric column existed, read as empty", () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = path.join(experimentDataDir(paths, experiment.id), 'results.csv');
    const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
    const drop = header!.split(',').indexOf('chunks');
    const without = (line: string) => line.split(',').filter((_, i) => i !== drop).join(',');
    writeFileSync(file, [without(header!), ...lines.map((l) => (l ? without(l) : l))].join('\n'));
    writeRunOutput(paths, experiment, output('machine-b', 200));
    const rows = readExperimentData(paths, experiment).rows;
    expect(rows.filter((r) => r.machine_id === 'machine-a').map((r) => [r.wall_ms, r.chunks])).toEqual([[100, null], [101, null]]);
    expect(rows.filter((r) => r.machine_id === 'machine-b').map((r) => r.chunks)).toEqual([4, 4]);
  });

  it('writeRunOutput(paths, experiment, run) keeps the first machine as the reference machine', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    writeRunOutput(paths, experiment, output('machine-b', 200));
    writeRunOutput(paths, experiment, output('machine-b', 300));
    expect(readMeta(metaJson(paths, experiment.id))!.reference_machine).toBe('machine-a');
  });

  it("writeRunOutput(paths, experiment, run) for machine A again replaces A's rows and keeps B's", () => {
    const b = output('machine-b', 200);
    const a2 = output('machine-a', 300);
    writeRunOutput(paths, experiment, output('machine-a', 100));
    writeRunOutput(paths, experiment, b);
    writeRunOutput(paths, experiment, a2);
    const data = readExperimentData(paths, experiment);
    expect(data.rows).toEqual([...b.rows, ...a2.rows]);
    expect(data.memory).toEqual([...b.memory, ...a2.memory]);
    expect(data.tables.steps).toEqual([...b.tables.steps!, ...a2.tables.steps!]);
    expect(data.meta.runs['machine-a']).toEqual(a2.run);
    expect(data.meta.reference_machine).toBe('machine-a');
  });

  it("writeRunOutput(paths, experiment, run) with no side-table rows keeps the other machine's side-table rows", () => {
    const a = output('machine-a', 100);
    writeRunOutput(paths, experiment, a);
    writeRunOutput(paths, experiment, { ...output('machine-b', 200), tables: {} });
    expect(readExperimentData(paths, experiment).tables.steps).toEqual(a.tables.steps);
  });

  it('writeRunOutput(paths, experiment, run) leaves no temporary files in the data folder', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    writeRunOutput(paths, experiment, output('machine-b', 200));
    expect(readdirSync(experimentDataDir(paths, experiment.id)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('readExperimentData', () => {
  it('readExperimentData(paths, experiment) without meta.json says to run the experiment', () => {
    expect(() => readExperimentData(paths, experiment)).toThrow(DataError);
    expect(() => readExperimentData(paths, experiment)).toThrow(`${metaJson(paths, 'two-machines')}: missing; run the experiment first (npm run cli -- run two-machines)`);
  });

  it('readExperimentData(paths, experiment) reads a missing memory.csv or side table as empty', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    rmSync(memoryCsv(paths, experiment.id));
    rmSync(tableCsv(paths, experiment.id, 'steps'));
    const data = readExperimentData(paths, experiment);
    expect(data.memory).toEqual([]);
    expect(data.tables).toEqual({ steps: [] });
    expect(data.rows).toHaveLength(2);
  });

  it('readExperimentData(paths, experiment) names results.csv when a cell is bad', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    const file = resultsCsv(paths, experiment.id);
    writeFileSync(file, readFileSync(file, 'utf8').replace(',100,', ',fast,'));
    expect(() => readExperimentData(paths, experiment)).toThrow(`${file}: line 2, column wall_ms: expected a number, got "fast"`);
  });
});

describe('readMeta', () => {
  it('readMeta(file) is null when the file does not exist', () => {
    expect(readMeta(path.join(tmp, 'meta.json'))).toBeNull();
  });

  it('readMeta(file) names the file when it is not JSON', () => {
    const file = path.join(tmp, 'meta.json');
    writeFileSync(file, '{ nope');
    expect(() => readMeta(file)).toThrow(`${file}: not valid JSON`);
  });

  it('readMeta(file) names the file when it has no runs', () => {
    const file = path.join(tmp, 'meta.json');
    writeFileSync(file, JSON.stringify({ experiment: 'x', reference_machine: 'a' }));
    expect(() => readMeta(file)).toThrow(`${file}: expected an object with "experiment", "reference_machine" and "runs"`);
  });
});

describe('setReferenceMachine', () => {
  it('setReferenceMachine(paths, id, machine) makes another machine the reference and keeps every run and row', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    writeRunOutput(paths, experiment, output('machine-b', 200));
    setReferenceMachine(paths, experiment.id, 'machine-b');
    const data = readExperimentData(paths, experiment);
    expect(data.meta.reference_machine).toBe('machine-b');
    expect(Object.keys(data.meta.runs).sort()).toEqual(['machine-a', 'machine-b']);
    expect(new Set(data.rows.map((r) => r.machine_id))).toEqual(new Set(['machine-a', 'machine-b']));
  });

  it('setReferenceMachine(paths, id, machine) for a machine with no run names the file and the machines', () => {
    writeRunOutput(paths, experiment, output('machine-a', 100));
    expect(() => setReferenceMachine(paths, experiment.id, 'machine-z')).toThrow(/meta\.json: no run for machine machine-z \(machines: machine-a\)/);
    expect(readMeta(metaJson(paths, experiment.id))!.reference_machine).toBe('machine-a');
  });
});
