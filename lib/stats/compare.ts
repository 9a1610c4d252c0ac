// The rule every report uses to say "slower", "faster", "the same" or "can't
// tell": medians must differ by more than the tolerance AND the interquartile
// ranges must be apart, with enough repetitions to have a spread at all.

import { separated, type Summary } from './summarize.ts';

export type Order = 'slower' | 'faster' | 'same' | 'unclear';

export interface Comparison {
  /** median(a) / median(b): above 1 means a takes longer. */
  ratio: number;
  order: Order;
}

export interface CompareOptions {
  /** Medians closer than this (relative) are "the same": below the noise of a shared VM. */
  tolerance?: number;
  /** With fewer repetitions there is no spread to judge by: the answer is "unclear". */
  minReps?: number;
}

export const COMPARE_DEFAULTS = { tolerance: 0.02, minReps: 3 } as const;

export function compare(a: Summary, b: Summary, options: CompareOptions = {}): Comparison {
  const { tolerance, minReps } = { ...COMPARE_DEFAULTS, ...options };
  const ratio = a.median / b.median;
  if (a.n < minReps || b.n < minReps || !Number.isFinite(ratio)) return { ratio, order: 'unclear' };
  if (Math.abs(Math.log(ratio)) <= Math.log(1 + tolerance)) return { ratio, order: 'same' };
  if (!separated(a, b)) return { ratio, order: 'unclear' };
  return { ratio, order: ratio > 1 ? 'slower' : 'faster' };
}
