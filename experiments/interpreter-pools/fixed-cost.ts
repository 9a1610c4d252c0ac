// The fixed cost of each model: how long a pool of `workers` takes to start
// (every worker ready) and how much memory it holds idle, over every trial of
// the article's grid (the workload plays no part before the work starts).

import * as Plot from '@observablehq/plot';
import type { Row } from '../../lib/data/schema.ts';
import type { Figure, Table } from '../../lib/report/doc.ts';
import { bytes, ms } from '../../lib/report/format.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';
import type { Context } from './context.ts';
import { label, strategyColor, STRATEGY_ORDER } from './labels.ts';
import { BASELINE } from './plan.ts';
import { idleMemorySeen } from '../../lib/report/measured.ts';

export interface FixedCost {
  strategy: string;
  startup: Summary;
  /** RSS of the tree with the pool started and idle. */
  idle: Summary;
  /** The same for the runtime's one-worker baseline: the bare process. */
  bare: Summary;
}

const values = (rows: readonly Row[], f: (r: Row) => number | null) => rows.map(f).filter((v): v is number => v !== null && Number.isFinite(v));

export function fixedCosts(ctx: Context): FixedCost[] {
  const rowsOf = (strategy: string, workers: number, tasks: number) =>
    ctx.points.all.filter((p) => p.strategy === strategy && p.workers === workers && p.tasks === tasks && p.scale === 1).flatMap((p) => p.rows);
  return STRATEGY_ORDER.flatMap((strategy) => {
    const rows = rowsOf(strategy, ctx.workers, ctx.tasks);
    if (rows.length === 0) return [];
    const bare = rowsOf(strategy.startsWith('python') ? BASELINE.python : BASELINE.node, 1, 1);
    // Idle memory only from trials whose pool took at least one sampling interval to start: a faster one may postdate the last sample.
    const seen = rows.filter((r) => idleMemorySeen(r, ctx.sampling));
    return [{ strategy, startup: summarize(values(rows, (r) => r.startup_ms)), idle: summarize(values(seen, (r) => r.rss_base_bytes)), bare: summarize(values(bare, (r) => r.rss_base_bytes)) }];
  });
}

export function startupFigure(ctx: Context, costs: readonly FixedCost[]): Figure | undefined {
  const data = costs
    .filter((c) => Number.isFinite(c.startup.median))
    .map((c) => ({ strategy: label(c.strategy), median: c.startup.median, q1: c.startup.q1, q3: c.startup.q3, text: ms(c.startup.median) }));
  if (data.length === 0) return undefined;
  const color = strategyColor(costs.map((c) => c.strategy));
  const cheapest = data.reduce((a, b) => (b.median < a.median ? b : a));
  const dearest = data.reduce((a, b) => (b.median > a.median ? b : a));
  return {
    id: 'pool-startup',
    title: `Start-up of a pool of ${ctx.workers}`,
    caption: `Median time from creating the pool to every worker ready (Node: each worker has loaded the task module; Python: the pool has answered one first task per worker, its threads held at a barrier until all exist), over every trial of the ${ctx.workers}-worker grid; the line spans the interquartile range. Cheapest: ${cheapest.strategy}, ${cheapest.text}; dearest: ${dearest.strategy}, ${dearest.text}. The article counted this cost inside every measurement.`,
    plot: {
      height: 300,
      marginLeft: 60,
      x: { axis: null, domain: color.domain },
      y: { label: '↑ start-up (ms)', grid: true },
      color,
      marks: [
        Plot.barY(data, { x: 'strategy', y: 'median', fill: 'strategy' }),
        Plot.ruleX(data.filter((d) => Number.isFinite(d.q1)), { x: 'strategy', y1: 'q1', y2: 'q3', stroke: 'black' }),
        Plot.text(data, { x: 'strategy', y: 'median', text: 'text', dy: -8, fontSize: 11 }),
        Plot.ruleY([0]),
      ],
    },
  };
}

export function fixedCostTable(ctx: Context, costs: readonly FixedCost[]): Table | undefined {
  if (costs.length === 0) return undefined;
  return {
    id: 'fixed-cost',
    title: `Fixed cost of a pool of ${ctx.workers}`,
    caption: `Start-up: pool creation until every worker is ready. Idle memory: RSS of the whole process tree with the pool started, just before the work. “Over the bare process”: that minus the same for the runtime’s one-worker baseline (Node’s event loop, Python’s one-thread pool), i.e. what the ${ctx.workers} workers themselves hold. Medians over every trial of the ${ctx.workers}-worker grid. ${ctx.sampling.settle_ms >= ctx.sampling.interval_ms ? `Each trial paused ${ms(ctx.sampling.settle_ms)} between start-up and work so that the outside sampler (every ${ms(ctx.sampling.interval_ms)}) saw the started pool.` : `“not seen”: the pool started in less than one interval of the outside sampler (${ms(ctx.sampling.interval_ms)}) and the run made no pause after it, so the last sample before the work may predate it; its idle memory was not measured.`}`,
    columns: [
      { key: 'strategy', label: 'Strategy' },
      { key: 'startup', label: 'Start-up', align: 'right' },
      { key: 'idle', label: 'Idle memory (tree)', align: 'right' },
      { key: 'extra', label: 'Over the bare process', align: 'right' },
      { key: 'n', label: 'Trials' },
    ],
    rows: costs.map((c) => ({
      strategy: label(c.strategy),
      startup: ms(c.startup.median),
      idle: Number.isFinite(c.idle.median) ? bytes(c.idle.median) : 'not seen',
      extra: Number.isFinite(c.idle.median) ? bytes(c.idle.median - c.bare.median) : 'not seen',
      n: c.startup.n,
    })),
  };
}
