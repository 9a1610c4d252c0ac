import { describe, expect, it } from 'vitest';
import { aboveCoresFlag, checkBaseline } from './baseline.ts';
import { Points, type Point } from './points.ts';
import { summarize } from '../stats/summarize.ts';

const point = (set: string, numbers: number, walls: number[]): Point => ({
  key: set, strategy: 'serial', runtime: 'node', model: 'serial', at: { set, numbers }, rows: [], walls, wall: summarize(walls),
});
const spec = { strategy: 'serial', sizeColumn: 'set', unitsOf: (p: Point) => Number(p.at.numbers), unit: 'number' };

describe('checkBaseline', () => {
  it('holds when the cost per unit is steady within the tolerance at every size', () => {
    const pts = new Points([point('a', 100, [100, 101, 99, 100, 100]), point('b', 300, [301, 300, 299, 302, 300])]);
    const c = checkBaseline(pts, spec);
    expect(c.outcome).toBe('holds');
    expect(c.flag).toBe('');
  });
  it('fails, and says so, when the largest size costs more per unit', () => {
    const pts = new Points([point('a', 100, [100, 101, 99, 100, 100]), point('b', 300, [380, 390, 385, 382, 388])]);
    const c = checkBaseline(pts, spec);
    expect(c.outcome).toBe('fails');
    expect(c.flag).toMatch(/^The baseline serial costs 1\.28× \(.*\) as much per number at b as at a: not within 10 %/);
  });
  it('is undecided when the interval reaches both sides of the tolerance', () => {
    const pts = new Points([point('a', 100, [100, 101, 99]), point('b', 300, [300, 400, 330])]);
    expect(checkBaseline(pts, spec).outcome).toBe('undecided');
  });
  it('has nothing to say about a single size', () => {
    expect(checkBaseline(new Points([point('a', 100, [100, 101, 99])]), spec).outcome).toBe('single-size');
  });
});

describe('aboveCoresFlag', () => {
  it('flags a speed-up above the core count, and only then', () => {
    expect(aboveCoresFlag({ value: 1.9, lo: 1.8, hi: 2.05, n: 5 }, 2)).toBe('');
    expect(aboveCoresFlag({ value: 2.23, lo: 2.0, hi: 2.5, n: 5 }, 2)).toMatch(/above the 2 cores this machine has: a finding about the baseline/);
  });
});
