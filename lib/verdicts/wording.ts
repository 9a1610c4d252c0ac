// How an estimate and its interval read in text: "1.76× (1.70–1.82)",
// "1.04× slower than serial (1.01–1.07)", "78 % (70–85 %)". The words
// "slower", "faster", "the same" and "within the noise" come only from
// orderOf(), so the text cannot disagree with the rule that judged it.

import { invertInterval, type Interval } from '../stats/interval.ts';
import { orderOf, tooThin, type ClassifyOptions, type Order } from './classify.ts';

const DASH = '–';

/** How a quantity prints: a ratio (×), a share (%), or a plain number with `digits`. */
export type Unit = 'ratio' | 'percent' | { digits: number; suffix?: string };

function one(x: number, unit: Unit): string {
  if (!Number.isFinite(x)) return DASH;
  if (unit === 'ratio') return x.toFixed(2);
  if (unit === 'percent') return String(Math.round(x * 100));
  return x.toFixed(unit.digits);
}

const suffixOf = (unit: Unit) => (unit === 'ratio' ? '×' : unit === 'percent' ? ' %' : (unit.suffix ?? ''));

/** "(1.70–1.82)", or why there is no interval. */
export function bounds(i: Interval, unit: Unit = 'ratio'): string {
  if (i.n === 0 || !Number.isFinite(i.value)) return '';
  if (i.n < 2 || !Number.isFinite(i.lo) || !Number.isFinite(i.hi) || (unit === 'ratio' && i.lo <= 0)) return ` (${i.n === 1 ? 'one repetition: no interval' : 'no interval'})`;
  // "1.76× (1.70–1.82)": a ratio's bounds go without the sign, a share's keep its " %".
  return ` (${one(i.lo, unit)}${DASH}${one(i.hi, unit)}${unit === 'ratio' ? '' : suffixOf(unit)})`;
}

/** "1.76× (1.70–1.82)", "78 % (70–85 %)", "1.90 (1.85–1.95)". */
export function estimate(i: Interval, unit: Unit = 'ratio'): string {
  if (!Number.isFinite(i.value)) return DASH;
  return `${one(i.value, unit)}${suffixOf(unit)}${bounds(i, unit)}`;
}


/**
 * A time ratio a / b in words, by its class: "1.04× slower than serial (1.01–1.07)",
 * "1.92× faster than serial (1.80–2.05)", "the same as serial (0.99–1.01)",
 * "1.03× slower than serial (0.97–1.10), within the noise", "too few repetitions to tell".
 */
export function versus(i: Interval, baseline?: string, options: ClassifyOptions = {}): string {
  const than = baseline ? ` than ${baseline}` : '';
  if (!Number.isFinite(i.value) || i.n === 0) return `not measured${than ? ` against ${baseline}` : ''}`;
  const order: Order = orderOf(i, options);
  if (order === 'same') return `the same as ${baseline ?? 'the baseline'}${bounds(i)}`;
  const up = i.value >= 1;
  const shown = up ? i : invertInterval(i);
  const word = up ? 'slower' : 'faster';
  const text = `${shown.value.toFixed(2)}× ${word}${than}${bounds(shown)}`;
  if (order !== 'unclear') return text;
  return tooThin(i, options) ? `${text}: too few repetitions to tell` : `${text}, within the noise`;
}

/** The class word alone, for tables: 'slower', 'faster', 'same', 'unclear'. */
export { orderOf } from './classify.ts';
