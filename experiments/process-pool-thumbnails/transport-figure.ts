// What moving the photos themselves costs: the same pool fed file paths (the
// worker reads and writes) or the photos' bytes (the main thread reads them,
// ships them, and writes the thumbnails it gets back).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count, ms } from '../../lib/report/format.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { cpuRatio, perPhoto } from './analysis.ts';
import { transportPairs } from './claims.ts';
import type { Context } from './context.ts';

export function transportFigure(ctx: Context): Figure | undefined {
  const pairs = transportPairs(ctx).map((x) => ({ ...x, label: strategyLabel(ctx.experiment, x.pool) }));
  if (pairs.length === 0) return undefined;
  const data = pairs.flatMap(({ label, paths, bytes }) =>
    [paths, bytes].flatMap((p) => [
      { pool: label, transport: p.transport, measure: 'real per photo', value: perPhoto(p, 'wall') },
      { pool: label, transport: p.transport, measure: 'CPU per photo', value: perPhoto(p, 'cpu') },
    ]),
  );
  const lines = pairs.map(({ label, paths, bytes, ratio }) => `${label}: bytes ${versus(ratio, 'paths')} in real time, with ${estimate(cpuRatio(bytes, paths))} their CPU time`);
  return {
    id: 'paths-vs-bytes',
    title: `File paths or photo bytes as task inputs, ${ctx.poolWorkers} workers, ${count(ctx.sweep ?? NaN)} photos`,
    caption: `Median real and CPU (user + sys) time per photo. With paths each worker reads its photo and writes its thumbnail; with bytes the main thread reads every photo, sends it (worker threads: the buffer is transferred, not copied; child processes: copied over the IPC channel) and writes the thumbnails that come back. ${lines.join('; ')}.`,
    plot: {
      height: 80 + pairs.length * 90,
      marginLeft: 110,
      marginRight: 60,
      x: { label: 'ms per photo →', grid: true },
      y: { label: null, domain: ['paths', 'bytes'] },
      fy: { label: null, domain: pairs.map((p) => p.label) },
      fx: { label: null, domain: ['real per photo', 'CPU per photo'] },
      color: { legend: true, domain: ['paths', 'bytes'], range: ['#4e79a7', '#f28e2b'] },
      marks: [
        Plot.barX(data, { fx: 'measure', fy: 'pool', y: 'transport', x: 'value', fill: 'transport' }),
        Plot.text(data, { fx: 'measure', fy: 'pool', y: 'transport', x: 'value', text: (d: { value: number }) => ms(d.value), dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
