import { describe, expect, it } from 'vitest';
import { compare } from './compare.ts';
import { summarize } from './summarize.ts';

describe('compare(a, b)', () => {
  it('says slower when medians differ beyond the tolerance and the IQRs are apart', () => {
    expect(compare(summarize([110, 111, 112]), summarize([100, 101, 102])).order).toBe('slower');
    expect(compare(summarize([90, 91, 92]), summarize([100, 101, 102])).order).toBe('faster');
  });
  it('says same within the tolerance, and unclear when the IQRs overlap', () => {
    expect(compare(summarize([100, 101, 102]), summarize([101, 102, 103])).order).toBe('same');
    expect(compare(summarize([100, 130, 200]), summarize([90, 120, 190])).order).toBe('unclear');
  });
  it('says unclear below the minimum number of repetitions', () => {
    expect(compare(summarize([200]), summarize([100])).order).toBe('unclear');
    expect(compare(summarize([200]), summarize([100]), { minReps: 1 }).order).toBe('slower');
  });
});
