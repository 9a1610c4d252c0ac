// The article's `time` output rebuilt: real, user and sys of every strategy
// on the full set of photos, next to the article's own two runs.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { timeRatio, valuesOf } from '../../lib/report/points.ts';
import { median } from '../../lib/stats/quantile.ts';
import { versus } from '../../lib/verdicts/wording.ts';
import { ARTICLE, articleSpeedup } from './article.ts';
import { PY_PROCESSES, SERIAL, SPLIT, type Context, type ThumbPoint } from './context.ts';
import { byDisplayOrder, phrase, pointLabel } from './labels.ts';

const ROW_PX = 22;
const PARTS = ['real', 'user', 'sys'];
const PART_COLORS = ['#4e79a7', '#f28e2b', '#e15759'];

/** The points of the article's comparison: every strategy on the full set, one photo per task (the split: one share per worker). */
export const comparisonPoints = (ctx: Context): ThumbPoint[] =>
  ctx.points.where(null, { images: ctx.full ?? NaN, transport: 'paths' }).filter((p) => p.batch === 1 || p.strategy === SPLIT).sort(byDisplayOrder(ctx.experiment));

interface Bar {
  label: string;
  bar: 'real' | 'CPU';
  part: string;
  seconds: number;
}

const medianS = (p: ThumbPoint, column: 'cpu_user_ms' | 'cpu_sys_ms') => median(valuesOf(p, (r) => r[column])) / 1000;

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
  for (const p of points) push(pointLabel(ctx.experiment, p), p.wall.median / 1000, medianS(p, 'cpu_user_ms'), medianS(p, 'cpu_sys_ms'));
  const labels = [articleSerial, articlePool, ...points.map((p) => pointLabel(ctx.experiment, p))];
  const totals = labels.flatMap((label) =>
    (['real', 'CPU'] as const).map((bar) => ({ label, bar, seconds: bars.filter((b) => b.label === label && b.bar === bar).reduce((s, b) => s + b.seconds, 0) })),
  );
  const pair = (poolName: string, serialName: string) => {
    const serial = ctx.get(serialName, ctx.full);
    const pool = ctx.get(poolName, ctx.full, { workers: ctx.poolWorkers });
    return serial && pool ? { pool, ratio: timeRatio(pool, serial) } : undefined;
  };
  const py = pair(PY_PROCESSES, SERIAL.python);
  const node = pair('node-processes', SERIAL.node);
  const lines = [
    py ? `Here ${phrase(py.pool)} is ${versus(py.ratio, 'Pillow’s serial loop')} (the article: ${articleSpeedup.toFixed(2)}× on ${ARTICLE.cores} cores).` : '',
    node ? `In pure JavaScript, ${phrase(node.pool)} are ${versus(node.ratio, 'the serial loop')}.` : '',
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
