// What every part of the report reads: lib's report context (clean rows,
// points, cores, missing peers), each point typed with its four columns, the
// pool size of the article's comparison, the two photo counts (the full set
// and the sweeps' subset) and the lookups the sections share.

import type { ReportInput } from '../../lib/report/doc.ts';
import { buildReportContext, type ReportContext } from '../../lib/report/context.ts';
import type { Point } from '../../lib/report/points.ts';

export const SERIAL = { node: 'node-serial', python: 'python-serial' } as const;
export const NODE_POOLS = ['node-threads', 'node-processes'] as const;
export const SHARP = 'node-sharp';
export const PY_PROCESSES = 'python-processes';
export const PY_THREADS = 'python-threads';
/** The static split: one equal share of the photos per child process, no dispatch between photos (a pool without a queue). */
export const SPLIT = 'node-split';

export interface ThumbPoint extends Point {
  images: number;
  workers: number;
  batch: number;
  transport: string;
}

export interface Where {
  workers?: number;
  batch?: number;
  transport?: string;
}

export interface Context extends ReportContext<ThumbPoint> {
  /** Workers of the full-set pools: one per core unless the run said otherwise. */
  poolWorkers: number;
  /** Photos of the article's comparison (the largest count measured). */
  full: number | undefined;
  /** Photos of the sweeps (workers, batch size, paths or bytes). */
  sweep: number | undefined;
  /** A point; `workers` defaults to 1, `batch` to 1 and `transport` to paths, the article's setting. */
  get(strategy: string, images: number | undefined, where?: Where): ThumbPoint | undefined;
  /** The static split of `images` photos over `workers` processes (its batch is the share, whatever it came to). */
  split(images: number | undefined, workers: number): ThumbPoint | undefined;
  /** The serial baseline a point is compared with: its runtime's for loop, or sharp with one photo in flight. */
  baselineFor(p: ThumbPoint): ThumbPoint | undefined;
}

const typed = (p: Point): ThumbPoint => ({ ...p, images: Number(p.at.images), workers: Number(p.at.workers), batch: Number(p.at.batch), transport: String(p.at.transport) });

export function buildContext(input: ReportInput): Context {
  const base = buildReportContext(input, { extend: typed });
  const asked = base.params.pool_workers;
  const poolWorkers = asked === 'cores' || asked === undefined ? base.cores : Number(asked);
  const counts = (base.points.values('images') as number[]).sort((a, b) => a - b);
  const sweepAsked = Number(base.params.sweep_images);
  const get: Context['get'] = (strategy, images, { workers = 1, batch = 1, transport = 'paths' } = {}) =>
    images === undefined ? undefined : base.points.at(strategy, { images, workers, batch, transport });
  return {
    ...base,
    poolWorkers: Number.isInteger(poolWorkers) && poolWorkers > 0 ? poolWorkers : base.cores,
    full: counts.at(-1),
    sweep: counts.includes(sweepAsked) ? sweepAsked : counts[0],
    get,
    split: (images, workers) => (images === undefined ? undefined : base.points.one(SPLIT, { images, workers })),
    baselineFor: (p) => (p.strategy === SHARP ? get(SHARP, p.images) : get(p.runtime === 'python' ? SERIAL.python : SERIAL.node, p.images)),
  };
}
