// The chunksize analog: time per photo against the number of photos per task,
// for each pool at the pool size on the sweep set.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count, ms } from '../../lib/report/format.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { perPhoto } from './analysis.ts';
import { PY_PROCESSES, type Context } from './context.ts';
import { modelOf, scaleOf } from './labels.ts';

const POOLS = ['node-threads', 'node-processes', PY_PROCESSES];

export function batchFigure(ctx: Context): Figure | undefined {
  const data = POOLS.flatMap((pool) =>
    ctx.points
      .sweep(pool, { images: ctx.sweep ?? NaN, workers: ctx.poolWorkers, transport: 'paths' }, 'batch')
      .map((p) => ({ pool, model: modelOf(ctx.experiment, pool), batch: p.batch, ms_per_photo: perPhoto(p) })),
  );
  if (!data.some((d) => d.batch > 1)) return undefined;
  const batches = [...new Set(data.map((d) => d.batch))].sort((a, b) => a - b);
  const lines = POOLS.map((pool) => {
    const mine = data.filter((d) => d.pool === pool);
    return mine.length > 1 ? `${strategyLabel(ctx.experiment, pool)}: ${mine.map((d) => `${ms(d.ms_per_photo)} at ${d.batch}`).join(', ')}` : '';
  }).filter(Boolean);
  return {
    id: 'batch-size',
    title: `Photos per task (the chunksize analog), ${ctx.poolWorkers} workers, ${count(ctx.sweep ?? NaN)} photos`,
    caption: `Median real time per photo against the photos sent in one task (\`chunksize\` in Python; a batch in Node); T4 weighs each larger batch against batch 1 by interval. A batch saves a round trip per photo but can leave a worker idle at the end when the last batches are unequal. ${lines.join('; ')}.`,
    plot: {
      height: 320,
      x: { type: 'log', ticks: batches, tickFormat: (d: number) => String(d), label: 'photos per task →', domain: [batches[0]! / 1.2, batches.at(-1)! * 1.2] },
      y: { label: '↑ real time per photo (ms)', grid: true, zero: true },
      color: { legend: true, ...scaleOf(ctx.experiment, data.map((d) => d.pool)) },
      marks: [
        Plot.line(data, { x: 'batch', y: 'ms_per_photo', stroke: 'model', z: 'pool', strokeWidth: 2 }),
        Plot.dot(data, { x: 'batch', y: 'ms_per_photo', fill: 'model', r: 4 }),
      ],
    },
  };
}
