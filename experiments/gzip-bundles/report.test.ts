// The gzip report's claims on fixture rows: each claim reproduced, not (or
// partly) reproduced, inconclusive when its interval straddles, and not run in
// Python when the peer is missing; G5 judged on Node and labelled modelled.
// Generic report behaviour (purity, no NaN, the page renders, no rows) is the
// shared report-contract suite's.

import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import { STANDARD_COLUMNS, type Row } from '../../lib/data/schema.ts';
import type { ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import { mulberry32 } from '../../lib/inputs/random.ts';
import { hashName } from './bundles.ts';
import experiment from './experiment.ts';
import report from './report.ts';
import { syntheticMeta } from '../../lib/testing/synthetic-run.ts';

// A synthetic full-profile run on 2 cores, five repetitions a point. Each point's time is its
// runtime's serial time on the bundle times a factor, spread uniformly within ±3 % by a seeded
// generator per point (as real repetitions are), so points 5 % apart are told apart.
// By default the fixture shows every claim: serial slowest, the thread pool fastest by a
// little, a smaller gain on bundle b, busy-but-not-full workers with an idle parent, and a
// shared agent faster than a connection per request.

const MACHINE = 'fixture-2c';
const BUNDLES = [
  { bundle: 'typical', files: 15, bytes: 4_500_000, node_ms: 160, python_ms: 170 },
  { bundle: 'a', files: 66, bytes: 140_690_000, node_ms: 5000, python_ms: 5200 },
  { bundle: 'b', files: 103, bytes: 331_570_000, node_ms: 13_800, python_ms: 14_000 },
  { bundle: 'c', files: 26, bytes: 86_910_000, node_ms: 3100, python_ms: 3200 },
];
const SPREAD = 0.03;

type Factors = Record<string, Record<number, number>>;

/** Time over serial time per strategy and worker count; bundle b's pools are slower (its big file). */
const FACTORS: Factors = {
  'node-libuv': { 1: 1, 2: 0.52, 4: 0.52, 8: 0.53 },
  'node-threads': { 1: 1, 2: 0.55, 4: 0.56 },
  'node-processes': { 1: 1.02, 2: 0.57, 4: 0.58 },
  'node-blocks': { 2: 0.51 },
  pigz: { 1: 1.05, 2: 0.55 },
  'python-f2': { 2: 0.57 },
  'python-f3': { 6: 0.53 },
  'python-f4': { 2: 0.58 },
};
const B_SLOWDOWN = 1.25;
const STARTUP: Record<string, number> = { 'node-libuv': 3, 'node-threads': 60, 'node-processes': 150, 'node-blocks': 3, 'python-f2': 20, 'python-f3': 5, 'python-f4': 60 };
const MODEL = Object.fromEntries(experiment.strategies.map((s) => [s.name, s.model]));
const CHILDREN = new Set(['node-processes', 'python-f2', 'python-f4', 'pigz']);

interface FixtureOptions {
  factors?: Factors;
  /** Bundle b's pools over the others' (1 = no large-file effect). */
  bSlowdown?: number;
  reps?: number;
  /** Spread of the repetitions around each point's time (1 = ±3 %). */
  noise?: number;
  noPython?: boolean;
  /** Share of a core each process-pool worker uses, and the parent's. */
  workerShare?: number;
  parentShare?: number;
  /** Upload wall times on the typical bundle: serial, shared, per request. */
  upload?: [number, number, number];
}

function row(base: Partial<Row>): Row {
  const empty = Object.fromEntries(Object.keys(STANDARD_COLUMNS).map((k) => [k, null]));
  return { ...empty, machine_id: MACHINE, warmup: 0, status: 'ok', error: '', samples: 10, disturbed: 0, attempts: 1, digest: 'd', gzip_bytes: null, parent_cpu_ms: null, in_flight: null, blocks: null, connections: null, requests: null, ...base } as Row;
}

function meta(opts: FixtureOptions): Meta {
  return syntheticMeta(experiment, { machineId: MACHINE, python: opts.noPython ? false : {}, tools: { pigz: 'pigz 2.6' }, sampling: null });
}

function fixture(opts: FixtureOptions = {}): ReportInput {
  const { reps = 5, noise = 1, bSlowdown = B_SLOWDOWN, workerShare = 0.85, parentShare = 0.05, upload = [600, 150, 260] } = opts;
  const factors: Factors = { ...FACTORS, ...opts.factors };
  const rows: Row[] = [];
  const add = (strategy: string, b: (typeof BUNDLES)[number], workers: number, wall: number, extra: Partial<Row> = {}) => {
    const python = strategy.startsWith('python-');
    const skipped = opts.noPython && python;
    const random = mulberry32(hashName(`${strategy}/${b.bundle}/${workers}`));
    for (let rep = 0; rep < reps; rep++) {
      const w = wall * (1 + SPREAD * noise * (2 * random() - 1));
      const share = workerShare * (1 + SPREAD * noise * (2 * random() - 1));
      // Process pools: each worker `share` of a core, the parent `parentShare`; the others: all in the parent.
      const cpu = CHILDREN.has(strategy) ? w * (share * Math.min(workers, 2) + parentShare) : w * Math.min(workers, 2) * 0.95;
      rows.push(row({
        trial: rows.length, strategy, runtime: python ? 'python' : 'node', model: MODEL[strategy]!, rep,
        status: skipped ? 'skipped' : 'ok', error: skipped ? 'skipped: python3 not found' : '',
        wall_ms: skipped ? null : w, startup_ms: skipped ? null : (STARTUP[strategy] ?? null), cpu_user_ms: skipped ? null : cpu * 0.9, cpu_sys_ms: skipped ? null : cpu * 0.1,
        parent_cpu_ms: skipped ? null : CHILDREN.has(strategy) ? w * parentShare : cpu,
        bundle: b.bundle, files: b.files, bundle_bytes: b.bytes, level: 9, workers,
        codec: python ? 'python-zlib' : strategy === 'node-blocks' ? 'node-blocks' : strategy === 'pigz' ? 'pigz' : 'node-zlib',
        connection: 'none',
        gzip_bytes: Math.round(b.bytes * (strategy === 'node-blocks' ? 0.1003 : python ? 0.1005 : 0.1)),
        ...extra,
      }));
    }
  };
  for (const b of BUNDLES) {
    add('node-serial', b, 1, b.node_ms);
    add('python-f1', b, 1, b.python_ms);
    for (const [strategy, byWorkers] of Object.entries(factors)) {
      const serial = strategy.startsWith('python-') ? b.python_ms : b.node_ms;
      for (const [w, f] of Object.entries(byWorkers)) {
        const workers = Number(w);
        const swept = b.bundle === 'typical' || b.bundle === 'c';
        const isDefault = (strategy === 'node-libuv' && workers === 4) || (['node-threads', 'node-processes', 'pigz', 'node-blocks'].includes(strategy) && workers === 2) || strategy.startsWith('python-');
        // As the full plan: pools swept on the typical bundle and c, the blocks on the typical bundle and b, pigz on the typical bundle and c.
        if (!swept && !isDefault) continue;
        if (strategy === 'node-blocks' && (b.bundle === 'a' || b.bundle === 'c')) continue;
        if (strategy === 'pigz' && (b.bundle === 'a' || b.bundle === 'b')) continue;
        add(strategy, b, workers, serial * f * (workers > 1 && b.bundle === 'b' ? bSlowdown : 1));
      }
    }
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
const verdicts = (doc: ReportDoc) => doc.claims.map((c) => c.verdict);
const text = (doc: ReportDoc) =>
  doc.sections
    .flatMap((s) => s.blocks)
    .map((b) => (b.kind === 'markdown' || b.kind === 'note' ? b.text : b.kind === 'figure' ? b.figure.caption : ''))
    .join('\n');

describe('gzip-bundles claims', () => {
  it('report(input) reproduces G1–G5 on the default fixture, G5 labelled modelled', () => {
    const doc = report(fixture());
    expect(verdicts(doc)).toEqual(['reproduced', 'reproduced', 'reproduced', 'reproduced', 'reproduced']);
    expect(claim(doc, 'G5').modelled).toContain('15 ms');
    expect(claim(doc, 'G5').basis).toContain('Modelled, not measured end to end');
    expect(claim(doc, 'G5').levels).toEqual({ python: 'not-applicable', node: 'full' });
  });

  it('G1 is partly reproduced when one pool is no faster than serial on bundle b', () => {
    const doc = report(fixture({ factors: { 'python-f4': { 2: 0.7 } }, bSlowdown: 1.5 }));
    expect(verdict(doc, 'G1')).toBe('partly reproduced');
    expect(claim(doc, 'G1').python).toMatch(/bundle b, against f4 ProcessPoolExecutor: 1\.0\d× faster \(/);
  });

  it('G2 is partly reproduced when multiprocessing.Pool beats the thread pool, and differs in Node when async zlib loses everywhere', () => {
    expect(verdict(report(fixture({ factors: { 'python-f2': { 2: 0.45 } } })), 'G2')).toBe('partly reproduced');
    const node = report(fixture({ factors: { 'node-libuv': { 1: 1, 2: 0.66, 4: 0.66, 8: 0.66 } } }));
    expect(verdict(node, 'G2')).toBe('differs in Node');
    expect(claim(node, 'G2').python).toContain('cores kept busy: 1.90 of 2');
  });

  it('G3 is not reproduced when bundle b gains more, and inconclusive when it gains the same', () => {
    expect(verdict(report(fixture({ bSlowdown: 0.85 })), 'G3')).toBe('not reproduced');
    const same = report(fixture({ bSlowdown: 1 }));
    expect(verdict(same, 'G3')).toBe('inconclusive');
    expect(claim(same, 'G3').basis).toMatch(/Undecided: Python speed-up on b over speed-up on a\b[^;]*\(0\.9\d–1\.0\d\)/);
    expect(claim(same, 'G3').node).toContain('Bundle b’s largest file is 24 % of its bytes: less than one core’s share on 2 cores (50 %)');
  });

  it('G4 is partly reproduced when the process pools’ parent is busy, inconclusive when a worker’s share straddles a full core', () => {
    const busy = report(fixture({ parentShare: 0.3 }));
    expect(verdict(busy, 'G4')).toBe('partly reproduced');
    expect(claim(busy, 'G4').python).toContain('f2 multiprocessing.Pool, the parent: 30 % (30–30 %), needs < 10 %: fails');
    const edge = report(fixture({ workerShare: 0.945, noise: 2 }));
    expect(verdict(edge, 'G4')).toBe('inconclusive');
    expect(claim(edge, 'G4').basis).toMatch(/Undecided: .*each worker\b[^;]*\(9\d–9\d %\)/);
  });

  it('G5 is not reproduced when a connection per request is faster', () => {
    const doc = report(fixture({ upload: [600, 260, 150] }));
    expect(verdict(doc, 'G5')).toBe('not reproduced');
    expect(claim(doc, 'G5').node).toMatch(/shared agent: 1\.7\d× slower than a new connection per request \(/);
  });

  it('G1–G4 read not run in Python when python3 is missing; G5 is still judged on Node', () => {
    const doc = report(fixture({ noPython: true }));
    expect(verdicts(doc)).toEqual(['not run in Python', 'not run in Python', 'not run in Python', 'not run in Python', 'reproduced']);
    expect(claim(doc, 'G1').python).toBe('not run here (skipped: python3 not found)');
    expect(claim(doc, 'G1').node).toContain('slower');
    expect(doc.headline).toContain('the article’s Python did not run here');
  });

  it('every claim but G4 is inconclusive with one repetition a point', () => {
    // G4's shares are means over every trial on the three article bundles: one repetition each is three values.
    expect(verdicts(report(fixture({ reps: 1 })))).toEqual(['inconclusive', 'inconclusive', 'inconclusive', 'reproduced', 'inconclusive']);
  });
});

describe('gzip-bundles headline and targets', () => {
  it('states its ratios with intervals, and flags a speed-up above the core count with the baseline check', () => {
    const plain = report(fixture()).headline;
    expect(plain).toMatch(/Python’s ThreadPoolExecutor is 1\.\d\d× faster than f1 \(1\.\d\d–1\.\d\d\)/);
    expect(plain).not.toContain('above the 2 cores');
    const fast = report(fixture({ factors: { 'node-threads': { 1: 1, 2: 0.36, 4: 0.36 } } })).headline;
    expect(fast).toMatch(/Node’s fastest, 2 worker threads, is 2\.2\d× faster than its serial loop/);
    expect(fast).toContain('is above the 2 cores this machine has');
    expect(fast).toMatch(/The baseline node-serial costs 1\.\d\d× \(.*\) as much per byte at b as at /);
  });

  it('says a target is met, not met, or undecided by its interval', () => {
    expect(text(report(fixture({ factors: { 'node-blocks': { 2: 0.45 } } })))).toMatch(/Target: at least 1\.70× faster than serial .*: met\./);
    expect(text(report(fixture({ factors: { 'node-blocks': { 2: 0.7 } } })))).toMatch(/Target: at least 1\.70× faster than serial .*: not met\./);
    expect(text(report(fixture({ factors: { 'node-blocks': { 2: 0.47 } }, noise: 3 })))).toMatch(/Target: at least 1\.70× .*: undecided \(the interval straddles it\)\./);
  });
});
