// The trial loop: run each planned trial in a fresh process, re-run the
// disturbed ones, journal every finished trial, and stop or go on after a
// failure as the user chose. Trials already in the journal are not run again.

import type { Experiment, Inputs, Params, Strategy } from '../experiment/types.ts';
import type { Cell as CsvCell } from '../data/csv.ts';
import type { MemorySample, Row } from '../data/schema.ts';
import { findPythonFor } from '../peers/python.ts';
import { ROOT_ENV, type Paths } from '../paths.ts';
import type { RunningService } from '../services/service.ts';
import type { Bundle } from '../trial/bundle.ts';
import type { TrialSpec } from '../trial/protocol.ts';
import { spawnTrial, type SpawnOptions, type TrialOutcome } from '../trial/spawn.ts';
import type { Journal } from './journal.ts';
import { settleMs } from './sampling.ts';
import type { PlannedTrial } from './plan.ts';
import type { Progress } from './progress.ts';
import { emptyRow, probeOf, rowFromOutcome, type RowContext } from './trial-row.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ExecuteSettings {
  onError: 'stop' | 'continue';
  sampleIntervalMs: number;
  trialTimeoutMs: number;
  maxAttempts: number;
  disturbedCores: number;
  /** A trial whose speed probe ran this many times slower than the run's best is in a slow spell. */
  slowProbeFactor: number;
}

export interface ExecuteInput {
  paths: Paths;
  experiment: Experiment;
  experimentDir: string;
  machineId: string;
  params: Params;
  inputs: Inputs;
  planned: PlannedTrial[];
  /** Strategy name → why it cannot run here (a missing peer): its rows are recorded as skipped. */
  unavailable: Map<string, string>;
  bundle: Bundle;
  services: RunningService[];
  journal: Journal;
  progress: Progress;
  /** Shown before the progress bar, e.g. 'factorizer (full)'. */
  title: string;
  settings: ExecuteSettings;
  /**
   * Asked, once the trials so far are done, for more (calibration, lib/run/calibrate.ts):
   * given the rows of every trial so far, in order, it returns the next round, or none to
   * finish. Added trials are numbered on from the planned ones and journalled like them;
   * a resumed run must get the same answers from the same rows.
   */
  more?: (rows: readonly Row[]) => PlannedTrial[];
}

export interface Executed {
  rows: Row[];
  memory: MemorySample[];
  tables: Record<string, Record<string, CsvCell>[]>;
  resumed: number;
}

/** A failed trial when the user asked to stop: the journal keeps what was done. */
export class TrialFailure extends Error {}

export async function executeTrials(input: ExecuteInput): Promise<Executed> {
  const { experiment, planned, journal, progress, settings } = input;
  const metricColumns = Object.keys(experiment.metricColumns ?? {});
  const resumed = journal.completed.size;
  const probes = new ProbeBaseline(settings.slowProbeFactor);
  if (resumed > 0) progress.log(`${experiment.id}: resuming: ${resumed} trials (${planned.length} planned) were done by an interrupted run of the same code`);

  // The planned trials, then each round `more` asks for once the ones before it are done.
  const trials = [...planned];
  const done = () => trials.flatMap((_, i) => journal.completed.get(i)?.row ?? []);
  function* schedule(): Generator<PlannedTrial> {
    yield* planned;
    const ask = input.more;
    for (let round = 1; ask; round++) {
      const more = ask(done());
      if (more.length === 0) return;
      trials.push(...more);
      progress.stop();
      progress.start(more.length, `${input.title}, added round ${round}`);
      yield* more;
    }
  }

  progress.start(planned.length, input.title);
  let index = -1;
  let reused = 0;
  for (const trial of schedule()) {
    index += 1;
    const strategy = experiment.strategies.find((s) => s.name === trial.cell.strategy)!;
    const label = `${strategy.name} ${describePoint(trial.cell.point)}${trial.warmup ? ' (warm-up)' : ''}`;
    if (isJournalled(journal.completed.get(index)?.row, trial)) {
      progress.tick(`${label} (done before)`);
      reused += 1;
      continue;
    }
    const context: RowContext = {
      machine_id: input.machineId, trial: index, strategy: strategy.name, runtime: strategy.runtime, model: strategy.model,
      point: trial.cell.point, rep: trial.rep, warmup: trial.warmup, attempts: 0, metricColumns, sampleIntervalMs: settings.sampleIntervalMs,
    };
    const why = input.unavailable.get(strategy.name);
    if (why) {
      journal.append({ index, row: emptyRow(context, 'skipped', why), timeline: [], tables: {} });
      progress.tick(label);
      continue;
    }
    let outcome: TrialOutcome;
    let disturbed: boolean;
    do {
      context.attempts += 1;
      outcome = await spawnTrial(trialCommand(input, strategy, trial));
      const limit = settings.disturbedCores * outcome.process_ms;
      const slow = probes.isSlow(strategy.runtime, outcome.result ? probeOf(outcome.result) : null);
      disturbed = outcome.host_other_cpu_ms > limit || outcome.steal_ms > limit || slow;
    } while (disturbed && !outcome.failure && context.attempts < settings.maxAttempts);

    const { row, timeline } = rowFromOutcome(context, outcome, disturbed);
    const tables = Object.fromEntries(
      Object.entries(outcome.result?.tables ?? {}).map(([name, list]) => [name, list.map((r) => ({ machine_id: input.machineId, trial: index, ...r }))]),
    );
    journal.append({ index, row, timeline, tables });
    progress.tick(label);
    if (outcome.failure) {
      const message = `${experiment.id}: trial failed: strategy ${strategy.name} at ${describePoint(trial.cell.point)}, rep ${trial.rep}: ${outcome.failure}`;
      progress.log(message);
      if (settings.onError === 'stop') {
        progress.stop();
        throw new TrialFailure(`${message}\n(data/ was not changed; the trials done so far are kept, and the next run of the same code resumes after them. Pass --keep-going to record failures and continue.)`);
      }
    }
  }
  progress.stop();

  const rows: Row[] = [];
  const memory: MemorySample[] = [];
  const tables: Record<string, Record<string, CsvCell>[]> = {};
  for (const [index] of trials.entries()) {
    const entry = journal.completed.get(index);
    if (!entry) continue;
    rows.push(entry.row);
    memory.push(...entry.timeline);
    for (const [name, list] of Object.entries(entry.tables)) (tables[name] ??= []).push(...list);
  }
  return { rows, memory, tables, resumed: reused };
}

function trialCommand(input: ExecuteInput, strategy: Strategy, trial: PlannedTrial): SpawnOptions {
  const { paths, bundle, services, experiment, experimentDir, settings } = input;
  const spec: TrialSpec = {
    experimentId: experiment.id,
    experimentDir,
    tasksUrl: pathToFileURL(bundle.tasksModule).href,
    strategy: strategy.name,
    point: trial.cell.point,
    params: input.params,
    inputs: input.inputs.files,
    services: Object.fromEntries(services.map((s) => [s.name, { url: s.url, host: s.host, port: s.port }])),
    settleMs: settleMs(settings.sampleIntervalMs),
  };
  const common = {
    spec,
    cwd: paths.root,
    timeoutMs: settings.trialTimeoutMs,
    sampleIntervalMs: settings.sampleIntervalMs,
    companionPids: services.map((s) => s.pid),
  };
  if (strategy.runtime === 'node') {
    return { ...common, command: process.execPath, args: [bundle.trialEntry], env: { [ROOT_ENV]: paths.root, ...strategy.env?.(trial.cell.point) } };
  }
  return {
    ...common,
    command: findPythonFor(strategy.python).python!.path,
    args: [path.join(experimentDir, strategy.script ?? 'peer.py'), '--strategy', strategy.name],
    env: { PYTHONPATH: path.join(paths.root, 'lib', 'peers'), PYTHONDONTWRITEBYTECODE: '1' },
  };
}

/** A journalled row is this trial's (an added trial of another run's choosing is run again). */
function isJournalled(row: Row | undefined, trial: PlannedTrial): boolean {
  if (!row) return false;
  const same = row.strategy === trial.cell.strategy && row.rep === trial.rep && row.warmup === (trial.warmup ? 1 : 0);
  return same && Object.entries(trial.cell.point).every(([k, v]) => row[k] === v);
}

export function describePoint(point: Record<string, unknown>): string {
  return Object.entries(point).map(([k, v]) => `${k}=${v}`).join(' ');
}

/** The best probe time seen so far per runtime, and whether a new one is a slow spell. */
class ProbeBaseline {
  readonly #best = new Map<string, { ms: number; seen: number }>();
  constructor(readonly factor: number) {}

  isSlow(runtime: string, probe: number | null): boolean {
    if (probe === null) return false;
    const b = this.#best.get(runtime) ?? { ms: Infinity, seen: 0 };
    // Judge only once a few trials have set a baseline; the early ones are checked by the others.
    const slow = b.seen >= 5 && probe > b.ms * this.factor;
    this.#best.set(runtime, { ms: Math.min(b.ms, probe), seen: b.seen + 1 });
    return slow;
  }
}
