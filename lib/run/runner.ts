// Runs one experiment at one profile: prepare inputs, plan trials, run each in
// a fresh process (re-running disturbed ones), check every strategy computed
// the same result, and write the data folder with its provenance.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadExperiment } from '../experiment/load.ts';
import { resolveParams, resolveProfile } from '../experiment/params.ts';
import type { Cell, Experiment, Inputs, Params, Strategy } from '../experiment/types.ts';
import { readExperimentData, readMeta, writeRunOutput } from '../data/experiment-data.ts';
import { readGit, readMachine, readPackageVersions, toolVersion } from '../data/environment.ts';
import type { RunMeta } from '../data/provenance.ts';
import type { MemorySample, Row } from '../data/schema.ts';
import type { Cell as CsvCell } from '../data/csv.ts';
import { findPython, hasPythonModule, peerUnavailable } from '../peers/python.ts';
import { metaJson, resultsCsv, ROOT_ENV, type Paths } from '../paths.ts';
import { spawnTrial, type SpawnOptions, type TrialOutcome } from '../trial/spawn.ts';
import { bundleExperiment, type Bundle } from '../trial/bundle.ts';
import { startServices, type RunningService } from '../services/service.ts';
import type { TrialSpec } from '../trial/protocol.ts';
import { codeHash } from './code-hash.ts';
import { planTrials, pointKey, type PlannedTrial } from './plan.ts';
import { silentProgress, type Progress } from './progress.ts';
import { emptyRow, rowFromOutcome, type RowContext } from './trial-row.ts';

export interface RunOptions {
  paths: Paths;
  experimentId: string;
  profile?: string;
  /** `key=value` overrides of the profile's parameters. */
  overrides?: Record<string, string>;
  /** Skip the run when this machine's data was made by the same code and parameters. */
  ifStale?: boolean;
  /** On a failed trial: stop the run (nothing written) or record the failure and go on. */
  onError?: 'stop' | 'continue';
  /** Run only these strategies (a quick look; the result is not a complete dataset). */
  strategies?: string[];
  progress?: Progress;
  sampleIntervalMs?: number;
  trialTimeoutMs?: number;
  /** Re-run a disturbed trial up to this many times in all. */
  maxAttempts?: number;
  /** A trial is disturbed when other processes used more than this many cores on average meanwhile. */
  disturbedCores?: number;
}

const defaults: Required<Omit<RunOptions, 'paths' | 'experimentId' | 'strategies'>> = {
  profile: 'full',
  overrides: {},
  ifStale: false,
  onError: 'stop',
  progress: silentProgress,
  sampleIntervalMs: 20,
  trialTimeoutMs: 10 * 60_000,
  maxAttempts: 3,
  disturbedCores: 0.25,
};

export interface RunSummary {
  experiment: string;
  skipped: boolean;
  rows: number;
  failed: number;
  disturbed: number;
  seconds: number;
}

/** Packages whose versions change what is measured. */
const MEASURED_PACKAGES = ['piscina', 'tsx', 'typescript'];

export async function runExperiment(options: RunOptions): Promise<RunSummary> {
  const given = { ...defaults, ...options };
  const { paths, progress } = given;
  const experiment = await loadExperiment(paths.experimentsDir, given.experimentId);
  // An experiment may ask for another sampling interval; an explicit option wins.
  const o = { ...given, sampleIntervalMs: options.sampleIntervalMs ?? experiment.sampleIntervalMs ?? defaults.sampleIntervalMs };
  const profile = resolveProfile(experiment, o.profile);
  const params = resolveParams(experiment, profile, o.overrides);
  const experimentDir = path.join(paths.experimentsDir, experiment.id);
  const machine = readMachine();
  const hash = codeHash(paths.root, experimentDir, { profile, params, strategies: o.strategies ?? null } as unknown as Params);
  const t0 = Date.now();

  if (o.ifStale && isFresh(paths, experiment, machine.machine_id, hash)) {
    progress.log(`${experiment.id}: up to date for ${machine.machine_id} (code and parameters unchanged); nothing to run`);
    return { experiment: experiment.id, skipped: true, rows: 0, failed: 0, disturbed: 0, seconds: (Date.now() - t0) / 1000 };
  }

  const started_at = new Date().toISOString();
  // Read before the run: what was measured is the code as it stood when the run began.
  const git = readGit(paths.root);
  const inputsDir = path.join(paths.inputsDir, experiment.id);
  mkdirSync(inputsDir, { recursive: true });
  const inputs: Inputs = (await experiment.prepare?.({ params, inputsDir, log: (l) => progress.log(l) })) ?? { files: {}, hashes: {}, seed: null };

  const cells = selectCells(experiment, experiment.plan(params), o.strategies);
  const planned = planTrials(cells, { repetitions: Number(params.repetitions ?? 5), warmup: Number(params.warmup ?? 1) });
  const notes: string[] = [];
  const unavailable = peerAvailability(experiment, notes, progress);

  const rows: Row[] = [];
  const memory: MemorySample[] = [];
  const tables: Record<string, Record<string, CsvCell>[]> = {};
  const metricColumns = Object.keys(experiment.metricColumns ?? {});
  let stopping: Error | null = null;

  const bundle = bundleExperiment({ root: paths.root, experimentDir, id: experiment.id });
  let services: RunningService[] = [];
  try {
    services = await startServices(experiment, experimentDir, params);
    progress.start(planned.length, `${experiment.id} (${profile})`);
    for (const [index, trial] of planned.entries()) {
      const strategy = experiment.strategies.find((s) => s.name === trial.cell.strategy)!;
      const context: RowContext = {
        machine_id: machine.machine_id, trial: index, strategy: strategy.name, runtime: strategy.runtime, model: strategy.model,
        point: trial.cell.point, rep: trial.rep, warmup: trial.warmup, attempts: 0, metricColumns, sampleIntervalMs: o.sampleIntervalMs,
      };
      const label = `${strategy.name} ${describePoint(trial.cell.point)}${trial.warmup ? ' (warm-up)' : ''}`;
      const why = unavailable.get(strategy.name);
      if (why) {
        rows.push(emptyRow(context, 'skipped', why));
        progress.tick(label);
        continue;
      }
      let outcome: TrialOutcome;
      let disturbed: boolean;
      do {
        context.attempts += 1;
        outcome = await spawnTrial(trialCommand(paths, bundle, services, experiment, strategy, trial, params, inputs, experimentDir, o));
        disturbed = outcome.host_other_cpu_ms > o.disturbedCores * outcome.process_ms || outcome.steal_ms > o.disturbedCores * outcome.process_ms;
      } while (disturbed && !outcome.failure && context.attempts < o.maxAttempts);

      const { row, timeline } = rowFromOutcome(context, outcome, disturbed);
      rows.push(row);
      memory.push(...timeline);
      for (const [name, list] of Object.entries(outcome.result?.tables ?? {})) {
        (tables[name] ??= []).push(...list.map((r) => ({ machine_id: machine.machine_id, trial: index, ...r })));
      }
      progress.tick(label);
      if (outcome.failure) {
        const message = `${experiment.id}: trial failed: strategy ${strategy.name} at ${describePoint(trial.cell.point)}, rep ${trial.rep}: ${outcome.failure}`;
        progress.log(message);
        if (o.onError === 'stop') {
          stopping = new Error(`${message}\n(nothing was written; pass --keep-going to record failures and continue)`);
          break;
        }
      }
    }
  } finally {
    progress.stop();
    await Promise.all(services.map((s) => s.stop()));
    bundle.dispose();
  }
  if (stopping) throw stopping;

  checkDigests(experiment, rows);
  const disturbedCount = rows.filter((r) => r.disturbed === 1).length;
  if (disturbedCount > 0) notes.push(`${disturbedCount} trial(s) stayed disturbed by other processes after ${o.maxAttempts} attempts; they are flagged in results.csv (disturbed = 1).`);
  const failed = rows.filter((r) => r.status === 'failed').length;
  if (failed > 0) notes.push(`${failed} trial(s) failed; their errors are in results.csv (status = failed) and they are left out of every statistic.`);

  const run: RunMeta = {
    machine,
    software: {
      node: process.version,
      v8: process.versions.v8,
      python: pythonProvenance(experiment),
      packages: readPackageVersions(paths.root, MEASURED_PACKAGES),
      tools: Object.fromEntries((experiment.tools ?? []).map((t) => [t, toolVersion(t)])),
    },
    git,
    profile,
    params,
    inputs: { seed: inputs.seed, hashes: inputs.hashes },
    code_hash: hash,
    started_at,
    ended_at: new Date().toISOString(),
    trials: {
      planned: planned.length,
      ok: rows.filter((r) => r.status === 'ok').length,
      failed,
      skipped: rows.filter((r) => r.status === 'skipped').length,
      disturbed: disturbedCount,
      warmup: rows.filter((r) => r.warmup === 1).length,
    },
    notes,
  };
  writeRunOutput(paths, experiment, { machineId: machine.machine_id, rows, memory, tables, run });
  return { experiment: experiment.id, skipped: false, rows: rows.length, failed, disturbed: disturbedCount, seconds: (Date.now() - t0) / 1000 };
}

function isFresh(paths: Paths, experiment: Experiment, machineId: string, hash: string): boolean {
  if (!existsSync(resultsCsv(paths, experiment.id))) return false;
  try {
    const meta = readMeta(metaJson(paths, experiment.id));
    if (meta?.runs[machineId]?.code_hash !== hash) return false;
    readExperimentData(paths, experiment); // unreadable data is stale data
    return true;
  } catch {
    return false;
  }
}

function selectCells(experiment: Experiment, cells: Cell[], only: string[] | undefined): Cell[] {
  for (const cell of cells) {
    if (!experiment.strategies.some((s) => s.name === cell.strategy)) {
      throw new Error(`${experiment.id}: plan() names strategy '${cell.strategy}', which is not defined`);
    }
  }
  if (!only) return cells;
  const known = experiment.strategies.map((s) => s.name);
  for (const name of only) if (!known.includes(name)) throw new Error(`unknown strategy for ${experiment.id}: ${name} (valid: ${known.join(', ')})`);
  return cells.filter((c) => only.includes(c.strategy));
}

function peerAvailability(experiment: Experiment, notes: string[], progress: Progress): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of experiment.strategies) {
    if (s.runtime !== 'python') continue;
    const why = peerUnavailable(s.requires);
    if (why) out.set(s.name, `skipped: ${why}`);
  }
  const reasons = new Set(out.values());
  for (const reason of reasons) {
    const names = [...out].filter(([, r]) => r === reason).map(([n]) => n);
    const line = `Python peers ${names.join(', ')} ${reason}`;
    notes.push(line);
    progress.log(`${experiment.id}: ${line}`);
  }
  return out;
}

function pythonProvenance(experiment: Experiment): RunMeta['software']['python'] {
  const python = findPython();
  if (!python) return null;
  const modules = [...new Set(experiment.strategies.flatMap((s) => (s.runtime === 'python' ? (s.requires ?? []) : [])))];
  return { path: python.path, version: python.version, modules: Object.fromEntries(modules.map((m) => [m, hasPythonModule(python, m)])) };
}

function trialCommand(
  paths: Paths, bundle: Bundle, services: RunningService[], experiment: Experiment, strategy: Strategy, trial: PlannedTrial, params: Params, inputs: Inputs, experimentDir: string,
  o: { sampleIntervalMs: number; trialTimeoutMs: number },
): SpawnOptions {
  const spec: TrialSpec = {
    experimentId: experiment.id, experimentDir, tasksUrl: pathToFileURL(bundle.tasksModule).href,
    strategy: strategy.name, point: trial.cell.point, params, inputs: inputs.files,
    services: Object.fromEntries(services.map((s) => [s.name, { url: s.url, host: s.host, port: s.port }])),
  };
  const common = {
    spec, cwd: paths.root, timeoutMs: o.trialTimeoutMs, sampleIntervalMs: o.sampleIntervalMs, companionPids: services.map((s) => s.pid),
  };
  if (strategy.runtime === 'node') {
    return {
      ...common,
      command: process.execPath,
      args: [bundle.trialEntry],
      env: { [ROOT_ENV]: paths.root, ...strategy.env?.(trial.cell.point) },
    };
  }
  return {
    ...common,
    command: findPython()!.path,
    args: [path.join(experimentDir, strategy.script ?? 'peer.py'), '--strategy', strategy.name],
    env: { PYTHONPATH: path.join(paths.root, 'lib', 'peers'), PYTHONDONTWRITEBYTECODE: '1' },
  };
}

/** Every trial at the same point must compute the same result; a mismatch is a bug, not data. */
function checkDigests(experiment: Experiment, rows: Row[]): void {
  const byPoint = new Map<string, Map<string, string[]>>();
  for (const r of rows) {
    if (r.status !== 'ok' || !r.digest) continue;
    const keys = experiment.resultDependsOn ?? Object.keys(experiment.pointColumns);
    const point = Object.fromEntries(keys.map((k) => [k, r[k]]));
    const key = pointKey(point);
    const digests = byPoint.get(key) ?? new Map<string, string[]>();
    digests.set(r.digest, [...(digests.get(r.digest) ?? []), r.strategy]);
    byPoint.set(key, digests);
  }
  for (const [key, digests] of byPoint) {
    if (digests.size > 1) {
      const groups = [...digests].map(([d, names]) => `${d.slice(0, 12)}: ${[...new Set(names)].join(', ')}`).join('; ');
      throw new Error(`${experiment.id}: strategies disagree on the result at ${key}: ${groups}. Nothing was written; fix the strategy that differs.`);
    }
  }
}

function describePoint(point: Record<string, unknown>): string {
  return Object.entries(point).map(([k, v]) => `${k}=${v}`).join(' ');
}
