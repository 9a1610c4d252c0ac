import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import type { MemorySample, Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import { renderPage } from '../../lib/report/page.ts';
import { buildContext } from './context.ts';
import experiment from './experiment.ts';
import { limitChecks } from './limit.ts';
import { LOW_KB } from './live-memory.ts';
import { NODE, PY } from './plan.ts';
import report from './report.ts';
import { perRequestCosts } from './sweep-figure.ts';

// A synthetic full-scale run on 2 cores, shaped like the article: threads cost
// more memory than the sequential script and 100 threads much more than 20,
// gevent about as much as threads, asyncio the least. Each point's three
// repetitions are spread by ±1 %, so points 10 % apart are separated.

const MACHINE = 'fixture-2c';
const MB = 1024 * 1024;
const KB = 1024;
const JITTER = [0.99, 1, 1.01];

interface Spec {
  wall_ms: number;
  peak_bytes: number;
  cpu_ms?: number;
  max_delay_ms?: number;
  failed?: number;
}

type Specs = Record<string, Spec>;

/** Article-phase points: `${strategy}|${concurrency}|${client}`. */
const ARTICLE: Specs = {
  'python-sequential|1|urllib': { wall_ms: 7300, peak_bytes: 30 * MB },
  'python-threads|20|urllib': { wall_ms: 420, peak_bytes: 36 * MB },
  'python-threads|100|urllib': { wall_ms: 108, peak_bytes: 48 * MB },
  'python-gevent|100|urllib': { wall_ms: 105, peak_bytes: 46 * MB },
  'python-asyncio|100|aiohttp': { wall_ms: 100, peak_bytes: 31 * MB },
  'python-asyncio-streams|100|asyncio-streams': { wall_ms: 98, peak_bytes: 30.5 * MB },
  'node-sequential|1|http': { wall_ms: 7250, peak_bytes: 56 * MB },
  'node-event-loop|20|http': { wall_ms: 400, peak_bytes: 57 * MB },
  'node-event-loop|100|http': { wall_ms: 90, peak_bytes: 60 * MB, cpu_ms: 20, max_delay_ms: 70 },
  'node-worker-threads|20|http': { wall_ms: 410, peak_bytes: 250 * MB },
  'node-worker-threads|100|http': { wall_ms: 95, peak_bytes: 950 * MB },
  'node-child-processes|20|http': { wall_ms: 420, peak_bytes: 960 * MB },
  'node-sequential|1|fetch': { wall_ms: 7400, peak_bytes: 86 * MB },
  'node-event-loop|20|fetch': { wall_ms: 480, peak_bytes: 90 * MB },
  'node-event-loop|100|fetch': { wall_ms: 120, peak_bytes: 95 * MB, cpu_ms: 60, max_delay_ms: 70 },
  'node-worker-threads|20|fetch': { wall_ms: 900, peak_bytes: 330 * MB },
  'node-worker-threads|100|fetch': { wall_ms: 2500, peak_bytes: 1300 * MB },
  'node-child-processes|20|fetch': { wall_ms: 850, peak_bytes: 1250 * MB },
};

/** Sweep points: peak = base + per-request cost × concurrency. */
const SWEEP: Record<string, { client: string; base: number; per: number; levels: number[] }> = {
  'node-event-loop': { client: 'http', base: 55 * MB, per: 10 * KB, levels: [1, 10, 100] },
  'node-worker-threads': { client: 'http', base: 55 * MB, per: 9 * MB, levels: [1, 10, 100] },
  'node-child-processes': { client: 'http', base: 55 * MB, per: 45 * MB, levels: [1, 10] },
  'python-threads': { client: 'urllib', base: 30 * MB, per: 20 * KB, levels: [1, 10, 100] },
  'python-asyncio': { client: 'aiohttp', base: 31 * MB, per: 15 * KB, levels: [1, 10, 100] },
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
  reps?: number;
  /** python3 absent: every Python row skipped. */
  noPython?: boolean;
  /** Python modules missing: these strategies' rows skipped. */
  skip?: string[];
  without?: string[];
}

function meta(noPython: boolean): Meta {
  const params = { ...experiment.profiles.full.params, sweep_levels: [1, 10, 100], sweep_thread_cap: 100, sweep_process_cap: 10 };
  return {
    experiment: 'io-memory',
    reference_machine: MACHINE,
    runs: {
      [MACHINE]: {
        machine: { machine_id: MACHINE, hostname: 'box', cpu_model: 'Example CPU', cores: 2, memory_bytes: 2 ** 34, os: 'Linux', kernel: '6.1', arch: 'x64' },
        software: { node: 'v20.20.2', v8: '11.3', python: noPython ? null : { path: '/usr/bin/python3', version: '3.11.2', modules: { aiohttp: true, gevent: true } }, packages: {}, tools: {} },
        git: { commit: null, dirty: null },
        profile: 'full',
        params,
        inputs: { seed: null, hashes: {} },
        code_hash: 'abc',
        started_at: '2024-01-01T00:00:00.000Z',
        ended_at: '2024-01-01T00:08:00.000Z',
        trials: { planned: 0, ok: 0, failed: 0, skipped: 0, disturbed: 0, warmup: 0 },
        notes: [],
      },
    },
  };
}

function fixture({ article = {}, reps = 3, noPython = false, skip = [], without = [] }: FixtureOptions = {}): ReportInput {
  const rows: Row[] = [];
  const memory: MemorySample[] = [];
  const add = (strategy: string, phase: string, concurrency: number, client: string, requests: number, spec: Spec) => {
    if (without.includes(strategy)) return;
    const runtime = strategy.startsWith('python') ? 'python' : 'node';
    for (let rep = 0; rep < reps; rep++) {
      const trial = rows.length;
      const skipped = runtime === 'python' && (noPython || skip.includes(strategy));
      const j = JITTER[rep % JITTER.length]!;
      const wall = spec.wall_ms * j;
      const peak = spec.peak_bytes * j;
      const base = Math.min(peak, runtime === 'python' ? 25 * MB : 50 * MB);
      const start = 150;
      rows.push({
        machine_id: MACHINE, trial, strategy, runtime, model: MODEL[strategy]!, rep, warmup: 0,
        status: skipped ? 'skipped' : 'ok', error: skipped ? (noPython ? 'skipped: python3 not found' : `skipped: python module(s) ${strategy === PY.gevent ? 'gevent' : 'aiohttp'} missing for /usr/bin/python3`) : '',
        wall_ms: skipped ? null : wall, startup_ms: skipped || runtime === 'python' ? null : 40, cpu_user_ms: skipped ? null : (spec.cpu_ms ?? 30) * j, cpu_sys_ms: skipped ? null : 0,
        cpu_process_ms: null, rss_base_bytes: skipped ? null : base, rss_peak_bytes: skipped ? null : peak, rss_mean_bytes: skipped ? null : (base + peak) / 2,
        work_start_ms: skipped ? null : start, work_end_ms: skipped ? null : start + wall, process_ms: skipped ? null : start + wall + 50,
        samples: 10, host_other_cpu_ms: 0, steal_ms: 0, probe_ms: null, disturbed: 0, attempts: 1, digest: skipped ? '' : `d-${requests}`,
        phase, requests, concurrency, client,
        requests_ok: skipped ? null : requests - (spec.failed ?? 0), requests_failed: skipped ? null : (spec.failed ?? 0),
        max_delay_ms: skipped ? null : (spec.max_delay_ms ?? 100), max_request_ms: skipped ? null : 110, server_peak_in_flight: skipped ? null : concurrency, server_connections: skipped ? null : concurrency,
      });
      if (!skipped) for (const [t, rss] of [[0, 5 * MB], [start, base], [start + wall / 2, peak], [start + wall, peak], [start + wall + 40, base]] as const) memory.push({ machine_id: MACHINE, trial, t_ms: t, rss_bytes: rss });
    }
  };
  const specs: Specs = { ...ARTICLE, ...(article as Specs) };
  for (const [key, spec] of Object.entries(specs)) {
    const [strategy, c, client] = key.split('|');
    add(strategy!, 'article', Number(c), client!, 100, spec);
  }
  for (const [strategy, s] of Object.entries(SWEEP)) {
    for (const c of s.levels) add(strategy, 'sweep', c, s.client, 3 * c, { wall_ms: 300, peak_bytes: s.base + s.per * c });
  }
  return { experiment, rows, memory, tables: {}, meta: meta(noPython), machineId: MACHINE };
}

const verdict = (doc: ReportDoc, id: string): Verdict => doc.claims.find((c) => c.id === id)!.verdict;
const claim = (doc: ReportDoc, id: string) => doc.claims.find((c) => c.id === id)!;
const blocks = (doc: ReportDoc): Block[] => doc.sections.flatMap((s) => s.blocks);
const figureIds = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : []));
const tableIds = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'table' ? [b.table.id] : []));

/** Every string a reader sees: headline, claims, titles, prose, captions and table cells. */
function texts(doc: ReportDoc): string[] {
  const out = [doc.headline, ...doc.claims.flatMap((c) => Object.values(c))];
  for (const s of doc.sections) {
    out.push(s.title);
    for (const b of s.blocks) {
      if (b.kind === 'markdown' || b.kind === 'note') out.push(b.text);
      if (b.kind === 'figure') out.push(b.figure.title, b.figure.caption);
      if (b.kind === 'table') out.push(b.table.title, b.table.caption ?? '', ...b.table.rows.flatMap((r) => Object.values(r).map(String)));
    }
  }
  return out;
}

describe('io-memory report: verdicts', () => {
  it('report(input) judges M1, M2, M3 and M5 reproduced on an article-shaped run, and M4 differs in Node', () => {
    const doc = report(fixture());
    expect(doc.claims.map((c) => [c.id, c.verdict])).toEqual([
      ['M1', 'reproduced'],
      ['M2', 'reproduced'],
      ['M3', 'reproduced'],
      ['M4', 'differs in Node'],
      ['M5', 'reproduced'],
    ]);
    expect(claim(doc, 'M1').python).toContain('python-threads · 20: 420 ms against 7.30 s sequential, 94 % less time');
    expect(claim(doc, 'M4').node).toContain('(0.06×)');
  });

  it('report(input) judges M1 partly reproduced when 20 threads save less than 35 %, not reproduced when they are no faster', () => {
    expect(verdict(report(fixture({ article: { 'python-threads|20|urllib': { wall_ms: 6000, peak_bytes: 36 * MB } } })), 'M1')).toBe('partly reproduced');
    expect(verdict(report(fixture({ article: { 'python-threads|20|urllib': { wall_ms: 7300, peak_bytes: 36 * MB } } })), 'M1')).toBe('not reproduced');
  });

  it('report(input) judges M2 not reproduced when one parallel method is far slower than the others at the same concurrency', () => {
    const doc = report(fixture({ article: { 'python-gevent|100|urllib': { wall_ms: 300, peak_bytes: 46 * MB } } }));
    expect(verdict(doc, 'M2')).toBe('not reproduced');
    expect(claim(doc, 'M2').python).toContain('the slowest 3.00× the fastest');
  });

  it('report(input) judges M3 partly reproduced when 100 threads are not much above 20, not reproduced when threads cost no more', () => {
    expect(verdict(report(fixture({ article: { 'python-threads|100|urllib': { wall_ms: 108, peak_bytes: 37 * MB } } })), 'M3')).toBe('partly reproduced');
    const flat = { 'python-threads|20|urllib': { wall_ms: 420, peak_bytes: 30 * MB }, 'python-threads|100|urllib': { wall_ms: 108, peak_bytes: 30 * MB } };
    expect(verdict(report(fixture({ article: flat })), 'M3')).toBe('not reproduced');
  });

  it('report(input) judges M4 not reproduced when gevent costs far more than threads', () => {
    expect(verdict(report(fixture({ article: { 'python-gevent|100|urllib': { wall_ms: 105, peak_bytes: 80 * MB } } })), 'M4')).toBe('not reproduced');
  });

  it('report(input) judges M5 not reproduced when asyncio peaks above the threads and far from sequential', () => {
    expect(verdict(report(fixture({ article: { 'python-asyncio|100|aiohttp': { wall_ms: 100, peak_bytes: 50 * MB } } })), 'M5')).toBe('not reproduced');
    expect(verdict(report(fixture({ article: { 'python-asyncio|100|aiohttp': { wall_ms: 100, peak_bytes: 35 * MB } } })), 'M5')).toBe('partly reproduced');
  });

  it('report(input) judges M5 on plain asyncio streams, and says so, when aiohttp was skipped', () => {
    const doc = report(fixture({ skip: [PY.asyncio] }));
    expect(claim(doc, 'M5').python).toContain('python-asyncio-streams');
    expect(claim(doc, 'M5').python).toContain('plain asyncio streams stand in');
    expect(claim(doc, 'M5').basis).toContain('asyncio (plain streams)');
    expect(blocks(doc).some((b) => b.kind === 'markdown' && b.text.includes('`python-asyncio` (python module(s) aiohttp missing'))).toBe(true);
  });

  it('report(input) judges every claim inconclusive with a single repetition, saying why', () => {
    const doc = report(fixture({ reps: 1 }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(Array(5).fill('inconclusive'));
    expect(claim(doc, 'M3').basis).toContain('single repetition');
  });

  it('report(input) judges on Node alone, and draws no Node-vs-Python figure, when python3 is missing', () => {
    const doc = report(fixture({ noPython: true }));
    for (const c of doc.claims) expect(c.python).toBe('not run here (python3 missing)');
    expect(claim(doc, 'M4').basis).toContain('Node analog alone');
    expect(verdict(doc, 'M4')).toBe('not reproduced');
    expect(verdict(doc, 'M5')).toBe('reproduced');
    expect(figureIds(doc)).not.toContain('memory-node-vs-python');
    expect(figureIds(doc)).not.toContain('memory-timeline-python');
    expect(doc.headline).toContain('the article’s Python did not run here');
  });

  it('report(input) marks claims not measured when their strategies are absent, without throwing', () => {
    const doc = report(fixture({ without: [PY.threads, NODE.threads, NODE.eventLoop, PY.gevent] }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(Array(5).fill('not measured'));
  });
});

describe('io-memory report: figures, numbers and text', () => {
  it('report(input) computes the headline from the data', () => {
    expect(report(fixture()).headline).toBe(
      'With 72.5 ms per answer, Node’s event loop fetched all 100 dates at once in 90 ms and peaked at 60.0 MB, 15.83× less memory than 100 worker threads (950 MB); Python’s asyncio with aiohttp peaked at 31.0 MB against 48.0 MB for 100 threads.',
    );
  });

  it('report(input) has the article’s memory timelines, the new figures and tables', () => {
    const doc = report(fixture());
    expect(figureIds(doc)).toEqual(['peak-vs-wall', 'memory-timeline-python', 'memory-timeline-node', 'memory-by-concurrency', 'memory-node-vs-python']);
    expect(tableIds(doc)).toEqual(['article-points', 'per-request-cost', 'sweep-points', 'physical-limit', 'fetch-vs-http']);
  });

  it('perRequestCosts(ctx) recovers each model’s memory per request in flight from the sweep', () => {
    const costs = perRequestCosts(buildContext(fixture()));
    const slope = (s: string) => costs.find((c) => c.strategy === s)!.slope_bytes;
    expect(slope(NODE.eventLoop) / KB).toBeCloseTo(10, 1);
    expect(slope(NODE.threads) / MB).toBeCloseTo(9, 1);
    expect(slope(NODE.processes) / MB).toBeCloseTo(45, 1);
    expect(slope(PY.threads) / KB).toBeCloseTo(20, 1);
  });

  it('limitChecks(ctx) sets the event loop against the slowest answer plus its CPU', () => {
    const [fetch, http] = limitChecks(buildContext(fixture()));
    expect(http!.point.client).toBe('http');
    expect(http!.limit_ms).toBeCloseTo(90, 6);
    expect(http!.within).toBe(true);
    expect(fetch!.limit_ms).toBeCloseTo(130, 6);
    expect(fetch!.within).toBe(true);
    const slow = limitChecks(buildContext(fixture({ article: { 'node-event-loop|100|http': { wall_ms: 120, peak_bytes: 60 * MB, cpu_ms: 20, max_delay_ms: 70 } } })));
    expect(slow[1]!.ratio).toBeCloseTo(120 / 90, 6);
    expect(slow[1]!.within).toBe(false);
  });

  it('limitChecks(ctx) takes the main thread’s CPU as the client’s processing where the run recorded it', () => {
    const input = fixture();
    for (const r of input.rows) if (r.strategy === NODE.eventLoop && r.phase === 'article') r.main_cpu_ms = 10;
    const [, http] = limitChecks(buildContext(input));
    expect(http!.cpu_source).toBe('main thread');
    expect(http!.limit_ms).toBeCloseTo(80, 6);
    expect(http!.over_slowest_ms).toBeCloseTo(20, 6);
    expect(http!.within).toBe(false); // 90 ms against 80 ms: 12.5 % over
  });

  it('report(input) states the event loop’s live memory per request beside the peak slope, and judges “low kilobytes” on it', () => {
    const withLive = (perRequest: number) => {
      const input = fixture();
      for (const r of input.rows) if (r.strategy === NODE.eventLoop && r.phase === 'sweep') r.live_bytes_per_request = perRequest + 50_000 / Number(r.concurrency);
      return report(input);
    };
    const low = withLive(4 * KB);
    expect(tableIds(low)).toContain('live-memory');
    const text = texts(low).join('\n');
    expect(text).toContain('The slope of that live total over the levels is 4.00 KB per request in flight');
    expect(text).toContain('That is low kilobytes');
    expect(texts(withLive(2 * LOW_KB)).join('\n')).toContain('That is more than the 10.0 KB the issue calls low kilobytes');
    expect(texts(report(fixture())).join('\n')).toContain('no garbage-free figure');
  });

  it('report(input) gives M5 each method’s base and its growth over it, so an import’s cost is not read as the requests’', () => {
    const input = fixture();
    for (const r of input.rows) if (r.strategy === PY.asyncio && r.phase === 'article') r.rss_base_bytes = 29 * MB;
    expect(claim(report(input), 'M5').python).toMatch(/Before the first request it held 29\.0 MB, the sequential script 25\.0 MB; while the requests ran it grew [\d.]+ MB over that base/);
  });

  it('report(input) shows failed requests: a warning and the sum in the Failed column, never dropped', () => {
    const doc = report(fixture({ article: { 'node-event-loop|20|http': { wall_ms: 400, peak_bytes: 57 * MB, failed: 2 } } }));
    const warning = blocks(doc).find((b) => b.kind === 'note' && b.text.includes('failed'));
    expect(warning && warning.kind === 'note' && warning.text).toContain('6 requests failed in 3 measured trials');
    const table = blocks(doc).find((b) => b.kind === 'table' && b.table.id === 'article-points');
    const row = table && table.kind === 'table' ? table.table.rows.find((r) => r.strategy === '`node-event-loop`' && r.concurrency === 20 && r.client === 'http') : undefined;
    expect(row?.failed).toBe(6);
  });

  it('report(input) writes no NaN, undefined or Infinity in any text, whatever is missing', () => {
    const inputs = [fixture(), fixture({ reps: 1 }), fixture({ noPython: true }), fixture({ without: [NODE.sequential, PY.sequential] }), { ...fixture(), rows: [], memory: [] }];
    for (const input of inputs) expect(texts(report(input)).join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('report(input) is pure: the same input gives the same document and is left unchanged', () => {
    const input = fixture();
    const before = JSON.stringify([input.rows, input.memory]);
    expect(JSON.stringify(report(input))).toBe(JSON.stringify(report(input)));
    expect(JSON.stringify([input.rows, input.memory])).toBe(before);
  });

  it('report(input) renders into a page (ids valid and unique)', () => {
    const input = fixture();
    const page = renderPage({ experiment, doc: report(input), meta: input.meta, machineId: MACHINE, dataFiles: [], otherMachines: [] });
    expect(page).toContain('id="memory-by-concurrency"');
    expect(page).toContain('id="memory-timeline-python"');
  });
});
