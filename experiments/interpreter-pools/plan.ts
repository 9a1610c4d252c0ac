// Which trials a profile runs. Pure: tested without running anything.
//
// - The article's grid: every workload at every level, each pool with
//   `workers` workers running `tasks` tasks.
// - Each pool's own one-task, one-worker point at every load it runs: the
//   corrected speed-up divides by the same strategy's single task (another
//   strategy's differs by more than the effect measured). A small profile
//   may cut them (`own_single_tasks: false`): the baselines' stay, and the
//   report falls back to them and says so. The runtime's
//   thread-like model at 1 × 1 (the article's ThreadPoolExecutor(1); Node's
//   event loop) is also the article's baseline.
// - Node alone, the cpu and memory loads scaled up (the article's n finishes
//   too fast in Node to show parallelism).
// - The sweep: tasks = workers at each size in `sweep_workers`, at
//   `sweep_level`; Node sweeps its scaled load of the workload where there is one.
// - The Python strategies run on CPython 3.14 (the article's version); where
//   none is found the runner records their rows as skipped, with the reason.
//   The system's 3.11 thread and process pools (python311-*) run beside them
//   at the levels in `python311_levels` (the article's grid and each one's own
//   single task), never in the sweep.
// - The sharing probes (python-sharing, node-sharing): one cell each, once,
//   at the point { workload: 'sharing', load: 'rules', n: sharing_bytes }.
//   They record no digest and no workload metric; their rows are the
//   `sharing` side table's.
// - The disk workload (beyond the article) runs as the article's four do.
// - The CPU share: each runtime's baseline (BASELINE) running one task on one
//   worker at the heaviest level gets `share_repetitions` (the report and the
//   guide state each workload's CPU share from it, and an interval needs 3).
// - Where io_heavy's CPU goes (io-steps probes: node-io-steps,
//   python-io-steps): one cell each, once, at the point { workload:
//   'io-steps', load: 'steps', n: io_steps_mb }; `io_steps_rounds` rounds of
//   the task's steps inside it, rows of the `io_steps` side table. No digest.
// - The fixed cost of a pool (workload 'payload'): every Node model and
//   Python pool starts a pool of each size in `fixed_workers` and sends the
//   smallest of `payload_bytes` to a task and back `payload_rounds` times; on a
//   pool of one, each size in `payload_bytes` likewise. n is the payload's
//   bytes, tasks the round trips, load the size in words ("1 MB"). Kept apart
//   from the workloads in the report (context.ts).
// - Repetitions: `repetitions` for the article's grid and the scaled loads
//   (what the verdicts and the headline read); `side_repetitions` for the
//   one-task points at the article's loads and the sweep's other sizes (they
//   only feed figures and the corrected speed-up); `few_repetitions` for the
//   grid points named in `few_reps_points` (the heaviest, to fit the time
//   budget). The verdicts leave out any point with fewer repetitions than they
//   need, and say so.

import type { Cell, Params } from '../../lib/experiment/types.ts';
import { LEVELS, resolveLoads, WORKLOADS, type Load } from './params.ts';

export const NODE_STRATEGIES = ['node-event-loop', 'node-worker-threads', 'node-child-processes'] as const;
export const PYTHON_STRATEGIES = ['python-threads', 'python-processes', 'python-interpreters'] as const;
/** The same thread and process pools on the system's CPython 3.11, at `python311_levels` only. */
export const PYTHON311_STRATEGIES = ['python311-threads', 'python311-processes'] as const;
/** The rules-of-sharing probes: not workloads; one cell each at SHARING_WORKLOAD. */
export const SHARING_STRATEGIES = ['python-sharing', 'node-sharing'] as const;
export const SHARING_WORKLOAD = 'sharing';
/** Where io_heavy's CPU goes: one cell each at IO_STEPS_WORKLOAD, rows of the io_steps side table. */
export const IO_STEPS_STRATEGIES = ['python-io-steps', 'node-io-steps'] as const;
export const IO_STEPS_WORKLOAD = 'io-steps';
/** The fixed-cost cells: start-up, idle memory and payload round trips. */
export const PAYLOAD_WORKLOAD = 'payload';
/** The single-task baseline of each runtime, as the article took it. */
export const BASELINE = { node: 'node-event-loop', python: 'python-threads' } as const;

export interface CellPoint {
  workload: string;
  load: string;
  n: number;
  workers: number;
  tasks: number;
}

export interface PlanOptions {
  /** Whether to plan the interpreter pool (default: yes; without a 3.14 the runner records its rows as skipped). */
  interpreters: boolean;
}

/** "python-threads cpu high 4": a strategy at a load with a pool of that many workers (tasks as the plan gives them). */
export const pointName = (strategy: string, workload: string, load: string, workers: number) => `${strategy} ${workload} ${load} ${workers}`;

export function planCells(params: Params, options: PlanOptions = { interpreters: true }): Cell[] {
  const { article, scaled } = resolveLoads(params);
  const workers = Number(params.workers);
  const tasks = Number(params.tasks);
  const sweep = (params.sweep_workers as number[]) ?? [];
  const sweepLevel = String(params.sweep_level);
  const reps = Number(params.repetitions);
  const sideReps = Number(params.side_repetitions ?? reps);
  const shareReps = Number(params.share_repetitions ?? sideReps);
  const fewReps = Number(params.few_repetitions ?? reps);
  const fewPoints = new Set((params.few_reps_points as string[] | undefined) ?? []);
  for (const [key, value] of [['workers', workers], ['tasks', tasks], ['repetitions', reps], ['side_repetitions', sideReps], ['share_repetitions', shareReps], ['few_repetitions', fewReps], ...sweep.map((w) => ['sweep_workers', w] as const)] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`interpreter-pools: parameter ${key} must hold positive integers (got ${JSON.stringify(params[key])})`);
  }
  if (sweep.length > 0 && !(params.levels as string[]).includes(sweepLevel)) {
    throw new Error(`interpreter-pools: parameter sweep_level must be one of the run's levels ${(params.levels as string[]).join(', ')} (got ${JSON.stringify(sweepLevel)}), or set sweep_workers to []`);
  }
  const python = PYTHON_STRATEGIES.filter((s) => options.interpreters || s !== 'python-interpreters');
  const py311Levels = params.python311_levels ?? [];
  if (!Array.isArray(py311Levels) || py311Levels.some((l) => !(params.levels as string[]).includes(String(l)))) {
    throw new Error(`interpreter-pools: parameter python311_levels must list some of the run's levels ${(params.levels as string[]).join(', ')} (got ${JSON.stringify(params.python311_levels)})`);
  }
  const sharingBytes = Number(params.sharing_bytes ?? 0);
  if (!Number.isInteger(sharingBytes) || sharingBytes < 1) throw new Error(`interpreter-pools: parameter sharing_bytes must be a positive integer (got ${JSON.stringify(params.sharing_bytes)})`);
  const cells: Cell[] = [];
  const seen = new Set<string>();
  const used = new Set<string>();
  const heaviest = [...(params.levels as string[])].sort((a, b) => LEVELS.indexOf(a as never) - LEVELS.indexOf(b as never)).at(-1);
  const baselines: readonly string[] = Object.values(BASELINE);
  const add = (strategy: string, load: Load, w: number, k: number, side: boolean) => {
    const key = `${strategy}|${load.workload}|${load.load}|${w}|${k}`;
    if (seen.has(key)) return;
    seen.add(key);
    const point: CellPoint = { workload: load.workload, load: load.load, n: load.n, workers: w, tasks: k };
    const name = pointName(strategy, load.workload, load.load, w);
    const few = fewPoints.has(name);
    if (few) used.add(name);
    const share = baselines.includes(strategy) && w === 1 && k === 1 && load.scale === 1 && load.load === heaviest;
    const r = few ? fewReps : share ? Math.max(shareReps, side ? sideReps : reps) : side ? sideReps : reps;
    cells.push({ strategy, point: { ...point }, ...(r !== reps ? { repetitions: r } : {}) });
  };
  // Each pool with its own single task first, so the corrected speed-up always has its denominator.
  // Without `own_single_tasks` (a small profile's cut) only the runtimes' baselines run one task on one worker.
  const ownSingle = params.own_single_tasks !== false;
  const runAll = (names: readonly string[], load: Load, w: number, k: number, side: boolean) => {
    const sideOne = load.scale === 1;
    for (const name of names) {
      if (ownSingle || baselines.includes(name) || name === 'python311-threads') add(name, load, 1, 1, sideOne);
      add(name, load, w, k, side);
    }
  };
  // Level by level across workloads, so each strategy's first cell (its warm-up) is a light one.
  const byLevel = [...article].sort((a, b) => levelRank(params, a.load) - levelRank(params, b.load) || WORKLOADS.indexOf(a.workload) - WORKLOADS.indexOf(b.workload));
  for (const load of byLevel) {
    runAll(NODE_STRATEGIES, load, workers, tasks, false);
    runAll(python, load, workers, tasks, false);
    if ((py311Levels as string[]).includes(load.level)) runAll(PYTHON311_STRATEGIES, load, workers, tasks, false);
  }
  for (const load of scaled) runAll(NODE_STRATEGIES, load, workers, tasks, false);
  for (const workload of WORKLOADS) {
    const pythonLoad = article.find((l) => l.workload === workload && l.load === sweepLevel);
    if (!pythonLoad) continue;
    const nodeLoad = scaled.find((l) => l.workload === workload) ?? pythonLoad;
    for (const w of sweep) {
      runAll(NODE_STRATEGIES, nodeLoad, w, w, true);
      runAll(python, pythonLoad, w, w, true);
    }
  }
  for (const strategy of [...NODE_STRATEGIES, ...python]) cells.push(...payloadCells(params, strategy));
  const stepsMb = Number(params.io_steps_mb ?? 0);
  if (!Number.isInteger(stepsMb) || stepsMb < 0) throw new Error(`interpreter-pools: parameter io_steps_mb must be a non-negative integer, 0 for no io_heavy step probes (got ${JSON.stringify(params.io_steps_mb)})`);
  if (stepsMb > 0) for (const strategy of IO_STEPS_STRATEGIES) cells.push({ strategy, point: { workload: IO_STEPS_WORKLOAD, load: 'steps', n: stepsMb, workers: 1, tasks: 1 }, repetitions: 1 });
  for (const strategy of SHARING_STRATEGIES) {
    cells.push({ strategy, point: { workload: SHARING_WORKLOAD, load: 'rules', n: sharingBytes, workers: 1, tasks: 1 }, repetitions: 1 });
  }
  const unknown = [...fewPoints].filter((p) => !used.has(p) && !p.startsWith('python-interpreters '));
  if (unknown.length > 0) throw new Error(`interpreter-pools: parameter few_reps_points names points the plan does not run: ${unknown.join('; ')} (form: "strategy workload load workers")`);
  return cells;
}

/** "1 KB", "100 KB", "10 MB": a payload size in decimal units, as the plan names its load. */
export function payloadLabel(bytes: number): string {
  const [unit, size] = bytes >= 1e6 ? ['MB', 1e6] : bytes >= 1e3 ? ['KB', 1e3] : ['B', 1];
  return `${Number((bytes / size).toPrecision(3))} ${unit}`;
}

function positiveIntegers(params: Params, key: string): number[] {
  const value = params[key] ?? [];
  if (!Array.isArray(value) || value.some((v) => !Number.isInteger(v) || (v as number) < 1)) throw new Error(`interpreter-pools: parameter ${key} must be a list of positive integers (got ${JSON.stringify(params[key])})`);
  return value as number[];
}

/** One strategy's fixed-cost cells: each pool size with the smallest payload, then each payload on a pool of one. */
function payloadCells(params: Params, strategy: string): Cell[] {
  const workers = positiveIntegers(params, 'fixed_workers');
  const sizes = positiveIntegers(params, 'payload_bytes');
  if (workers.length === 0 || sizes.length === 0) return [];
  const rounds = Number(params.payload_rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`interpreter-pools: parameter payload_rounds must be a positive integer (got ${JSON.stringify(params.payload_rounds)})`);
  const smallest = Math.min(...sizes);
  const points = [...workers.map((w) => [smallest, w] as const), ...sizes.map((b) => [b, 1] as const)];
  const seen = new Set<string>();
  return points.flatMap(([n, w]) => {
    if (seen.has(`${n}|${w}`)) return [];
    seen.add(`${n}|${w}`);
    return [{ strategy, point: { workload: PAYLOAD_WORKLOAD, load: payloadLabel(n), n, workers: w, tasks: rounds } }];
  });
}

function levelRank(params: Params, load: string): number {
  return (params.levels as string[]).indexOf(load);
}
