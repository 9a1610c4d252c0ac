// The summary of one point's repetitions that every report shows.

import { quantile } from './quantile.ts';

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
  /** Interquartile range relative to the median: the spread a reader can compare across points. */
  rel_iqr: number;
}

export function summarize(values: readonly number[]): Summary {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN, q1: NaN, q3: NaN, rel_iqr: NaN };
  const med = quantile(v, 0.5);
  const q1 = quantile(v, 0.25);
  const q3 = quantile(v, 0.75);
  return { n: v.length, median: med, min: Math.min(...v), max: Math.max(...v), q1, q3, rel_iqr: med === 0 ? (q3 === q1 ? 0 : NaN) : (q3 - q1) / med };
}

