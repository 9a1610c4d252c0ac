// Each point's metrics, the article's and the corrected, as estimates with
// their 95 % intervals (lib/stats/interval.ts): CPU shares as arithmetic means
// of the per-repetition shares, throughputs and speed-ups as ratios of
// geometric means of wall times.

import type { Row } from '../../lib/data/schema.ts';
import { cpuOf, valuesOf } from '../../lib/report/points.ts';
import { geoMeanInterval, invertInterval, meanInterval, ratioInterval, scaleInterval, type Interval } from '../../lib/stats/interval.ts';
import { baselineOf, num, oneTaskOf, type Context, type PoolPoint } from './context.ts';

/** The most cores a pool of the point's size can use here. */
export const usable = (ctx: Context, p: PoolPoint) => Math.min(p.workers, ctx.cores);

const spans = (p: PoolPoint) => valuesOf(p, (r) => num(r.span_ms));

// candidate for lib: meanInterval bounded to a quantity's range (lib/stats/interval.ts).
/** A CPU share's mean with its t-interval, the lower bound kept at 0: a share cannot be negative. */
function shareInterval(values: number[]): Interval {
  const i = meanInterval(values);
  return { ...i, lo: Math.max(0, i.lo) };
}

/** The article's "GIL efficiency": its CPU count (process + live children) ÷ (span × workers), per repetition. */
export function articleGil(p: PoolPoint): Interval {
  return shareInterval(valuesOf(p, (r) => num(r.article_cpu_ms) / (num(r.span_ms) * p.workers)));
}

/** Whole-tree CPU of the work ÷ (wall × min(workers, cores)): 1 is every usable core busy. */
export function correctedGil(ctx: Context, p: PoolPoint): Interval {
  return shareInterval(valuesOf(p, (r) => (cpuOf(r) ?? NaN) / (num(r.wall_ms) * usable(ctx, p))));
}

/** The share of the whole tree's CPU over the span that the article's count sees (cpu-accounting.ts). */
export function seenShare(p: PoolPoint): Interval {
  return shareInterval(valuesOf(p, (r: Row) => (num(r.tree_cpu_ms) > 0 ? num(r.article_cpu_ms) / num(r.tree_cpu_ms) : NaN)));
}

/** Tasks per second, of the work alone or over the article's window (start-up and shutdown included). */
export function throughput(p: PoolPoint, window: 'work' | 'span' = 'work'): Interval {
  return scaleInterval(invertInterval(geoMeanInterval(window === 'work' ? p.walls : spans(p))), p.tasks * 1000);
}

/** The article's speed-up: span of its runtime's one task on one worker ÷ span. */
export function articleSpeedup(ctx: Context, p: PoolPoint): Interval {
  const base = baselineOf(ctx, p);
  return ratioInterval(base ? spans(base) : [], spans(p));
}

export interface Corrected {
  /** tasks × wall of one task on a pool of one ÷ wall: perfect parallelism reads min(workers, cores). */
  speedup: Interval;
  /** speedup ÷ min(workers, cores). */
  efficiency: Interval;
  /** Whose single task it divides by: the same strategy's, the runtime's baseline (where the own is missing), or none. */
  over: 'own' | 'runtime' | 'none';
  one: PoolPoint | undefined;
}

export function corrected(ctx: Context, p: PoolPoint): Corrected {
  const own = oneTaskOf(ctx, p);
  const one = own ?? baselineOf(ctx, p);
  const speedup = scaleInterval(ratioInterval(one?.walls ?? [], p.walls), p.tasks);
  return { speedup, efficiency: scaleInterval(speedup, 1 / usable(ctx, p)), over: own ? 'own' : one ? 'runtime' : 'none', one };
}

/** A quantity over its geometric mean and interval (RSS, start-up): `f` per clean repetition. */
export const geoOf = (p: PoolPoint, f: (r: Row) => number) => geoMeanInterval(valuesOf(p, f));

/**
 * What a pool's corrected speed-up efficiency E is made of, per clean repetition:
 * E = busy × alone⁻¹ ÷ cpuPerTask, where busy = whole-tree CPU ÷ (wall × usable cores),
 * cpuPerTask = the pool's CPU per task ÷ the same task's CPU alone on one worker, and
 * alone = that single task's CPU ÷ its wall. The start-up's share of the article's window
 * is beside them: it weighs on the article's metrics, not on E (the work alone).
 */
export interface EfficiencyParts {
  busy: Interval;
  cpuPerTask: Interval;
  alone: Interval;
  startupShare: Interval;
}

export function efficiencyParts(ctx: Context, p: PoolPoint): EfficiencyParts | undefined {
  const one = oneTaskOf(ctx, p);
  if (!one) return undefined;
  return {
    busy: correctedGil(ctx, p),
    cpuPerTask: ratioInterval(valuesOf(p, (r) => (cpuOf(r) ?? NaN) / p.tasks), valuesOf(one, (r) => cpuOf(r) ?? NaN)),
    alone: shareInterval(valuesOf(one, (r) => (cpuOf(r) ?? NaN) / num(r.wall_ms))),
    startupShare: shareInterval(valuesOf(p, (r) => num(r.startup_ms) / num(r.span_ms))),
  };
}
