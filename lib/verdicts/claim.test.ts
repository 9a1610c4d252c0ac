import { describe, expect, it } from 'vitest';
import { ratioInterval, type Interval } from '../stats/interval.ts';
import { orderOf, outcomeOf } from './classify.ts';
import { judgeClaim, levelOf, measured, type Check, type ClaimSpec } from './claim.ts';
import { estimate, versus } from './wording.ts';

const iv = (value: number, lo: number, hi: number, n = 5): Interval => ({ value, lo, hi, n });
const slower = (label: string, i: Interval, role?: 'core' | 'extra'): Check => ({ label, estimate: i, expect: { order: 'slower' }, baseline: 'serial', ...(role ? { role } : {}) });

describe('orderOf', () => {
  it('classes a ratio by its whole interval', () => {
    expect(orderOf(iv(1.05, 1.01, 1.09))).toBe('slower');
    expect(orderOf(iv(0.5, 0.45, 0.55))).toBe('faster');
    expect(orderOf(iv(1.0, 0.99, 1.01))).toBe('same');
    expect(orderOf(iv(1.04, 0.97, 1.11))).toBe('unclear');
  });
  it('says unclear below three repetitions, however narrow the interval', () => {
    expect(orderOf(iv(2, 1.9, 2.1, 2))).toBe('unclear');
  });
});

describe('outcomeOf', () => {
  it('holds a threshold only when the whole interval is on its side', () => {
    expect(outcomeOf(iv(1.8, 1.75, 1.85), { above: 1.7 })).toBe('holds');
    expect(outcomeOf(iv(1.67, 1.6, 1.74), { above: 1.7 })).toBe('undecided');
    expect(outcomeOf(iv(1.5, 1.4, 1.6), { above: 1.7 })).toBe('fails');
    expect(outcomeOf(iv(0.12, 0.1, 0.14), { below: 0.15 })).toBe('holds');
    expect(outcomeOf(iv(1.05, 0.98, 1.12), { within: [0.9, 1.1] })).toBe('undecided');
    expect(outcomeOf(iv(1.0, 0.95, 1.05), { within: [0.9, 1.1] })).toBe('holds');
  });
  it('fails "slower" when the interval rules out a slowdown beyond the tolerance', () => {
    expect(outcomeOf(iv(1.0, 0.99, 1.01), { order: 'slower' })).toBe('fails');
    expect(outcomeOf(iv(0.8, 0.7, 0.9), { order: 'slower' })).toBe('fails');
    expect(outcomeOf(iv(1.03, 0.99, 1.07), { order: 'slower' })).toBe('undecided');
    expect(outcomeOf(iv(1.03, 1.01, 1.07), { order: 'slower' })).toBe('holds');
  });
});

describe('wording', () => {
  it('prints the class word with the interval, oriented as a speed-up when faster', () => {
    expect(versus(iv(1.04, 1.01, 1.07), 'serial')).toBe('1.04× slower than serial (1.01–1.07)');
    expect(versus(iv(0.5, 0.4, 0.625), 'serial')).toBe('2.00× faster than serial (1.60–2.50)');
    expect(versus(iv(1, 0.99, 1.01), 'serial')).toBe('the same as serial (0.99–1.01)');
    expect(versus(iv(1.04, 0.97, 1.11), 'serial')).toBe('1.04× slower than serial (0.97–1.11), within the noise');
    expect(versus(iv(1.04, 0, Infinity, 1), 'serial')).toContain('too few repetitions');
  });
  it('prints shares and plain numbers', () => {
    expect(estimate(iv(0.78, 0.7, 0.85), 'percent')).toBe('78 % (70–85 %)');
    expect(estimate(iv(1.9, 1.85, 1.95), { digits: 2 })).toBe('1.90 (1.85–1.95)');
  });
});

describe('levelOf', () => {
  it('all core checks hold: full, unless an extra fails (partial) or is undecided (unclear)', () => {
    const core = slower('2 threads', iv(1.1, 1.05, 1.15));
    expect(levelOf(measured([core]), 'node').level).toBe('full');
    expect(levelOf(measured([core, slower('4 / 2', iv(0.9, 0.85, 0.95), 'extra')]), 'node').level).toBe('partial');
    expect(levelOf(measured([core, slower('4 / 2', iv(1.03, 0.97, 1.1), 'extra')]), 'node').level).toBe('unclear');
  });
  it('a failing core check gives none; an undecided one (and no failure) gives unclear', () => {
    expect(levelOf(measured([slower('a', iv(0.9, 0.85, 0.95)), slower('b', iv(1.03, 0.97, 1.1))]), 'node').level).toBe('none');
    expect(levelOf(measured([slower('a', iv(1.1, 1.05, 1.15)), slower('b', iv(1.03, 0.97, 1.1))]), 'node').level).toBe('unclear');
  });
  it("'each' combines cases: some hold and some fail is partial", () => {
    const side = measured([slower('a', iv(1.1, 1.05, 1.15)), slower('b', iv(0.9, 0.85, 0.95))], { combine: 'each' });
    expect(levelOf(side, 'node').level).toBe('partial');
  });
  it('marks as decisive the checks the level rests on', () => {
    const { checks } = levelOf(measured([slower('a', iv(0.9, 0.85, 0.95)), slower('b', iv(1.03, 0.97, 1.1))]), 'node');
    expect(checks.map((c) => c.decisive)).toEqual([true, false]);
  });
});

describe('judgeClaim', () => {
  const base = (python: ClaimSpec['python'], node: ClaimSpec['node']): ClaimSpec => ({ id: 'X1', claim: 'c', article: 'a', full: 'threads are slower', python, node });
  const holds = measured([slower('2 threads', ratioInterval([110, 112, 111, 113], [100, 101, 99, 100]))]);
  const fails = measured([slower('2 chunks', ratioInterval([90, 91, 89, 90], [100, 101, 99, 100]))]);
  const straddles = measured([slower('2 threads', ratioInterval([100, 108, 96, 104], [100, 101, 99, 100]))]);

  it('Python leads: reproduced, or differs in Node when the analog shows none of it', () => {
    expect(judgeClaim(base(holds, holds)).verdict).toBe('reproduced');
    expect(judgeClaim(base(holds, fails)).verdict).toBe('differs in Node');
    expect(judgeClaim(base(fails, holds)).verdict).toBe('not reproduced');
  });
  it('never reads reproduced for a Python system that did not run', () => {
    const v = judgeClaim(base({ kind: 'not-run', reason: 'Python 3.11 has no interpreter pool' }, holds));
    expect(v.verdict).toBe('not run in Python');
    expect(v.basis).toContain('Python: Python 3.11 has no interpreter pool');
    expect(v.node).toContain('slower than serial');
  });
  it('judges on Node alone where the article gives nothing to run, and labels a model', () => {
    const v = judgeClaim({ ...base({ kind: 'not-applicable', reason: 'the article gives no code for it.' }, holds), modelled: 'latency assumed' });
    expect(v.verdict).toBe('reproduced');
    expect(v.modelled).toBe('latency assumed');
    expect(v.basis).toContain('Modelled');
  });
  it('is inconclusive when a decisive interval straddles, and says what would decide it', () => {
    const v = judgeClaim(base(straddles, holds));
    expect(v.verdict).toBe('inconclusive');
    expect(v.basis).toMatch(/Undecided: Python 2 threads: 1\.02× slower than serial \(.*\), within the noise\. Its interval straddles its threshold; more repetitions/);
    expect(v.python).toContain('within the noise');
  });
  it('marks as decisive only the checks of the side the verdict rests on', () => {
    const onPython = judgeClaim(base(holds, straddles));
    expect(onPython.verdict).toBe('reproduced');
    expect(onPython.checks!.map((c) => [c.side, c.decisive])).toEqual([['python', true], ['node', false]]);
    const differs = judgeClaim(base(holds, fails));
    expect(differs.checks!.map((c) => [c.side, c.decisive])).toEqual([['python', true], ['node', true]]);
    const notRun = judgeClaim(base({ kind: 'not-run', reason: 'no 3.14' }, holds));
    expect(notRun.checks!.every((c) => !c.decisive)).toBe(true);
  });
  it('keeps every judged check, with its side, outcome and class', () => {
    const v = judgeClaim(base(holds, fails));
    expect(v.checks!.map((c) => [c.side, c.outcome, c.order])).toEqual([
      ['python', 'holds', 'slower'],
      ['node', 'fails', 'faster'],
    ]);
  });
});

describe('the compact cells', () => {
  const spec = (python: ClaimSpec['python'], node: ClaimSpec['node']): ClaimSpec => ({ id: 'X1', claim: 'c', article: 'a', full: 'every thread count is slower', python, node });

  it('name the level and the decisive check with its interval, and count the other checks', () => {
    const v = judgeClaim(spec(measured([slower('2 threads', iv(1.2, 1.1, 1.3)), slower('4 threads', iv(1.3, 1.2, 1.4))]), measured([slower('2 workers', iv(0.5, 0.45, 0.55))])));
    expect(v.short).toEqual({
      python: `Shows it · 2 threads: ${versus(iv(1.2, 1.1, 1.3), 'serial')} (+1 more)`,
      node: `Does not show it · 2 workers: ${versus(iv(0.5, 0.45, 0.55), 'serial')}`,
    });
  });

  it('give the first sentence of the reason for a side that did not run', () => {
    const v = judgeClaim(spec({ kind: 'not-run', reason: 'Python 3.11.2 has no InterpreterPoolExecutor. Install 3.14.' }, measured([slower('2 workers', iv(1.2, 1.1, 1.3))])));
    expect(v.short!.python).toBe('Python 3.11.2 has no InterpreterPoolExecutor');
  });
});
