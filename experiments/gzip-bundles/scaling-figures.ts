// How the pools scale with their size: throughput against workers with the
// machine's limit (single-core throughput times min(workers, cores)), and
// time against UV_THREADPOOL_SIZE.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { fastest, throughput, type Point } from './analysis.ts';
import type { Context } from './context.ts';
import { ms, percent, ratio } from '../../lib/report/format.ts';
import { NODE, PIGZ, PY, bundleLabel, strategyColor, strategyName } from './labels.ts';

const SWEPT = [NODE.libuv, NODE.threads, NODE.processes, PIGZ] as const;
const NODE_PARALLEL = [NODE.libuv, NODE.threads, NODE.processes, NODE.blocks] as const;

/** The largest bundle on which a Node pool ran at two or more sizes: the throughput chart's bundle. */
export function sweepBundle(ctx: Context): string | undefined {
  return ctx.points
    .bundles((p) => p.strategy === NODE.serial)
    .filter((b) => SWEPT.some((s) => ctx.points.sweep(s, b.bundle).length >= 2))
    .at(-1)?.bundle;
}

export interface Limit {
  bundle: string;
  serial: Point;
  best: Point;
  /** Best throughput over single-core throughput times the core count. */
  share: number;
}

/** The best Node strategy against the machine's limit on a bundle: serial throughput × cores, measured in the same run. */
export function machineLimit(ctx: Context, bundle: string): Limit | undefined {
  const serial = ctx.points.one(NODE.serial, bundle);
  const best = fastest(NODE_PARALLEL.flatMap((s) => ctx.points.sweep(s, bundle)));
  if (!serial || !best) return undefined;
  return { bundle, serial, best, share: throughput(best) / (throughput(serial) * ctx.cores) };
}

export function throughputFigure(ctx: Context): Figure | undefined {
  const bundle = sweepBundle(ctx);
  const serial = bundle ? ctx.points.one(NODE.serial, bundle) : undefined;
  if (!bundle || !serial) return undefined;
  const strategies = [...SWEPT, PY.pool, PY.threads, PY.executor, PY.serial, NODE.serial];
  const data = strategies.flatMap((s) => ctx.points.sweep(s, bundle).map((p) => ({ strategy: s, name: strategyName(s), workers: p.workers, mbps: throughput(p) })));
  const maxWorkers = Math.max(...data.map((d) => d.workers));
  const single = throughput(serial);
  const ideal = Array.from({ length: maxWorkers }, (_, i) => ({ workers: i + 1, mbps: single * Math.min(i + 1, ctx.cores) }));
  const limit = machineLimit(ctx, bundle);
  const limitText = limit ? ` The best Node strategy, ${strategyName(limit.best.strategy)} with ${limit.best.workers}, reaches ${percent(limit.share)} of the machine’s limit (${(single * ctx.cores).toFixed(1)} MB/s: Node’s serial ${single.toFixed(1)} MB/s × ${ctx.cores} cores).` : '';
  const b = ctx.points.bundles().find((x) => x.bundle === bundle)!;
  return {
    id: 'throughput-by-workers',
    title: `Throughput against workers, ${bundleLabel(bundle, b.files, b.bundle_bytes)}`,
    caption: `Megabytes of input gzipped per second of work (pools pre-started), against the pool size (UV_THREADPOOL_SIZE for async zlib, pigz’s -p). The dashed line is the ideal: Node’s single-core throughput times min(workers, ${ctx.cores} cores). Python’s functions sit at their default sizes.${limitText}`,
    plot: {
      height: 380,
      marginRight: 40,
      x: { label: 'workers →', type: 'log', base: 2, ticks: ideal.map((d) => d.workers).filter((w) => (w & (w - 1)) === 0 || w === maxWorkers), tickFormat: 'd', domain: [0.8, maxWorkers * 1.25] },
      y: { label: '↑ MB/s of input', grid: true, zero: true },
      color: strategyColor(data.map((d) => d.strategy)),
      marks: [
        Plot.line(ideal, { x: 'workers', y: 'mbps', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.text(ideal.slice(-1), { x: 'workers', y: 'mbps', text: () => 'ideal', dy: -8, fill: '#666' }),
        Plot.line(data, { x: 'workers', y: 'mbps', stroke: 'name', z: 'name', strokeWidth: 2 }),
        Plot.dot(data, { x: 'workers', y: 'mbps', fill: 'name', r: 4 }),
      ],
    },
  };
}

/** Async zlib's time relative to Node's serial loop, against UV_THREADPOOL_SIZE, on each swept bundle. */
export function uvFigure(ctx: Context): Figure | undefined {
  const data = ctx.points.bundles().flatMap((b) => {
    const serial = ctx.points.one(NODE.serial, b.bundle);
    const sweep = ctx.points.sweep(NODE.libuv, b.bundle);
    if (!serial || sweep.length < 2) return [];
    return sweep.map((p) => ({ bundle: bundleLabel(b.bundle, b.files, b.bundle_bytes), size: p.workers, relative: p.wall.median / serial.wall.median, wall: p.wall.median }));
  });
  if (data.length === 0) return undefined;
  const sizes = [...new Set(data.map((d) => d.size))].sort((a, b) => a - b);
  const best = data.reduce((a, b) => (b.relative < a.relative ? b : a));
  return {
    id: 'time-by-threadpool-size',
    title: 'Time against UV_THREADPOOL_SIZE',
    caption: `Async zlib’s median time (work alone) as a share of Node’s serial loop on the same bundle, for each libuv pool size; below 1 the pool helps. Beyond ${ctx.cores} threads there are more threads than cores. Fastest: ${best.size} threads on ${best.bundle}, ${ratio(best.relative)} of serial (${ms(best.wall)}).`,
    plot: {
      height: 340,
      x: { label: 'UV_THREADPOOL_SIZE →', type: 'point', domain: sizes },
      y: { label: '↑ time ÷ serial time', grid: true, zero: true },
      color: { legend: true, domain: [...new Set(data.map((d) => d.bundle))], range: ['#4e79a7', '#e15759', '#59a14f', '#b07aa1'] },
      marks: [
        Plot.ruleY([1], { stroke: 'black' }),
        Plot.ruleY([1 / ctx.cores], { stroke: '#666', strokeDasharray: '6 4' }),
        Plot.line(data, { x: 'size', y: 'relative', stroke: 'bundle', strokeWidth: 2 }),
        Plot.dot(data, { x: 'size', y: 'relative', fill: 'bundle', r: 4 }),
        Plot.text(data, { x: 'size', y: 'relative', text: (d: { relative: number }) => ratio(d.relative), dy: -10, fontSize: 10 }),
      ],
    },
  };
}
