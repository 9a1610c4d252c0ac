// Is the baseline a fair yardstick? A serial loop must cost the same per unit
// of work (a number, a byte, a photo) at every size it ran at; one that slows
// on the largest input (a heap that grows, a collector that runs longer) makes
// every speed-up over it look larger than the parallelism behind it. A speed-up
// above the core count is suspect for the same reason, and is flagged with it.

import type { Scalar } from '../experiment/types.ts';
import { ratioInterval, type Interval } from '../stats/interval.ts';
import { outcomeOf, type Outcome } from '../verdicts/classify.ts';
import { estimate } from '../verdicts/wording.ts';
import type { Point, Points } from './points.ts';

export const BASELINE_DEFAULTS = {
  /** Cost per unit at the largest size within this of each smaller size's counts as steady. */
  tolerance: 0.1,
} as const;

export interface BaselineSize {
  size: Scalar;
  units: number;
  /** The point's wall time per unit, ms, per repetition. */
  perUnit: number[];
}

export interface BaselineCheck {
  strategy: string;
  sizes: BaselineSize[];
  /** Cost per unit at the largest size over that at each smaller size, with intervals. */
  against: { size: Scalar; ratio: Interval; outcome: Outcome }[];
  tolerance: number;
  /** 'holds': steady within the tolerance at every size; 'fails': not; 'undecided': the intervals cannot tell. */
  outcome: Outcome | 'single-size';
  /** One sentence for a report, empty when steady. */
  flag: string;
}

export interface BaselineSpec {
  strategy: string;
  /** The point column that holds the size (e.g. 'set', 'images'). */
  sizeColumn: string;
  /** Units of work at a point (numbers, bytes, photos). */
  unitsOf: (p: Point) => number;
  /** Other columns that must match (e.g. { workers: 1 }). */
  where?: Record<string, Scalar>;
  /** What a unit is called, for the flag: 'number', 'photo'. */
  unit: string;
  tolerance?: number;
}

export function checkBaseline(points: Points, spec: BaselineSpec): BaselineCheck {
  const tolerance = spec.tolerance ?? BASELINE_DEFAULTS.tolerance;
  const sizes = points
    .where(spec.strategy, spec.where ?? {})
    .map((p) => ({ size: p.at[spec.sizeColumn]!, units: spec.unitsOf(p), perUnit: p.walls.map((w) => w / spec.unitsOf(p)) }))
    .filter((s) => s.units > 0 && s.perUnit.length > 0)
    .sort((a, b) => a.units - b.units);
  const largest = sizes.at(-1);
  const base = { strategy: spec.strategy, sizes, tolerance };
  if (!largest || sizes.length < 2) return { ...base, against: [], outcome: 'single-size', flag: '' };
  const band = [1 / (1 + tolerance), 1 + tolerance] as const;
  const against = sizes.slice(0, -1).map((s) => {
    const ratio = ratioInterval(largest.perUnit, s.perUnit);
    return { size: s.size, ratio, outcome: outcomeOf(ratio, { within: band }) };
  });
  const outcome: Outcome = against.some((a) => a.outcome === 'fails') ? 'fails' : against.every((a) => a.outcome === 'holds') ? 'holds' : 'undecided';
  const worst = against.reduce((w, a) => (Math.abs(Math.log(a.ratio.value)) > Math.abs(Math.log(w.ratio.value)) ? a : w));
  const flag =
    outcome === 'holds'
      ? ''
      : `The baseline ${spec.strategy} costs ${estimate(worst.ratio)} as much per ${spec.unit} at ${String(largest.size)} as at ${String(worst.size)}: ${outcome === 'fails' ? 'not' : 'not shown to be'} within ${Math.round(tolerance * 100)} % at every size, so speed-ups over it at ${String(largest.size)} may measure the baseline as much as the pool.`;
  return { ...base, against, outcome, flag };
}

/**
 * The words a speed-up above the core count needs: empty when the whole interval
 * is at or below `cores`; otherwise a flag that it says more about the baseline
 * (with the baseline check's own flag when it has one).
 */
export function aboveCoresFlag(speedup: Interval, cores: number, baseline?: BaselineCheck): string {
  if (!(speedup.value > cores)) return '';
  const why = baseline?.flag ? ` ${baseline.flag}` : '';
  return `A speed-up of ${estimate(speedup)} is above the ${cores} cores this machine has: a finding about the baseline until shown otherwise.${why}`;
}
