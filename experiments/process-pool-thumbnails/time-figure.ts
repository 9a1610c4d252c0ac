// The article's `time` output rebuilt: real, user and sys of every strategy
// on the full set of photos, next to the article's own two runs.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count, ratio, slowerFaster } from '../../lib/report/format.ts';
import { SERIAL, type Point } from './analysis.ts';
import { ARTICLE } from './article.ts';
import type { Context } from './context.ts';
import { byDisplayOrder, phrase, pointLabel } from './labels.ts';

const ROW_PX = 22;
const PARTS = ['real', 'user', 'sys'];
const PART_COLORS = ['#4e79a7', '#f28e2b', '#e15759'];

/** The points of the article's comparison: each strategy's serial run and its pool at the pool size. */
export function comparisonPoints(ctx: Context): Point[] {
  const at = (strategy: string, workers: number) => ctx.points.get(strategy, ctx.full, { workers });
  const P = ctx.poolWorkers;
  return [
    at('python-serial', 1),
    at('python-processes', P),
    at('python-threads', P),
    at('node-serial', 1),
    at('node-threads', P),
    at('node-processes', P),
    ctx.points.split(ctx.full, P),
    at('node-sharp', 1),
    ...(P !== 1 ? [at('node-sharp', P)] : []),
  ].filter((p): p is Point => p !== undefined).sort(byDisplayOrder);
}

interface Bar {
  label: string;
  bar: 'real' | 'CPU';
  part: string;
  seconds: number;
}

export function timeFigure(ctx: Context): Figure | undefined {
  const points = comparisonPoints(ctx);
  if (points.length === 0) return undefined;
  const bars: Bar[] = [];
  const push = (label: string, real: number, user: number, sys: number) => {
    bars.push({ label, bar: 'real', part: 'real', seconds: real }, { label, bar: 'CPU', part: 'user', seconds: user }, { label, bar: 'CPU', part: 'sys', seconds: sys });
  };
  const articleSerial = `article: serial (${ARTICLE.cores}-core Mac)`;
  const articlePool = 'article: process pool';
  push(articleSerial, ARTICLE.serial.real_s, ARTICLE.serial.user_s, ARTICLE.serial.sys_s);
  push(articlePool, ARTICLE.pool.real_s, ARTICLE.pool.user_s, ARTICLE.pool.sys_s);
  for (const p of points) push(pointLabel(p), p.wall.median / 1000, p.user.median / 1000, p.sys.median / 1000);
  const labels = [articleSerial, articlePool, ...points.map(pointLabel)];
  const totals = labels.flatMap((label) =>
    (['real', 'CPU'] as const).map((bar) => ({ label, bar, seconds: bars.filter((b) => b.label === label && b.bar === bar).reduce((s, b) => s + b.seconds, 0) })),
  );
  const nodeSerial = ctx.points.get(SERIAL.node, ctx.full);
  const nodePool = ctx.points.get('node-processes', ctx.full, { workers: ctx.poolWorkers });
  const pySerial = ctx.points.get(SERIAL.python, ctx.full);
  const pyPool = ctx.points.get('python-processes', ctx.full, { workers: ctx.poolWorkers });
  const lines = [
    pySerial && pyPool ? `Here ${phrase(pyPool)} is ${slowerFaster(pyPool.wall.median / pySerial.wall.median, 'Pillow’s serial loop')} (the article: ${ratio(ARTICLE.serial.real_s / ARTICLE.pool.real_s)} on ${ARTICLE.cores} cores).` : '',
    nodeSerial && nodePool ? `In pure JavaScript, ${phrase(nodePool)} are ${slowerFaster(nodePool.wall.median / nodeSerial.wall.median, 'the serial loop')}.` : '',
  ].filter(Boolean);
  return {
    id: 'time-output',
    title: `The article’s time output, rebuilt: ${count(ctx.full ?? NaN)} photos`,
    caption: `For each strategy two bars, as \`time\` prints them: real (elapsed) and the CPU time, user and sys stacked, of every thread and process of the run. A pool that uses several cores has more CPU than real time. Medians of the repetitions; the work only, without interpreter start-up or pool creation, which the article’s \`time\` included. ${lines.join(' ')}`,
    plot: {
      height: labels.length * 2 * ROW_PX + 70,
      marginLeft: 200,
      marginRight: 60,
      x: { label: 'seconds →', grid: true },
      y: { axis: null, domain: ['real', 'CPU'] },
      fy: { label: null, domain: labels },
      color: { legend: true, domain: PARTS, range: PART_COLORS },
      marks: [
        Plot.barX(bars, { fy: 'label', y: 'bar', x: 'seconds', fill: 'part' }),
        Plot.text(totals, { fy: 'label', y: 'bar', x: 'seconds', text: (d: { bar: string; seconds: number }) => `${d.bar} ${d.seconds.toFixed(2)} s`, dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
