// Throughput by strategy and load for one workload: tasks per second of work
// (pool started beforehand) as a filled dot, and over the article's window
// (start-up and shutdown included, as it measured) as a ring, each with its
// 95 % interval. Log scale: Node and Python differ by orders of magnitude on the loops.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { throughput } from './analysis.ts';
import { grid, loads, type Context, type PoolPoint } from './context.ts';
import { besideNote, colorOf, drawn, loadLabel, opacityOf, placesOf } from './labels.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';

const PER_SECOND = { digits: 1, suffix: '/s' } as const;

/** The fastest strategy per load over the article's window, with its interval: "low: Python threads 12.3/s (11.9–12.8/s)". */
function winners(ctx: Context, points: readonly PoolPoint[]): string {
  const byLoad = new Map<string, PoolPoint[]>();
  for (const p of points) byLoad.set(p.load, [...(byLoad.get(p.load) ?? []), p]);
  return [...byLoad]
    .map(([load, ps]) => {
      const best = ps.reduce((a, b) => (throughput(b, 'span').value > throughput(a, 'span').value ? b : a));
      const t = throughput(best, 'span');
      return Number.isFinite(t.value) ? `${loadLabel(load)}: ${strategyLabel(ctx.experiment, best.strategy)} ${estimate(t, PER_SECOND)}` : '';
    })
    .filter(Boolean)
    .join('; ');
}

export function throughputFigure(ctx: Context, workload: string): Figure | undefined {
  const points = grid(ctx, workload);
  const data = points.flatMap((p) =>
    (['work', 'span'] as const).map((window) => ({ load: loadLabel(p.load), ...drawn(ctx.experiment, p.strategy), window, ...throughput(p, window) })).filter((d) => Number.isFinite(d.value) && d.value > 0),
  );
  if (data.length === 0) return undefined;
  const bounded = data.filter((d) => d.lo > 0 && Number.isFinite(d.hi));
  const shown = points.map((p) => p.strategy);
  const color = colorOf(ctx.experiment, shown);
  const best = winners(ctx, points);
  return {
    id: `throughput-${workload}`,
    title: `${workload}: throughput by strategy and load (${ctx.tasks} tasks on ${ctx.workers} workers)`,
    caption:
      `Tasks per second, log scale (tasks ÷ the geometric mean of the repetitions’ times). Filled dot: the work alone, the pool started beforehand. Ring: the article’s window, pool start-up and shutdown included, as it measured. Lines: 95 % intervals (none where a point ran once).${besideNote(shown)} ` +
      (best ? `Most tasks per second over the article’s window: ${best}.` : ''),
    plot: {
      height: 380,
      marginLeft: 60,
      x: { axis: null, domain: placesOf(ctx.experiment, shown) },
      fx: { label: 'load', domain: loads(ctx, workload).map(loadLabel).filter((l) => data.some((d) => d.load === l)) },
      y: { type: 'log', label: '↑ tasks per second (log)', grid: true, nice: true },
      color,
      opacity: { type: 'identity' },
      marks: [
        ...(['work', 'span'] as const).map((w, i) => Plot.ruleX(bounded.filter((d) => d.window === w), { fx: 'load', x: 'strategy', y1: 'lo', y2: 'hi', stroke: 'model', strokeOpacity: opacityOf, strokeWidth: 1.5, dx: i === 0 ? -3 : 3 })),
        Plot.dot(data.filter((d) => d.window === 'span'), { fx: 'load', x: 'strategy', y: 'value', stroke: 'model', strokeOpacity: opacityOf, r: 7, strokeWidth: 2 }),
        Plot.dot(data.filter((d) => d.window === 'work'), { fx: 'load', x: 'strategy', y: 'value', fill: 'model', fillOpacity: opacityOf, r: 4 }),
      ],
    },
  };
}
