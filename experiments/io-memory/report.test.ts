import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import type { MemorySample, Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Table, Verdict } from '../../lib/report/doc.ts';
import { buildContext } from './context.ts';
import experiment from './experiment.ts';
import { limitChecks } from './limit.ts';
import { LOW_KB } from './live-memory.ts';
import { NODE, PY } from './plan.ts';
import report from './report.ts';
import { perRequestCosts } from './sweep-figure.ts';
import { syntheticMeta } from '../../lib/testing/synthetic-run.ts';

// A synthetic full-scale run on 2 cores, shaped like the article: threads cost
// more memory than the sequential script and 100 threads much more than 20,
// gevent about as much as threads, asyncio the least. Each point has five
// repetitions spread by ±3 % (a 95 % interval of about ±3 % on a ratio of two
// points), so the fixture's points sit at least 5 % from every threshold
// unless a test moves one onto it.

const MACHINE = 'fixture-2c';
const MiB = 1024 * 1024;
const KiB = 1024;
const JITTER = [0.97, 0.99, 1, 1.01, 1.03];

interface Spec {
  wall_ms: number;
  peak_bytes: number;
  cpu_ms?: number;
  max_delay_ms?: number;
  failed?: number;
  /** The API's peak in flight per repetition (default: the level, every time). */
  in_flight?: number[];
}

type Specs = Record<string, Spec>;

/** Article-phase points: `${strategy}|${concurrency}|${client}`. */
const ARTICLE: Specs = {
  'python-sequential|1|urllib': { wall_ms: 7300, peak_bytes: 30 * MiB },
  'python-threads|20|urllib': { wall_ms: 420, peak_bytes: 36 * MiB },
  'python-threads|100|urllib': { wall_ms: 104, peak_bytes: 48 * MiB },
  'python-gevent|100|urllib': { wall_ms: 102, peak_bytes: 46 * MiB },
  'python-asyncio|100|aiohttp': { wall_ms: 100, peak_bytes: 31 * MiB },
  'python-asyncio-streams|100|asyncio-streams': { wall_ms: 98, peak_bytes: 30.5 * MiB },
  'node-sequential|1|http': { wall_ms: 7250, peak_bytes: 56 * MiB },
  'node-event-loop|20|http': { wall_ms: 400, peak_bytes: 57 * MiB },
  'node-event-loop|100|http': { wall_ms: 90, peak_bytes: 60 * MiB, cpu_ms: 20, max_delay_ms: 70 },
  'node-worker-threads|20|http': { wall_ms: 410, peak_bytes: 250 * MiB },
  'node-worker-threads|100|http': { wall_ms: 93, peak_bytes: 950 * MiB },
  'node-child-processes|20|http': { wall_ms: 416, peak_bytes: 960 * MiB },
  'node-sequential|1|fetch': { wall_ms: 7400, peak_bytes: 86 * MiB },
  'node-event-loop|20|fetch': { wall_ms: 480, peak_bytes: 90 * MiB },
  'node-event-loop|100|fetch': { wall_ms: 120, peak_bytes: 95 * MiB, cpu_ms: 60, max_delay_ms: 70 },
  'node-worker-threads|20|fetch': { wall_ms: 900, peak_bytes: 330 * MiB },
  'node-worker-threads|100|fetch': { wall_ms: 2500, peak_bytes: 1300 * MiB },
  'node-child-processes|20|fetch': { wall_ms: 850, peak_bytes: 1250 * MiB },
};

/** Sweep points: peak = base + per-request cost × concurrency. */
const SWEEP: Record<string, { client: string; base: number; per: number; levels: number[] }> = {
  'node-event-loop': { client: 'http', base: 55 * MiB, per: 10 * KiB, levels: [1, 10, 100] },
  'node-worker-threads': { client: 'http', base: 55 * MiB, per: 9 * MiB, levels: [1, 10, 100] },
  'node-child-processes': { client: 'http', base: 55 * MiB, per: 45 * MiB, levels: [1, 10] },
  'python-threads': { client: 'urllib', base: 30 * MiB, per: 20 * KiB, levels: [1, 10, 100] },
  'python-asyncio': { client: 'aiohttp', base: 31 * MiB, per: 15 * KiB, levels: [1, 10, 100] },
};

const MODEL: Record<string, Row['model']> = {
  [NODE.sequential]: 'serial',
  [NODE.eventLoop]: 'event-loop',
  [NODE.threads]: 'worker-threads',
  [NODE.processes]: 'child-processes',
  [PY.sequential]: 'python-serial',
  [PY.threads]: 'python-threads',
  [PY.asyncio]: 'python-asyncio',
  [PY.streams]: 'python-asyncio',
  [PY.gevent]: 'python-gevent',
};

interface FixtureOptions {
  /** Overrides of article-phase points (merged into the defaults). */
  article?: Partial<Specs>;
  /** The API's peak in flight per repetition at sweep points: `${strategy}|${concurrency}`. */
  sweepInFlight?: Record<string, number[]>;
  reps?: number;
  /** python3 absent: every Python row skipped. */
  noPython?: boolean;
  /** Python modules missing: these strategies' rows skipped. */
  skip?: string[];
  without?: string[];
}

function meta(noPython: boolean): Meta {
  const params = { ...experiment.profiles.full.params, repetitions: 5, sweep_levels: [1, 10, 100], sweep_thread_cap: 100, sweep_process_cap: 10 };
  return syntheticMeta(experiment, { machineId: MACHINE, params, python: noPython ? false : { modules: { aiohttp: true, gevent: true } }, sampling: null });
}

function fixture({ article = {}, sweepInFlight = {}, reps = 5, noPython = false, skip = [], without = [] }: FixtureOptions = {}): ReportInput {
  const rows: Row[] = [];
  const memory: MemorySample[] = [];
  const add = (strategy: string, phase: string, concurrency: number, client: string, requests: number, spec: Spec) => {
    if (without.includes(strategy)) return;
    const runtime = strategy.startsWith('python') ? 'python' : 'node';
    for (let rep = 0; rep < reps; rep++) {
      const trial = rows.length;
      const skipped = runtime === 'python' && (noPython || skip.includes(strategy));
      const j = JITTER[rep % JITTER.length]!;
      // Time and memory spread independently: the memory jitter runs the other way round.
      const wall = spec.wall_ms * j;
      const peak = spec.peak_bytes * JITTER[JITTER.length - 1 - (rep % JITTER.length)]!;
      const base = Math.min(peak, runtime === 'python' ? 25 * MiB : 50 * MiB);
      const start = 150;
      const ok = <T,>(v: T): T | null => (skipped ? null : v);
      rows.push({
        machine_id: MACHINE, trial, strategy, runtime, model: MODEL[strategy]!, rep, warmup: 0,
        status: skipped ? 'skipped' : 'ok', error: skipped ? (noPython ? 'skipped: python3 not found' : `skipped: python module(s) ${strategy === PY.gevent ? 'gevent' : 'aiohttp'} missing for /usr/bin/python3`) : '',
        wall_ms: ok(wall), startup_ms: runtime === 'python' ? null : ok(40), cpu_user_ms: ok((spec.cpu_ms ?? 30) * j), cpu_sys_ms: ok(0),
        cpu_process_ms: null, rss_base_bytes: ok(base), rss_peak_bytes: ok(peak), rss_mean_bytes: ok((base + peak) / 2),
        work_start_ms: ok(start), work_end_ms: ok(start + wall), process_ms: ok(start + wall + 50),
        samples: 10, host_other_cpu_ms: 0, steal_ms: 0, probe_ms: null, disturbed: 0, attempts: 1, digest: skipped ? '' : `d-${requests}`,
        phase, requests, concurrency, client,
        requests_ok: ok(requests - (spec.failed ?? 0)), requests_failed: ok(spec.failed ?? 0),
        max_delay_ms: ok(spec.max_delay_ms ?? 100), max_request_ms: ok(110), server_peak_in_flight: ok(spec.in_flight?.[rep] ?? concurrency), server_connections: ok(concurrency),
      });
      if (!skipped) for (const [t, rss] of [[0, 5 * MiB], [start, base], [start + wall / 2, peak], [start + wall, peak], [start + wall + 40, base]] as const) memory.push({ machine_id: MACHINE, trial, t_ms: t, rss_bytes: rss });
    }
  };
  const specs: Specs = { ...ARTICLE, ...(article as Specs) };
  for (const [key, spec] of Object.entries(specs)) {
    const [strategy, c, client] = key.split('|');
    add(strategy!, 'article', Number(c), client!, 100, spec);
  }
  for (const [strategy, s] of Object.entries(SWEEP)) {
    for (const c of s.levels) add(strategy, 'sweep', c, s.client, 3 * c, { wall_ms: 300, peak_bytes: s.base + s.per * c, in_flight: sweepInFlight[`${strategy}|${c}`] });
  }
  return { experiment, rows, memory, tables: {}, meta: meta(noPython), machineId: MACHINE };
}

const verdict = (doc: ReportDoc, id: string): Verdict => doc.claims.find((c) => c.id === id)!.verdict;
const claim = (doc: ReportDoc, id: string) => doc.claims.find((c) => c.id === id)!;
const blocks = (doc: ReportDoc): Block[] => doc.sections.flatMap((s) => s.blocks);
const figureIds = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : []));
const table = (doc: ReportDoc, id: string): Table | undefined => blocks(doc).flatMap((b) => (b.kind === 'table' && b.table.id === id ? [b.table] : []))[0];
const prose = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'markdown' || b.kind === 'note' ? [b.text] : b.kind === 'figure' ? [b.figure.caption] : [])).join('\n');

/** Worker threads at 100 that kept only about a third of their level in flight, as on the reference machine. */
const SHORT_POOL = { 'node-worker-threads|100|http': { wall_ms: 93, peak_bytes: 950 * MiB, in_flight: [31, 34, 36, 33, 35] } };
/** And at the sweep's 100, short of it by a little more than 10 %. */
const SHORT_SWEEP = { 'node-worker-threads|100': [80, 86, 88, 84, 87] };

describe('io-memory claims, judged by lib on intervals', () => {
  it('reproduces M1, M2, M3 and M5 on an article-shaped run, and M4 differs in Node', () => {
    const doc = report(fixture());
    expect(doc.claims.map((c) => [c.id, c.verdict])).toEqual([
      ['M1', 'reproduced'],
      ['M2', 'reproduced'],
      ['M3', 'reproduced'],
      ['M4', 'differs in Node'],
      ['M5', 'reproduced'],
    ]);
    expect(claim(doc, 'M1').python).toMatch(/^threads · 20: 17\.\d\d× faster than sequential \(\d+\.\d\d–\d+\.\d\d\); time saved: 94 % \(\d+–\d+ %\), needs > 35 %: holds/);
    expect(claim(doc, 'M4').node).toMatch(/event loop · 100 · http over worker threads · 100 · http, peak: 0\.06× \(0\.06–0\.07\), needs within 0\.87×–1\.15×: fails/);
  });

  it('M1: partly reproduced when 20 threads save less than 35 %, not reproduced when they are slower', () => {
    expect(verdict(report(fixture({ article: { 'python-threads|20|urllib': { wall_ms: 6000, peak_bytes: 36 * MiB } } })), 'M1')).toBe('partly reproduced');
    expect(verdict(report(fixture({ article: { 'python-threads|20|urllib': { wall_ms: 7600, peak_bytes: 36 * MiB } } })), 'M1')).toBe('not reproduced');
  });

  it('M2: not reproduced when one parallel method is far slower, bounded over every pair', () => {
    const doc = report(fixture({ article: { 'python-gevent|100|urllib': { wall_ms: 300, peak_bytes: 46 * MiB } } }));
    expect(verdict(doc, 'M2')).toBe('not reproduced');
    expect(claim(doc, 'M2').python).toMatch(/slowest over fastest at 100: 3\.00× \(2\.\d\d–3\.\d\d\), needs < 1\.10×: fails/);
    expect(claim(doc, 'M2').python).toContain('Python gevent · 100: 3.00× slower than Python asyncio (aiohttp) · 100');
  });

  it('M2: partly reproduced in Node alone when the methods are close at 20 but not at 100', () => {
    const doc = report(fixture({ noPython: true, article: { 'node-worker-threads|100|http': { wall_ms: 300, peak_bytes: 950 * MiB } } }));
    expect(claim(doc, 'M2').levels).toEqual({ python: 'not-run', node: 'partial' });
    expect(verdict(doc, 'M2')).toBe('not run in Python');
  });

  it('M3: inconclusive when 100 threads’ peak over 20’s straddles 1.10×, naming the interval that would decide it', () => {
    const doc = report(fixture({ article: { 'python-threads|100|urllib': { wall_ms: 104, peak_bytes: 36 * 1.1 * MiB } } }));
    expect(verdict(doc, 'M3')).toBe('inconclusive');
    expect(claim(doc, 'M3').python).toMatch(/threads · 100 over 20: 1\.10× \(1\.0\d–1\.1\d\), needs > 1\.10×: undecided/);
    expect(claim(doc, 'M3').basis).toMatch(/Undecided: Python threads · 100 over 20\b.*\(1\.0\d–1\.1\d\)/);
  });

  it('M3: partly reproduced when 100 threads are clearly not much above 20, not reproduced when threads cost no more', () => {
    expect(verdict(report(fixture({ article: { 'python-threads|100|urllib': { wall_ms: 104, peak_bytes: 37 * MiB } } })), 'M3')).toBe('partly reproduced');
    const flat = { 'python-threads|20|urllib': { wall_ms: 420, peak_bytes: 28 * MiB }, 'python-threads|100|urllib': { wall_ms: 104, peak_bytes: 28 * MiB } };
    expect(verdict(report(fixture({ article: flat })), 'M3')).toBe('not reproduced');
  });

  it('M4: not reproduced when gevent costs far more than threads; not run in Python when gevent was skipped', () => {
    expect(verdict(report(fixture({ article: { 'python-gevent|100|urllib': { wall_ms: 102, peak_bytes: 80 * MiB } } })), 'M4')).toBe('not reproduced');
    const skipped = report(fixture({ skip: [PY.gevent] }));
    expect(verdict(skipped, 'M4')).toBe('not run in Python');
    expect(claim(skipped, 'M4').python).toContain('python-gevent skipped: python module(s) gevent missing');
    expect(verdict(skipped, 'M2')).toBe('reproduced');
  });

  it('M5: not reproduced when asyncio peaks above the threads and far from sequential; partly when lowest but far from sequential', () => {
    expect(verdict(report(fixture({ article: { 'python-asyncio|100|aiohttp': { wall_ms: 100, peak_bytes: 50 * MiB } } })), 'M5')).toBe('not reproduced');
    expect(verdict(report(fixture({ article: { 'python-sequential|1|urllib': { wall_ms: 7300, peak_bytes: 20 * MiB } } })), 'M5')).toBe('partly reproduced');
  });

  it('M5: judged on plain asyncio streams, and says so, when aiohttp was skipped', () => {
    const doc = report(fixture({ skip: [PY.asyncio] }));
    expect(claim(doc, 'M5').python).toContain('asyncio (streams) · 100 over the leanest other parallel method');
    expect(claim(doc, 'M5').python).toContain('plain asyncio streams stand in');
    expect(claim(doc, 'M5').basis).toContain('asyncio (plain streams)');
    expect(prose(doc)).toContain('`python-asyncio` (python module(s) aiohttp missing');
  });

  it('M5: gives each method’s base and its growth over it, so an import’s cost is not read as the requests’', () => {
    const input = fixture();
    for (const r of input.rows) if (r.strategy === PY.asyncio && r.phase === 'article') r.rss_base_bytes = 29 * MiB;
    expect(claim(report(input), 'M5').python).toMatch(/Before the first request it held 29\.0 MiB, the sequential script 25\.0 MiB; while the requests ran it grew [\d.]+ MiB over that base/);
  });

  it('every claim reads not run in Python when python3 is missing, the Node analog beside it', () => {
    const doc = report(fixture({ noPython: true }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(Array(5).fill('not run in Python'));
    for (const c of doc.claims) expect(c.python).toBe('not run here (skipped: python3 not found)');
    expect(claim(doc, 'M5').levels).toEqual({ python: 'not-run', node: 'full' });
    expect(figureIds(doc)).not.toContain('memory-node-vs-python');
    expect(doc.headline).toContain('the article’s Python did not run here');
  });

  it('every claim reads inconclusive with two repetitions a point: too few to judge', () => {
    const doc = report(fixture({ reps: 2 }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(Array(5).fill('inconclusive'));
    expect(claim(doc, 'M3').basis).toContain('too few clean repetitions to judge');
  });

  it('claims read not measured when their strategies are absent', () => {
    const doc = report(fixture({ without: [PY.threads, NODE.threads, NODE.eventLoop, PY.gevent, PY.asyncio, PY.streams] }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(Array(5).fill('not measured'));
  });
});

describe('io-memory: the requests really in flight', () => {
  it('names the real peak in flight wherever a pool fell short of its size: claims, headline, tables', () => {
    const doc = report(fixture({ article: SHORT_POOL, sweepInFlight: SHORT_SWEEP }));
    expect(claim(doc, 'M3').node).toContain('worker threads · 100 · http (31–36 in flight) over 20');
    expect(doc.headline).toMatch(/less peak memory than 100 worker threads, which had only 31–36 requests in flight at once \(at an equal 10 in flight: [\d.]+× \([\d.–]+\) less peak memory than worker threads\)/);
    const row = table(doc, 'article-points')!.rows.find((r) => r.strategy === 'Node worker threads' && r.concurrency === 100 && r.client === 'http');
    expect(row?.inflight).toBe('**34 (31–36)**');
    expect(prose(doc)).toContain('Node worker threads · 100 · http had 31–36 in flight, not 100');
  });

  it('compares models at equal concurrency only at levels both reached, and says how many the other reached', () => {
    const doc = report(fixture({ sweepInFlight: SHORT_SWEEP }));
    const rows = table(doc, 'equal-concurrency-node')!.rows;
    expect(rows.find((r) => r.level === 10)!['node-worker-threads']).toMatch(/^\d+\.\d\d× \(\d+\.\d\d–\d+\.\d\d\)$/);
    expect(rows.find((r) => r.level === 100)!['node-worker-threads']).toBe('only 86 (80–88) in flight');
    expect(table(doc, 'equal-concurrency-python')!.rows.find((r) => r.level === 100)!['python-threads']).toMatch(/^0\.\d\d× /);
    expect(claim(report(fixture({ article: SHORT_POOL, sweepInFlight: SHORT_SWEEP })), 'M4').node).toMatch(/At equal concurrency \(the sweep’s 10, reached by both\) Node worker threads take [\d.]+× \([\d.–]+\) more peak memory than Node event loop/);
  });
});

describe('io-memory: sweep and performance checks', () => {
  it('perRequestCosts(ctx) recovers each model’s memory per request in flight from the sweep', () => {
    const costs = perRequestCosts(buildContext(fixture()));
    const slope = (s: string) => costs.find((c) => c.strategy === s)!.slope_bytes;
    expect(slope(NODE.eventLoop) / KiB).toBeCloseTo(10, 0);
    expect(slope(NODE.threads) / MiB).toBeCloseTo(9, 1);
    expect(slope(NODE.processes) / MiB).toBeCloseTo(45, 1);
    expect(slope(PY.threads) / KiB).toBeCloseTo(20, 0);
  });

  it('limitChecks(ctx) sets the event loop against the slowest answer plus its CPU, judged on the interval', () => {
    const [fetch, http] = limitChecks(buildContext(fixture()));
    expect(http!.point.client).toBe('http');
    expect(http!.limit_ms).toBeCloseTo(90, 6);
    expect(http!.outcome).toBe('holds');
    expect(fetch!.limit_ms).toBeCloseTo(130, 6);
    const slow = limitChecks(buildContext(fixture({ article: { 'node-event-loop|100|http': { wall_ms: 120, peak_bytes: 60 * MiB, cpu_ms: 20, max_delay_ms: 70 } } })));
    expect(slow[1]!.ratio.value).toBeGreaterThan(1.25);
    expect(slow[1]!.outcome).toBe('fails');
  });

  it('limitChecks(ctx) takes the main thread’s CPU as the client’s processing where the run recorded it', () => {
    const input = fixture();
    for (const r of input.rows) if (r.strategy === NODE.eventLoop && r.phase === 'article') r.main_cpu_ms = 10;
    const [, http] = limitChecks(buildContext(input));
    expect(http!.cpu_source).toBe('main thread');
    expect(http!.limit_ms).toBeCloseTo(80, 6);
    expect(http!.over_slowest_ms).toBeCloseTo(20, 6);
  });

  it('states the event loop’s live memory per request beside the peak slope, and judges “low kilobytes” on it', () => {
    const withLive = (perRequest: number) => {
      const input = fixture();
      for (const r of input.rows) if (r.strategy === NODE.eventLoop && r.phase === 'sweep') r.live_bytes_per_request = perRequest + 50_000 / Number(r.concurrency);
      return report(input);
    };
    const low = withLive(4 * KiB);
    expect(table(low, 'live-memory')).toBeDefined();
    expect(prose(low)).toContain('The slope of that live total over the levels is 4.00 KiB per request in flight');
    expect(prose(low)).toContain('That is low kilobytes');
    expect(prose(withLive(2 * LOW_KB))).toContain('That is more than the 10.0 KiB the issue calls low kilobytes');
    expect(prose(report(fixture()))).toContain('no garbage-free figure');
  });

  it('shows failed requests: a warning and the sum in the Failed column, never dropped', () => {
    const doc = report(fixture({ article: { 'node-event-loop|20|http': { wall_ms: 400, peak_bytes: 57 * MiB, failed: 2 } } }));
    expect(prose(doc)).toContain('10 requests failed in 5 measured trials');
    const row = table(doc, 'article-points')!.rows.find((r) => r.strategy === 'Node event loop' && r.concurrency === 20 && r.client === 'http');
    expect(row?.failed).toBe(10);
  });

  it('states the fetch/http ratios with their intervals', () => {
    const row = table(report(fixture()), 'fetch-vs-http')!.rows.find((r) => r.strategy === 'Node sequential')!;
    expect(row.peak_ratio).toMatch(/^1\.54× \(1\.\d\d–1\.\d\d\)$/);
  });
});
