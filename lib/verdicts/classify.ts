// The one classification every verdict and every "slower", "faster" or "the
// same" in a report comes from. A ratio (a time over a baseline time) is
// classified by its 95 % interval, never by its estimate alone:
//   the same   the whole interval within ±tolerance of 1
//   slower     the whole interval above 1 (and not the same)
//   faster     the whole interval below 1 (and not the same)
//   unclear    otherwise: the interval straddles 1 and reaches past the tolerance
// A threshold holds when the whole interval is on its side, fails when the
// whole interval is on the other side, and is undecided when it straddles.

import type { Interval } from '../stats/interval.ts';

export type Order = 'slower' | 'faster' | 'same' | 'unclear';
export type Outcome = 'holds' | 'fails' | 'undecided';

export const CLASSIFY_DEFAULTS = {
  /** Ratios whose whole interval lies within this of 1 are "the same": below the noise of a shared VM. */
  tolerance: 0.02,
  /** Fewer repetitions than this on a side: too few to judge by, whatever the interval says. */
  minReps: 3,
} as const;

export interface ClassifyOptions {
  tolerance?: number;
  minReps?: number;
}

const resolve = (o: ClassifyOptions) => ({ ...CLASSIFY_DEFAULTS, ...o });

/** True when the estimate rests on too few repetitions (or none) to judge. */
export function tooThin(i: Interval, options: ClassifyOptions = {}): boolean {
  return !(i.n >= resolve(options).minReps) || !Number.isFinite(i.value);
}

/** The order of a time ratio a / b: 'slower' means a takes longer. */
export function orderOf(i: Interval, options: ClassifyOptions = {}): Order {
  const { tolerance } = resolve(options);
  if (tooThin(i, options)) return 'unclear';
  const band = Math.log1p(tolerance);
  if (Math.log(i.lo) >= -band && Math.log(i.hi) <= band) return 'same';
  if (i.lo > 1) return 'slower';
  if (i.hi < 1) return 'faster';
  return 'unclear';
}

/** What a check expects of its estimate. */
export type Expectation =
  /** A time ratio: a is slower than b, faster, or the same (within the tolerance). */
  | { order: 'slower' | 'faster' | 'same' }
  /** A quantity above (or below) a threshold. */
  | { above: number }
  | { below: number }
  /** A quantity within [lo, hi]. */
  | { within: readonly [number, number] };

/**
 * Whether an estimate meets its expectation, judged by the whole interval.
 * For an order: 'slower' holds when the interval is classed slower, and fails
 * when the interval rules out a slowdown beyond the tolerance (hi ≤ 1 + tolerance).
 */
export function outcomeOf(i: Interval, expect: Expectation, options: ClassifyOptions = {}): Outcome {
  const { tolerance } = resolve(options);
  if (tooThin(i, options)) return 'undecided';
  if ('order' in expect) {
    const order = orderOf(i, options);
    if (order === expect.order) return 'holds';
    const up = 1 + tolerance;
    if (expect.order === 'slower') return i.hi <= up ? 'fails' : 'undecided';
    if (expect.order === 'faster') return i.lo >= 1 / up ? 'fails' : 'undecided';
    // 'same' fails only when the interval is wholly outside the band.
    return i.lo > up || i.hi < 1 / up ? 'fails' : 'undecided';
  }
  if ('above' in expect) return i.lo > expect.above ? 'holds' : i.hi <= expect.above ? 'fails' : 'undecided';
  if ('below' in expect) return i.hi < expect.below ? 'holds' : i.lo >= expect.below ? 'fails' : 'undecided';
  const [lo, hi] = expect.within;
  if (i.lo >= lo && i.hi <= hi) return 'holds';
  return i.hi < lo || i.lo > hi ? 'fails' : 'undecided';
}

/** The value an expectation is decided against, for "straddles 1.70×" (NaN for an order). */
export function thresholdsOf(expect: Expectation, options: ClassifyOptions = {}): number[] {
  const { tolerance } = resolve(options);
  if ('order' in expect) return expect.order === 'same' ? [1 / (1 + tolerance), 1 + tolerance] : [1];
  if ('above' in expect) return [expect.above];
  if ('below' in expect) return [expect.below];
  return [...expect.within];
}
