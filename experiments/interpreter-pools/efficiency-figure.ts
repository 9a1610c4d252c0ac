// Efficiency by strategy and load for one workload: the article's "GIL
// efficiency" above the two corrected measures, so the reader sees each
// strategy move from the article's reading to the corrected one.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { fallbackNote, type Metrics, type Point } from './analysis.ts';
import type { Context } from './context.ts';
import { label, loadLabel, strategyColor, strategyRank } from './labels.ts';

const MEASURES: { key: Exclude<keyof Metrics, 'oneTask'>; name: string }[] = [
  { key: 'articleGil', name: 'GIL efficiency, article’s way' },
  { key: 'correctedGil', name: 'GIL efficiency, corrected' },
  { key: 'correctedEfficiency', name: 'speed-up efficiency, corrected' },
];

export interface EfficiencyDatum {
  load: string;
  strategy: string;
  measure: string;
  value: number;
  q1: number;
  q3: number;
}

export function efficiencyData(ctx: Context, points: readonly Point[]): EfficiencyDatum[] {
  return points.flatMap((p) =>
    MEASURES.map(({ key, name }) => {
      const s = ctx.points.metrics(p)[key];
      return { load: loadLabel(p.load), strategy: label(p.strategy), measure: name, value: s.median, q1: s.q1, q3: s.q3 };
    }).filter((d) => Number.isFinite(d.value)),
  );
}

/** "Node worker threads 0.98, Python processes 0.97" at the heaviest load each strategy ran. */
function highlights(ctx: Context, points: readonly Point[]): string {
  const byStrategy = new Map<string, Point>();
  for (const p of points) byStrategy.set(p.strategy, p); // points come in load order: the last is the heaviest
  return [...byStrategy.values()]
    .sort((a, b) => strategyRank(a.strategy) - strategyRank(b.strategy))
    .map((p) => {
      const m = ctx.points.metrics(p);
      return `${label(p.strategy)} ${m.articleGil.median.toFixed(2)} → ${m.correctedGil.median.toFixed(2)} (${loadLabel(p.load)})`;
    })
    .filter((s) => !s.includes('NaN'))
    .join('; ');
}

export function efficiencyFigure(ctx: Context, workload: string): Figure | undefined {
  const points = ctx.points.grid(workload, ctx.workers, ctx.tasks).sort((a, b) => strategyRank(a.strategy) - strategyRank(b.strategy));
  const data = efficiencyData(ctx, points);
  if (data.length === 0) return undefined;
  const loads = ctx.points.loads(workload).map(loadLabel).filter((l) => data.some((d) => d.load === l));
  const present = [...new Set(points.map((p) => p.strategy))];
  const color = strategyColor(present);
  const top = Math.max(1.1, ...data.map((d) => (Number.isFinite(d.q3) ? d.q3 : d.value)));
  const words = highlights(ctx, ctx.points.grid(workload, ctx.workers, ctx.tasks));
  return {
    id: `efficiency-${workload}`,
    title: `${workload}: efficiency by strategy and load (${ctx.workers} workers, ${ctx.tasks} tasks)`,
    caption:
      `Top row: the article’s “GIL efficiency”, its CPU count (this process plus live children) ÷ (span × ${ctx.workers} workers), start-up and shutdown inside the span. ` +
      `Middle: the same with the whole tree’s CPU during the work alone, ÷ (work wall × min(workers, ${ctx.cores} cores)). ` +
      `Bottom: the corrected speed-up (${ctx.tasks} × the wall of the same strategy’s one task on one worker ÷ wall) ÷ min(workers, ${ctx.cores} cores). 1 is every usable core busy; the line spans the interquartile range.` +
      `${fallbackNote(ctx.points, points, (p) => `${label(p.strategy)} ${loadLabel(p.load)}`).replace(' (marked *)', '')} ` +
      (words ? `Article’s way → corrected, at each strategy’s heaviest load: ${words}.` : ''),
    plot: {
      height: 3 * 170 + 60,
      marginLeft: 50,
      marginRight: 150,
      x: { axis: null, domain: color.domain },
      fx: { label: 'load', domain: loads },
      fy: { label: null, domain: MEASURES.map((m) => m.name) },
      y: { label: '↑ efficiency', grid: true, domain: [0, top] },
      color,
      marks: [
        Plot.barY(data, { fx: 'load', fy: 'measure', x: 'strategy', y: 'value', fill: 'strategy' }),
        Plot.ruleX(data.filter((d) => Number.isFinite(d.q1) && Number.isFinite(d.q3)), { fx: 'load', fy: 'measure', x: 'strategy', y1: 'q1', y2: 'q3', stroke: 'black' }),
        Plot.ruleY([1], { stroke: '#666', strokeDasharray: '4 3' }),
        Plot.ruleY([0]),
      ],
    },
  };
}
