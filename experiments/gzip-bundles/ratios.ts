// The gzip report's intervals beyond lib's point-to-point ratios: cold times
// (start-up plus work, the article's timing), speed-ups paired by repetition,
// the geometric mean of several bundles' ratios, and throughput.

import { geoMeanInterval, invertInterval, logContrast, ratioInterval, scaleInterval, type Interval, type Term } from '../../lib/stats/interval.ts';
import type { Row } from '../../lib/data/schema.ts';
import type { GzipPoint } from './context.ts';

/** The point with the smallest median cold time (the selection; intervals come after). */
export function fastestCold<P extends GzipPoint>(points: readonly P[]): P | undefined {
  return points.reduce<P | undefined>((best, p) => (!best || p.cold.median < best.cold.median ? p : best), undefined);
}

/** a's cold time over b's (start-up plus work): above 1, a takes longer. */
export function coldRatio(a: GzipPoint, b: GzipPoint): Interval {
  return ratioInterval(a.colds, b.colds);
}

const coldOf = (r: Row) => (r.wall_ms === null ? NaN : r.wall_ms + (r.startup_ms ?? 0));

/**
 * serial's cold time over p's, per repetition index both have: the runner runs
 * repetition i of every cell in one pass over the plan, so a pair shares that
 * pass's machine state. Repetitions only one side has (calibration extras) drop out.
 */
export function pairedSpeedups(serial: GzipPoint, p: GzipPoint): number[] {
  const byRep = new Map(serial.rows.map((r) => [r.rep, coldOf(r)]));
  return p.rows.map((r) => (byRep.get(r.rep) ?? NaN) / coldOf(r)).filter((x) => Number.isFinite(x) && x > 0);
}

// candidate for lib: the geometric mean of k ratios a_i / b_i with its interval
// (lib/stats/interval.ts has the product as a log contrast; its k-th root keeps the bounds' order).
/** (Π a_i / b_i)^(1/k): how a compares with b on k cases at once, each case weighing alike. */
export function geoMeanOfRatios(pairs: readonly (readonly [readonly number[], readonly number[]])[]): Interval {
  const k = pairs.length;
  if (k === 0) return { value: NaN, lo: NaN, hi: NaN, n: 0 };
  const terms: Term[] = pairs.flatMap(([a, b]) => [{ values: a, sign: 1 as const }, { values: b, sign: -1 as const }]);
  const product = logContrast(terms);
  const root = (x: number) => (x === Infinity ? Infinity : x ** (1 / k));
  return { ...product, value: root(product.value), lo: root(product.lo), hi: root(product.hi) };
}

/** MiB of input gzipped per second of work (pre-started), with its interval. */
export function throughput(p: GzipPoint): Interval {
  return scaleInterval(invertInterval(geoMeanInterval(p.walls)), (p.bundle_bytes / 2 ** 20) * 1000);
}
