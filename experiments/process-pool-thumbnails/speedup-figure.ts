// Speed-up against the number of workers on the sweep set, for every pool
// against its own serial baseline, with the ideal line and the core count.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count, plural, ratio } from '../../lib/report/format.ts';
import { speedup, PY_PROCESSES, PY_THREADS, SHARP } from './analysis.ts';
import type { Context } from './context.ts';
import { colorsFor } from './labels.ts';

const SERIES = ['node-threads', 'node-processes', SHARP, PY_PROCESSES, PY_THREADS];

export interface SpeedupPoint {
  series: string;
  workers: number;
  speedup: number;
}

export function speedupSeries(ctx: Context): SpeedupPoint[] {
  return SERIES.flatMap((name) =>
    ctx.points.sweep(name, ctx.sweep).flatMap((p) => {
      const base = ctx.points.baselineFor(p);
      return base ? [{ series: name, workers: p.workers, speedup: speedup(base, p) }] : [];
    }),
  );
}

export function speedupFigure(ctx: Context): Figure | undefined {
  const series = speedupSeries(ctx).filter((d) => Number.isFinite(d.speedup));
  if (series.length === 0) return undefined;
  const workers = [...new Set([1, ctx.cores, ...series.map((d) => d.workers)])].sort((a, b) => a - b);
  const ideal = workers.map((w) => ({ workers: w, speedup: Math.min(w, ctx.cores) }));
  const best = (name: string) => series.filter((d) => d.series === name).reduce<SpeedupPoint | undefined>((a, b) => (!a || b.speedup > a.speedup ? b : a), undefined);
  // The static split on the same photos, where it ran.
  const split = ctx.points.split(ctx.sweep, ctx.poolWorkers);
  const splitBase = split ? ctx.points.baselineFor(split) : undefined;
  const ceiling = split && splitBase ? [{ workers: split.workers, speedup: speedup(splitBase, split) }].filter((d) => Number.isFinite(d.speedup)) : [];
  const lines = SERIES.map(best).filter((d): d is SpeedupPoint => d !== undefined).map((d) => `${d.series} ${ratio(d.speedup)} at ${d.workers}`);
  return {
    id: 'speedup-by-workers',
    title: `Speed-up against workers, ${count(ctx.sweep ?? NaN)} photos`,
    caption:
      `Each pool against its own serial baseline on the same photos: the pure-JavaScript pools against the serial loop, sharp against sharp with one photo in flight (its “workers” are photos in flight on the libuv thread pool), Python’s executors against Pillow’s loop. The dashed line is the ideal, min(workers, ${ctx.cores} cores); the dotted rule marks the cores. ` +
      `Best of each: ${lines.join('; ')}.` +
      (ceiling.length ? ` The black cross is the static split on the same photos, ${ratio(ceiling[0]!.speedup)}: ${count(ceiling[0]!.workers)} child processes given one equal share each, no dispatch between photos.` : '') +
      ' Pool start-up is not included.',
    plot: {
      height: 360,
      x: { type: 'log', base: 2, ticks: workers, tickFormat: (d: number) => String(d), label: 'workers →', domain: [workers[0]!, workers.at(-1)!] },
      y: { label: '↑ speed-up over serial (×)', grid: true, domain: [0, Math.max(ctx.cores, ...series.map((d) => d.speedup), ...ceiling.map((d) => d.speedup)) * 1.1] },
      color: { legend: true, ...colorsFor(series.map((d) => d.series)) },
      marks: [
        Plot.ruleY([1], { stroke: '#999' }),
        Plot.ruleX([ctx.cores], { stroke: '#999', strokeDasharray: '2 3' }),
        Plot.text([ctx.cores], { x: (d: number) => d, frameAnchor: 'top', text: () => plural(ctx.cores, 'core'), dx: 4, textAnchor: 'start' }),
        Plot.line(ideal, { x: 'workers', y: 'speedup', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.line(series, { x: 'workers', y: 'speedup', stroke: 'series', z: 'series', strokeWidth: 2 }),
        Plot.dot(series, { x: 'workers', y: 'speedup', fill: 'series', r: 4 }),
        Plot.dot(ceiling, { x: 'workers', y: 'speedup', symbol: 'times', stroke: '#000', strokeWidth: 2, r: 6 }),
        Plot.text(ceiling, { x: 'workers', y: 'speedup', text: () => 'static split', dx: 8, dy: -8, textAnchor: 'start' }),
      ],
    },
  };
}
