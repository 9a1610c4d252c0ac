// The fixed cost of each model: how long a pool of `workers` takes to start
// (every worker ready) and how much memory it holds idle, over every trial of
// the article's grid (the workload plays no part before the work starts).
// The report shows it for runs without the payload trials, which measure the
// same and more apart from the workloads (payload-cost.ts, payload-section.ts).

import * as Plot from '@observablehq/plot';
import type { Row } from '../../lib/data/schema.ts';
import type { Figure, Table } from '../../lib/report/doc.ts';
import { bytes, ms } from '../../lib/report/format.ts';
import { idleMemorySeen } from '../../lib/report/measured.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { geoMeanInterval, type Interval } from '../../lib/stats/interval.ts';
import { median } from '../../lib/stats/quantile.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { baselineFor, type Context } from './context.ts';
import { besideNote, colorOf, drawn, opacityOf, placesOf } from './labels.ts';
import { columns } from '../../lib/report/columns.ts';

export interface FixedCost {
  strategy: string;
  /** Start-up over every trial of the grid: geometric mean with its 95 % interval. */
  startup: Interval;
  /** Median RSS of the tree with the pool started and idle, and of the runtime's one-worker baseline (the bare process). */
  idle: number;
  bare: number;
  trials: number;
}

const values = (rows: readonly Row[], f: (r: Row) => number | null) => rows.map(f).filter((v): v is number => v !== null && Number.isFinite(v));
const medianOf = (v: number[]) => (v.length ? median(v) : NaN);

export function fixedCosts(ctx: Context): FixedCost[] {
  const rowsOf = (strategy: string, workers: number, tasks: number) => ctx.points.where(strategy, { workers, tasks }).filter((p) => p.scale === 1).flatMap((p) => p.rows);
  return ctx.experiment.strategies.flatMap(({ name, runtime }) => {
    const rows = rowsOf(name, ctx.workers, ctx.tasks);
    if (rows.length === 0) return [];
    const bare = rowsOf(baselineFor(name, runtime), 1, 1);
    // Idle memory only from trials whose pool took at least one sampling interval to start: a faster one may postdate the last sample.
    const seen = rows.filter((r) => idleMemorySeen(r, ctx.sampling));
    const startups = values(rows, (r) => r.startup_ms);
    return [{ strategy: name, startup: geoMeanInterval(startups), idle: medianOf(values(seen, (r) => r.rss_base_bytes)), bare: medianOf(values(bare, (r) => r.rss_base_bytes)), trials: startups.length }];
  });
}

const MS = { digits: 1, suffix: ' ms' } as const;

export function startupFigure(ctx: Context, costs: readonly FixedCost[]): Figure | undefined {
  const data = costs.filter((c) => Number.isFinite(c.startup.value)).map((c) => ({ ...drawn(ctx.experiment, c.strategy), ...c.startup, text: ms(c.startup.value) }));
  if (data.length === 0) return undefined;
  const shown = costs.map((c) => c.strategy);
  const color = colorOf(ctx.experiment, shown);
  const cheapest = costs.reduce((a, b) => (b.startup.value < a.startup.value ? b : a));
  const dearest = costs.reduce((a, b) => (b.startup.value > a.startup.value ? b : a));
  return {
    id: 'pool-startup',
    title: `Start-up of a pool of ${ctx.workers}`,
    caption: `Time from creating the pool to every worker ready (Node: each worker has loaded the task module; Python: the pool has answered one first task per worker, its threads held at a barrier until all exist), the geometric mean over every trial of the ${ctx.workers}-worker grid; the line spans its 95 % interval. Cheapest: ${strategyLabel(ctx.experiment, cheapest.strategy)}, ${estimate(cheapest.startup, MS)}; dearest: ${strategyLabel(ctx.experiment, dearest.strategy)}, ${estimate(dearest.startup, MS)}. The article counted this cost inside every measurement.${besideNote(shown)}`,
    plot: {
      height: 300,
      marginLeft: 60,
      x: { axis: null, domain: placesOf(ctx.experiment, shown) },
      y: { label: '↑ start-up (ms)', grid: true },
      color,
      opacity: { type: 'identity' },
      marks: [
        Plot.barY(data, { x: 'strategy', y: 'value', fill: 'model', fillOpacity: opacityOf }),
        Plot.ruleX(data.filter((d) => d.lo > 0 && Number.isFinite(d.hi)), { x: 'strategy', y1: 'lo', y2: 'hi', stroke: 'black' }),
        Plot.text(data, { x: 'strategy', y: 'value', text: 'text', dy: -8, dx: 14, fontSize: 11 }),
        Plot.ruleY([0]),
      ],
    },
  };
}

export function fixedCostTable(ctx: Context, costs: readonly FixedCost[]): Table | undefined {
  if (costs.length === 0) return undefined;
  const seen = (x: number) => (Number.isFinite(x) ? bytes(x) : 'not seen');
  return {
    id: 'fixed-cost',
    title: `Fixed cost of a pool of ${ctx.workers}`,
    caption: `Start-up: pool creation until every worker is ready, geometric mean with its 95 % interval. Idle memory: median RSS of the whole process tree with the pool started, just before the work. “Over the bare process”: that minus the same for the runtime’s one-worker baseline (Node’s event loop, Python’s one-thread pool on the same CPython), i.e. what the ${ctx.workers} workers themselves hold. Over every trial of the ${ctx.workers}-worker grid. ${ctx.sampling.settle_ms >= ctx.sampling.interval_ms ? `Each trial paused ${ms(ctx.sampling.settle_ms)} between start-up and work so that the outside sampler (every ${ms(ctx.sampling.interval_ms)}) saw the started pool.` : `“not seen”: the pool started in less than one interval of the outside sampler (${ms(ctx.sampling.interval_ms)}) and the run made no pause after it, so the last sample before the work may predate it; its idle memory was not measured.`}`,
    columns: columns({ strategy: 'Strategy', startup: 'Start-up (95 % interval) >', idle: 'Idle memory (tree) >', extra: 'Over the bare process >', n: 'Trials' }),
    rows: costs.map((c) => ({
      strategy: strategyLabel(ctx.experiment, c.strategy),
      startup: estimate(c.startup, MS),
      idle: seen(c.idle),
      extra: seen(c.idle - c.bare),
      n: c.trials,
    })),
  };
}
