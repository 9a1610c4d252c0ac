import { describe, expect, it } from 'vitest';
import { geoMeanInterval, invertInterval, meanInterval, ratioInterval, ratioOfRatiosInterval, relativeHalfWidth } from './interval.ts';
import { studentTCdf, studentTQuantile } from './student-t.ts';

describe('studentTQuantile', () => {
  it('matches the tables at whole degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 2);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.303, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
  });
  it('is the inverse of the CDF at fractional degrees of freedom', () => {
    const q = studentTQuantile(0.9, 3.7);
    expect(studentTCdf(q, 3.7)).toBeCloseTo(0.9, 9);
  });
});

describe('ratioInterval(a, b)', () => {
  it('estimates the ratio of geometric means and brackets it', () => {
    const i = ratioInterval([200, 210, 190], [100, 105, 95]);
    expect(i.value).toBeCloseTo(2, 6);
    expect(i.lo).toBeLessThan(2);
    expect(i.hi).toBeGreaterThan(2);
    expect(i.n).toBe(3);
  });
  it('matches a Welch t-interval on log times computed by hand', () => {
    const a = [10, 12, 11];
    const b = [5, 5.5, 6, 5.2];
    const la = a.map(Math.log);
    const lb = b.map(Math.log);
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const v = (x: number[]) => x.reduce((s, y) => s + (y - mean(x)) ** 2, 0) / (x.length - 1);
    const se2 = v(la) / 3 + v(lb) / 4;
    const df = se2 ** 2 / ((v(la) / 3) ** 2 / 2 + (v(lb) / 4) ** 2 / 3);
    const half = studentTQuantile(0.975, df) * Math.sqrt(se2);
    const i = ratioInterval(a, b);
    expect(Math.log(i.lo)).toBeCloseTo(mean(la) - mean(lb) - half, 9);
    expect(Math.log(i.hi)).toBeCloseTo(mean(la) - mean(lb) + half, 9);
  });
  it('narrows as repetitions are added with the same spread', () => {
    const three = ratioInterval([99, 100, 101], [49, 50, 51]);
    const nine = ratioInterval([99, 100, 101, 99, 100, 101, 99, 100, 101], [49, 50, 51, 49, 50, 51, 49, 50, 51]);
    expect(relativeHalfWidth(nine)).toBeLessThan(relativeHalfWidth(three) / 2);
  });
  it('is unbounded when a side has one value, and empty when a side has none', () => {
    expect(ratioInterval([2], [1, 1.1])).toMatchObject({ lo: 0, hi: Infinity, n: 1 });
    expect(ratioInterval([], [1, 2]).value).toBeNaN();
  });
  it('ignores values that are not positive and finite', () => {
    expect(ratioInterval([2, NaN, 2, -1, 2], [1, 1, 1]).value).toBeCloseTo(2, 9);
  });
});

describe('the other intervals', () => {
  it('ratioOfRatiosInterval compares two speed-ups', () => {
    const i = ratioOfRatiosInterval([4, 4.1, 3.9], [2, 2.05, 1.95], [3, 3.1, 2.9], [1, 1.02, 0.98]);
    expect(i.value).toBeCloseTo(2 / 3, 2);
    expect(i.hi).toBeLessThan(1);
  });
  it('geoMeanInterval and meanInterval centre on their estimate', () => {
    expect(geoMeanInterval([1, 4]).value).toBeCloseTo(2, 9);
    const m = meanInterval([0.9, 1, 1.1]);
    expect(m.value).toBeCloseTo(1, 9);
    expect(m.lo).toBeCloseTo(1 - 4.303 * 0.1 / Math.sqrt(3), 3);
  });
  it('invertInterval swaps and inverts the bounds', () => {
    expect(invertInterval({ value: 2, lo: 1, hi: 4, n: 3 })).toEqual({ value: 0.5, lo: 0.25, hi: 1, n: 3 });
  });
});
