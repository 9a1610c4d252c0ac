// Peak memory against wall time, one dot per strategy of the article's
// comparison: the two costs of a method on one chart (down and left is better).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { bytes, ms, ratio } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import type { Context } from './context.ts';
import { byDisplayOrder, colorScale, groupOf, pointLabel } from './labels.ts';

const MB = 1024 * 1024;

/** Short label beside a dot: the level and, for Node, the client. */
function dotLabel(p: Point): string {
  const parts = p.strategy.endsWith('-sequential') ? ['seq'] : [String(p.concurrency)];
  if (p.runtime === 'node') parts.push(p.client);
  return parts.join(' ');
}

export function peakWallFigure(ctx: Context): Figure | undefined {
  const points = ctx.points
    .phase('article')
    .filter((p) => Number.isFinite(p.wall.median) && Number.isFinite(p.peak.median) && p.wall.median > 0)
    .sort(byDisplayOrder);
  if (points.length === 0) return undefined;
  const data = points.map((p) => ({ group: groupOf(p.strategy), wall_ms: p.wall.median, peak_mb: p.peak.median / MB, label: dotLabel(p) }));
  const fastest = points.reduce((a, b) => (b.wall.median < a.wall.median ? b : a));
  const leanest = points.filter((p) => !p.strategy.endsWith('-sequential')).reduce<Point | undefined>((a, b) => (!a || b.peak.median < a.peak.median ? b : a), undefined);
  const heaviest = points.reduce((a, b) => (b.peak.median > a.peak.median ? b : a));
  const lines = [
    `Fastest: ${pointLabel(fastest)}, ${ms(fastest.wall.median)} at ${bytes(fastest.peak.median)}.`,
    leanest ? `Leanest parallel method: ${pointLabel(leanest)}, ${bytes(leanest.peak.median)} in ${ms(leanest.wall.median)}.` : '',
    `Heaviest: ${pointLabel(heaviest)}, ${bytes(heaviest.peak.median)}${leanest ? ` (${ratio(heaviest.peak.median / leanest.peak.median)} the leanest)` : ''}.`,
  ];
  return {
    id: 'peak-vs-wall',
    title: `Peak memory against time, ${ctx.plan.days} requests`,
    caption: `Each dot is one strategy at one concurrency level (medians of the repetitions); both axes are logarithmic. Down and to the left costs less of both. ${lines.filter(Boolean).join(' ')} Pool start-up is not in the time (it is in the tables).`,
    plot: {
      height: 440,
      marginRight: 90,
      x: { type: 'log', label: 'median wall time (ms) →', grid: true },
      y: { type: 'log', label: '↑ median peak RSS (MB)', grid: true },
      color: colorScale([...new Set(data.map((d) => d.group))]),
      marks: [
        Plot.dot(data, { x: 'wall_ms', y: 'peak_mb', fill: 'group', r: 5, stroke: 'white' }),
        Plot.text(data, { x: 'wall_ms', y: 'peak_mb', text: 'label', dx: 7, textAnchor: 'start', fontSize: 10 }),
      ],
    },
  };
}
