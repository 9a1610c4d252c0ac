import { describe, expect, it } from 'vitest';
import type { Row } from '../data/schema.ts';
import { entryFrom, idlePerWorker, paysFrom, race, scalingOf, winPhrase } from './guide.ts';

// Just the columns the guide helpers read.
const row = (strategy: string, wall: number, extra: Partial<Row> = {}): Row =>
  ({ strategy, model: strategy, wall_ms: wall, startup_ms: strategy === 'serial' ? null : 50, rss_base_bytes: null, rss_peak_bytes: null, ...extra }) as Row;

const rows = [
  ...[100, 102, 98].map((w) => row('serial', w, { size: 10 })),
  ...[60, 61, 59].map((w) => row('pool', w, { size: 10, workers: 2 })),
  ...[40, 41, 39].map((w) => row('pool', w, { size: 10, workers: 4 })),
  ...[10, 10, 10].map((w) => row('serial', w, { size: 1 })),
  ...[20, 20, 20].map((w) => row('pool', w, { size: 1, workers: 4 })),
];

describe('race', () => {
  it('picks the fastest configuration and its factor over the baseline', () => {
    const r = race({ rows, at: (x) => x.size === 10, baseline: 'serial', candidates: ['pool'], config: ['workers'] })!;
    expect(r.config).toEqual({ workers: 4 });
    expect(r.factor).toBeCloseTo(100 / 40);
    // A slower row moves the winner to the other configuration.
    const slower = rows.map((x) => (x.workers === 4 && x.size === 10 ? { ...x, wall_ms: 80 } : x));
    expect(race({ rows: slower, at: (x) => x.size === 10, baseline: 'serial', candidates: ['pool'], config: ['workers'] })!.config).toEqual({ workers: 2 });
  });

  it('is null without a baseline', () => {
    expect(race({ rows, at: (x) => x.size === 10, baseline: 'missing', candidates: ['pool'] })).toBeNull();
  });
});

describe('entryFrom', () => {
  it('makes the baseline the winner when the best candidate loses', () => {
    const r = race({ rows, at: (x) => x.size === 1, baseline: 'serial', candidates: ['pool'] })!;
    const e = entryFrom(r, { kind: 'pure-js-cpu', runtime: 'node', work: 'w', figure: 'f', baselineLabel: 'serial' });
    expect([e.strategy, e.factor, e.phrase, e.startupMs]).toEqual(['serial', 2, '2.00× (2.00–2.00) over the best alternative, pool', null]);
  });
});

describe('paysFrom, winPhrase, idlePerWorker, scalingOf', () => {
  it('says from which measured size the pool wins', () => {
    const spec = { rows, baseline: 'serial', candidates: ['pool'], config: ['workers'], size: (x: Row) => Number(x.size), describe: (s: number) => `${s} units` };
    expect(paysFrom(spec)).toBe('from 10 units (not at 1 units)');
    expect(paysFrom({ ...spec, rows: rows.filter((x) => x.size === 10) })).toBeNull();
  });

  it('words a win by the interval’s class: the same, a win, or within the noise', () => {
    const iv = (value: number, lo: number, hi: number) => ({ value, lo, hi, n: 5 });
    expect(winPhrase(iv(1.005, 0.995, 1.015), 'serial')).toBe('the same as serial (0.99–1.01)');
    expect(winPhrase(iv(1.9, 1.8, 2.01), 'serial')).toBe('1.90× (1.80–2.01) over serial');
    expect(winPhrase(iv(1.9, 0.9, 4), 'serial')).toBe('1.90× (0.90–4.00) over serial, within the noise');
    expect(winPhrase(iv(2, 1.9, 2.1), 'threads', 'rss_peak_bytes')).toBe('2.00× (1.90–2.10) less peak memory than threads');
    expect(winPhrase(iv(0.5, 0.45, 0.55), 'serial')).toBe('2.00× (1.82–2.22) slower than serial');
  });

  it('fits idle memory per worker only for pools started before the work', () => {
    const mem = [1, 2, 4].map((w) => row('pool', 1, { workers: w, rss_base_bytes: 50e6 + w * 10e6 }));
    expect(idlePerWorker(mem)).toBeCloseTo(10e6);
    expect(idlePerWorker(mem.map((x) => ({ ...x, startup_ms: null })))).toBeNull();
    // A pool that started in less than one sampling interval may postdate the last sample before the work.
    expect(idlePerWorker(mem.map((x) => ({ ...x, startup_ms: 5 })), 'workers', { interval_ms: 20, settle_ms: 0 })).toBeNull();
    expect(idlePerWorker(mem.map((x) => ({ ...x, startup_ms: 25 })), 'workers', { interval_ms: 20, settle_ms: 0 })).toBeCloseTo(10e6);
    // A run that paused two intervals after every start-up saw even the fastest pool.
    expect(idlePerWorker(mem.map((x) => ({ ...x, startup_ms: 5 })), 'workers', { interval_ms: 20, settle_ms: 40 })).toBeCloseTo(10e6);
  });

  it('gives speed-up against workers', () => {
    const s = scalingOf(rows.filter((x) => x.size === 10), 'pool', () => 100, 2)!;
    expect(s.points.map((p) => [p.workers, Math.round(p.speedup * 100) / 100])).toEqual([[2, 1.67], [4, 2.5]]);
    expect(s.cores).toBe(2);
  });
});

describe('guideFor', () => {
  it('keeps a row whose figure the report has and unlinks one whose figure it lacks', async () => {
    const { guideFor } = await import('./guide.ts');
    const r = race({ rows, at: (x) => x.size === 10, baseline: 'serial', candidates: ['pool'], config: ['workers'] })!;
    const make = (figure: string) => entryFrom(r, { kind: 'pure-js-cpu', runtime: 'node', work: 'w', figure, baselineLabel: 'serial' });
    const out = guideFor(() => [make('speedup'), make('gone')], {} as never, new Set(['speedup']));
    expect(out.map((e) => e.figure)).toEqual(['speedup', '']);
  });
});
