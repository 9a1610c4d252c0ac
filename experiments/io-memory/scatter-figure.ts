// Peak memory against wall time, one dot per strategy of the article's
// comparison, each with its 95 % intervals: the two costs of a method on one
// chart (down and left is better).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { bytes, ms } from '../../lib/report/format.ts';
import { MODEL_LABELS } from '../../lib/report/strategies.ts';
import { geoMeanInterval, ratioInterval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { articlePoints, reached, type Context, type MemPoint } from './context.ts';
import { modelColors, pointLabel } from './labels.ts';
import { labelMarks, placeLabels, type LabelFrame } from '../../lib/report/label-layout.ts';

const MiB = 1024 * 1024;

/** Short label beside a dot: the level (and what was really in flight, where less) and, for Node, the client. */
function dotLabel(p: MemPoint): string {
  const parts = p.strategy.endsWith('-sequential') ? ['seq'] : [reached(p) ? String(p.concurrency) : `${p.concurrency} (${Math.round(p.inFlight.median)} in flight)`];
  if (p.runtime === 'node') parts.push(p.client);
  return parts.join(' ');
}

export function peakWallFigure(ctx: Context): Figure | undefined {
  const points = articlePoints(ctx).filter((p) => p.walls.length > 0 && p.peaks.length > 0);
  if (points.length === 0) return undefined;
  const data = points.map((p) => {
    const wall = geoMeanInterval(p.walls);
    const peak = geoMeanInterval(p.peaks);
    return { model: MODEL_LABELS[p.model], wall: wall.value, wall_lo: wall.lo, wall_hi: wall.hi, peak: peak.value / MiB, peak_lo: peak.lo / MiB, peak_hi: peak.hi / MiB, label: dotLabel(p) };
  });
  const gm = (p: MemPoint) => geoMeanInterval(p.peaks).value;
  const fastest = points.reduce((a, b) => (geoMeanInterval(b.walls).value < geoMeanInterval(a.walls).value ? b : a));
  const parallel = points.filter((p) => !p.strategy.endsWith('-sequential'));
  const leanest = parallel.reduce<MemPoint | undefined>((a, b) => (!a || gm(b) < gm(a) ? b : a), undefined);
  const heaviest = points.reduce((a, b) => (gm(b) > gm(a) ? b : a));
  const lines = [
    `Fastest: ${pointLabel(fastest)}, ${ms(fastest.wall.median)} at ${bytes(fastest.peak.median)}.`,
    leanest ? `Leanest parallel method: ${pointLabel(leanest)}, ${bytes(leanest.peak.median)} in ${ms(leanest.wall.median)}.` : '',
    `Heaviest: ${pointLabel(heaviest)}, ${bytes(heaviest.peak.median)}${leanest && leanest !== heaviest ? `, ${estimate(ratioInterval(heaviest.peaks, leanest.peaks))} the leanest’s peak` : ''}.`,
  ];
  // Explicit domains and margins, so that the labels can be laid out in the pixels Plot will draw.
  const pad = (lo: number, hi: number): [number, number] => [lo / 1.15, hi * 1.15];
  const frame: LabelFrame = {
    width: 720,
    height: 440,
    margin: { top: 20, right: 20, bottom: 36, left: 50 },
    x: { type: 'log', domain: pad(Math.min(...data.map((d) => d.wall_lo)), Math.max(...data.map((d) => d.wall_hi))) },
    y: { type: 'log', domain: pad(Math.min(...data.map((d) => d.peak_lo)), Math.max(...data.map((d) => d.peak_hi))) },
  };
  // Points earlier in the list keep their labels where two would meet.
  const labels = placeLabels(data.map((d) => ({ datum: d, x: d.wall, y: d.peak, text: d.label })), frame);
  return {
    id: 'peak-vs-wall',
    title: `Peak memory against time, ${ctx.plan.days} requests`,
    caption: `Each dot is one strategy at one concurrency level: the geometric means of its repetitions, with 95 % intervals as bars (mostly narrower than the dot); both axes are logarithmic. A label names what the API really saw in flight where it was less than the level; where two dots lie too close for both labels, one is left out (every point is in the tables). Down and to the left costs less of both. ${lines.filter(Boolean).join(' ')} Pool start-up is not in the time (it is in the tables); the figures in the text are medians.`,
    plot: {
      width: frame.width,
      height: frame.height,
      marginTop: frame.margin.top,
      marginRight: frame.margin.right,
      marginBottom: frame.margin.bottom,
      marginLeft: frame.margin.left,
      x: { type: 'log', domain: frame.x.domain, label: 'wall time (ms) →', grid: true },
      y: { type: 'log', domain: frame.y.domain, label: '↑ peak RSS (MiB)', grid: true },
      color: modelColors(points.map((p) => p.model)),
      marks: [
        Plot.ruleX(data, { x: 'wall', y1: 'peak_lo', y2: 'peak_hi', stroke: 'model' }),
        Plot.ruleY(data, { y: 'peak', x1: 'wall_lo', x2: 'wall_hi', stroke: 'model' }),
        Plot.dot(data, { x: 'wall', y: 'peak', fill: 'model', r: 5, stroke: 'white' }),
        ...labelMarks(labels),
      ],
    },
  };
}
