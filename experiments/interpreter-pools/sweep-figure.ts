// The worker sweep: throughput against workers (tasks = workers), relative to
// the same strategy with one worker, beside the ideal. On CPU-bound work the
// ideal is min(workers, cores); a network wait needs no core, so there it is
// the worker count.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { ratio } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import type { Context } from './context.ts';
import { argument, label, strategyColor, STRATEGY_ORDER } from './labels.ts';
import { WORKLOADS } from './params.ts';

export interface SweepSeries {
  strategy: string;
  workload: string;
  load: string;
  n: number;
  points: { workers: number; scaling: number }[];
}

/** Each strategy's widest sweep per workload (the load with the most worker counts, 1 included). */
export function sweeps(ctx: Context): SweepSeries[] {
  const out: SweepSeries[] = [];
  for (const workload of WORKLOADS) {
    for (const strategy of STRATEGY_ORDER) {
      let best: Point[] = [];
      for (const load of ctx.points.loads(workload)) {
        const s = ctx.points.sweep(strategy, workload, load);
        if (s[0]?.workers === 1 && s.length > best.length) best = s;
      }
      if (best.length < 2) continue;
      const one = best[0]!;
      // Throughput w / wall_w over throughput 1 / wall_1.
      const pts = best.map((p) => ({ workers: p.workers, scaling: (p.tasks / p.wall.median) / (one.tasks / one.wall.median) })).filter((d) => Number.isFinite(d.scaling));
      if (pts.length >= 2) out.push({ strategy, workload, load: one.load, n: one.n, points: pts });
    }
  }
  return out;
}

export const idealScaling = (workload: string, workers: number, cores: number) => (workload === 'network' ? workers : Math.min(workers, cores));

export function sweepFigure(ctx: Context): Figure | undefined {
  const series = sweeps(ctx);
  if (series.length === 0) return undefined;
  const data = series.flatMap((s) => s.points.map((d) => ({ ...d, workload: s.workload, strategy: label(s.strategy) })));
  const workloads = WORKLOADS.filter((w) => series.some((s) => s.workload === w));
  const workers = [...new Set(data.map((d) => d.workers))].sort((a, b) => a - b);
  const ideal = workloads.flatMap((workload) => workers.map((w) => ({ workload, workers: w, scaling: idealScaling(workload, w, ctx.cores) })));
  const color = strategyColor(series.map((s) => s.strategy));
  const loadsUsed = workloads
    .map((w) => {
      const ofW = series.filter((s) => s.workload === w);
      const args = [...new Set(ofW.map((s) => `${s.strategy.startsWith('node') ? 'Node' : 'Python'} ${argument(w, s.n)}`))];
      return `${w}: ${args.join(', ')}`;
    })
    .join('; ');
  const most = workers.at(-1)!;
  const atMost = series
    .filter((s) => s.workload === 'cpu')
    .map((s) => {
      const p = s.points.find((d) => d.workers === most);
      return p ? `${label(s.strategy)} ${ratio(p.scaling)}` : '';
    })
    .filter(Boolean);
  return {
    id: 'sweep-throughput',
    title: 'Throughput against workers, relative to one worker',
    caption:
      `Each pool runs as many tasks as it has workers; the y value is its tasks per second over its own tasks per second with one worker (work alone). Dashed: the ideal, min(workers, ${ctx.cores} cores) for cpu, memory and io work, the worker count for network waits. ` +
      `Loads: ${loadsUsed} per task (Node’s cpu and memory loads scaled up where a scaled load was run, so that a task lasts long enough to show the scaling).` +
      (atMost.length ? ` On cpu with ${most} workers: ${atMost.join(', ')}.` : ''),
    plot: {
      height: 340,
      marginRight: 20,
      x: { type: 'log', base: 2, ticks: workers, tickFormat: (d: number) => String(d), label: 'workers = tasks →', domain: [workers[0]!, workers.at(-1)!] },
      y: { label: '↑ throughput ÷ one worker’s', grid: true },
      fx: { label: null, domain: workloads },
      color,
      marks: [
        Plot.line(ideal, { fx: 'workload', x: 'workers', y: 'scaling', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.ruleY([1], { stroke: '#999' }),
        Plot.line(data, { fx: 'workload', x: 'workers', y: 'scaling', stroke: 'strategy', z: 'strategy', strokeWidth: 2 }),
        Plot.dot(data, { fx: 'workload', x: 'workers', y: 'scaling', fill: 'strategy', r: 3 }),
      ],
    },
  };
}
