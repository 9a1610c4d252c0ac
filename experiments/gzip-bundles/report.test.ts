import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import { STANDARD_COLUMNS, type Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import { renderPage } from '../../lib/report/page.ts';
import { hasChromium, inspectPage } from '../../lib/testing/browser.ts';
import experiment from './experiment.ts';
import report from './report.ts';

// A synthetic full-profile run on 2 cores. Each point's time is its runtime's
// serial time on the bundle times a factor; three repetitions spread ±1 %, so
// points 5 % apart are separated and equal points are "the same". By default
// the fixture shows every claim: serial slowest, the thread pool fastest by a
// little, a smaller gain on bundle b, busy-but-not-full workers with an idle
// parent, and a shared agent faster than a connection per request.

const MACHINE = 'fixture-2c';
const BUNDLES = [
  { bundle: 'typical', files: 15, bytes: 4_500_000, node_ms: 160, python_ms: 170 },
  { bundle: 'a', files: 66, bytes: 140_690_000, node_ms: 5000, python_ms: 5200 },
  { bundle: 'b', files: 103, bytes: 331_570_000, node_ms: 13_800, python_ms: 14_000 },
  { bundle: 'c', files: 26, bytes: 86_910_000, node_ms: 3100, python_ms: 3200 },
];
const JITTER = [0.99, 1, 1.01];

type Factors = Record<string, Record<number, number>>;

/** Time over serial time per strategy and worker count; bundle b's pools are slower (its big file). */
const FACTORS: Factors = {
  'node-libuv': { 1: 1, 2: 0.52, 4: 0.52, 8: 0.53 },
  'node-threads': { 1: 1, 2: 0.54, 4: 0.55 },
  'node-processes': { 1: 1.02, 2: 0.56, 4: 0.57 },
  'node-blocks': { 2: 0.51 },
  pigz: { 1: 1.05, 2: 0.55 },
  'python-f2': { 2: 0.56 },
  'python-f3': { 6: 0.53 },
  'python-f4': { 2: 0.57 },
};
const B_SLOWDOWN = 1.25;
const STARTUP: Record<string, number> = { 'node-libuv': 3, 'node-threads': 60, 'node-processes': 150, 'node-blocks': 3, 'python-f2': 20, 'python-f3': 5, 'python-f4': 60 };
const MODEL: Record<string, Row['model']> = {
  'node-serial': 'serial', 'node-libuv': 'libuv-pool', 'node-threads': 'worker-threads', 'node-processes': 'child-processes', 'node-blocks': 'libuv-pool', pigz: 'external',
  'node-upload-serial': 'event-loop', 'node-upload-shared': 'event-loop', 'node-upload-per-request': 'event-loop',
  'python-f1': 'python-serial', 'python-f2': 'python-processes', 'python-f3': 'python-threads', 'python-f4': 'python-processes',
};
const CHILDREN = new Set(['node-processes', 'python-f2', 'python-f4', 'pigz']);

interface FixtureOptions {
  factors?: Factors;
  /** Bundle b's pools over the others' (1 = no large-file effect). */
  bSlowdown?: number;
  reps?: number;
  noPython?: boolean;
  noPigz?: boolean;
  /** Share of a core the process pools' parents use. */
  parentShare?: number;
  /** Upload wall times on each upload bundle: serial, shared, per request. */
  upload?: [number, number, number];
  without?: string[];
}

function row(base: Partial<Row>): Row {
  const empty = Object.fromEntries(Object.keys(STANDARD_COLUMNS).map((k) => [k, null]));
  return { ...empty, machine_id: MACHINE, warmup: 0, status: 'ok', error: '', samples: 10, disturbed: 0, attempts: 1, digest: 'd', gzip_bytes: null, parent_cpu_ms: null, in_flight: null, blocks: null, connections: null, requests: null, ...base } as Row;
}

function meta(opts: FixtureOptions): Meta {
  const params = { ...experiment.profiles.full.params };
  return {
    experiment: 'gzip-bundles',
    reference_machine: MACHINE,
    runs: {
      [MACHINE]: {
        machine: { machine_id: MACHINE, hostname: 'box', cpu_model: 'Example CPU', cores: 2, memory_bytes: 2 ** 33, os: 'Linux', kernel: '6.1', arch: 'x64' },
        software: { node: 'v20.20.2', v8: '11.3', python: opts.noPython ? null : { path: '/usr/bin/python3', version: '3.11.2', modules: {} }, packages: {}, tools: { pigz: opts.noPigz ? null : 'pigz 2.6' } },
        git: { commit: null, dirty: null },
        profile: 'full',
        params,
        inputs: { seed: 1, hashes: {} },
        code_hash: 'abc',
        started_at: '2024-01-01T00:00:00.000Z',
        ended_at: '2024-01-01T00:09:00.000Z',
        trials: { planned: 0, ok: 0, failed: 0, skipped: 0, disturbed: 0, warmup: 0 },
        notes: [],
      },
    },
  };
}

function fixture(opts: FixtureOptions = {}): ReportInput {
  const { reps = 3, bSlowdown = B_SLOWDOWN, parentShare = 0.05, upload = [600, 150, 260], without = [] } = opts;
  const factors: Factors = { ...FACTORS, ...opts.factors };
  const rows: Row[] = [];
  const add = (strategy: string, b: (typeof BUNDLES)[number], workers: number, wall: number, extra: Partial<Row> = {}) => {
    if (without.includes(strategy) || (opts.noPigz && strategy === 'pigz')) return;
    const python = strategy.startsWith('python-');
    for (let rep = 0; rep < reps; rep++) {
      const skipped = opts.noPython && python;
      const w = wall * JITTER[rep % JITTER.length]!;
      const children = CHILDREN.has(strategy);
      // Process pools: each worker 85 % of a core, the parent `parentShare`; the others: all in the parent.
      const cpu = children ? w * (0.85 * Math.min(workers, 2) + parentShare) : w * Math.min(workers, 2) * 0.95;
      rows.push(row({
        trial: rows.length, strategy, runtime: python ? 'python' : 'node', model: MODEL[strategy]!, rep,
        status: skipped ? 'skipped' : 'ok', error: skipped ? 'skipped: python3 not found' : '',
        wall_ms: skipped ? null : w, startup_ms: skipped ? null : (STARTUP[strategy] ?? null), cpu_user_ms: skipped ? null : cpu * 0.9, cpu_sys_ms: skipped ? null : cpu * 0.1,
        parent_cpu_ms: skipped ? null : children ? w * parentShare : cpu,
        bundle: b.bundle, files: b.files, bundle_bytes: b.bytes, level: 9, workers,
        codec: python ? 'python-zlib' : strategy === 'node-blocks' ? 'node-blocks' : strategy === 'pigz' ? 'pigz' : 'node-zlib',
        connection: extra.connection ?? 'none',
        gzip_bytes: Math.round(b.bytes * (strategy === 'node-blocks' ? 0.1003 : python ? 0.1005 : 0.1)),
        ...extra,
      }));
    }
  };
  for (const b of BUNDLES) {
    const slow = b.bundle === 'b' ? bSlowdown : 1;
    add('node-serial', b, 1, b.node_ms);
    add('python-f1', b, 1, b.python_ms);
    for (const [strategy, byWorkers] of Object.entries(factors)) {
      const serial = strategy.startsWith('python-') ? b.python_ms : b.node_ms;
      for (const [w, f] of Object.entries(byWorkers)) {
        const workers = Number(w);
        const swept = b.bundle === 'typical' || b.bundle === 'c';
        const isDefault = (strategy === 'node-libuv' && workers === 4) || (['node-threads', 'node-processes', 'pigz', 'node-blocks'].includes(strategy) && workers === 2) || strategy.startsWith('python-');
        if (!swept && !isDefault) continue;
        // As the full plan: the block compressor on the typical bundle and b, pigz on the typical bundle and c.
        if (strategy === 'node-blocks' && b.bundle !== 'typical' && b.bundle !== 'b') continue;
        if (strategy === 'pigz' && b.bundle !== 'typical' && b.bundle !== 'c') continue;
        if (strategy === 'node-blocks' && workers !== 2) continue;
        add(strategy, b, workers, serial * (workers > 1 ? f * slow : f));
      }
    }
    // As the full plan: the uploads on the typical bundle only.
    if (b.bundle === 'typical') {
      add('node-upload-serial', b, 1, upload[0], { connection: 'serial', connections: 1, requests: 2 * b.files });
      add('node-upload-shared', b, 10, upload[1], { connection: 'shared', connections: 10, requests: 2 * b.files });
      add('node-upload-per-request', b, 10, upload[2], { connection: 'per-request', connections: 2 * b.files, requests: 2 * b.files });
    }
  }
  return { experiment, rows, memory: [], tables: {}, meta: meta(opts), machineId: MACHINE };
}

const claim = (doc: ReportDoc, id: string) => doc.claims.find((c) => c.id === id)!;
const verdict = (doc: ReportDoc, id: string): Verdict => claim(doc, id).verdict;
const blocks = (doc: ReportDoc): Block[] => doc.sections.flatMap((s) => s.blocks);
const figureIds = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : []));

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

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gzip-bundles-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gzip-bundles report', () => {
  it('report(input) reproduces G1–G5 on the default fixture', () => {
    expect(report(fixture()).claims.map((c) => c.verdict)).toEqual(['reproduced', 'reproduced', 'reproduced', 'reproduced', 'reproduced']);
  });

  it('report(input) judges G1 partly reproduced when a pool loses to serial on one bundle', () => {
    const doc = report(fixture({ factors: { 'python-f4': { 2: 0.57 } }, bSlowdown: 1.8 }));
    expect(verdict(doc, 'G1')).toBe('partly reproduced');
    expect(claim(doc, 'G1').python).toContain('b: serial 1.03× faster than the slowest pool (f4 ProcessPoolExecutor)');
  });

  it('report(input) judges G2 not reproduced when multiprocessing.Pool beats the thread pool, and names the winner', () => {
    const doc = report(fixture({ factors: { 'python-f2': { 2: 0.45 } } }));
    expect(verdict(doc, 'G2')).toBe('not reproduced');
    expect(claim(doc, 'G2').python).toContain('fastest is f2 multiprocessing.Pool');
  });

  it('report(input) says G2 differs in Node when Python’s threads win but Node’s child processes beat async zlib', () => {
    const doc = report(fixture({ factors: { 'node-processes': { 1: 1.02, 2: 0.45, 4: 0.46 } } }));
    expect(verdict(doc, 'G2')).toBe('differs in Node');
  });

  it('report(input) reports that the thread pool keeps every core busy (the reader’s point)', () => {
    expect(claim(report(fixture()), 'G2').python).toContain('1.90 of 2 cores busy (every core, as the reader said)');
  });

  it('report(input) judges G3 not reproduced when bundle b gains as much as the others', () => {
    const doc = report(fixture({ bSlowdown: 1 }));
    expect(verdict(doc, 'G3')).toBe('not reproduced');
    expect(claim(doc, 'G3').node).toContain('Its largest file is 24 % of the bytes: less than one core’s share on 2 cores (50 %)');
  });

  it('report(input) judges G4 partly reproduced when the process pools’ parent is busy', () => {
    const doc = report(fixture({ parentShare: 0.3 }));
    expect(verdict(doc, 'G4')).toBe('partly reproduced');
    expect(claim(doc, 'G4').python).toContain('the parent 30 %');
  });

  it('report(input) judges G5 on Node: not reproduced when a connection per request is as fast', () => {
    expect(claim(report(fixture()), 'G5').node).toContain('typical: the shared agent (10 connections) 1.73× faster than a connection per request (30); one file at a time over 1 connection: 4.00× slower than shared');
    expect(verdict(report(fixture({ upload: [600, 200, 200] })), 'G5')).toBe('not reproduced');
  });

  it('report(input) judges every claim inconclusive with a single repetition, and says why', () => {
    const doc = report(fixture({ reps: 1 }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive', 'inconclusive', 'inconclusive']);
    for (const c of doc.claims) expect(c.basis).toContain('single repetition');
  });

  it('report(input) judges on Node alone when python3 is missing, and says pigz is missing when it is', () => {
    const doc = report(fixture({ noPython: true, noPigz: true }));
    for (const c of doc.claims.slice(0, 4)) {
      expect(c.python).toBe('not run here (python3 missing)');
      expect(c.basis).toContain('Node analog alone');
    }
    expect(verdict(doc, 'G1')).toBe('reproduced');
    expect(doc.headline).toContain('did not run');
    expect(texts(doc).join('\n')).toContain('pigz is not run here (pigz is not installed: apt-get install pigz)');
  });

  it('report(input) marks claims not measured when their strategies are absent, without throwing', () => {
    const doc = report(fixture({ without: ['python-f1', 'python-f2', 'python-f3', 'python-f4', 'node-libuv', 'node-threads', 'node-processes', 'node-upload-shared'] }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(['not measured', 'not measured', 'not measured', 'not measured', 'not measured']);
  });

  it('report(input) writes no NaN, undefined or Infinity in any text, whatever is missing', () => {
    const inputs = [fixture(), fixture({ reps: 1 }), fixture({ noPython: true, noPigz: true }), fixture({ without: ['node-serial', 'python-f1'] }), { ...fixture(), rows: [] }];
    for (const input of inputs) expect(texts(report(input)).join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('report(input) rebuilds the article’s charts and adds the new ones', () => {
    expect(figureIds(report(fixture()))).toEqual([
      'time-per-bundle', 'time-relative', 'bestest', 'cpu-use', 'throughput-by-workers', 'time-by-threadpool-size', 'large-file', 'cold-and-prestarted', 'upload',
    ]);
  });

  it('report(input) computes the headline from the data', () => {
    expect(report(fixture()).headline).toBe(
      'On 2 cores, Python’s ThreadPoolExecutor gzips bundle b (331.57 MB) at level 9 1.51× faster than f1 and Node’s fastest, parallel blocks on 2 libuv threads, is 1.57× faster than its serial loop; uploading the typical bundle, a shared keep-alive agent (10 connections) is 1.73× faster than a new connection per request (30).',
    );
  });

  it('report(input) checks the machine’s limit and the block compressor in its text', () => {
    const all = texts(report(fixture())).join('\n');
    expect(all).toContain('reaches 96 % of it');
    expect(all).toContain('output 0.30 % larger than one gzip stream per file');
    expect(all).toContain('Target: at least 90 % of the limit: met.');
    // Async zlib at 0.52 × bundle b's 1.25 of serial: 1.54× faster, beside the blocks' 1.57×.
    expect(all).toContain('bundle b: blocks 1.57× faster than serial, output +0.30 %, largest file 24 % of the bytes, the fastest pool of whole files (Node async zlib on the libuv pool · 4) 1.54× faster than serial');
    // Blocks at 0.45 of serial × bundle b's 1.25: 1.78× faster.
    const fast = texts(report(fixture({ factors: { ...FACTORS, 'node-blocks': { 2: 0.45 } } }))).join('\n');
    expect(fast).toContain('Target: at least 1.70× faster than serial with output at most 1 % larger: met.');
  });

  it('report(input) says a performance target is not met when the numbers miss it', () => {
    const all = texts(report(fixture({ factors: { ...FACTORS, 'node-blocks': { 2: 0.7 }, 'node-libuv': { 1: 1, 2: 0.6, 4: 0.6, 8: 0.6 }, 'node-threads': { 1: 1, 2: 0.6, 4: 0.6 }, 'node-processes': { 1: 1, 2: 0.6, 4: 0.6 } } }))).join('\n');
    expect(all).toContain('of the limit: not met.');
    expect(all).toContain('at most 1 % larger: not met.');
  });

  it('report(input) is pure: the same input gives the same document and is left unchanged', () => {
    const input = fixture();
    const before = JSON.stringify(input.rows);
    expect(texts(report(input))).toEqual(texts(report(input)));
    expect(JSON.stringify(input.rows)).toBe(before);
  });

  it('report(input) renders into a page that loads in headless Chromium with every figure drawn', async () => {
    const input = fixture();
    const page = renderPage({ experiment, doc: report(input), meta: input.meta, machineId: MACHINE, dataFiles: [], otherMachines: [] });
    expect(page).toContain('id="large-file"');
    if (!hasChromium()) return;
    const file = path.join(tmp, 'gzip-bundles.html');
    writeFileSync(file, page);
    const seen = await inspectPage(file);
    expect(seen.pageErrors).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    expect(seen.figures.length).toBe(9);
    for (const f of seen.figures) expect(f.width * f.height, f.id).toBeGreaterThan(0);
  }, 60_000);
});
