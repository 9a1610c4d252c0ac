// candidate for lib: the largest of several ratios, bounded by their intervals.
// "The slowest method over the fastest" is the largest ratio over every ordered
// pair of methods, and "lower than every rival" is the largest of one method's
// ratios to each rival. Where each ratio r_i lies in [lo_i, hi_i], their maximum
// lies in [max lo_i, max hi_i]; over ordered pairs that also covers not knowing
// which method is really the fastest (the pair's reverse counts too). Each
// interval is 95 % on its own: no correction for the several comparisons.

import { ratioInterval, type Interval } from '../../lib/stats/interval.ts';

/** The largest of several ratios: estimate, lower and upper bound are each the largest; n the fewest. */
export function maxInterval(list: readonly Interval[]): Interval {
  if (list.length === 0) return { value: NaN, lo: NaN, hi: NaN, n: 0 };
  return {
    value: Math.max(...list.map((i) => i.value)),
    lo: Math.max(...list.map((i) => i.lo)),
    hi: Math.max(...list.map((i) => i.hi)),
    n: Math.min(...list.map((i) => i.n)),
  };
}

/** The slowest of several samples over the fastest (e.g. methods' wall times): the largest ratio over every ordered pair. */
export function spreadInterval(samples: readonly (readonly number[])[]): Interval {
  const pairs = samples.flatMap((a, i) => samples.filter((_, j) => j !== i).map((b) => ratioInterval(a, b)));
  return maxInterval(pairs);
}
