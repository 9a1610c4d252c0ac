import { describe, expect, it } from 'vitest';
import { leastSquares } from './slope.ts';

describe('leastSquares', () => {
  it('leastSquares(points) recovers an exact line with R² = 1', () => {
    const line = leastSquares([1, 10, 100, 1000].map((x) => ({ x, y: 50e6 + 12_000 * x })))!;
    expect(line.slope).toBeCloseTo(12_000, 6);
    expect(line.intercept).toBeCloseTo(50e6, 0);
    expect(line.r2).toBeCloseTo(1, 12);
    expect(line.n).toBe(4);
  });

  it('leastSquares(points) is undefined for fewer than two distinct x, and skips non-finite points', () => {
    expect(leastSquares([{ x: 1, y: 2 }])).toBeUndefined();
    expect(leastSquares([{ x: 3, y: 2 }, { x: 3, y: 5 }])).toBeUndefined();
    expect(leastSquares([{ x: 0, y: 0 }, { x: 1, y: 2 }, { x: 2, y: NaN }])!.slope).toBe(2);
  });

  it('leastSquares(points) gives R² NaN, not a division by zero, when y is flat', () => {
    const line = leastSquares([{ x: 1, y: 5 }, { x: 2, y: 5 }])!;
    expect(line.slope).toBe(0);
    expect(Number.isNaN(line.r2)).toBe(true);
  });
});
