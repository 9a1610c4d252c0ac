import { describe, expect, it } from 'vitest';
import { UsageError } from './load.ts';
import { resolveParams, resolveProfile } from './params.ts';
import type { Experiment } from './types.ts';

const experiment: Experiment = {
  id: 'params-fixture',
  title: 'n/a',
  article: { author: 'n/a', title: 'n/a', venue: 'n/a', date: '2024-01-01', url: 'https://example.invalid/' },
  question: 'n/a',
  claims: [],
  profiles: {
    smoke: { description: 'test', params: { n: 10, workers: [1, 2], verify: false, set: 'small', names: ['a', 'b'] } },
    quick: { description: 'test', params: { n: 100, workers: [1, 2, 4], verify: true, set: 'medium', names: ['a'] } },
    full: { description: 'test', params: { n: 1000, workers: [1, 2, 4, 8], verify: true, set: 'large', names: [] } },
  },
  pointColumns: {},
  strategies: [{ name: 'x', runtime: 'node', model: 'serial', description: 'n/a', run: async () => {} }],
  plan: () => [],
  method: 'n/a',
};

/** The error `fn` throws, so a test can check its class and message together. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('resolveParams', () => {
  it('resolveParams(experiment, profile) without overrides is the profile parameters', () => {
    expect(resolveParams(experiment, 'quick')).toEqual({ n: 100, workers: [1, 2, 4], verify: true, set: 'medium', names: ['a'] });
  });

  it('resolveParams(experiment, profile, overrides) does not change the profile it started from', () => {
    resolveParams(experiment, 'smoke', { n: '5', workers: '8' });
    expect(experiment.profiles.smoke.params).toEqual({ n: 10, workers: [1, 2], verify: false, set: 'small', names: ['a', 'b'] });
  });

  it('resolveParams(experiment, profile, overrides) reads a number override as a number', () => {
    expect(resolveParams(experiment, 'smoke', { n: '250' }).n).toBe(250);
    expect(resolveParams(experiment, 'smoke', { n: '0.5' }).n).toBe(0.5);
    expect(resolveParams(experiment, 'smoke', { n: ' 7 ' }).n).toBe(7);
  });

  it('resolveParams(experiment, profile, overrides) reads a list-of-numbers override as numbers, commas between', () => {
    expect(resolveParams(experiment, 'smoke', { workers: '1, 2,4' }).workers).toEqual([1, 2, 4]);
    expect(resolveParams(experiment, 'smoke', { workers: '8' }).workers).toEqual([8]);
  });

  it('resolveParams(experiment, profile, overrides) reads a list-of-strings override as strings', () => {
    expect(resolveParams(experiment, 'smoke', { names: 'x, y' }).names).toEqual(['x', 'y']);
  });

  it('resolveParams(experiment, profile, overrides) reads a boolean override from true or false', () => {
    expect(resolveParams(experiment, 'smoke', { verify: 'true' }).verify).toBe(true);
    expect(resolveParams(experiment, 'quick', { verify: 'false' }).verify).toBe(false);
  });

  it('resolveParams(experiment, profile, overrides) keeps a string override as given', () => {
    expect(resolveParams(experiment, 'smoke', { set: '42' }).set).toBe('42');
  });

  it('resolveParams(experiment, profile, overrides) leaves the parameters it was not given', () => {
    expect(resolveParams(experiment, 'smoke', { n: '3' })).toEqual({ n: 3, workers: [1, 2], verify: false, set: 'small', names: ['a', 'b'] });
  });

  it('resolveParams(experiment, profile, overrides) rejects a value of the wrong type, naming the parameter and the value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ n: 'ten' }, 'parameter n: expected a number, got "ten"'],
      [{ n: '' }, 'parameter n: expected a number, got ""'],
      [{ workers: '1,two' }, 'parameter workers: expected a comma-separated list of numbers, got "1,two"'],
      [{ verify: 'yes' }, 'parameter verify: expected true or false, got "yes"'],
    ];
    for (const [overrides, message] of cases) {
      const error = thrown(() => resolveParams(experiment, 'smoke', overrides));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(message);
    }
  });

  it('resolveParams(experiment, profile, overrides) rejects an unknown parameter, listing the valid ones', () => {
    const error = thrown(() => resolveParams(experiment, 'smoke', { thread: '2' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('unknown parameter for params-fixture: thread (valid: n, workers, verify, set, names)');
  });

  // Fails today: `key in base` finds inherited Object properties, so `constructor=1` is
  // taken as a parameter instead of rejected. See the report for the fix.
  it('resolveParams(experiment, profile, overrides) rejects a parameter named like an Object property', () => {
    expect(() => resolveParams(experiment, 'smoke', { constructor: '1' })).toThrow(UsageError);
  });
});

describe('resolveProfile', () => {
  it('resolveProfile(experiment, name) accepts each profile name', () => {
    expect(['smoke', 'quick', 'full'].map((p) => resolveProfile(experiment, p))).toEqual(['smoke', 'quick', 'full']);
  });

  it('resolveProfile(experiment, name) rejects an unknown profile, listing the valid ones', () => {
    const error = thrown(() => resolveProfile(experiment, 'fast'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('unknown profile: fast (valid: smoke, quick, full)');
  });
});
