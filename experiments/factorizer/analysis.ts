// The factorizer's rows reduced to what the report reads: one summary per
// (strategy, set, workers) point, lookups by point, speed-ups and a comparison
// rule that weighs medians against the spread of the repetitions.

import type { Row } from '../../lib/data/schema.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';
import { groupBy } from '../../lib/stats/group.ts';

export const SERIAL = { node: 'node-serial', python: 'python-serial' } as const;
export const EVENT_LOOP = 'node-event-loop';
export const PY_THREADS = 'python-threads';
export const PY_PROCESSES = 'python-processes';
/** Node's pools: worker threads and child processes, each with static chunks and dynamic batches. */
export const POOLS = ['node-threads-static', 'node-threads-dynamic', 'node-processes-static', 'node-processes-dynamic'] as const;

/** One point's repetitions. */
export interface Point {
  strategy: string;
  runtime: string;
  model: string;
  set: string;
  numbers: number;
  workers: number;
  wall: Summary;
  /** Pool start-up alone; n = 0 for strategies without one. */
  startup: Summary;
  /** Start-up plus work, per trial: what a caller who starts the pool for this one job waits. */
  total: Summary;
  rows: Row[];
}

const finite = (values: (number | null)[]) => values.filter((v): v is number => v !== null && Number.isFinite(v));

export function summarizePoints(rows: readonly Row[]): Point[] {
  const groups = groupBy(rows, (r) => `${r.strategy}|${r.set}|${r.workers}`);
  return [...groups.values()].map((g) => {
    const head = g[0]!;
    return {
      strategy: head.strategy,
      runtime: head.runtime,
      model: head.model,
      set: String(head.set),
      numbers: Number(head.numbers),
      workers: Number(head.workers),
      wall: summarize(finite(g.map((r) => r.wall_ms))),
      startup: summarize(finite(g.map((r) => r.startup_ms))),
      total: summarize(finite(g.map((r) => (r.wall_ms ?? NaN) + (r.startup_ms ?? 0)))),
      rows: g,
    };
  });
}

/** The measured points with lookups by strategy, set and worker count. */
export class Points {
  readonly all: Point[];
  readonly #byKey: Map<string, Point>;

  constructor(points: Point[]) {
    this.all = points;
    this.#byKey = new Map(points.map((p) => [`${p.strategy}|${p.set}|${p.workers}`, p]));
  }

  get(strategy: string, set: string, workers: number): Point | undefined {
    return this.#byKey.get(`${strategy}|${set}|${workers}`);
  }

  /** Every measured point of a strategy on a set, fewest workers first. */
  sweep(strategy: string, set: string): Point[] {
    return this.all.filter((p) => p.strategy === strategy && p.set === set).sort((a, b) => a.workers - b.workers);
  }

  /** The serial baseline of the same runtime on the same set. */
  serialFor(p: Point): Point | undefined {
    return this.get(p.runtime === 'python' ? SERIAL.python : SERIAL.node, p.set, 1);
  }

  /** Sets that have rows, smallest first: [name, count of numbers]. */
  sets(filter: (p: Point) => boolean = () => true): { set: string; numbers: number }[] {
    const seen = new Map<string, number>();
    for (const p of this.all) if (filter(p)) seen.set(p.set, p.numbers);
    return [...seen].map(([set, numbers]) => ({ set, numbers })).sort((a, b) => a.numbers - b.numbers);
  }

  /** The largest set on which `strategy` and its serial baseline both ran. */
  largestSetWith(strategy: string, serial: string): string | undefined {
    const sets = this.sets((p) => p.strategy === strategy).filter(({ set }) => this.get(serial, set, 1));
    return sets.at(-1)?.set;
  }
}

/** Serial median over the point's median: how many times faster than the serial loop. */
export function speedup(serial: Point, p: Point): number {
  return serial.wall.median / p.wall.median;
}

/** The point of a sweep with the smallest median wall time. */
export function fastest(points: readonly Point[]): Point | undefined {
  return points.reduce<Point | undefined>((best, p) => (!best || p.wall.median < best.wall.median ? p : best), undefined);
}

export { compare, type Comparison, type Order } from '../../lib/stats/compare.ts';
export { measuredRows } from '../../lib/report/measured.ts';

/** Per-trial busy time of each worker, from the `workers` side table. */
export interface BusyTrial {
  point: Point;
  trial: number;
  /** Busy time per worker, busiest first, padded with zeros to the pool size. */
  busy_ms: number[];
  /** Busiest worker over the mean of all workers: 1 is perfect balance. */
  imbalance: number;
}

export function busyTrials(points: Points, table: readonly Record<string, string | number | null>[], machineId: string): BusyTrial[] {
  const byTrial = groupBy(
    table.filter((r) => r.machine_id === machineId),
    (r) => String(r.trial),
  );
  const out: BusyTrial[] = [];
  for (const p of points.all) {
    for (const row of p.rows) {
      const workers = byTrial.get(String(row.trial));
      if (!workers) continue;
      const busy = finite(workers.map((w) => (w.busy_ms === null ? null : Number(w.busy_ms)))).sort((a, b) => b - a);
      // A worker that got no task does not appear in the table: it was idle throughout.
      while (busy.length < p.workers) busy.push(0);
      const mean = busy.reduce((s, b) => s + b, 0) / busy.length;
      if (!(mean > 0)) continue;
      out.push({ point: p, trial: row.trial, busy_ms: busy, imbalance: busy[0]! / mean });
    }
  }
  return out;
}

/** Median imbalance over a point's repetitions (NaN when none was recorded). */
export function imbalanceOf(busy: readonly BusyTrial[], p: Point): Summary {
  return summarize(busy.filter((b) => b.point === p).map((b) => b.imbalance));
}
