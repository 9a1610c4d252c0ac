// Beyond the article: peak memory against the concurrency level for each
// model, and the marginal memory of one more concurrent request (the slope of
// a least-squares line through the medians).

import * as Plot from '@observablehq/plot';
import type { Figure, Table } from '../../lib/report/doc.ts';
import { bytes, count } from '../../lib/report/format.ts';
import { geoMeanInterval } from '../../lib/stats/interval.ts';
import { MODEL_LABELS } from '../../lib/report/strategies.ts';
import { reached, sweepOf, type Context, type MemPoint } from './context.ts';
import { modelColors } from './labels.ts';
import { leastSquares } from './slope.ts';
import { columns } from '../../lib/report/columns.ts';

const MiB = 1024 * 1024;

export interface Cost {
  strategy: string;
  label: string;
  points: MemPoint[];
  /** Bytes of peak RSS per extra request in flight; NaN with fewer than two levels. */
  slope_bytes: number;
  r2: number;
}

/** One line per strategy with at least two sweep levels, in declaration order. */
export function perRequestCosts(ctx: Context): Cost[] {
  return ctx.experiment.strategies.flatMap(({ name }) => {
    const points = sweepOf(ctx, name).filter((p) => Number.isFinite(p.peak.median));
    if (points.length < 2) return [];
    const line = leastSquares(points.map((p) => ({ x: p.concurrency, y: p.peak.median })));
    return [{ strategy: name, label: points[0]!.label, points, slope_bytes: line?.slope ?? NaN, r2: line?.r2 ?? NaN }];
  });
}

/** "12.3 KiB per request in flight", or the dash when there is no slope. */
export function costPhrase(c: Cost): string {
  return Number.isFinite(c.slope_bytes) ? `${bytes(c.slope_bytes)} per request in flight` : '–';
}

export function sweepFigure(ctx: Context, costs: Cost[]): Figure | undefined {
  if (costs.length === 0) return undefined;
  // A second strategy of the same model (asyncio on plain streams beside aiohttp) is drawn dashed.
  const firstOfModel = new Map<string, string>();
  for (const c of costs) if (!firstOfModel.has(c.points[0]!.model)) firstOfModel.set(c.points[0]!.model, c.strategy);
  const data = costs.flatMap((c) =>
    c.points.map((p) => {
      const g = geoMeanInterval(p.peaks);
      return { strategy: c.label, model: MODEL_LABELS[p.model], dashed: firstOfModel.get(p.model) !== c.strategy, concurrency: p.concurrency, peak: g.value / MiB, lo: g.lo / MiB, hi: g.hi / MiB, reached: reached(p), note: reached(p) ? '' : `${Math.round(p.inFlight.median)} in flight` };
    }),
  );
  const levels = [...new Set(data.map((d) => d.concurrency))].sort((a, b) => a - b);
  const short = costs.flatMap((c) => c.points.filter((p) => !reached(p)).map((p) => `${c.label} at ${count(p.concurrency)} (${Math.round(p.inFlight.median)})`));
  const phrase = costs.map((c) => `${c.label} ${costPhrase(c)} (${c.points[0]!.concurrency}–${c.points.at(-1)!.concurrency})`).join('; ');
  const line = (dashed: boolean) => Plot.line(data.filter((d) => d.dashed === dashed), { x: 'concurrency', y: 'peak', stroke: 'model', z: 'strategy', strokeWidth: 2, ...(dashed ? { strokeDasharray: '5,3' } : {}) });
  return {
    id: 'memory-by-concurrency',
    title: 'Peak memory against the concurrency level',
    caption:
      `Each level c makes c × ${ctx.plan.sweep_waves} requests with at most c in flight: the geometric mean of the peaks, with its 95 % interval as a bar (often narrower than the dot). Both axes are logarithmic; asyncio on plain streams is dashed. ` +
      `Hollow dots fell short of their level (the API saw fewer than 90 % of it in flight at once)${short.length ? `: ${short.join(', ')}` : ''}. ` +
      `Worker threads stop at ${count(ctx.plan.sweep_thread_cap)} and child processes at ${count(ctx.plan.sweep_process_cap)} (parameters \`sweep_thread_cap\`, \`sweep_process_cap\`): each costs mebibytes before it sends a byte. ` +
      `Slope of a least-squares line through the medians: ${phrase}.`,
    plot: {
      height: 420,
      x: { type: 'log', label: 'concurrency level (most requests allowed in flight) →', ticks: levels, tickFormat: (d: number) => String(d), grid: true },
      y: { type: 'log', label: '↑ peak RSS (MiB)', grid: true, nice: true },
      color: modelColors(costs.map((c) => c.points[0]!.model)),
      marks: [
        Plot.ruleX(data, { x: 'concurrency', y1: 'lo', y2: 'hi', stroke: 'model', strokeWidth: 3, strokeOpacity: 0.5 }),
        line(false),
        line(true),
        Plot.dot(data.filter((d) => d.reached), { x: 'concurrency', y: 'peak', fill: 'model', r: 3.5 }),
        Plot.dot(data.filter((d) => !d.reached), { x: 'concurrency', y: 'peak', stroke: 'model', fill: 'white', r: 4, strokeWidth: 2 }),
        Plot.text(data.filter((d) => !d.reached), { x: 'concurrency', y: 'peak', text: 'note', dx: -8, textAnchor: 'end', fontSize: 10 }),
      ],
    },
  };
}

export function costTable(costs: Cost[]): Table | undefined {
  if (costs.length === 0) return undefined;
  return {
    id: 'per-request-cost',
    title: 'Memory per request in flight',
    caption: 'Slope of peak RSS against the concurrency level (least squares through the medians), with the fit’s R²; the peaks at the lowest and the highest level measured, and the requests the API really saw in flight at the highest. The peak counts garbage not yet collected as well as what the requests hold, so for the coroutine models it is an upper bound; the performance checks give the event loop’s garbage-free figure.',
    columns: columns({ model: 'Strategy', levels: 'Levels', slope: 'Per request in flight >', r2: 'R²', first: 'Peak at lowest >', last: 'Peak at highest >', inflight: 'In flight at highest >' }, { r2: 2 }),
    rows: costs.map((c) => {
      const top = c.points.at(-1)!;
      return {
        model: c.label,
        levels: c.points.map((p) => p.concurrency).join(', '),
        slope: Number.isFinite(c.slope_bytes) ? bytes(c.slope_bytes) : null,
        r2: Number.isFinite(c.r2) ? Math.round(c.r2 * 100) / 100 : null,
        first: bytes(c.points[0]!.peak.median),
        last: bytes(top.peak.median),
        inflight: top.inFlight.n ? `${count(top.inFlight.median)} of ${count(top.concurrency)}` : null,
      };
    }),
  };
}
