// The performance targets, checked against the run's own numbers with
// their intervals, by the same rule as the claims: met when the whole interval
// is on the target's side, not met when it is wholly on the other, else undecided.

import { percent, ratio } from '../../lib/report/format.ts';
import type { Interval } from '../../lib/stats/interval.ts';
import { outcomeOf, tooThin, type Outcome } from '../../lib/verdicts/classify.ts';
import { estimate } from '../../lib/verdicts/wording.ts';

/** The best Node strategy's throughput over single-core throughput × cores. */
export const LIMIT_SHARE = 0.9;
/** The block compressor on the large-file bundle: serial time over its time, at least... */
export const BLOCK_SPEEDUP = 1.7;
/** ...with its output at most this much larger than one gzip stream per file (the same bytes every repetition: no interval). */
export const BLOCK_OVERHEAD = 0.01;

function word(outcome: Outcome, i: Interval): string {
  if (outcome === 'holds') return 'met';
  if (outcome === 'fails') return 'not met';
  return tooThin(i) ? 'undecided (too few repetitions)' : 'undecided (the interval straddles it)';
}

export function limitTarget(share: Interval): string {
  return `Target: at least ${percent(LIMIT_SHARE)} of the limit; ${estimate(share, 'percent')}: ${word(outcomeOf(share, { above: LIMIT_SHARE }), share)}.`;
}

export function blockTarget(speedup: Interval, overhead: number): string {
  const fast = outcomeOf(speedup, { above: BLOCK_SPEEDUP });
  const outcome: Outcome = overhead > BLOCK_OVERHEAD || fast === 'fails' ? 'fails' : fast;
  return `Target: at least ${ratio(BLOCK_SPEEDUP)} faster than serial with output at most ${percent(BLOCK_OVERHEAD)} larger; ${estimate(speedup)}: ${word(outcome, speedup)}.`;
}
