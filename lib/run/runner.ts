// Runs one experiment at one profile: prepare inputs, plan trials, run them
// (lib/run/execute.ts), check every strategy computed the same result, and
// write the data folder with its provenance. Nothing in data/ changes until
// every trial is done; an interrupted run resumes from its journal.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadExperiment, UsageError } from '../experiment/load.ts';
import { resolveParams, resolveProfile } from '../experiment/params.ts';
import type { Cell, Experiment, Inputs } from '../experiment/types.ts';
import { machinesOf, readExperimentData, readMeta, readRun, writeRunOutput } from '../data/experiment-data.ts';
import { hardwareDifferences } from '../data/machine-id.ts';
import type { Machine } from '../data/provenance.ts';
import { readGit, readMachine, readPackageVersions, toolVersion } from '../data/environment.ts';
import type { RunMeta } from '../data/provenance.ts';
import type { Row } from '../data/schema.ts';
import { findPython, hasPythonModule, peerUnavailable, pythonsProvenance } from '../peers/python.ts';
import { experimentDataDir, legacyMetaJson, machineDir, type Paths } from '../paths.ts';
import { DataError } from '../data/csv.ts';
import { startServices, type RunningService } from '../services/service.ts';
import { bundleExperiment } from '../trial/bundle.ts';
import { runHash } from './code-hash.ts';
import { executeTrials, type ExecuteSettings } from './execute.ts';
import { Journal, journalFile } from './journal.ts';
import { planTrials, pointKey } from './plan.ts';
import { silentProgress, type Progress } from './progress.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS, settleMs } from './sampling.ts';
import { NOISE_DEFAULTS } from './noise.ts';
import { CALIBRATION_DEFAULTS, CALIBRATION_PARAMS, calibrationApplies, checkCalibration, nextRound, summarizeCalibration, type CalibrationSettings } from './calibrate.ts';

export interface RunOptions extends Partial<ExecuteSettings> {
  paths: Paths;
  experimentId: string;
  profile?: string;
  /** `key=value` overrides of the profile's parameters. */
  overrides?: Record<string, string>;
  /** Skip the run when this machine's data was made by the same code and parameters. */
  ifStale?: boolean;
  /** Run only these strategies (a quick look; the result is not a complete dataset). */
  strategies?: string[];
  /** Calibration's settings (lib/run/calibrate.ts); each overrides the profile's parameter. */
  calibration?: Partial<CalibrationSettings>;
  progress?: Progress;
}

const defaults = {
  profile: 'full',
  overrides: {} as Record<string, string>,
  ifStale: false,
  progress: silentProgress as Progress,
  settings: {
    onError: 'stop',
    sampleIntervalMs: DEFAULT_SAMPLE_INTERVAL_MS,
    trialTimeoutMs: 10 * 60_000,
    ...NOISE_DEFAULTS,
  } satisfies ExecuteSettings,
  calibration: CALIBRATION_DEFAULTS,
};

export interface RunSummary {
  experiment: string;
  /** The machine id the run was recorded under (its folder in data/<id>/). */
  machine: string;
  skipped: boolean;
  rows: number;
  failed: number;
  disturbed: number;
  /** Trials taken over from an interrupted run's journal. */
  resumed: number;
  /** Trials calibration added after the planned ones. */
  added: number;
  seconds: number;
}

/** Packages whose versions change what is measured. */
const MEASURED_PACKAGES = ['piscina', 'tsx', 'esbuild'];

export async function runExperiment(options: RunOptions): Promise<RunSummary> {
  const { paths } = options;
  const progress = options.progress ?? defaults.progress;
  const experiment = await loadExperiment(paths.experimentsDir, options.experimentId);
  const profile = resolveProfile(experiment, options.profile ?? defaults.profile);
  const params = resolveParams(experiment, profile, options.overrides ?? defaults.overrides);
  // One place resolves the settings: explicit options, then the experiment's own, then the defaults.
  const settings: ExecuteSettings = {
    onError: options.onError ?? defaults.settings.onError,
    sampleIntervalMs: options.sampleIntervalMs ?? experiment.sampleIntervalMs ?? defaults.settings.sampleIntervalMs,
    trialTimeoutMs: options.trialTimeoutMs ?? defaults.settings.trialTimeoutMs,
    maxAttempts: options.maxAttempts ?? defaults.settings.maxAttempts,
    disturbedCores: options.disturbedCores ?? defaults.settings.disturbedCores,
    slowProbeFactor: options.slowProbeFactor ?? defaults.settings.slowProbeFactor,
  };
  const param = (key: string) => (params[key] === undefined ? undefined : Number(params[key]));
  const calibration: CalibrationSettings = checkCalibration({
    target: options.calibration?.target ?? param(CALIBRATION_PARAMS.target) ?? defaults.calibration.target,
    cap: options.calibration?.cap ?? param(CALIBRATION_PARAMS.cap) ?? defaults.calibration.cap,
    budget: options.calibration?.budget ?? param(CALIBRATION_PARAMS.budget) ?? defaults.calibration.budget,
  });
  const experimentDir = path.join(paths.experimentsDir, experiment.id);
  const machine = readMachine();
  checkSameHardware(paths, experiment.id, machine);
  const t0 = Date.now();
  const bundle = bundleExperiment({ root: paths.root, experimentDir, id: experiment.id });
  let services: RunningService[] = [];
  try {
    const hash = runHash({
      root: paths.root, experimentDir, services: experiment.services, bundleSources: bundle.sources,
      profile, params, strategies: options.strategies ?? null, sampleIntervalMs: settings.sampleIntervalMs,
    });
    if (options.ifStale && isFresh(paths, experiment, machine.machine_id, hash)) {
      progress.log(`${experiment.id}: up to date for ${machine.machine_id} (code and parameters unchanged); nothing to run`);
      return { experiment: experiment.id, machine: machine.machine_id, skipped: true, rows: 0, failed: 0, disturbed: 0, resumed: 0, added: 0, seconds: (Date.now() - t0) / 1000 };
    }

    const inputsDir = path.join(paths.inputsDir, experiment.id);
    mkdirSync(inputsDir, { recursive: true });
    const inputs: Inputs = (await experiment.prepare?.({ params, inputsDir, log: (l) => progress.log(l) })) ?? { files: {}, hashes: {}, seed: null };
    const cells = selectCells(experiment, experiment.plan(params), options.strategies);
    const repetitions = Number(params.repetitions ?? 5);
    const planned = planTrials(cells, { repetitions, warmup: Number(params.warmup ?? 1) });
    // Calibration: once the planned trials are done, rounds of one more trial for each cell still too wide to decide.
    const calibrating = calibrationApplies(profile, repetitions);
    const calibrationInput = (rows: readonly Row[]) => ({ cells, rows, repetitions, planned: planned.length, settings: calibration });
    let rounds = 0;
    const more = (rows: readonly Row[]) => {
      const next = nextRound(calibrationInput(rows), rounds);
      if (next.length > 0) {
        rounds += 1;
        progress.log(`${experiment.id}: calibration round ${rounds}: ${next.length} cell(s) wider than ±${percent(calibration.target)} % or short of clean repetitions get one more trial`);
      }
      return next;
    };
    const notes: string[] = [];
    const unavailable = peerAvailability(experiment, notes, progress);
    // Read before the run: what was measured is the code as it stood when the run began; a resumed
    // run keeps the first start's time and git state from its journal.
    const journal = Journal.open(journalFile(experimentDataDir(paths, experiment.id), machine.machine_id), {
      hash, planned: planned.length, started_at: new Date().toISOString(), git: readGit(paths.root),
    });
    const { started_at, git } = journal.header;
    services = await startServices(experiment, experimentDir, params);

    const { rows, memory, tables, resumed } = await executeTrials({
      paths, experiment, experimentDir, machineId: machine.machine_id, params, inputs, planned, unavailable,
      bundle, services, journal, progress, settings, title: `${experiment.id} (${profile})`, more: calibrating ? more : undefined,
    });
    const calibrated = calibrating ? summarizeCalibration(calibrationInput(rows), rounds) : undefined;

    checkDigests(experiment, rows);
    const count = (f: (r: Row) => boolean) => rows.filter(f).length;
    const disturbed = count((r) => r.disturbed === 1);
    const failed = count((r) => r.status === 'failed');
    if (disturbed > 0) notes.push(`${disturbed} trial(s) stayed disturbed after ${settings.maxAttempts} attempts (other processes took CPU, or the speed probe ran over ${settings.slowProbeFactor}× the run's best); they are flagged in results.csv (disturbed = 1).`);
    if (!Number.isFinite(settings.disturbedCores) && !Number.isFinite(settings.slowProbeFactor)) notes.push('Noise checks were off (--accept-noise): no trial was flagged disturbed, whatever else the machine ran. Not data to publish.');
    if (failed > 0) notes.push(`${failed} trial(s) failed; their errors are in results.csv (status = failed) and they are left out of every statistic.`);
    const wide = calibrated ? calibrated.cells_at_cap + calibrated.cells_out_of_budget : 0;
    if (calibrated && wide > 0) notes.push(`${wide} of ${calibrated.cells} cell(s) (strategy × point) stayed wider than ±${percent(calibrated.target)} % (the 95 % interval of their wall time) or short of clean repetitions after calibration added ${calibrated.added_trials} trial(s): ${calibrated.cells_at_cap} at the cap of ${calibrated.cap} trials, ${calibrated.cells_out_of_budget} when its time budget (${calibrated.budget_s} s) ran out.`);
    if (resumed > 0) notes.push(`${resumed} trial(s) came from an earlier run of the same code that was interrupted and resumed.`);

    const run: RunMeta = {
      machine,
      software: {
        node: process.version,
        v8: process.versions.v8,
        python: pythonProvenance(experiment),
        pythons: pythonsProvenance(experiment.strategies),
        packages: readPackageVersions(paths.root, MEASURED_PACKAGES),
        tools: Object.fromEntries((experiment.tools ?? []).map((t) => [t, toolVersion(t)])),
      },
      git,
      profile,
      params,
      strategies: options.strategies ?? null,
      inputs: { seed: inputs.seed, hashes: inputs.hashes },
      code_hash: hash,
      started_at,
      ended_at: new Date().toISOString(),
      trials: {
        planned: planned.length,
        ok: count((r) => r.status === 'ok'),
        failed,
        skipped: count((r) => r.status === 'skipped'),
        disturbed,
        warmup: count((r) => r.warmup === 1),
      },
      notes,
      sampling: { interval_ms: settings.sampleIntervalMs, settle_ms: settleMs(settings.sampleIntervalMs) },
      ...(calibrated ? { calibration: calibrated } : {}),
    };
    writeRunOutput(paths, experiment, { machineId: machine.machine_id, rows, memory, tables, run });
    journal.remove();
    return { experiment: experiment.id, machine: machine.machine_id, skipped: false, rows: rows.length, failed, disturbed, resumed, added: calibrated?.added_trials ?? 0, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    bundle.dispose();
  }
}

const percent = (x: number) => String(Number((x * 100).toPrecision(3)));

function isFresh(paths: Paths, experiment: Experiment, machineId: string, hash: string): boolean {
  if (existsSync(legacyMetaJson(paths, experiment.id))) return false; // the run itself says how to migrate
  try {
    if (readMeta(paths, experiment.id)?.runs[machineId]?.code_hash !== hash) return false;
    readExperimentData(paths, experiment); // unreadable data is stale data
    return true;
  } catch {
    return false;
  }
}

/** A machine id names one machine: refuse to write under it from different hardware. */
function checkSameHardware(paths: Paths, id: string, machine: Machine): void {
  if (!machinesOf(paths, id).includes(machine.machine_id)) return;
  let recorded: Machine;
  try {
    recorded = readRun(paths, id, machine.machine_id).machine;
  } catch {
    return; // an unreadable run.json is replaced by this run
  }
  const differences = hardwareDifferences(recorded, machine);
  if (differences.length > 0) {
    throw new DataError(
      `${machineDir(paths, id, machine.machine_id)}/run.json was made on other hardware than this machine under the same id ${machine.machine_id} (${differences.join('; ')}). ` +
        `Set MACHINE_ID to a new name for this machine (or unset it to use the id built from this hardware); nothing was run.`,
    );
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
  for (const name of only) if (!known.includes(name)) throw new UsageError(`unknown strategy for ${experiment.id}: ${name} (valid: ${known.join(', ')})`);
  return cells.filter((c) => only.includes(c.strategy));
}

function peerAvailability(experiment: Experiment, notes: string[], progress: Progress): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of experiment.strategies) {
    if (s.runtime !== 'python') continue;
    const why = peerUnavailable(s.requires, s.python); // the strategy's own interpreter
    if (why) out.set(s.name, `skipped: ${why}`);
  }
  for (const reason of new Set(out.values())) {
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
  const modules = [...new Set(experiment.strategies.flatMap((s) => (s.runtime === 'python' && !s.python ? (s.requires ?? []) : [])))];
  return { path: python.path, version: python.version, modules: Object.fromEntries(modules.map((m) => [m, hasPythonModule(python, m)])) };
}

/** Every trial at the same point must compute the same result; a mismatch is a bug, not data. */
function checkDigests(experiment: Experiment, rows: Row[]): void {
  const keys = experiment.resultDependsOn ?? Object.keys(experiment.pointColumns);
  const byPoint = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    if (r.status !== 'ok' || !r.digest) continue;
    const key = pointKey(Object.fromEntries(keys.map((k) => [k, r[k]])));
    const digests = byPoint.get(key) ?? new Map<string, Set<string>>();
    digests.set(r.digest, (digests.get(r.digest) ?? new Set()).add(r.strategy));
    byPoint.set(key, digests);
  }
  for (const [key, digests] of byPoint) {
    if (digests.size > 1) {
      const groups = [...digests].map(([d, names]) => `${d.slice(0, 12)}: ${[...names].join(', ')}`).join('; ');
      throw new Error(`${experiment.id}: strategies disagree on the result at ${key}: ${groups}. data/ was not changed; fix the strategy that differs.`);
    }
  }
}
