// Memory by strategy for one workload: the peak RSS of the whole process tree
// during the work (bars, with their 95 % intervals), the started pool idle just
// before it (black tick), and the article's own figure, the trial process alone
// after the pool shut down (ring), which misses every child process.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { idleMemorySeen } from '../../lib/report/measured.ts';
import { median } from '../../lib/stats/quantile.ts';
import { scaleInterval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { valuesOf } from '../../lib/report/points.ts';
import { geoOf } from './analysis.ts';
import { grid, loads, num, type Context, type PoolPoint } from './context.ts';
import { besideNote, colorOf, drawn, loadLabel, placesOf, BESIDE_OPACITY } from './labels.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';

const MiB = 1024 * 1024;
const MIB = { digits: 1, suffix: ' MiB' } as const;
const medianOf = (values: number[]) => (values.length ? median(values) : NaN);

function heaviest(ctx: Context, points: readonly PoolPoint[]): string {
  const load = points.at(-1)?.load;
  const at = points.filter((p) => p.load === load).map((p) => ({ p, peak: geoOf(p, (r) => num(r.rss_peak_bytes)) }));
  const parts = at.filter((d) => Number.isFinite(d.peak.value)).map((d) => `${strategyLabel(ctx.experiment, d.p.strategy)} ${estimate(scaleInterval(d.peak, 1 / MiB), MIB)}`);
  return load && parts.length ? `At ${loadLabel(load)}: ${parts.join(', ')}.` : '';
}

export function memoryFigure(ctx: Context, workload: string): Figure | undefined {
  const points = grid(ctx, workload);
  const data = points
    .map((p) => {
      const peak = geoOf(p, (r) => num(r.rss_peak_bytes));
      const seen = p.rows.filter((r) => idleMemorySeen(r, ctx.sampling));
      return {
        load: loadLabel(p.load),
        ...drawn(ctx.experiment, p.strategy),
        peak: peak.value / MiB,
        lo: peak.lo / MiB,
        hi: peak.hi / MiB,
        idle: medianOf(seen.map((r) => num(r.rss_base_bytes))) / MiB,
        article: medianOf(valuesOf(p, (r) => num(r.article_rss_bytes))) / MiB,
      };
    })
    .filter((d) => Number.isFinite(d.peak));
  if (data.length === 0) return undefined;
  const shown = points.map((p) => p.strategy);
  const color = colorOf(ctx.experiment, shown);
  return {
    id: `memory-${workload}`,
    title: `${workload}: memory by strategy (${ctx.workers} workers, ${ctx.tasks} tasks)`,
    caption:
      `Bars: peak RSS of the whole process tree during the work (every thread and child process, sampled every ${ctx.sampling.interval_ms} ms), the geometric mean of the repetitions; thin line: its 95 % interval (none where a point ran once). Black tick: the median just before the work, the started pool idle (left out where the pool started faster than one ${ctx.sampling.interval_ms} ms sampling interval and the run made no pause after it, so that the last sample may predate it). Ring: the article’s figure, the median RSS of the trial process alone once the pool has shut down, which leaves out every child process.${besideNote(shown)} ${heaviest(ctx, points)}`,
    plot: {
      height: 360,
      marginLeft: 60,
      x: { axis: null, domain: placesOf(ctx.experiment, shown) },
      fx: { label: 'load', domain: loads(ctx, workload).map(loadLabel).filter((l) => data.some((d) => d.load === l)) },
      y: { label: '↑ RSS (MiB)', grid: true },
      color,
      opacity: { type: 'identity' },
      marks: [
        Plot.barY(data, { fx: 'load', x: 'strategy', y: 'peak', fill: 'model', fillOpacity: (d: { beside: boolean }) => (d.beside ? BESIDE_OPACITY : 0.85) }),
        Plot.ruleX(data.filter((d) => d.lo > 0 && Number.isFinite(d.hi)), { fx: 'load', x: 'strategy', y1: 'lo', y2: 'hi', stroke: '#333', dx: 6 }),
        Plot.tickY(data.filter((d) => Number.isFinite(d.idle)), { fx: 'load', x: 'strategy', y: 'idle', stroke: 'black', strokeWidth: 2 }),
        Plot.dot(data.filter((d) => Number.isFinite(d.article)), { fx: 'load', x: 'strategy', y: 'article', stroke: 'black', r: 4 }),
        Plot.ruleY([0]),
      ],
    },
  };
}
