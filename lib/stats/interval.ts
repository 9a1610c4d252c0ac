// Intervals on the quantities a verdict turns on. Times are positive and their
// noise is multiplicative, so every interval is computed on log values: a ratio
// of two strategies' times is a difference of mean logs, a ratio of ratios a sum
// of four, and its 95 % interval comes from Welch's t with the
// Welch–Satterthwaite degrees of freedom (Welch 1947). The estimate is thus a
// ratio of geometric means. At 3–5 repetitions this is honest where a bootstrap
// of medians is not (the median of 3 resamples can take only 3 values), it needs
// no random numbers (reports stay byte-stable), and a side with one repetition
// gives an unbounded interval: it cannot decide anything.

import { studentTQuantile } from './student-t.ts';

export interface Interval {
  /** The estimate: a ratio of geometric means, or a geometric mean. */
  value: number;
  /** The 95 % interval (or `level`'s); ±Infinity when a side has too few values. */
  lo: number;
  hi: number;
  /** The fewest values on any side. */
  n: number;
}

export const INTERVAL_DEFAULTS = { level: 0.95 } as const;

export interface IntervalOptions {
  level?: number;
}

/** One term of a log contrast: the mean log of `values`, added with `sign`. */
export interface Term {
  values: readonly number[];
  sign: 1 | -1;
}

const positive = (values: readonly number[]) => values.filter((v) => Number.isFinite(v) && v > 0);

function logStats(values: readonly number[]): { n: number; mean: number; variance: number } {
  const logs = positive(values).map(Math.log);
  const n = logs.length;
  const mean = logs.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : NaN;
  return { n, mean, variance };
}

/**
 * exp(Σ sign · mean(log values)) with its interval: a ratio of geometric means
 * (two terms), a ratio of ratios (four), or one geometric mean (one term).
 */
export function logContrast(terms: readonly Term[], options: IntervalOptions = {}): Interval {
  const { level } = { ...INTERVAL_DEFAULTS, ...options };
  const stats = terms.map((t) => ({ ...logStats(t.values), sign: t.sign }));
  const n = stats.length ? Math.min(...stats.map((s) => s.n)) : 0;
  if (n === 0) return { value: NaN, lo: NaN, hi: NaN, n: 0 };
  const estimate = stats.reduce((s, t) => s + t.sign * t.mean, 0);
  const value = Math.exp(estimate);
  if (n < 2) return { value, lo: 0, hi: Infinity, n };
  const parts = stats.map((s) => s.variance / s.n);
  const se2 = parts.reduce((s, v) => s + v, 0);
  if (se2 === 0) return { value, lo: value, hi: value, n };
  // Welch–Satterthwaite: the degrees of freedom of a sum of independent variances.
  const df = se2 ** 2 / parts.reduce((s, v, i) => s + v ** 2 / (stats[i]!.n - 1), 0);
  const half = studentTQuantile(1 - (1 - level) / 2, df) * Math.sqrt(se2);
  return { value, lo: Math.exp(estimate - half), hi: Math.exp(estimate + half), n };
}

/** a / b: the ratio of the geometric means of two independent samples (e.g. two strategies' times). */
export function ratioInterval(a: readonly number[], b: readonly number[], options?: IntervalOptions): Interval {
  return logContrast([{ values: a, sign: 1 }, { values: b, sign: -1 }], options);
}

/** The geometric mean of one sample (e.g. per-trial speed-ups, or one point's times). */
export function geoMeanInterval(values: readonly number[], options?: IntervalOptions): Interval {
  return logContrast([{ values, sign: 1 }], options);
}

/** (a / b) / (c / d): whether one ratio is larger than another, each side independent. */
export function ratioOfRatiosInterval(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[], options?: IntervalOptions): Interval {
  return logContrast(
    [
      { values: a, sign: 1 },
      { values: b, sign: -1 },
      { values: c, sign: -1 },
      { values: d, sign: 1 },
    ],
    options,
  );
}

/**
 * The arithmetic mean of one sample with its t-interval, for quantities that are
 * not positive ratios (a CPU share, a difference). n < 2 gives an unbounded interval.
 */
export function meanInterval(values: readonly number[], options: IntervalOptions = {}): Interval {
  const { level } = { ...INTERVAL_DEFAULTS, ...options };
  const v = values.filter(Number.isFinite);
  const n = v.length;
  if (n === 0) return { value: NaN, lo: NaN, hi: NaN, n: 0 };
  const mean = v.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { value: mean, lo: -Infinity, hi: Infinity, n };
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { value: mean, lo: mean - half, hi: mean + half, n };
}

/** The interval scaled by a constant (e.g. a speed-up over the ideal). */
export function scaleInterval(i: Interval, k: number): Interval {
  return k >= 0 ? { ...i, value: i.value * k, lo: i.lo * k, hi: i.hi * k } : { ...i, value: i.value * k, lo: i.hi * k, hi: i.lo * k };
}

/** 1 / interval: turns a time ratio into a speed-up. */
export function invertInterval(i: Interval): Interval {
  return { value: 1 / i.value, lo: i.hi === Infinity ? 0 : 1 / i.hi, hi: i.lo === 0 ? Infinity : 1 / i.lo, n: i.n };
}

/** Relative half-width of an interval around its estimate, on the log scale: 0.05 is about ±5 %. */
export function relativeHalfWidth(i: Interval): number {
  if (!(i.lo > 0) || !Number.isFinite(i.hi)) return Infinity;
  return Math.expm1(Math.log(i.hi / i.lo) / 2);
}
