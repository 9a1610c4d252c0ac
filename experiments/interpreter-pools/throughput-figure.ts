// Throughput by strategy and load for one workload: tasks per second of work
// (pool started beforehand) as a filled dot, and over the article's window
// (start-up and shutdown included, as it measured) as a ring. Log scale: Node
// and Python differ by orders of magnitude on the loops.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import type { Point } from './analysis.ts';
import type { Context } from './context.ts';
import { label, loadLabel, strategyColor, strategyRank } from './labels.ts';

interface Datum {
  load: string;
  strategy: string;
  window: 'work alone' | 'article’s window';
  value: number;
}

const perSecond = (x: number) => (x >= 100 ? Math.round(x).toString() : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The fastest strategy per load, over the article's window: "low: Python threads 12.3/s". */
function winners(ctx: Context, points: readonly Point[]): string {
  const byLoad = new Map<string, Point[]>();
  for (const p of points) byLoad.set(p.load, [...(byLoad.get(p.load) ?? []), p]);
  return [...byLoad]
    .map(([load, ps]) => {
      const best = ps.reduce((a, b) => (ctx.points.metrics(b).spanThroughput.median > ctx.points.metrics(a).spanThroughput.median ? b : a));
      const v = ctx.points.metrics(best).spanThroughput.median;
      return Number.isFinite(v) ? `${loadLabel(load)}: ${label(best.strategy)} (${perSecond(v)}/s)` : '';
    })
    .filter(Boolean)
    .join('; ');
}

export function throughputFigure(ctx: Context, workload: string): Figure | undefined {
  const points = ctx.points.grid(workload, ctx.workers, ctx.tasks).sort((a, b) => strategyRank(a.strategy) - strategyRank(b.strategy));
  const data: Datum[] = points.flatMap((p) => {
    const m = ctx.points.metrics(p);
    return [
      { load: loadLabel(p.load), strategy: label(p.strategy), window: 'work alone' as const, value: m.throughput.median },
      { load: loadLabel(p.load), strategy: label(p.strategy), window: 'article’s window' as const, value: m.spanThroughput.median },
    ].filter((d) => Number.isFinite(d.value) && d.value > 0);
  });
  if (data.length === 0) return undefined;
  const color = strategyColor([...new Set(points.map((p) => p.strategy))]);
  const loads = ctx.points.loads(workload).map(loadLabel).filter((l) => data.some((d) => d.load === l));
  const best = winners(ctx, points);
  return {
    id: `throughput-${workload}`,
    title: `${workload}: throughput by strategy and load (${ctx.tasks} tasks on ${ctx.workers} workers)`,
    caption:
      `Tasks per second, log scale. Filled dot: the work alone, the pool started beforehand. Ring: the article’s window, pool start-up and shutdown included, as it measured. ` +
      (best ? `Most tasks per second over the article’s window: ${best}.` : ''),
    plot: {
      height: 380,
      marginLeft: 60,
      x: { axis: null, domain: color.domain },
      fx: { label: 'load', domain: loads },
      y: { type: 'log', label: '↑ tasks per second (log)', grid: true, nice: true },
      color,
      marks: [
        Plot.dot(data.filter((d) => d.window === 'article’s window'), { fx: 'load', x: 'strategy', y: 'value', stroke: 'strategy', r: 7, strokeWidth: 2 }),
        Plot.dot(data.filter((d) => d.window === 'work alone'), { fx: 'load', x: 'strategy', y: 'value', fill: 'strategy', r: 4 }),
      ],
    },
  };
}
