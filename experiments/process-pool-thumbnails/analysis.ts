// The quantities the thumbnail report derives from a point's repetitions, each
// with its 95 % interval from lib/stats/interval.ts: CPU against CPU, busy
// cores, start-up against work, speed-up over the point's own baseline, and
// the per-photo medians the figures draw.

import type { Row } from '../../lib/data/schema.ts';
import { cpuOf, speedup, valuesOf } from '../../lib/report/points.ts';
import { median } from '../../lib/stats/quantile.ts';
import { geoMeanInterval, ratioInterval, type Interval } from '../../lib/stats/interval.ts';
import { NODE_POOLS, type Context, type ThumbPoint } from './context.ts';

/** a's user + sys over b's: how much more (or less) CPU time a's work took. */
export const cpuRatio = (a: ThumbPoint, b: ThumbPoint): Interval => ratioInterval(valuesOf(a, cpuOf), valuesOf(b, cpuOf));

const busyOf = (r: Row) => (r.wall_ms && cpuOf(r) !== null ? cpuOf(r)! / r.wall_ms : null);

/** (user + sys) / real: how many cores the work kept busy on average. */
export const busyCores = (p: ThumbPoint): Interval => geoMeanInterval(valuesOf(p, busyOf));

/** The pool's start-up over its work; n = 0 when it has none. */
export const startupShare = (p: ThumbPoint): Interval => ratioInterval(valuesOf(p, (r) => r.startup_ms), p.walls);

/** The point's speed-up over its own baseline (see Context.baselineFor), undefined for a baseline itself. */
export function speedupOf(ctx: Context, p: ThumbPoint): Interval | undefined {
  const base = ctx.baselineFor(p);
  return base && base !== p ? speedup(base, p) : undefined;
}

/** The pure-JS pool with the highest speed-up over the serial loop on the same photos (by its estimate). */
export function bestPureJsPool(ctx: Context): { pool: ThumbPoint; speedup: Interval } | undefined {
  const pools = ctx.points.all.filter((p) => (NODE_POOLS as readonly string[]).includes(p.strategy));
  const scored = pools.flatMap((pool) => {
    const s = speedupOf(ctx, pool);
    return s && Number.isFinite(s.value) ? [{ pool, speedup: s }] : [];
  });
  return scored.reduce<(typeof scored)[number] | undefined>((best, x) => (!best || x.speedup.value > best.speedup.value ? x : best), undefined);
}

/** Per photo, in ms: a point's median of `measure` over its number of photos (descriptive: the figures' bars). */
export function perPhoto(p: ThumbPoint, measure: 'wall' | 'cpu' = 'wall'): number {
  const values = measure === 'wall' ? p.walls : valuesOf(p, cpuOf);
  return values.length ? median(values) / p.images : NaN;
}

/** Every value a metric column took in a point's trials. */
export const metricValues = (p: ThumbPoint, column: string): number[] => valuesOf(p, (r) => (r[column] === null || r[column] === undefined ? null : Number(r[column])));
