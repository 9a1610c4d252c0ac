import { describe, expect, it } from 'vitest';
import { groupBy, summarizeBy } from './group.ts';

describe('groupBy', () => {
  it('groupBy(items, key) groups items by key, keys and items in first-seen order', () => {
    const groups = groupBy(['apple', 'bean', 'avocado', 'beet', 'cherry'], (s) => s[0]!);
    expect([...groups.entries()]).toEqual([
      ['a', ['apple', 'avocado']],
      ['b', ['bean', 'beet']],
      ['c', ['cherry']],
    ]);
  });

  it('groupBy([], key) is an empty map', () => {
    expect(groupBy([], String).size).toBe(0);
  });
});

describe('summarizeBy', () => {
  const rows = [
    { strategy: 'threads', workers: 2, wall_ms: 10 },
    { strategy: 'serial', workers: 1, wall_ms: 40 },
    { strategy: 'threads', workers: 2, wall_ms: 30 },
    { strategy: 'threads', workers: 4, wall_ms: 5 },
    { strategy: 'threads', workers: 2, wall_ms: 20 },
    { strategy: 'serial', workers: 1, wall_ms: null },
  ];

  it('summarizeBy(rows, keys, measure) gives one summary per distinct key combination, in first-seen order', () => {
    const out = summarizeBy(rows, ['strategy', 'workers'], (r) => r.wall_ms);
    expect(out.map(({ strategy, workers, summary }) => ({ strategy, workers, summary }))).toEqual([
      { strategy: 'threads', workers: 2, summary: { n: 3, median: 20, min: 10, max: 30, q1: 15, q3: 25, rel_iqr: 0.5 } },
      { strategy: 'serial', workers: 1, summary: { n: 1, median: 40, min: 40, max: 40, q1: 40, q3: 40, rel_iqr: 0 } },
      { strategy: 'threads', workers: 4, summary: { n: 1, median: 5, min: 5, max: 5, q1: 5, q3: 5, rel_iqr: 0 } },
    ]);
  });

  it('summarizeBy(rows, keys, measure) keeps every row of a group, null measures included, but summarizes only numbers', () => {
    const serial = summarizeBy(rows, ['strategy'], (r) => r.wall_ms).find((g) => g.strategy === 'serial')!;
    expect(serial.rows).toEqual([
      { strategy: 'serial', workers: 1, wall_ms: 40 },
      { strategy: 'serial', workers: 1, wall_ms: null },
    ]);
    expect(serial.summary.n).toBe(1);
  });

  it('summarizeBy(rows, keys, measure) tells apart the number 1 and the string "1"', () => {
    const out = summarizeBy([{ k: 1, v: 1 }, { k: '1', v: 2 }], ['k'], (r) => r.v);
    expect(out.map((g) => [g.k, g.summary.median])).toEqual([
      [1, 1],
      ['1', 2],
    ]);
  });

  it('summarizeBy(rows, [], measure) summarizes all rows as one group', () => {
    const out = summarizeBy(rows, [], (r) => r.wall_ms);
    expect(out).toHaveLength(1);
    expect(out[0]!.summary).toEqual({ n: 5, median: 20, min: 5, max: 40, q1: 10, q3: 30, rel_iqr: 1 });
  });

  it('summarizeBy(rows, keys, measure) leaves out non-finite measures', () => {
    const out = summarizeBy([{ k: 'a', v: NaN }, { k: 'a', v: 3 }], ['k'], (r) => r.v);
    expect(out[0]!.summary.n).toBe(1);
  });
});
