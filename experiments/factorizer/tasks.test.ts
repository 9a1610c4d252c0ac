import { describe, expect, it } from 'vitest';
import { factorizeBatch, factorizeCooperative, factorizeNaive } from './tasks.ts';
import { canonical, dynamicBatches, staticChunks } from './experiment.ts';

const isPrime = (n: number) => {
  if (n < 2) return false;
  for (let p = 2; p * p <= n; p++) if (n % p === 0) return false;
  return true;
};

describe('factorizeNaive', () => {
  it('factorizeNaive(n) returns primes whose product is n, ascending', () => {
    for (const n of [2, 3, 4, 12, 97, 1_000_000_007, 1_234_567_890, 1_999_999_973, 999_999_999_999, 1_000_000_000_001]) {
      const f = factorizeNaive(n);
      expect(f.reduce((a, b) => a * b, 1)).toBe(n);
      expect(f.every(isPrime)).toBe(true);
      expect([...f].sort((a, b) => a - b)).toEqual(f);
    }
  });

  it('factorizeNaive(999999999999) is 3³·7·11·13·37·101·9901, the article’s first number', () => {
    expect(factorizeNaive(999_999_999_999)).toEqual([3, 3, 3, 7, 11, 13, 37, 101, 9901]);
  });

  it('factorizeNaive(n) is empty below 2, as in the article', () => {
    expect(factorizeNaive(1)).toEqual([]);
    expect(factorizeNaive(0)).toEqual([]);
  });

  it('factorizeCooperative(batch) yields between slices and returns what factorizeBatch returns', async () => {
    const nums = Array.from({ length: 300 }, (_, i) => 1_000_000_000 + 7 * i);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const out = await factorizeCooperative({ nums, switchMs: 0 });
    clearInterval(timer);
    expect(out).toEqual(factorizeBatch(nums));
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('splitting the work', () => {
  it('staticChunks(items, n) is the article’s split: ceil(len / n) each, in order', () => {
    expect(staticChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3], [4, 5]]);
    expect(staticChunks([1, 2, 3], 8)).toEqual([[1], [2], [3]]);
  });

  it('dynamicBatches(items, workers, perWorker) covers every item once, in order', () => {
    const items = Array.from({ length: 103 }, (_, i) => i);
    const batches = dynamicBatches(items, 2, 16);
    expect(batches.flat()).toEqual(items);
    expect(batches.length).toBeLessThanOrEqual(32);
    expect(batches.length).toBeGreaterThan(16);
  });

  it('canonical(nums, factors) sorts and de-duplicates numbers, as the article’s dict does', () => {
    expect(canonical([6, 4, 6], [[2, 3], [2, 2], [2, 3]])).toBe('4:2*2\n6:2*3\n');
  });
});
