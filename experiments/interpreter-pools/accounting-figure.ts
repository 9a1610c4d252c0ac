// The CPU-accounting artifact behind claim I3: over the same window, the CPU
// the article's count sees (this process plus children still alive at the
// reading) inside the CPU the whole tree used (exited children included).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { percent } from '../../lib/report/format.ts';
import type { Context } from './context.ts';
import { label, loadLabel, strategyRank } from './labels.ts';

const COUNTS = ['whole tree', 'article’s count'];

export function accountingFigure(ctx: Context, workload = 'cpu'): Figure | undefined {
  const points = ctx.points.grid(workload, ctx.workers, ctx.tasks).sort((a, b) => strategyRank(a.strategy) - strategyRank(b.strategy));
  const data = points.flatMap((p) => [
    { load: loadLabel(p.load), strategy: label(p.strategy), count: COUNTS[0]!, cpu_s: p.treeCpu.median / 1000 },
    { load: loadLabel(p.load), strategy: label(p.strategy), count: COUNTS[1]!, cpu_s: p.articleCpu.median / 1000 },
  ]).filter((d) => Number.isFinite(d.cpu_s));
  if (data.length === 0) return undefined;
  const strategies = [...new Set(points.map((p) => label(p.strategy)))];
  const loads = ctx.points.loads(workload).map(loadLabel).filter((l) => data.some((d) => d.load === l));
  const lost = points
    .filter((p) => p.model === 'python-processes' || p.model === 'child-processes')
    .map((p) => ({ p, share: ctx.points.metrics(p).seenShare.median }))
    .filter(({ share }) => Number.isFinite(share))
    .map(({ p, share }) => `${label(p.strategy)} ${percent(share)} at ${loadLabel(p.load)}`);
  return {
    id: `cpu-accounting-${workload}`,
    title: `${workload}: the CPU the article’s count sees, inside the whole tree’s`,
    caption:
      `Both counts cover the same span (pool start-up, work and shutdown). Light bar: CPU of the whole process tree, children that already exited included. Dark bar: the article’s count, this process plus the children still alive when it reads; a process pool’s workers have exited by the final reading, so their CPU drops out. ` +
      (lost.length ? `Share the article’s count sees for the process pools: ${lost.join('; ')}.` : 'No process pool ran on this workload.'),
    plot: {
      height: 360,
      marginLeft: 55,
      marginBottom: 70,
      x: { label: null, domain: strategies, tickRotate: -30 },
      fx: { label: 'load', domain: loads },
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
