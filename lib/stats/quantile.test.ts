import { describe, expect, it } from 'vitest';
import { median, quantile } from './quantile.ts';

describe('quantile', () => {
  it('quantile(values, p) interpolates linearly between order statistics (R type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([10, 20, 30, 40, 50], 0.1)).toBe(14);
  });

  it('quantile(values, p) sorts numerically, not as strings, and leaves the input unsorted', () => {
    const values = [10, 9, 100, 1];
    expect(quantile(values, 0.5)).toBe(9.5);
    expect(values).toEqual([10, 9, 100, 1]);
  });

  it('quantile(values, 0) and quantile(values, 1) are the minimum and the maximum', () => {
    expect(quantile([3, -2, 7], 0)).toBe(-2);
    expect(quantile([3, -2, 7], 1)).toBe(7);
  });

  it('quantile([x], p) is x for every p', () => {
    expect(quantile([42], 0)).toBe(42);
    expect(quantile([42], 0.37)).toBe(42);
    expect(quantile([42], 1)).toBe(42);
  });

  it('quantile([], p) is NaN', () => {
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('median', () => {
  it('median(values) is the middle value of an odd count', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('median(values) is the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('median([]) is NaN', () => {
    expect(median([])).toBeNaN();
  });
});
