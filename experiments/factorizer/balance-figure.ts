// The load-balance chart: how long each worker of a pool was busy, static
// chunks against dynamic batches, from the `workers` side table.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { median } from '../../lib/stats/quantile.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { imbalanceOf } from './busy.ts';
import { sweepOf, type Context } from './context.ts';

/** Busy time per worker (busiest first) for static and dynamic dispatch on the largest set. */
export function busyFigure(ctx: Context): Figure | undefined {
  const set = ctx.largest?.set;
  if (!set) return undefined;
  const kinds = [
    { kind: 'worker threads', names: ['node-threads-static', 'node-threads-dynamic'] },
    { kind: 'child processes', names: ['node-processes-static', 'node-processes-dynamic'] },
  ];
  const bars: { kind: string; column: string; dispatch: string; rank: string; busy_ms: number }[] = [];
  const means: { kind: string; column: string; mean: number }[] = [];
  const columns: string[] = [];
  const imbalances: string[] = [];
  for (const { kind, names } of kinds) {
    for (const name of names) {
      for (const p of sweepOf(ctx, name, set).filter((q) => q.workers > 1)) {
        const trials = ctx.busy.filter((b) => b.point.key === p.key);
        if (trials.length === 0) continue;
        const dispatch = name.endsWith('static') ? 'static' : 'dynamic';
        const column = `${p.workers} · ${dispatch}`;
        if (!columns.includes(column)) columns.push(column);
        const perRank = Array.from({ length: p.workers }, (_, i) => median(trials.map((t) => t.busy_ms[i] ?? 0)));
        perRank.forEach((b, i) => bars.push({ kind, column, dispatch, rank: String(i + 1), busy_ms: b }));
        means.push({ kind, column, mean: perRank.reduce((s, b) => s + b, 0) / perRank.length });
        imbalances.push(`${kind} ${column} ${estimate(imbalanceOf(ctx.busy, p))}`);
      }
    }
  }
  if (bars.length === 0) return undefined;
  columns.sort((a, b) => parseInt(a) - parseInt(b) || (a.endsWith('static') ? -1 : 1));
  const ranks = [...new Set(bars.map((b) => b.rank))].sort((a, b) => Number(a) - Number(b));
  return {
    id: 'busy-per-worker',
    title: `Busy time per worker, ${count(ctx.largest!.numbers)} numbers`,
    caption: `Each bar is one worker's time spent factoring (median over repetitions, busiest worker first); the dashed line is the mean. Equal bars mean a balanced load. Busiest over mean (geometric mean over the repetitions, 95 % interval): ${imbalances.join('; ')}. With more workers than the ${ctx.cores} cores, busy time also counts time spent waiting for a core.`,
    plot: {
      height: 420,
      marginRight: 110,
      x: { label: 'worker (busiest first)', domain: ranks },
      y: { label: '↑ busy time (ms)', grid: true },
      fx: { label: 'workers · dispatch', domain: columns },
      fy: { label: null, domain: kinds.map((k) => k.kind) },
      color: { legend: true, domain: ['static', 'dynamic'], range: ['#e15759', '#4e79a7'] },
      marks: [
        Plot.barY(bars, { fx: 'column', fy: 'kind', x: 'rank', y: 'busy_ms', fill: 'dispatch' }),
        Plot.ruleY(means, { fx: 'column', fy: 'kind', y: 'mean', stroke: 'black', strokeDasharray: '4 3' }),
        Plot.ruleY([0]),
      ],
    },
  };
}
