// The gzip rows reduced to what the report reads: one summary per
// (strategy, bundle, workers) point, with the pre-started time (work alone),
// the cold time (start-up plus work, the article's way of timing), the CPU
// split between the parent process and its workers, and lookups by point.

import type { Row } from '../../lib/data/schema.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';
import { groupBy } from '../../lib/stats/group.ts';

export { compare, type Comparison, type Order } from '../../lib/stats/compare.ts';
export { measuredRows } from '../../lib/report/measured.ts';

/** One point's repetitions. */
export interface Point {
  strategy: string;
  runtime: string;
  model: string;
  bundle: string;
  files: number;
  bundle_bytes: number;
  workers: number;
  codec: string;
  connection: string;
  /** Work alone: the pool was started before the clock (pre-started). */
  wall: Summary;
  /** Pool start-up alone; n = 0 for strategies without one. */
  startup: Summary;
  /** Start-up plus work per trial: the article's timing, with the pool created inside the call (cold). */
  cold: Summary;
  /** CPU of the whole tree over wall time: cores kept busy. */
  cores_used: Summary;
  /** CPU of the trial process alone (its threads, not its children) over wall time. */
  parent_cores: Summary;
  /** Everything else (child processes) per worker, over wall time: how busy each worker process was. */
  child_per_worker: Summary;
  /** Total gzipped bytes (the same on every repetition). */
  gzip_bytes: number;
  connections: Summary;
  rows: Row[];
}

const finite = (values: readonly (number | null | undefined)[]) => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const num = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : Number(v));
const cpuOf = (r: Row) => num(r.cpu_user_ms) + num(r.cpu_sys_ms);

export function pointKey(strategy: string, bundle: string, workers: number): string {
  return `${strategy}|${bundle}|${workers}`;
}

export function summarizePoints(rows: readonly Row[]): Point[] {
  const groups = groupBy(rows, (r) => pointKey(r.strategy, String(r.bundle), Number(r.workers)));
  return [...groups.values()].map((g) => {
    const head = g[0]!;
    const workers = Number(head.workers);
    return {
      strategy: head.strategy,
      runtime: head.runtime,
      model: head.model,
      bundle: String(head.bundle),
      files: Number(head.files),
      bundle_bytes: Number(head.bundle_bytes),
      workers,
      codec: String(head.codec),
      connection: String(head.connection ?? ''),
      wall: summarize(finite(g.map((r) => r.wall_ms))),
      startup: summarize(finite(g.map((r) => r.startup_ms))),
      cold: summarize(finite(g.map((r) => num(r.wall_ms) + (r.startup_ms ?? 0)))),
      cores_used: summarize(finite(g.map((r) => cpuOf(r) / num(r.wall_ms)))),
      parent_cores: summarize(finite(g.map((r) => num(r.parent_cpu_ms) / num(r.wall_ms)))),
      child_per_worker: summarize(finite(g.map((r) => (cpuOf(r) - num(r.parent_cpu_ms)) / workers / num(r.wall_ms)))),
      gzip_bytes: summarize(finite(g.map((r) => num(r.gzip_bytes)))).median,
      connections: summarize(finite(g.map((r) => num(r.connections)))),
      rows: g,
    };
  });
}

/** The measured points with lookups by strategy, bundle and worker count. */
export class Points {
  readonly all: Point[];
  readonly #byKey: Map<string, Point>;

  constructor(points: Point[]) {
    this.all = points;
    this.#byKey = new Map(points.map((p) => [pointKey(p.strategy, p.bundle, p.workers), p]));
  }

  get(strategy: string, bundle: string, workers: number): Point | undefined {
    return this.#byKey.get(pointKey(strategy, bundle, workers));
  }

  /** Every point of a strategy on a bundle, fewest workers first. */
  sweep(strategy: string, bundle: string): Point[] {
    return this.all.filter((p) => p.strategy === strategy && p.bundle === bundle).sort((a, b) => a.workers - b.workers);
  }

  /** The only point of a strategy on a bundle, or the one at `workers` when it ran at several. */
  one(strategy: string, bundle: string, workers?: number): Point | undefined {
    const sweep = this.sweep(strategy, bundle);
    if (sweep.length === 1) return sweep[0];
    return workers === undefined ? undefined : sweep.find((p) => p.workers === workers);
  }

  /** Bundles with rows, smallest first. */
  bundles(filter: (p: Point) => boolean = () => true): { bundle: string; bundle_bytes: number; files: number }[] {
    const seen = new Map<string, { bundle: string; bundle_bytes: number; files: number }>();
    for (const p of this.all) if (filter(p)) seen.set(p.bundle, { bundle: p.bundle, bundle_bytes: p.bundle_bytes, files: p.files });
    return [...seen.values()].sort((a, b) => a.bundle_bytes - b.bundle_bytes);
  }
}

/** Input megabytes per second of work (pre-started). */
export function throughput(p: Point): number {
  return p.bundle_bytes / 1e6 / (p.wall.median / 1000);
}

/** The point with the smallest median of `which` time. */
export function fastest(points: readonly Point[], which: 'wall' | 'cold' = 'wall'): Point | undefined {
  return points.reduce<Point | undefined>((best, p) => (!best || p[which].median < best[which].median ? p : best), undefined);
}

/**
 * Speed-up of `p` over `serial` per repetition (serial time / p's time, paired
 * by repetition index), summarized: a spread to compare speed-ups with.
 */
export function pairedSpeedup(serial: Point, p: Point, which: 'wall' | 'cold'): Summary {
  const time = (r: Row) => (which === 'cold' ? num(r.wall_ms) + (r.startup_ms ?? 0) : num(r.wall_ms));
  const byRep = new Map(serial.rows.map((r) => [r.rep, time(r)]));
  return summarize(finite(p.rows.map((r) => (byRep.get(r.rep) ?? NaN) / time(r))));
}
