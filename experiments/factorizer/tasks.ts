// The work of article 004: naive trial-division factorization, written as the
// article's Python is, so both runtimes do the same arithmetic. Every export is
// a task an executor can run by name in a worker thread or child process.

/** The article's factorize_naive: divide by 2, then odd p, until p² ≥ n. */
export function factorizeNaive(n: number): number[] {
  if (n < 2) return [];
  const factors: number[] = [];
  let p = 2;
  for (;;) {
    if (n === 1) return factors;
    if (n % p === 0) {
      factors.push(p);
      n = n / p; // exact: p divides n, and every n here is below 2^53
    } else if (p * p >= n) {
      factors.push(n);
      return factors;
    } else if (p > 2) {
      p += 2;
    } else {
      p = 3;
    }
  }
}

/** Factor a batch of numbers; results in input order. */
export function factorizeBatch(nums: readonly number[]): number[][] {
  return nums.map(factorizeNaive);
}

export interface CooperativeBatch {
  nums: readonly number[];
  /** Yield the thread after this long, as CPython's GIL switches threads every 5 ms. */
  switchMs: number;
}

/**
 * A batch that shares the one thread with others, like a GIL-bound Python
 * thread: it works for `switchMs`, then lets another batch run.
 */
export async function factorizeCooperative({ nums, switchMs }: CooperativeBatch): Promise<number[][]> {
  const out: number[][] = [];
  let sliceStart = performance.now();
  for (const n of nums) {
    out.push(factorizeNaive(n));
    if (performance.now() - sliceStart >= switchMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return out;
}
