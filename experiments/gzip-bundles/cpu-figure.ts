// The article's CPU screenshots as a chart: how many cores each function kept
// busy (CPU time of the whole process tree over wall time), split into the
// parent process (all its threads) and its worker processes.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { articlePoint, type Context } from './context.ts';
import { ARTICLE_BUNDLES, NODE, NODE_ANALOGS, PIGZ, PY, PYTHON_FUNCTIONS, strategyName } from './labels.ts';
import { percent } from '../../lib/report/format.ts';

/** Strategies whose work runs in child processes; in the others the tree's CPU beyond the parent's is rounding. */
const WITH_CHILDREN = new Set<string>([PY.pool, PY.executor, NODE.processes, PIGZ]);

export interface CpuUse {
  strategy: string;
  workers: number;
  parent: number;
  children: number;
  trials: number;
}

/** Median cores used by the parent and by the children, per strategy, over its rows on the article's bundles. */
export function cpuUse(ctx: Context): CpuUse[] {
  const strategies = [...PYTHON_FUNCTIONS, ...NODE_ANALOGS, NODE.blocks, PIGZ];
  return strategies.flatMap((s) => {
    const points = ARTICLE_BUNDLES.flatMap((b) => {
      const p = articlePoint(ctx, s, b) ?? ctx.points.sweep(s, b).at(-1);
      return p ? [p] : [];
    });
    const rows = points.flatMap((p) => p.rows);
    const parent = summarize(rows.map((r) => Number(r.parent_cpu_ms) / Number(r.wall_ms)));
    const total = summarize(rows.map((r) => (Number(r.cpu_user_ms) + Number(r.cpu_sys_ms)) / Number(r.wall_ms)));
    if (parent.n === 0 || total.n === 0) return [];
    const children = WITH_CHILDREN.has(s) ? Math.max(0, total.median - parent.median) : 0;
    return [{ strategy: s, workers: points[0]!.workers, parent: WITH_CHILDREN.has(s) ? parent.median : total.median, children, trials: rows.length }];
  });
}

export function cpuFigure(ctx: Context, data: CpuUse[]): Figure | undefined {
  if (data.length === 0) return undefined;
  const label = (d: CpuUse) => `${strategyName(d.strategy)} · ${d.workers}`;
  const bars = data.flatMap((d) => [
    { label: label(d), part: 'parent process', cores: d.parent },
    { label: label(d), part: 'worker processes', cores: d.children },
  ]);
  const per = data
    .filter((d) => WITH_CHILDREN.has(d.strategy))
    .map((d) => `${strategyName(d.strategy)}: ${percent(d.children / d.workers)} of a core per worker, parent ${percent(d.parent)}`);
  return {
    id: 'cpu-use',
    title: 'CPU use per function',
    caption: `Cores kept busy during the work: CPU time of the whole process tree divided by wall time, median over the trials on the article’s bundles; the parent process counts all its threads (the libuv pool and worker threads live in it), worker processes are its children (pigz’s processes included); for strategies without child processes the whole tree is drawn as the parent. The dashed line is this machine’s ${ctx.cores} cores. ${per.join('; ')}${per.length ? '.' : ''}`,
    plot: {
      height: data.length * 26 + 90,
      marginLeft: 250,
      x: { label: 'cores busy (CPU time ÷ wall time) →', grid: true },
      y: { label: null, domain: data.map(label) },
      color: { legend: true, domain: ['parent process', 'worker processes'], range: ['#4e79a7', '#f28e2b'] },
      marks: [
        Plot.barX(bars, Plot.stackX({ y: 'label', x: 'cores', fill: 'part' })),
        Plot.ruleX([ctx.cores], { stroke: 'black', strokeDasharray: '4 3' }),
        Plot.ruleX([0]),
      ],
    },
  };
}
