import { describe, expect, it } from 'vitest';
import { summarize } from './summarize.ts';

describe('summarize', () => {
  it('summarize(values) gives count, median, extremes, quartiles and the IQR relative to the median', () => {
    expect(summarize([4, 100, 1, 3, 2])).toEqual({ n: 5, median: 3, min: 1, max: 100, q1: 2, q3: 4, rel_iqr: 0.6666666666666666 });
  });

  it('summarize(values) interpolates quartiles of an even count', () => {
    expect(summarize([10, 20, 30, 40])).toEqual({ n: 4, median: 25, min: 10, max: 40, q1: 17.5, q3: 32.5, rel_iqr: 0.6 });
  });

  it('summarize(values) leaves out NaN and infinities', () => {
    expect(summarize([NaN, 2, Infinity, 4, -Infinity])).toEqual({ n: 2, median: 3, min: 2, max: 4, q1: 2.5, q3: 3.5, rel_iqr: 0.3333333333333333 });
  });

  it('summarize([x]) has no spread', () => {
    expect(summarize([7])).toEqual({ n: 1, median: 7, min: 7, max: 7, q1: 7, q3: 7, rel_iqr: 0 });
  });

  it('summarize([]) has n 0 and NaN everywhere else', () => {
    expect(summarize([])).toEqual({ n: 0, median: NaN, min: NaN, max: NaN, q1: NaN, q3: NaN, rel_iqr: NaN });
  });

  it('summarize(values) with only non-finite values is the empty summary', () => {
    expect(summarize([NaN, Infinity])).toEqual({ n: 0, median: NaN, min: NaN, max: NaN, q1: NaN, q3: NaN, rel_iqr: NaN });
  });
});
