import { describe, expect, it } from 'vitest';
import type { Row } from '../data/schema.ts';
import { CPU_BOUND_CORES, cpuShareOf, entryFrom, filingOf, idlePerWorker, IO_BOUND_CORES, measuredKindOf, paysFrom, race, scalingOf, winPhrase } from './guide.ts';

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
    // The machine's cores go into each row's CPU share, for its share of the machine.
    const cpu = rows.map((x) => ({ ...x, cpu_user_ms: Number(x.wall_ms), cpu_sys_ms: 0 }));
    const withCpu = () => [entryFrom(race({ rows: cpu, at: (x) => x.size === 10, baseline: 'serial', candidates: ['pool'] })!, { kind: 'pure-js-cpu', runtime: 'node', work: 'w', figure: 'speedup', baselineLabel: 'serial' })];
    const input = { machineId: 'm', meta: { runs: { m: { machine: { cores: 4 } } } } } as never;
    expect(guideFor(withCpu, input, new Set(['speedup']))[0]!.cpuShare!.machineCores).toBe(4);
  });
});

describe('the CPU share and the kind of work it measured', () => {
  // Rows whose whole-tree CPU is `share` of their wall, ±1 %.
  const busy = (share: number, strategy = 'serial') => [0.99, 1, 1.01].map((j) => row(strategy, 100, { cpu_user_ms: 100 * share * j * 0.8, cpu_sys_ms: 100 * share * j * 0.2 }));

  it('is whole-tree CPU (user + system) over wall, in cores, as a geometric mean with its interval', () => {
    const s = cpuShareOf(busy(0.9), 'serial', 2)!;
    expect(s.cores.value).toBeCloseTo(0.9, 3);
    expect(s.cores.lo).toBeLessThan(0.9);
    expect(s.cores.hi).toBeGreaterThan(0.9);
    expect([s.where, s.machineCores]).toEqual(['serial', 2]);
    // Rows that recorded no CPU leave no share.
    expect(cpuShareOf([row('serial', 100)], 'serial')).toBeNull();
  });

  it('names the kind by the whole interval against the two lines', () => {
    const iv = (value: number, lo: number, hi: number, n = 3) => ({ value, lo, hi, n });
    expect([CPU_BOUND_CORES, IO_BOUND_CORES]).toEqual([0.5, 0.25]);
    expect(measuredKindOf(iv(0.98, 0.95, 1.01))).toBe('cpu-bound');
    expect(measuredKindOf(iv(0.05, 0.04, 0.07))).toBe('io-bound');
    expect(measuredKindOf(iv(0.35, 0.3, 0.4))).toBe('between');
    // An interval that straddles a line, or too few trials, decides nothing.
    expect(measuredKindOf(iv(0.5, 0.4, 0.6))).toBe('undecided');
    expect(measuredKindOf(iv(0.22, 0.2, 0.27))).toBe('undecided');
    expect(measuredKindOf(iv(0.98, 0, Infinity, 1))).toBe('undecided');
    expect(measuredKindOf(null)).toBe('undecided');
  });

  it('entryFrom states the share of the race’s baseline by default, or of the run it is given', () => {
    const rows = [...busy(1), ...[50, 51, 49].map((w) => row('pool', w, { cpu_user_ms: w * 1.9, cpu_sys_ms: 0 }))];
    const r = race({ rows, at: () => true, baseline: 'serial', candidates: ['pool'] })!;
    const e = entryFrom(r, { kind: 'file-io', runtime: 'node', work: 'w', figure: 'f', baselineLabel: 'the serial loop' });
    expect(e.cpuShare!.cores.value).toBeCloseTo(1, 3);
    expect(e.cpuShare!.where).toBe('serial (the serial loop), on the same work');
    expect(e.measuredKind).toBe('cpu-bound');
    const waits = entryFrom(r, { kind: 'file-io', runtime: 'node', work: 'w', figure: 'f', baselineLabel: 'the serial loop', cpu: { rows: busy(0.05, 'one'), where: 'one task' } });
    expect([waits.cpuShare!.where, waits.measuredKind]).toEqual(['one task', 'io-bound']);
  });

  it('files IO that keeps a core busy as CPU work, with the article’s label beside it, and every other row under its own kind', () => {
    expect(filingOf({ kind: 'file-io', measuredKind: 'cpu-bound' })).toMatchObject({ key: 'cpu-bound:file-io', label: 'CPU work (the article’s file IO)', refiled: true });
    expect(filingOf({ kind: 'network-io', measuredKind: 'cpu-bound' }).label).toBe('CPU work (the article’s network IO)');
    expect(filingOf({ kind: 'pure-js-cpu', measuredKind: 'io-bound' }).label).toBe('Waiting, not CPU (the article’s pure CPU)');
    for (const measuredKind of ['io-bound', 'undecided'] as const) expect(filingOf({ kind: 'file-io', measuredKind })).toMatchObject({ key: 'file-io', refiled: false });
    expect(filingOf({ kind: 'file-io', measuredKind: 'between' })).toMatchObject({ key: 'between:file-io', label: 'Part CPU, part waiting (the article’s file IO)', refiled: true });
    expect(filingOf({ kind: 'native-cpu', measuredKind: 'between' }).label).toBe('Part CPU, part waiting (the article’s native CPU)');
    for (const measuredKind of ['cpu-bound', 'io-bound', 'between', 'undecided'] as const) expect(filingOf({ kind: 'memory-heavy', measuredKind })).toMatchObject({ key: 'memory-heavy', refiled: false });
    // Refiled CPU work sits after the CPU kinds and before the rest.
    const rank = (kind: Parameters<typeof filingOf>[0]['kind'], measuredKind: Parameters<typeof filingOf>[0]['measuredKind'] = 'undecided') => filingOf({ kind, measuredKind }).rank;
    expect(rank('native-cpu')).toBeLessThan(rank('file-io', 'cpu-bound'));
    expect(rank('file-io', 'cpu-bound')).toBeLessThan(rank('many-small-tasks'));
    expect(rank('file-io')).toBeLessThan(rank('file-io', 'between'));
    expect(rank('file-io', 'between')).toBeLessThan(rank('memory-heavy'));
  });
});
