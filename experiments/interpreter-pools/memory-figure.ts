// Memory by strategy for one workload: the peak RSS of the whole process tree
// during the work (bars), the started pool idle just before it (black tick),
// and the article's own figure, the trial process alone after the pool shut
// down (ring), which misses every child process.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { bytes } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import type { Context } from './context.ts';
import { label, loadLabel, strategyColor, strategyRank } from './labels.ts';
import { idleMemorySeen } from '../../lib/report/measured.ts';

const MiB = 1024 * 1024;

function heaviest(ctx: Context, points: readonly Point[]): string {
  const load = points.at(-1)?.load;
  if (!load) return '';
  return points
    .filter((p) => p.load === load && Number.isFinite(p.rssPeak.median))
    .sort((a, b) => strategyRank(a.strategy) - strategyRank(b.strategy))
    .map((p) => `${label(p.strategy)} ${bytes(p.rssPeak.median)}`)
    .join(', ')
    .replace(/^(.+)$/, `At ${loadLabel(load)}: $1.`);
}

export function memoryFigure(ctx: Context, workload: string): Figure | undefined {
  const points = ctx.points.grid(workload, ctx.workers, ctx.tasks);
  const data = points
    .map((p) => ({ load: loadLabel(p.load), strategy: label(p.strategy), rank: strategyRank(p.strategy), peak: p.rssPeak.median / MiB, idle: p.rows.some((r) => idleMemorySeen(r, ctx.sampling)) ? p.rssBase.median / MiB : NaN, article: p.articleRss.median / MiB }))
    .filter((d) => Number.isFinite(d.peak))
    .sort((a, b) => a.rank - b.rank);
  if (data.length === 0) return undefined;
  const color = strategyColor([...new Set(points.map((p) => p.strategy))]);
  const loads = ctx.points.loads(workload).map(loadLabel).filter((l) => data.some((d) => d.load === l));
  return {
    id: `memory-${workload}`,
    title: `${workload}: memory by strategy (${ctx.workers} workers, ${ctx.tasks} tasks)`,
    caption:
      `Bars: peak RSS of the whole process tree during the work (every thread and child process, sampled every 20 ms). Black tick: the same just before the work, the started pool idle (left out where the pool started faster than one ${ctx.sampling.interval_ms} ms sampling interval and the run made no pause after it, so that the last sample may predate it). Ring: the article’s figure, the RSS of the trial process alone once the pool has shut down, which leaves out every child process. ${heaviest(ctx, points)}`,
    plot: {
      height: 360,
      marginLeft: 60,
      x: { axis: null, domain: color.domain },
      fx: { label: 'load', domain: loads },
      y: { label: '↑ RSS (MiB)', grid: true },
      color,
      marks: [
        Plot.barY(data, { fx: 'load', x: 'strategy', y: 'peak', fill: 'strategy' }),
        Plot.tickY(data.filter((d) => Number.isFinite(d.idle)), { fx: 'load', x: 'strategy', y: 'idle', stroke: 'black', strokeWidth: 2 }),
        Plot.dot(data.filter((d) => Number.isFinite(d.article)), { fx: 'load', x: 'strategy', y: 'article', stroke: 'black', r: 4 }),
        Plot.ruleY([0]),
      ],
    },
  };
}
