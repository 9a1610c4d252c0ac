// Beyond the article: peak memory against the concurrency level for each
// model, and the marginal memory of one more concurrent request (the slope of
// a least-squares line through the medians).

import * as Plot from '@observablehq/plot';
import type { Figure, Table } from '../../lib/report/doc.ts';
import { bytes, count } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import type { Context } from './context.ts';
import { colorScale, groupOf, STRATEGY_ORDER } from './labels.ts';
import { leastSquares } from './slope.ts';

const MB = 1024 * 1024;

export interface Cost {
  strategy: string;
  group: string;
  points: Point[];
  /** Bytes of peak RSS per extra request in flight; NaN with fewer than two levels. */
  slope_bytes: number;
  r2: number;
}

/** One line per strategy with at least two sweep levels, in display order. */
export function perRequestCosts(ctx: Context): Cost[] {
  return STRATEGY_ORDER.flatMap((strategy) => {
    const points = ctx.points.sweep(strategy).filter((p) => Number.isFinite(p.peak.median));
    if (points.length < 2) return [];
    const line = leastSquares(points.map((p) => ({ x: p.concurrency, y: p.peak.median })));
    return [{ strategy, group: groupOf(strategy), points, slope_bytes: line?.slope ?? NaN, r2: line?.r2 ?? NaN }];
  });
}

/** "12.3 KB per request", or the dash when there is no slope. */
export function costPhrase(c: Cost): string {
  return Number.isFinite(c.slope_bytes) ? `${bytes(c.slope_bytes)} per request in flight` : '–';
}

export function sweepFigure(ctx: Context, costs: Cost[]): Figure | undefined {
  if (costs.length === 0) return undefined;
  const data = costs.flatMap((c) => c.points.map((p) => ({ group: c.group, concurrency: p.concurrency, peak_mb: p.peak.median / MB, q1: p.peak.q1 / MB, q3: p.peak.q3 / MB })));
  const levels = [...new Set(data.map((d) => d.concurrency))].sort((a, b) => a - b);
  const phrase = costs.map((c) => `${c.group} ${costPhrase(c)} (${c.points[0]!.concurrency}–${c.points.at(-1)!.concurrency})`).join('; ');
  return {
    id: 'memory-by-concurrency',
    title: 'Peak memory against the concurrency level',
    caption:
      `Each level c makes c × ${ctx.plan.sweep_waves} requests with at most c in flight (medians; the bars span the interquartile range). Both axes are logarithmic. ` +
      `Worker threads stop at ${count(ctx.plan.sweep_thread_cap)} and child processes at ${count(ctx.plan.sweep_process_cap)} (parameters \`sweep_thread_cap\`, \`sweep_process_cap\`): each costs megabytes before it sends a byte. ` +
      `Slope of a least-squares line through the medians: ${phrase}.`,
    plot: {
      height: 420,
      x: { type: 'log', label: 'requests in flight (concurrency) →', ticks: levels, tickFormat: (d: number) => String(d), grid: true },
      y: { type: 'log', label: '↑ median peak RSS (MB)', grid: true, nice: true },
      color: colorScale(costs.map((c) => c.group)),
      marks: [
        Plot.ruleX(data, { x: 'concurrency', y1: 'q1', y2: 'q3', stroke: 'group', strokeWidth: 3, strokeOpacity: 0.4 }),
        Plot.line(data, { x: 'concurrency', y: 'peak_mb', stroke: 'group', z: 'group', strokeWidth: 2 }),
        Plot.dot(data, { x: 'concurrency', y: 'peak_mb', fill: 'group', r: 3.5 }),
      ],
    },
  };
}

export function costTable(costs: Cost[]): Table | undefined {
  if (costs.length === 0) return undefined;
  return {
    id: 'per-request-cost',
    title: 'Memory per request in flight',
    caption: 'Slope of peak RSS against the concurrency level (least squares through the medians), with the fit’s R²; the peaks at the lowest and the highest level measured. The peak counts garbage not yet collected as well as what the requests hold, so for the coroutine models it is an upper bound; the performance checks give the event loop’s garbage-free figure.',
    columns: [
      { key: 'model', label: 'Model' },
      { key: 'levels', label: 'Levels' },
      { key: 'slope', label: 'Per request in flight', align: 'right' },
      { key: 'r2', label: 'R²', digits: 2 },
      { key: 'first', label: 'Peak at lowest', align: 'right' },
      { key: 'last', label: 'Peak at highest', align: 'right' },
    ],
    rows: costs.map((c) => ({
      model: c.group,
      levels: c.points.map((p) => p.concurrency).join(', '),
      slope: Number.isFinite(c.slope_bytes) ? bytes(c.slope_bytes) : null,
      r2: Number.isFinite(c.r2) ? Math.round(c.r2 * 100) / 100 : null,
      first: bytes(c.points[0]!.peak.median),
      last: bytes(c.points.at(-1)!.peak.median),
    })),
  };
}
