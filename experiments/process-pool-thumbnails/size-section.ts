// Photo size as a parameter: the ways measured at Flickr's 500 pixels and at
// a camera export's size, side by side. The figure draws each way's real time
// per photo at each size (log scale, 95 % intervals); the text says how Node's
// fastest stands against Pillow's thread pool at each size and how much that
// changed, as a ratio of ratios with its interval, and why, from the stages.

import * as Plot from '@observablehq/plot';
import type { Block, Figure, Section, Table } from '../../lib/report/doc.ts';
import { columns } from '../../lib/report/columns.ts';
import { count, ms } from '../../lib/report/format.ts';
import { timeRatio } from '../../lib/report/points.ts';
import { geoMeanInterval, ratioOfRatiosInterval } from '../../lib/stats/interval.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { busyCores, perPhoto } from './analysis.ts';
import type { Context, ThumbPoint } from './context.ts';
import { byDisplayOrder, modelOf, phrase, pointLabel, scaleOf } from './labels.ts';
import { StageSet } from './stage-data.ts';
import type { SizeComparison } from './ways.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const round = (x: number, digits: number) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
const sizeLabel = (c: SizeComparison) => `${count(c.longSide)} px · ${count(c.images)} photos`;
const key = (p: ThumbPoint) => `${p.strategy}|${p.workers}|${p.batch}|${p.transport}`;

/** The ways measured at every size compared (so each size's panel draws the same ways). */
export function sharedWays(sizes: SizeComparison[]): Set<string> {
  const [first, ...rest] = sizes;
  if (!first) return new Set();
  return new Set(first.points.map(key).filter((k) => rest.every((c) => c.points.some((p) => key(p) === k))));
}

export interface SizeDot {
  size: string;
  way: string;
  model: string;
  runtime: string;
  /** Real time per photo, ms: the geometric mean of the repetitions and its 95 % interval. */
  value: number;
  lo: number;
  hi: number;
}

export function sizeDots(ctx: Context, sizes: SizeComparison[]): SizeDot[] {
  const shared = sharedWays(sizes);
  return sizes.flatMap((c) =>
    c.points
      .filter((p) => shared.has(key(p)))
      .sort(byDisplayOrder(ctx.experiment))
      .map((p) => {
        const i = geoMeanInterval(p.walls.map((w) => w / c.images));
        const bounded = i.n >= 2 && i.lo > 0 && Number.isFinite(i.hi);
        return { size: sizeLabel(c), way: pointLabel(ctx.experiment, p), model: modelOf(ctx.experiment, p.strategy), runtime: p.runtime, value: i.value, lo: bounded ? i.lo : i.value, hi: bounded ? i.hi : i.value };
      }),
  );
}

/** Node's fastest against Pillow's thread pool at one size, in words. */
function standing(c: SizeComparison): string {
  const fast = c.nodeFastest;
  const pool = c.pillowThreads;
  if (!fast || !pool) return '';
  return `at ${count(c.longSide)} pixels Node’s fastest, ${phrase(fast)}, is ${versus(timeRatio(fast, pool), `Pillow’s ${count(pool.workers)}-thread pool`)}`;
}

export function sizeFigure(ctx: Context, sizes: SizeComparison[]): Figure | undefined {
  const dots = sizeDots(ctx, sizes);
  if (sizes.length < 2 || dots.length === 0) return undefined;
  const ways = [...new Set(dots.map((d) => d.way))];
  const words = sizes.map(standing).filter(Boolean);
  return {
    id: 'photo-size',
    title: 'The ways with sharp and Pillow at two photo sizes',
    caption: `Real time per photo (log scale) of each way measured at both sizes: a dot for the geometric mean of the repetitions, a line for its 95 % interval (none where a point ran once). Read the order of the dots in each panel: ${words.length ? `${words.join('; ')}.` : 'Pillow’s thread pool was not measured at both sizes.'}`,
    plot: {
      height: 60 + sizes.length * (ways.length * 18 + 30),
      marginLeft: 230,
      marginRight: 30,
      x: { type: 'log', label: 'real time per photo (ms, log scale) →', grid: true },
      y: { label: null, domain: ways },
      fy: { label: null, domain: sizes.map(sizeLabel) },
      color: { legend: true, ...scaleOf(ctx.experiment, [...new Set(sizes.flatMap((c) => c.points.map((p) => p.strategy)))]) },
      marks: [
        Plot.ruleY(dots, { fy: 'size', y: 'way', x1: 'lo', x2: 'hi', stroke: 'model', strokeWidth: 2 }),
        Plot.dot(dots, { fy: 'size', y: 'way', x: 'value', fill: 'model', r: 4 }),
        Plot.text(dots, { fy: 'size', y: 'way', x: 'hi', text: (d: SizeDot) => ms(d.value), dx: 6, textAnchor: 'start', fontSize: 9 }),
      ],
    },
  };
}

function sizeTable(ctx: Context, c: SizeComparison): Table {
  const pool = c.pillowThreads;
  return {
    id: `ways-${c.longSide}`,
    title: `Every way measured on the ${count(c.longSide)}-pixel photos (${count(c.images)})`,
    caption: 'Fastest first by median real time; the ratio to Pillow’s thread pool is of geometric means with its 95 % interval.',
    columns: columns({ way: 'Way · in flight', real: 'Real (ms) >', per: 'Real per photo (ms) >', cpu: 'CPU per photo (ms) >', busy: 'Busy cores >', ratio: 'Time vs Pillow’s pool (×) >', interval: '95 % interval >', n: 'Reps >' }, { real: 1, per: 2, cpu: 2, busy: 2, ratio: 2 }),
    rows: [...c.points]
      .sort((a, b) => a.wall.median - b.wall.median)
      .map((p) => {
        const r = pool && p !== pool ? timeRatio(p, pool) : undefined;
        return {
          way: `\`${pointLabel(ctx.experiment, p)}\``,
          real: round(p.wall.median, 1),
          per: round(perPhoto(p), 2),
          cpu: round(perPhoto(p, 'cpu'), 2),
          busy: round(busyCores(p).value, 2),
          ratio: r ? round(r.value, 2) : null,
          interval: r && r.n >= 2 && Number.isFinite(r.hi) ? `${r.lo.toFixed(2)}–${r.hi.toFixed(2)}` : '',
          n: p.wall.n,
        };
      }),
  };
}

/** How Node's fastest against Pillow's pool changed from the smallest size to the largest: a ratio of ratios with its interval. */
export function gapChange(sizes: SizeComparison[]): string {
  const small = sizes[0];
  const large = sizes.at(-1);
  if (!small || !large || small === large || !small.nodeFastest || !small.pillowThreads || !large.nodeFastest || !large.pillowThreads) return '';
  const change = ratioOfRatiosInterval(large.nodeFastest.walls, large.pillowThreads.walls, small.nodeFastest.walls, small.pillowThreads.walls);
  const word = change.value < 1 ? 'narrows' : 'widens';
  return `From ${count(small.longSide)} to ${count(large.longSide)} pixels Node’s time over Pillow’s pool’s ${word}: the ratio at ${count(large.longSide)} pixels is ${estimate(change)} the ratio at ${count(small.longSide)}.`;
}

/** The stages behind the change: each side's decode as its thumbnail does, and the share of sharp's fixed call cost, at each size. */
export function whyText(stages: StageSet[]): string {
  const parts = stages.flatMap((s) => {
    const decode = s.ratio(['node', 'decode-shrink'], ['python', 'decode-draft']);
    const call = s.cpu('node', 'call');
    const whole = s.cpu('node', 'whole-tuned');
    const share = Number.isFinite(call) && Number.isFinite(whole) && whole > 0 ? ` and an empty sharp call is ${Math.round((call / whole) * 100)} % of sharp’s tuned thumbnail` : '';
    return decode ? [`at ${count(s.longSide)} pixels sharp’s shrink-on-load decode costs ${estimate(decode)} the CPU of Pillow’s \`draft\` decode${share}`] : [];
  });
  return parts.length ? ` Stage by stage (one photo at a time): ${parts.join('; ')}.` : '';
}

/** One sentence: Node's fastest against Pillow's thread pool at the smallest and the largest size. */
export function sizeLead(sizes: SizeComparison[]): string | undefined {
  const ratioAt = (c: SizeComparison | undefined) => (c?.nodeFastest && c.pillowThreads ? timeRatio(c.nodeFastest, c.pillowThreads) : undefined);
  const small = sizes[0];
  const large = sizes.at(-1);
  const a = ratioAt(small);
  const b = ratioAt(large);
  if (!small || !large || !a || !b) return undefined;
  return `Node’s fastest way takes ${estimate(a)} the time of Pillow’s thread pool on ${count(small.longSide)}-pixel photos and ${estimate(b)} on ${count(large.longSide)}-pixel ones.`;
}

export function sizeSection(ctx: Context, sizes: SizeComparison[], stages: StageSet[]): Section | undefined {
  if (sizes.length < 2) return undefined;
  const small = sizes[0]!;
  const large = sizes.at(-1)!;
  const standings = sizes.map(standing).filter(Boolean);
  const pythonOrder = sizes.map((c) => (c.pythonFastest ? `at ${count(c.longSide)} pixels ${phrase(c.pythonFastest)}` : '')).filter(Boolean);
  const factor = small.images / large.images;
  const scale =
    factor > 1
      ? `The ${count(large.longSide)}-pixel set has ${count(large.images)} photos, ${Number.isInteger(factor) ? count(factor) : factor.toFixed(1)} times fewer than the ${count(small.images)} of the comparison (the one parameter scaled down, so that the run fits); the pure-JavaScript pipeline, which decodes every pixel of every photo, is not run on them.`
      : '';
  const text = [
    `Pillow’s \`draft\` and libvips’ shrink-on-load both decode a JPEG at 1/2, 1/4 or 1/8 of its size, and gain more the larger the photo. Here the same scenes at ${sizes.map((c) => `${count(c.longSide)}`).join(' and ')} pixels on the long side.`,
    scale,
    standings.length ? `${standings.map((s, i) => (i === 0 ? s.charAt(0).toUpperCase() + s.slice(1) : s)).join('; ')}.` : '',
    gapChange(sizes),
    pythonOrder.length ? `Python’s fastest: ${pythonOrder.join('; ')}.` : '',
    whyText(stages).trim(),
  ].filter(Boolean);
  const blocks: Block[] = [md(text.join(' '))];
  const figure = sizeFigure(ctx, sizes);
  if (figure) blocks.push({ kind: 'figure', figure });
  blocks.push({ kind: 'table', table: sizeTable(ctx, large) });
  return { id: 'photo-sizes', title: `Photo size: ${count(small.longSide)} against ${count(large.longSide)} pixels`, lead: sizeLead(sizes), blocks };
}
