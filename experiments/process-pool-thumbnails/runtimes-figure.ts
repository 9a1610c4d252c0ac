// The three pipelines side by side on the full set: pure JavaScript, sharp
// (libvips) and Pillow, one photo at a time and with the pool size at once.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count, ms } from '../../lib/report/format.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { cpuRatio, perPhoto } from './analysis.ts';
import type { Context, ThumbPoint } from './context.ts';

export interface Pipeline {
  pipeline: string;
  serial?: ThumbPoint;
  parallel?: ThumbPoint;
}

export function pipelines(ctx: Context): Pipeline[] {
  const at = (strategy: string, workers: number) => ctx.get(strategy, ctx.full, { workers });
  const P = ctx.poolWorkers;
  return [
    { pipeline: 'Pillow (C)', serial: at('python-serial', 1), parallel: at('python-processes', P) },
    { pipeline: 'sharp (libvips)', serial: at('node-sharp', 1), parallel: P > 1 ? at('node-sharp', P) : undefined },
    { pipeline: 'pure JavaScript', serial: at('node-serial', 1), parallel: at('node-processes', P) },
  ].filter((p) => p.serial || p.parallel);
}

export function runtimesFigure(ctx: Context): Figure | undefined {
  const all = pipelines(ctx);
  if (all.length === 0) return undefined;
  const oneAtATime = 'one at a time';
  const inParallel = `${ctx.poolWorkers} at once`;
  const data = all.flatMap(({ pipeline, serial, parallel }) => [
    ...(serial ? [{ pipeline, setting: oneAtATime, value: perPhoto(serial) }] : []),
    ...(parallel ? [{ pipeline, setting: inParallel, value: perPhoto(parallel) }] : []),
  ]);
  const js = all.find((p) => p.pipeline === 'pure JavaScript')?.serial;
  const cpuLines = all.flatMap(({ pipeline, serial }) =>
    serial ? [`${pipeline} ${ms(perPhoto(serial, 'cpu'))}${js && serial !== js ? ` (${estimate(cpuRatio(js, serial))} less than pure JavaScript)` : ''}`] : [],
  );
  return {
    id: 'js-sharp-pillow',
    title: `Pure JavaScript, sharp and Pillow: ${count(ctx.full ?? NaN)} photos`,
    caption: `Median real time per photo, one photo at a time and ${inParallel} (Pillow: a ProcessPoolExecutor; sharp: photos in flight on the libuv thread pool; pure JavaScript: child processes). CPU per photo one at a time (user + sys): ${cpuLines.join('; ')}.`,
    plot: {
      height: 70 + data.length * 30,
      marginLeft: 120,
      marginRight: 70,
      x: { label: 'real time per photo (ms) →', grid: true },
      y: { axis: null, domain: [oneAtATime, inParallel] },
      fy: { label: null, domain: all.map((p) => p.pipeline) },
      color: { legend: true, domain: [oneAtATime, inParallel], range: ['#79706e', '#59a14f'] },
      marks: [
        Plot.barX(data, { fy: 'pipeline', y: 'setting', x: 'value', fill: 'setting' }),
        Plot.text(data, { fy: 'pipeline', y: 'setting', x: 'value', text: (d: { value: number }) => ms(d.value), dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
