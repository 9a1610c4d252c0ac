// The worker sweep: throughput against workers (tasks = workers), relative to
// the same strategy with one worker, with its 95 % interval, beside the ideal.
// On CPU-bound work the ideal is min(workers, cores); a network or disk wait
// needs no core, so there it is the worker count (if the device keeps up).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { ratioInterval, scaleInterval, type Interval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { loads, type Context, type PoolPoint } from './context.ts';
import { argument, besideNote, colorOf, drawn, opacityOf } from './labels.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { WORKLOADS } from './params.ts';

export interface SweepSeries {
  strategy: string;
  workload: string;
  load: string;
  n: number;
  /** Tasks per second at `workers` over tasks per second with one worker: workers × wall₁ ÷ wall. */
  points: { workers: number; scaling: Interval }[];
}

/** Each strategy's widest sweep per workload (the load with the most worker counts, 1 included). */
export function sweeps(ctx: Context): SweepSeries[] {
  return WORKLOADS.flatMap((workload) =>
    ctx.experiment.strategies.flatMap(({ name }) => {
      const widest = loads(ctx, workload)
        .map((load) => ctx.points.where(name, { workload, load }).filter((p) => p.workers === p.tasks).sort((a, b) => a.workers - b.workers))
        .filter((s) => s[0]?.workers === 1)
        .reduce<PoolPoint[]>((best, s) => (s.length > best.length ? s : best), []);
      if (widest.length < 2) return [];
      const one = widest[0]!;
      const points = widest.map((p) => ({ workers: p.workers, scaling: scaleInterval(ratioInterval(one.walls, p.walls), p.tasks / one.tasks) })).filter((d) => Number.isFinite(d.scaling.value));
      return points.length >= 2 ? [{ strategy: name, workload, load: one.load, n: one.n, points }] : [];
    }),
  );
}

export const idealScaling = (workload: string, workers: number, cores: number) => (workload === 'network' || workload === 'disk' ? workers : Math.min(workers, cores));

export function sweepFigure(ctx: Context): Figure | undefined {
  const series = sweeps(ctx);
  if (series.length === 0) return undefined;
  const data = series.flatMap((s) => s.points.map((d) => ({ workers: d.workers, ...d.scaling, workload: s.workload, ...drawn(ctx.experiment, s.strategy) })));
  const workloads = WORKLOADS.filter((w) => series.some((s) => s.workload === w));
  const workers = [...new Set(data.map((d) => d.workers))].sort((a, b) => a - b);
  const ideal = workloads.flatMap((workload) => workers.map((w) => ({ workload, workers: w, value: idealScaling(workload, w, ctx.cores) })));
  const loadsUsed = workloads
    .map((w) => `${w}: ${[...new Set(series.filter((s) => s.workload === w).map((s) => `${s.strategy.startsWith('node') ? 'Node' : 'Python'} ${argument(w, s.n)}`))].join(', ')}`)
    .join('; ');
  const most = workers.at(-1)!;
  const atMost = series
    .filter((s) => s.workload === 'cpu')
    .flatMap((s) => s.points.filter((d) => d.workers === most).map((d) => `${strategyLabel(ctx.experiment, s.strategy)} ${estimate(d.scaling)}`));
  return {
    id: 'sweep-throughput',
    title: 'Throughput against workers, relative to one worker',
    caption:
      `Each pool runs as many tasks as it has workers; the y value is its tasks per second over its own tasks per second with one worker (work alone; ratio of geometric means), the vertical line its 95 % interval (none where a side ran once). Dashed: the ideal, min(workers, ${ctx.cores} cores) for cpu, memory and io work, the worker count for network and disk waits (a device that serves one write at a time keeps the disk near 1). ` +
      `Loads: ${loadsUsed} per task (Node’s cpu and memory loads scaled up where a scaled load was run, so that a task lasts long enough to show the scaling).` +
      (atMost.length ? ` On cpu with ${most} workers: ${atMost.join(', ')}.` : '') +
      besideNote(series.map((s) => s.strategy)),
    plot: {
      height: 340,
      marginRight: 20,
      x: { type: 'log', base: 2, ticks: workers, tickFormat: (d: number) => String(d), label: 'workers = tasks →', domain: [workers[0]!, workers.at(-1)!] },
      y: { label: '↑ throughput ÷ one worker’s', grid: true },
      fx: { label: null, domain: workloads },
      color: colorOf(ctx.experiment, series.map((s) => s.strategy)),
      opacity: { type: 'identity' },
      marks: [
        Plot.line(ideal, { fx: 'workload', x: 'workers', y: 'value', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.ruleY([1], { stroke: '#999' }),
        Plot.ruleX(data.filter((d) => d.lo > 0 && Number.isFinite(d.hi)), { fx: 'workload', x: 'workers', y1: 'lo', y2: 'hi', stroke: 'model', strokeOpacity: opacityOf }),
        Plot.line(data, { fx: 'workload', x: 'workers', y: 'value', stroke: 'model', strokeOpacity: opacityOf, z: 'strategy', strokeWidth: 2 }),
        Plot.dot(data, { fx: 'workload', x: 'workers', y: 'value', fill: 'model', fillOpacity: opacityOf, r: 3 }),
      ],
    },
  };
}
