// What every part of the report reads: lib's report context (clean rows,
// points, cores, missing peers), each point typed with its four columns and its photos' long side, the
// pool size of the article's comparison, the two photo counts (the full set
// and the sweeps' subset) and the lookups the sections share. The article's
// questions (T1–T5, the sweeps) are asked of the Flickr-size photos only:
// `points` and `rows` hold those; the camera-size set (told apart by its
// photo count, its rows by their `long_side` metric) is in `allPoints`.

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { buildReportContext, type ReportContext } from '../../lib/report/context.ts';
import { Points, type Point } from '../../lib/report/points.ts';
import { PHOTO } from './photos.ts';

export const SERIAL = { node: 'node-serial', python: 'python-serial' } as const;
export const NODE_POOLS = ['node-threads', 'node-processes'] as const;
export const SHARP = 'node-sharp';
/** Every way of making the thumbnails with sharp, in display order (strategies.ts). */
export const SHARP_WAYS = ['node-sharp', 'node-sharp-buffers', 'node-sharp-tuned', 'node-sharp-workers'] as const;
/** The stage breakdowns: measurements, not ways to make thumbnails; their numbers are in the `stages` side table. */
export const STAGES = { node: 'node-sharp-stages', python: 'python-stages' } as const;
const isStages = (strategy: string) => strategy === STAGES.node || strategy === STAGES.python;
export const PY_PROCESSES = 'python-processes';
export const PY_THREADS = 'python-threads';
/** The static split: one equal share of the photos per child process, no dispatch between photos (a pool without a queue). */
export const SPLIT = 'node-split';

export interface ThumbPoint extends Point {
  images: number;
  workers: number;
  batch: number;
  transport: string;
  /** Pixels on the photos' longest side: the rows' `long_side` metric (rows from before sizes were a parameter: Flickr's 500). */
  longSide: number;
}

/** A photo's long side in a row (rows from before sizes were a parameter hold none: Flickr's 500). */
export const longSideOf = (r: Row): number => (r.long_side === null || r.long_side === undefined || r.long_side === '' ? PHOTO.longSide : Number(r.long_side));

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
  /** The serial baseline a point is compared with: its runtime's for loop, or, for every way with sharp, sharp with one photo in flight. */
  baselineFor(p: ThumbPoint): ThumbPoint | undefined;
  /** Every measured point, of every photo size, the stage breakdowns' too (`points` holds the Flickr-size ways to make thumbnails). */
  allPoints: Points<ThumbPoint>;
  /** The long sides measured, ascending (Flickr's 500 first). */
  longSides: number[];
}

const typed = (p: Point): ThumbPoint => ({
  ...p,
  images: Number(p.at.images),
  workers: Number(p.at.workers),
  batch: Number(p.at.batch),
  transport: String(p.at.transport),
  longSide: p.rows.length ? longSideOf(p.rows[0]!) : PHOTO.longSide,
});

export function buildContext(input: ReportInput): Context {
  const whole = buildReportContext(input, { extend: typed });
  const allPoints = whole.points;
  const flickr = (p: ThumbPoint) => p.longSide === PHOTO.longSide && !isStages(p.strategy);
  const base = { ...whole, points: new Points(allPoints.all.filter(flickr)), rows: whole.rows.filter((r) => longSideOf(r) === PHOTO.longSide && !isStages(r.strategy)) };
  const asked = base.params.pool_workers;
  const poolWorkers = asked === 'cores' || asked === undefined ? base.cores : Number(asked);
  const counts = (base.points.values('images') as number[]).sort((a, b) => a - b);
  const sweepAsked = Number(base.params.sweep_images);
  const one = (points: ThumbPoint[]) => (points.length === 1 ? points[0] : undefined);
  const get: Context['get'] = (strategy, images, { workers = 1, batch = 1, transport = 'paths' } = {}) =>
    images === undefined ? undefined : one(base.points.where(strategy, { images, workers, batch, transport }));
  const longSides = [...new Set(allPoints.all.map((p) => p.longSide))].sort((a, b) => a - b);
  return {
    ...base,
    poolWorkers: Number.isInteger(poolWorkers) && poolWorkers > 0 ? poolWorkers : base.cores,
    full: counts.at(-1),
    sweep: counts.includes(sweepAsked) ? sweepAsked : counts[0],
    get,
    split: (images, workers) => (images === undefined ? undefined : base.points.one(SPLIT, { images, workers })),
    baselineFor: (p) => ((SHARP_WAYS as readonly string[]).includes(p.strategy) ? get(SHARP, p.images) : get(p.runtime === 'python' ? SERIAL.python : SERIAL.node, p.images)),
    allPoints,
    longSides,
  };
}
