// The fixed cost of each model, from the `payload` trials: start-up of a pool
// of each size, the idle memory one more worker adds, and the time of one
// payload's round trip to a task and back, each with its 95 % interval.

import type { Point } from '../../lib/report/points.ts';
import { valuesOf } from '../../lib/report/points.ts';
import { geoMeanInterval, type Interval } from '../../lib/stats/interval.ts';
import { studentTQuantile } from '../../lib/stats/student-t.ts';
import type { Context } from './context.ts';

export interface PoolCost {
  strategy: string;
  /** Start-up (ms) at each pool size, the smallest payload's trials. */
  startup: { workers: number; ms: Interval; values: number[] }[];
  /** RSS of the tree one more idle worker adds (bytes): the slope over every trial, with its t-interval; null under 3 trials or 2 sizes. */
  idlePerWorker: Interval | null;
  /** One round trip (ms) of each payload size on a pool of one: wall ÷ round trips. */
  roundTrip: { bytes: number; ms: Interval; values: number[] }[];
}

/**
 * Least-squares slope of y on x with its t-interval (n − 2 degrees of freedom):
 * what one more unit of x adds. Null under three points or two distinct x.
 */
export function slopeInterval(points: readonly { x: number; y: number }[], level = 0.95): Interval | null {
  const n = points.length;
  if (n < 3 || new Set(points.map((p) => p.x)).size < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  const sse = points.reduce((s, p) => s + (p.y - my - slope * (p.x - mx)) ** 2, 0);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 2) * Math.sqrt(sse / (n - 2) / sxx);
  return { value: slope, lo: slope - half, hi: slope + half, n };
}

const byNumber = (column: string) => (a: Point, b: Point) => Number(a.at[column]) - Number(b.at[column]);

/** Each strategy with payload trials, in declaration order. */
export function poolCosts(ctx: Context): PoolCost[] {
  return ctx.experiment.strategies.flatMap(({ name }) => {
    const points = ctx.payload.where(name);
    if (points.length === 0) return [];
    const smallest = Math.min(...points.map((p) => Number(p.at.n)));
    const sizes = points.filter((p) => Number(p.at.n) === smallest).sort(byNumber('workers'));
    const startup = sizes.map((p) => {
      const values = valuesOf(p, (r) => r.startup_ms);
      return { workers: Number(p.at.workers), ms: geoMeanInterval(values), values };
    });
    const idle = sizes.flatMap((p) => valuesOf(p, (r) => r.rss_base_bytes).map((y) => ({ x: Number(p.at.workers), y })));
    const roundTrip = points
      .filter((p) => Number(p.at.workers) === 1)
      .sort(byNumber('n'))
      .map((p) => {
        const values = valuesOf(p, (r) => (r.wall_ms === null ? null : r.wall_ms / Number(p.at.tasks)));
        return { bytes: Number(p.at.n), ms: geoMeanInterval(values), values };
      });
    return [{ strategy: name, startup, idlePerWorker: slopeInterval(idle), roundTrip }];
  });
}
