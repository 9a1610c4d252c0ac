// The article's CPU screenshots as a chart: how many cores each function kept
// busy (CPU time of the whole process tree over wall time), split into the
// parent process (all its threads) and its worker processes.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { cpuOf, valuesOf } from '../../lib/report/points.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { articleBundles, articlePoint, NODE, NODE_ANALOGS, nameOf, PIGZ, PY, PYTHON_FUNCTIONS, sweep, type Context } from './context.ts';

/** Strategies whose work runs in child processes; in the others the tree's CPU beyond the parent's is rounding. */
const WITH_CHILDREN = new Set<string>([PY.pool, PY.executor, NODE.processes, PIGZ]);
const PARTS = { domain: ['parent process', 'worker processes'], range: ['#4e79a7', '#f28e2b'] };

export interface CpuUse {
  label: string;
  strategy: string;
  parent: number;
  children: number;
}

/** Median cores used by the parent and by the children, per strategy, over its rows on the article's bundles. */
export function cpuUse(ctx: Context): CpuUse[] {
  return [...PYTHON_FUNCTIONS, ...NODE_ANALOGS, NODE.blocks, PIGZ].flatMap((s) => {
    const points = articleBundles(ctx).flatMap((b) => articlePoint(ctx, s, b) ?? sweep(ctx, s, b).slice(-1));
    const share = (f: (cpu: number, parent: number, wall: number) => number) => summarize(points.flatMap((p) => valuesOf(p, (r) => (r.wall_ms && cpuOf(r) !== null && r.parent_cpu_ms !== null ? f(cpuOf(r)!, Number(r.parent_cpu_ms), r.wall_ms) : null)))).median;
    const parent = share((_c, parent, wall) => parent / wall);
    const total = share((cpu, _p, wall) => cpu / wall);
    if (!Number.isFinite(parent) || !Number.isFinite(total)) return [];
    const children = WITH_CHILDREN.has(s) ? Math.max(0, total - parent) : 0;
    return [{ label: `${nameOf(ctx, s)} · ${points[0]!.workers}`, strategy: s, parent: WITH_CHILDREN.has(s) ? parent : total, children }];
  });
}

export function cpuFigure(ctx: Context): Figure | undefined {
  const data = cpuUse(ctx);
  if (data.length === 0) return undefined;
  const bars = data.flatMap((d) => [
    { label: d.label, part: 'parent process', cores: d.parent },
    { label: d.label, part: 'worker processes', cores: d.children },
  ]);
  return {
    id: 'cpu-use',
    title: 'CPU use per function',
    caption: `Cores kept busy during the work: CPU time of the whole process tree divided by wall time, median over the trials on the article’s bundles; the parent process counts all its threads (the libuv pool and worker threads live in it), worker processes are its children (pigz’s processes included); for strategies without child processes the whole tree is drawn as the parent. The dashed line is this machine’s ${ctx.cores} cores. Each process pool’s share per worker and the parent’s, as means with their 95 % intervals, are G4’s row of the claims table.`,
    plot: {
      height: data.length * 26 + 90,
      marginLeft: 250,
      x: { label: 'cores busy (CPU time ÷ wall time) →', grid: true },
      y: { label: null, domain: data.map((d) => d.label) },
      color: { legend: true, ...PARTS },
      marks: [
        Plot.barX(bars, Plot.stackX({ y: 'label', x: 'cores', fill: 'part' })),
        Plot.ruleX([ctx.cores], { stroke: 'black', strokeDasharray: '4 3' }),
        Plot.ruleX([0]),
      ],
    },
  };
}
