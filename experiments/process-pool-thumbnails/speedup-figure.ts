// Speed-up against the number of workers on the sweep set, for every pool
// against its own serial baseline, each point with its 95 % interval, beside
// the ideal line, the core count and the static split.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count, plural } from '../../lib/report/format.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import type { Interval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { speedupOf } from './analysis.ts';
import { PY_PROCESSES, PY_THREADS, SHARP, type Context } from './context.ts';
import { modelOf, scaleOf } from './labels.ts';

const SERIES = ['node-threads', 'node-processes', SHARP, PY_PROCESSES, PY_THREADS];

/** Factor between neighbouring series on the log x axis. */
const NUDGE = 1.04;

/** The error bar of an interval; none (a bare dot) where a side had too few repetitions for one. */
const bar = (i: Interval) => (i.lo > 0 && Number.isFinite(i.hi) ? { lo: i.lo, hi: i.hi } : { lo: i.value, hi: i.value });

export interface SpeedupPoint {
  series: string;
  model: string;
  workers: number;
  /** Where the dot is drawn: the worker count nudged apart per series, so the error bars do not overlap. */
  x: number;
  speedup: number;
  lo: number;
  hi: number;
  interval: Interval;
}

export function speedupSeries(ctx: Context): SpeedupPoint[] {
  return SERIES.flatMap((name, i) =>
    ctx.points.sweep(name, { images: ctx.sweep ?? NaN, batch: 1, transport: 'paths' }, 'workers').flatMap((p) => {
      const s = speedupOf(ctx, p);
      return s && Number.isFinite(s.value) ? [{ series: name, model: modelOf(ctx.experiment, name), workers: p.workers, x: p.workers * NUDGE ** (i - (SERIES.length - 1) / 2), speedup: s.value, ...bar(s), interval: s }] : [];
    }),
  );
}

export function speedupFigure(ctx: Context): Figure | undefined {
  const series = speedupSeries(ctx);
  if (series.length === 0) return undefined;
  const workers = [...new Set([1, ctx.cores, ...series.map((d) => d.workers)])].sort((a, b) => a - b);
  const ideal = workers.map((w) => ({ workers: w, speedup: Math.min(w, ctx.cores) }));
  const best = (name: string) => series.filter((d) => d.series === name).reduce<SpeedupPoint | undefined>((a, b) => (!a || b.speedup > a.speedup ? b : a), undefined);
  // The static split on the same photos, where it ran.
  const split = ctx.split(ctx.sweep, ctx.poolWorkers);
  const splitSpeedup = split ? speedupOf(ctx, split) : undefined;
  const ceiling = split && splitSpeedup && Number.isFinite(splitSpeedup.value) ? [{ workers: split.workers, speedup: splitSpeedup.value, ...bar(splitSpeedup) }] : [];
  const lines = SERIES.map(best).filter((d): d is SpeedupPoint => d !== undefined).map((d) => `${strategyLabel(ctx.experiment, d.series)} ${estimate(d.interval)} at ${d.workers}`);
  const top = Math.max(ctx.cores, ...series.map((d) => d.hi), ...ceiling.map((d) => d.hi));
  return {
    id: 'speedup-by-workers',
    title: `Speed-up against workers, ${count(ctx.sweep ?? NaN)} photos`,
    caption:
      `Each pool against its own serial baseline on the same photos: the pure-JavaScript pools against the serial loop, sharp against sharp with one photo in flight (its “workers” are photos in flight on the libuv thread pool), Python’s executors against Pillow’s loop. Each dot is the ratio of geometric means, its bar the 95 % interval. The dashed line is the ideal, min(workers, ${ctx.cores} cores); the dotted rule marks the cores. ` +
      `Best of each: ${lines.join('; ')}.` +
      (ceiling.length && splitSpeedup ? ` The black cross is the static split on the same photos, ${estimate(splitSpeedup)}: ${count(ceiling[0]!.workers)} child processes given one equal share each, no dispatch between photos.` : '') +
      ' Pool start-up is not included.',
    plot: {
      height: 360,
      x: { type: 'log', base: 2, ticks: workers, tickFormat: (d: number) => String(d), label: 'workers →', domain: [workers[0]! / 1.15, workers.at(-1)! * 1.15] },
      y: { label: '↑ speed-up over serial (×)', grid: true, domain: [0, top * 1.1] },
      color: { legend: true, ...scaleOf(ctx.experiment, series.map((d) => d.series)) },
      marks: [
        Plot.ruleY([1], { stroke: '#999' }),
        Plot.ruleX([ctx.cores], { stroke: '#999', strokeDasharray: '2 3' }),
        Plot.text([ctx.cores], { x: (d: number) => d, frameAnchor: 'top', text: () => plural(ctx.cores, 'core'), dx: 4, textAnchor: 'start' }),
        Plot.line(ideal, { x: 'workers', y: 'speedup', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.line(series, { x: 'x', y: 'speedup', stroke: 'model', z: 'series', strokeWidth: 2 }),
        Plot.ruleX(series, { x: 'x', y1: 'lo', y2: 'hi', stroke: 'model', strokeWidth: 1.5 }),
        Plot.dot(series, { x: 'x', y: 'speedup', fill: 'model', r: 4 }),
        Plot.ruleX(ceiling, { x: 'workers', y1: 'lo', y2: 'hi', stroke: '#000' }),
        Plot.dot(ceiling, { x: 'workers', y: 'speedup', symbol: 'times', stroke: '#000', strokeWidth: 2, r: 6 }),
        Plot.text(ceiling, { x: 'workers', y: 'speedup', text: () => 'static split', dx: 8, dy: -8, textAnchor: 'start' }),
      ],
    },
  };
}
