// Which trials a profile runs. Pure: tested without running anything.
//
// - The article's grid: every workload at every level, each pool with
//   `workers` workers running `tasks` tasks.
// - Its baseline: one task on one worker of the runtime's thread-like model
//   (the article's ThreadPoolExecutor(1); Node's event loop), at every load
//   either runtime ran, for the speed-ups.
// - Node alone, the cpu and memory loads scaled up to take about as long as
//   Python's (the article's n finishes too fast in Node to show parallelism).
// - The sweep: tasks = workers at each size in `sweep_workers`, at
//   `sweep_level`; Node sweeps the scaled load where there is one.

import type { Cell, Params } from '../../lib/experiment/types.ts';
import { resolveLoads, WORKLOADS, type Load } from './params.ts';

export const NODE_STRATEGIES = ['node-event-loop', 'node-worker-threads', 'node-child-processes'] as const;
export const PYTHON_STRATEGIES = ['python-threads', 'python-processes', 'python-interpreters'] as const;
/** The single-task baseline of each runtime, as the article took it. */
export const BASELINE = { node: 'node-event-loop', python: 'python-threads' } as const;

export interface CellPoint {
  workload: string;
  load: string;
  n: number;
  workers: number;
  tasks: number;
}

export function planCells(params: Params): Cell[] {
  const { article, scaled } = resolveLoads(params);
  const workers = Number(params.workers);
  const tasks = Number(params.tasks);
  const sweep = (params.sweep_workers as number[]) ?? [];
  const sweepLevel = String(params.sweep_level);
  for (const [key, value] of [['workers', workers], ['tasks', tasks], ...sweep.map((w) => ['sweep_workers', w] as const)] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`interpreter-pools: parameter ${key} must hold positive integers (got ${JSON.stringify(params[key])})`);
  }
  if (sweep.length > 0 && !(params.levels as string[]).includes(sweepLevel)) {
    throw new Error(`interpreter-pools: parameter sweep_level must be one of the run's levels ${(params.levels as string[]).join(', ')} (got ${JSON.stringify(sweepLevel)}), or set sweep_workers to []`);
  }
  const cells: Cell[] = [];
  const seen = new Set<string>();
  const add = (strategy: string, load: Load, w: number, k: number) => {
    const point: CellPoint = { workload: load.workload, load: load.load, n: load.n, workers: w, tasks: k };
    const key = `${strategy}|${load.workload}|${load.load}|${w}|${k}`;
    if (seen.has(key)) return;
    seen.add(key);
    cells.push({ strategy, point: { ...point } });
  };
  const runAll = (names: readonly string[], baseline: string, load: Load, w: number, k: number) => {
    add(baseline, load, 1, 1);
    for (const name of names) add(name, load, w, k);
  };
  // Level by level across workloads, so each strategy's first cell (its warm-up) is a light one.
  const byLevel = [...article].sort((a, b) => levelRank(params, a.load) - levelRank(params, b.load) || WORKLOADS.indexOf(a.workload) - WORKLOADS.indexOf(b.workload));
  for (const load of byLevel) {
    runAll(NODE_STRATEGIES, BASELINE.node, load, workers, tasks);
    runAll(PYTHON_STRATEGIES, BASELINE.python, load, workers, tasks);
  }
  for (const load of scaled) runAll(NODE_STRATEGIES, BASELINE.node, load, workers, tasks);
  for (const workload of WORKLOADS) {
    const pythonLoad = article.find((l) => l.workload === workload && l.load === sweepLevel);
    if (!pythonLoad) continue;
    const nodeLoad = scaled.find((l) => l.workload === workload && l.level === sweepLevel) ?? pythonLoad;
    for (const w of sweep) {
      runAll(NODE_STRATEGIES, BASELINE.node, nodeLoad, w, w);
      runAll(PYTHON_STRATEGIES, BASELINE.python, pythonLoad, w, w);
    }
  }
  return cells;
}

function levelRank(params: Params, load: string): number {
  return (params.levels as string[]).indexOf(load);
}
