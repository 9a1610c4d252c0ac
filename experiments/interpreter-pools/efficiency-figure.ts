// Efficiency by strategy and load for one workload: the article's "GIL
// efficiency" above the two corrected measures, each bar with its 95 %
// interval, so the reader sees each strategy move from the article's reading
// to the corrected one.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import type { Interval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { articleGil, corrected, correctedGil } from './analysis.ts';
import { grid, loads, type Context, type PoolPoint } from './context.ts';
import { besideNote, colorOf, drawn, loadLabel, opacityOf, placesOf } from './labels.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';

const MEASURES: { name: string; of: (ctx: Context, p: PoolPoint) => Interval }[] = [
  { name: 'GIL efficiency, article’s way', of: (_ctx, p) => articleGil(p) },
  { name: 'GIL efficiency, corrected', of: correctedGil },
  { name: 'speed-up efficiency, corrected', of: (ctx, p) => corrected(ctx, p).efficiency },
];

/** Where the corrected speed-up divides by the runtime's baseline, its own one-task point missing, in a sentence. */
export function fallbackNote(ctx: Context, shown: readonly PoolPoint[]): string {
  const fell = shown.filter((p) => p.workers * p.tasks > 1 && corrected(ctx, p).over === 'runtime');
  if (fell.length === 0) return '';
  return ` The strategy’s own single task was not measured at ${fell.map((p) => `${strategyLabel(ctx.experiment, p.strategy)}, ${p.workload} ${loadLabel(p.load)}`).join('; ')}: there the corrected speed-up divides by the runtime’s baseline instead.`;
}

/** "Node worker threads 0.45 (…) → 0.98 (…)" at the heaviest load each strategy ran. */
function highlights(ctx: Context, points: readonly PoolPoint[]): string {
  const heaviest = new Map<string, PoolPoint>();
  for (const p of points) heaviest.set(p.strategy, p); // load order: the last is the heaviest
  return [...heaviest.values()]
    .filter((p) => Number.isFinite(articleGil(p).value) && Number.isFinite(correctedGil(ctx, p).value))
    .map((p) => `${strategyLabel(ctx.experiment, p.strategy)} ${estimate(articleGil(p), { digits: 2 })} → ${estimate(correctedGil(ctx, p), { digits: 2 })} (${loadLabel(p.load)})`)
    .join('; ');
}

export function efficiencyFigure(ctx: Context, workload: string): Figure | undefined {
  const points = grid(ctx, workload);
  const data = points.flatMap((p) =>
    MEASURES.map(({ name, of }) => ({ load: loadLabel(p.load), ...drawn(ctx.experiment, p.strategy), measure: name, ...of(ctx, p) })).filter((d) => Number.isFinite(d.value)),
  );
  if (data.length === 0) return undefined;
  const bounded = data.filter((d) => Number.isFinite(d.lo) && Number.isFinite(d.hi));
  const shown = points.map((p) => p.strategy);
  const color = colorOf(ctx.experiment, shown);
  const top = Math.min(2, Math.max(1.1, ...data.map((d) => (Number.isFinite(d.hi) ? d.hi : d.value))));
  const words = highlights(ctx, points);
  return {
    id: `efficiency-${workload}`,
    title: `${workload}: efficiency by strategy and load (${ctx.workers} workers, ${ctx.tasks} tasks)`,
    caption:
      `Top row: the article’s “GIL efficiency”, its CPU count (this process plus live children) ÷ (span × ${ctx.workers} workers), start-up and shutdown inside the span. ` +
      `Middle: the same with the whole tree’s CPU during the work alone, ÷ (work wall × min(workers, ${ctx.cores} cores)). ` +
      `Bottom: the corrected speed-up (${ctx.tasks} × the wall of the same strategy’s one task on one worker ÷ wall) ÷ min(workers, ${ctx.cores} cores). ` +
      `1 is every usable core busy. Each bar is the estimate, its black line the 95 % interval (no line where a side ran once: a one-task point with one repetition bounds nothing).${besideNote(shown)}` +
      `${fallbackNote(ctx, points)} ` +
      (words ? `Article’s way → corrected, at each strategy’s heaviest load: ${words}.` : ''),
    plot: {
      height: 3 * 170 + 60,
      marginLeft: 50,
      marginRight: 150,
      x: { axis: null, domain: placesOf(ctx.experiment, shown) },
      fx: { label: 'load', domain: loads(ctx, workload).map(loadLabel).filter((l) => data.some((d) => d.load === l)) },
      fy: { label: null, domain: MEASURES.map((m) => m.name) },
      y: { label: '↑ efficiency', grid: true, domain: [0, top] },
      color,
      opacity: { type: 'identity' },
      marks: [
        Plot.barY(data, { fx: 'load', fy: 'measure', x: 'strategy', y: 'value', fill: 'model', fillOpacity: opacityOf }),
        Plot.ruleX(bounded, { fx: 'load', fy: 'measure', x: 'strategy', y1: (d) => Math.max(0, d.lo), y2: (d) => Math.min(top, d.hi), stroke: 'black' }),
        Plot.ruleY([1], { stroke: '#666', strokeDasharray: '4 3' }),
        Plot.ruleY([0]),
      ],
    },
  };
}
