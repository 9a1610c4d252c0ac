// The CPU-accounting artifact behind claim I3: over the same window, the CPU
// the article's count sees (this process plus children still alive at the
// reading) inside the CPU the whole tree used (exited children included).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { valuesOf } from '../../lib/report/points.ts';
import { median } from '../../lib/stats/quantile.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { seenShare } from './analysis.ts';
import { grid, loads, num, type Context } from './context.ts';
import { loadLabel, placesOf } from './labels.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';

const COUNTS = ['whole tree', 'article’s count'];

export function accountingFigure(ctx: Context, workload = 'cpu'): Figure | undefined {
  const points = grid(ctx, workload);
  const cpu = (values: number[]) => (values.length ? median(values) / 1000 : NaN);
  const data = points
    .flatMap((p) => [
      { load: loadLabel(p.load), strategy: strategyLabel(ctx.experiment, p.strategy), count: COUNTS[0]!, cpu_s: cpu(valuesOf(p, (r) => num(r.tree_cpu_ms))) },
      { load: loadLabel(p.load), strategy: strategyLabel(ctx.experiment, p.strategy), count: COUNTS[1]!, cpu_s: cpu(valuesOf(p, (r) => num(r.article_cpu_ms))) },
    ])
    .filter((d) => Number.isFinite(d.cpu_s));
  if (data.length === 0) return undefined;
  const lost = points
    .filter((p) => p.model === 'python-processes' || p.model === 'child-processes')
    .filter((p) => Number.isFinite(seenShare(p).value))
    .map((p) => `${strategyLabel(ctx.experiment, p.strategy)} ${estimate(seenShare(p), 'percent')} at ${loadLabel(p.load)}`);
  return {
    id: `cpu-accounting-${workload}`,
    title: `${workload}: the CPU the article’s count sees, inside the whole tree’s`,
    caption:
      `Both counts cover the same span (pool start-up, work and shutdown); medians of the repetitions. Light bar: CPU of the whole process tree, children that already exited included. Dark bar: the article’s count, this process plus the children still alive when it reads; a process pool’s workers have exited by the final reading, so their CPU drops out. ` +
      (lost.length ? `Share the article’s count sees for the process pools (mean of the repetitions’ shares, 95 % interval): ${lost.join('; ')}.` : 'No process pool ran on this workload.'),
    plot: {
      height: 360,
      marginLeft: 55,
      marginBottom: 70,
      x: { label: null, domain: placesOf(ctx.experiment, points.filter((p) => data.some((d) => d.strategy === strategyLabel(ctx.experiment, p.strategy))).map((p) => p.strategy)), tickRotate: -30 },
      fx: { label: 'load', domain: loads(ctx, workload).map(loadLabel).filter((l) => data.some((d) => d.load === l)) },
      y: { label: '↑ CPU over the span (s)', grid: true },
      color: { legend: true, domain: COUNTS, range: ['#c7c7c7', '#1f4e79'] },
      marks: [
        Plot.barY(data.filter((d) => d.count === COUNTS[0]), { fx: 'load', x: 'strategy', y: 'cpu_s', fill: 'count' }),
        Plot.barY(data.filter((d) => d.count === COUNTS[1]), { fx: 'load', x: 'strategy', y: 'cpu_s', fill: 'count', insetLeft: 6, insetRight: 6 }),
        Plot.ruleY([0]),
      ],
    },
  };
}
