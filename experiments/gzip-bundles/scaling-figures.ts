// How the pools scale with their size: throughput against workers with the
// machine's limit (single-core throughput times min(workers, cores)), and
// time against UV_THREADPOOL_SIZE, each point with its 95 % interval.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { fastest, speedup, timeRatio } from '../../lib/report/points.ts';
import { scaleInterval, type Interval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { bundleLabel, bundlesOf, NODE, nameOf, PIGZ, PY, sweep, type Context, type GzipPoint } from './context.ts';
import { modelColor, modelOf, whisker } from './chart-parts.ts';
import { throughput } from './ratios.ts';

const SWEPT = [NODE.libuv, NODE.threads, NODE.processes, PIGZ] as const;
const NODE_PARALLEL = [NODE.libuv, NODE.threads, NODE.processes, NODE.blocks] as const;
/** Sideways nudge between strategies, in powers of two of the workers axis. */
const DODGE = 0.025;
const BUNDLE_COLORS = ['#4e79a7', '#e15759', '#59a14f', '#b07aa1'];

/** The largest bundle on which a Node pool ran at two or more sizes: the throughput chart's bundle. */
export function sweepBundle(ctx: Context): string | undefined {
  return bundlesOf(ctx, (p) => p.strategy === NODE.serial)
    .filter((b) => SWEPT.some((s) => sweep(ctx, s, b.bundle).length >= 2))
    .at(-1)?.bundle;
}

export interface Limit {
  bundle: string;
  serial: GzipPoint;
  best: GzipPoint;
  /** Best throughput over single-core throughput times the core count: serial time ÷ best time ÷ cores. */
  share: Interval;
}

/** The best Node strategy against the machine's limit on a bundle: serial throughput × cores, measured in the same run. */
export function machineLimit(ctx: Context, bundle: string): Limit | undefined {
  const serial = ctx.points.one(NODE.serial, { bundle });
  const best = fastest(NODE_PARALLEL.flatMap((s) => sweep(ctx, s, bundle)));
  if (!serial || !best) return undefined;
  return { bundle, serial, best, share: scaleInterval(speedup(serial, best), 1 / ctx.cores) };
}

export function throughputFigure(ctx: Context): Figure | undefined {
  const bundle = sweepBundle(ctx);
  const serial = bundle ? ctx.points.one(NODE.serial, { bundle }) : undefined;
  if (!bundle || !serial) return undefined;
  const strategies = [...SWEPT, PY.pool, PY.threads, PY.executor, PY.serial, NODE.serial];
  // Each strategy nudged sideways a little (on the log axis), so that whiskers at one pool size do not hide each other.
  const data = strategies.flatMap((s, k) => sweep(ctx, s, bundle).map((p) => ({ name: nameOf(ctx, s), model: modelOf(p), workers: p.workers, x: p.workers * 2 ** ((k - (strategies.length - 1) / 2) * DODGE), ...whisker(throughput(p)) })));
  const maxWorkers = Math.max(...data.map((d) => d.workers));
  const single = throughput(serial);
  const ideal = Array.from({ length: maxWorkers }, (_, i) => ({ workers: i + 1, mibps: single.value * Math.min(i + 1, ctx.cores) }));
  const limit = machineLimit(ctx, bundle);
  const limitText = limit ? ` The best Node strategy, ${nameOf(ctx, limit.best.strategy)} with ${limit.best.workers}, reaches ${estimate(limit.share, 'percent')} of the machine’s limit (${nameOf(ctx, NODE.serial)}’s ${estimate(single, { digits: 1, suffix: ' MiB/s' })} × ${ctx.cores} cores).` : '';
  const b = bundlesOf(ctx).find((x) => x.bundle === bundle)!;
  return {
    id: 'throughput-by-workers',
    title: `Throughput against workers, ${bundleLabel(b)}`,
    caption: `MiB of input gzipped per second of work (pools pre-started), against the pool size (UV_THREADPOOL_SIZE for async zlib, pigz’s -p), with each point’s 95 % interval (the whisker). One line and symbol per strategy, coloured by model, each nudged sideways a little so that the whiskers stay apart. The dashed line is the ideal: Node’s single-core throughput times min(workers, ${ctx.cores} cores). Python’s functions sit at their default sizes.${limitText}`,
    plot: {
      height: 380,
      marginRight: 40,
      x: { label: 'workers →', type: 'log', base: 2, ticks: ideal.map((d) => d.workers).filter((w) => (w & (w - 1)) === 0 || w === maxWorkers), tickFormat: 'd', domain: [0.8, maxWorkers * 1.25] },
      y: { label: '↑ MiB/s of input', grid: true, zero: true },
      color: modelColor(data.map((d) => d.model)),
      symbol: { legend: true, domain: [...new Set(data.map((d) => d.name))] },
      marks: [
        Plot.line(ideal, { x: 'workers', y: 'mibps', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.text(ideal.slice(-1), { x: 'workers', y: 'mibps', text: () => 'ideal', dy: -8, fill: '#666' }),
        Plot.line(data, { x: 'x', y: 'value', stroke: 'model', z: 'name', strokeWidth: 2 }),
        Plot.ruleX(data, { x: 'x', y1: 'lo', y2: 'hi', stroke: 'model' }),
        Plot.dot(data, { x: 'x', y: 'value', stroke: 'model', symbol: 'name', r: 4, strokeWidth: 1.5 }),
      ],
    },
  };
}

/** Async zlib's time relative to Node's serial loop, against UV_THREADPOOL_SIZE, on each swept bundle. */
export function uvFigure(ctx: Context): Figure | undefined {
  const data = bundlesOf(ctx).flatMap((b) => {
    const serial = ctx.points.one(NODE.serial, { bundle: b.bundle });
    const points = sweep(ctx, NODE.libuv, b.bundle);
    if (!serial || points.length < 2) return [];
    return points.map((p) => {
      return { bundle: bundleLabel(b), size: p.workers, ...whisker(timeRatio(p, serial)) };
    });
  });
  if (data.length === 0) return undefined;
  const sizes = [...new Set(data.map((d) => d.size))].sort((a, b) => a - b);
  const best = data.reduce((a, b) => (b.value < a.value ? b : a));
  const bundles = [...new Set(data.map((d) => d.bundle))];
  return {
    id: 'time-by-threadpool-size',
    title: 'Time against UV_THREADPOOL_SIZE',
    caption: `Async zlib’s time (work alone) over ${nameOf(ctx, NODE.serial)}’s on the same bundle, for each libuv pool size, a ratio of geometric means with its 95 % interval (the whisker); below 1 the pool helps, the dashed line is 1 ÷ ${ctx.cores} cores. Beyond ${ctx.cores} threads there are more threads than cores. Lowest: ${best.size} threads on ${best.bundle}, ${best.text} of serial.`,
    plot: {
      height: 340,
      x: { label: 'UV_THREADPOOL_SIZE →', type: 'point', domain: sizes },
      y: { label: '↑ time ÷ serial time', grid: true, zero: true },
      color: { legend: true, domain: bundles, range: BUNDLE_COLORS.slice(0, bundles.length) },
      marks: [
        Plot.ruleY([1], { stroke: 'black' }),
        Plot.ruleY([1 / ctx.cores], { stroke: '#666', strokeDasharray: '6 4' }),
        Plot.line(data, { x: 'size', y: 'value', stroke: 'bundle', strokeWidth: 2 }),
        Plot.ruleX(data, { x: 'size', y1: 'lo', y2: 'hi', stroke: 'bundle' }),
        Plot.dot(data, { x: 'size', y: 'value', fill: 'bundle', r: 4 }),
      ],
    },
  };
}
