// The thumbnail rows reduced to what the report reads: one summary per point
// (strategy, photos, workers, batch, transport) of real, user and sys time,
// with lookups by point and the derived quantities the claims use.

import type { Row } from '../../lib/data/schema.ts';
import { groupBy } from '../../lib/stats/group.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';

export const SERIAL = { node: 'node-serial', python: 'python-serial' } as const;
export const NODE_POOLS = ['node-threads', 'node-processes'] as const;
export const SHARP = 'node-sharp';
export const PY_PROCESSES = 'python-processes';
export const PY_THREADS = 'python-threads';
/** The static split: one equal share of the photos per child process, no dispatch between photos (a pool without a queue). */
export const SPLIT = 'node-split';

export interface Point {
  strategy: string;
  runtime: string;
  model: string;
  images: number;
  workers: number;
  batch: number;
  transport: string;
  /** real, user, sys and user + sys of the work, per trial. */
  wall: Summary;
  user: Summary;
  sys: Summary;
  cpu: Summary;
  /** (user + sys) / real: how many cores the work kept busy on average. */
  busyCores: Summary;
  /** Pool (or library) start-up alone; n = 0 when the strategy has none. */
  startup: Summary;
  rows: Row[];
}

const finite = (values: (number | null | undefined)[]) => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const cpuOf = (r: Row) => (r.cpu_user_ms === null || r.cpu_sys_ms === null ? null : r.cpu_user_ms + r.cpu_sys_ms);

export function summarizePoints(rows: readonly Row[]): Point[] {
  const groups = groupBy(rows, (r) => [r.strategy, r.images, r.workers, r.batch, r.transport].join('|'));
  return [...groups.values()].map((g) => {
    const head = g[0]!;
    return {
      strategy: head.strategy,
      runtime: head.runtime,
      model: head.model,
      images: Number(head.images),
      workers: Number(head.workers),
      batch: Number(head.batch),
      transport: String(head.transport),
      wall: summarize(finite(g.map((r) => r.wall_ms))),
      user: summarize(finite(g.map((r) => r.cpu_user_ms))),
      sys: summarize(finite(g.map((r) => r.cpu_sys_ms))),
      cpu: summarize(finite(g.map(cpuOf))),
      busyCores: summarize(finite(g.map((r) => (r.wall_ms && cpuOf(r) !== null ? cpuOf(r)! / r.wall_ms : null)))),
      startup: summarize(finite(g.map((r) => r.startup_ms))),
      rows: g,
    };
  });
}

export interface Where {
  workers?: number;
  batch?: number;
  transport?: string;
}

/** The measured points with lookups; `batch` defaults to 1 and `transport` to paths, the article's setting. */
export class Points {
  readonly all: Point[];

  constructor(points: Point[]) {
    this.all = points;
  }

  get(strategy: string, images: number | undefined, { workers = 1, batch = 1, transport = 'paths' }: Where = {}): Point | undefined {
    return this.all.find((p) => p.strategy === strategy && p.images === images && p.workers === workers && p.batch === batch && p.transport === transport);
  }

  /** A strategy over worker counts at batch 1 with paths, fewest workers first. */
  sweep(strategy: string, images: number | undefined): Point[] {
    return this.all.filter((p) => p.strategy === strategy && p.images === images && p.batch === 1 && p.transport === 'paths').sort((a, b) => a.workers - b.workers);
  }

  /** A strategy over batch sizes at a worker count with paths, smallest batch first. */
  batches(strategy: string, images: number | undefined, workers: number): Point[] {
    return this.all.filter((p) => p.strategy === strategy && p.images === images && p.workers === workers && p.transport === 'paths').sort((a, b) => a.batch - b.batch);
  }

  /** The static split of `images` photos over `workers` processes (its batch is the share, whatever it came to). */
  split(images: number | undefined, workers: number): Point | undefined {
    return this.all.find((p) => p.strategy === SPLIT && p.images === images && p.workers === workers);
  }

  /** Photo counts that have rows of `strategy`, smallest first. */
  imageCounts(strategy?: string): number[] {
    return [...new Set(this.all.filter((p) => !strategy || p.strategy === strategy).map((p) => p.images))].sort((a, b) => a - b);
  }

  /** The serial baseline a point is compared with: its runtime's for loop, or sharp with one photo in flight. */
  baselineFor(p: Point): Point | undefined {
    if (p.strategy === SHARP) return this.get(SHARP, p.images, { workers: 1 });
    return this.get(p.runtime === 'python' ? SERIAL.python : SERIAL.node, p.images);
  }
}

/** Baseline median over the point's median: how many times faster. */
export function speedup(baseline: Point, p: Point): number {
  return baseline.wall.median / p.wall.median;
}

/** The point with the smallest median wall time. */
export function fastest(points: readonly (Point | undefined)[]): Point | undefined {
  return points.reduce<Point | undefined>((best, p) => (p && (!best || p.wall.median < best.wall.median) ? p : best), undefined);
}

/** Per photo, in ms: a point's median of `measure` over its number of photos. */
export function perPhoto(p: Point, measure: 'wall' | 'cpu' = 'wall'): number {
  return p[measure].median / p.images;
}

/** Every value a metric column took in a point's trials. */
export function metricValues(p: Point, column: string): number[] {
  return finite(p.rows.map((r) => (r[column] === null || r[column] === undefined ? null : Number(r[column]))));
}

export { compare, type Comparison, type Order } from '../../lib/stats/compare.ts';
export { measuredRows } from '../../lib/report/measured.ts';
