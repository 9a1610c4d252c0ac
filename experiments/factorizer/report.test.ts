import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import type { Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import { renderPage } from '../../lib/report/page.ts';
import experiment from './experiment.ts';
import report from './report.ts';

// A synthetic quick-profile run on 2 cores. Each strategy's time is Node's (or
// Python's) serial time on the set times a factor per worker count; the three
// repetitions are spread by ±1 %, so two points 10 % apart are separated and two
// equal points are "the same".

const MACHINE = 'fixture-2c';
const SETS = [
  { set: 'original', numbers: 300, node_ms: 350 },
  { set: 'reader', numbers: 10_000, node_ms: 120, python_ms: 2300 },
  { set: 'reader-x10', numbers: 100_000, node_ms: 900 },
];
const JITTER = [0.99, 1, 1.01];

type Factors = Record<string, Record<number, number>>;

/** Time over serial time, per strategy and worker count: what the fixture's defaults show. */
const DEFAULT_FACTORS: Factors = {
  'node-event-loop': { 2: 1.1, 4: 1.2 },
  'node-threads-static': { 1: 1, 2: 0.6, 4: 0.6 },
  'node-threads-dynamic': { 1: 1, 2: 0.51, 4: 0.51 },
  'node-processes-static': { 1: 1, 2: 0.6, 4: 0.6 },
  'node-processes-dynamic': { 1: 1, 2: 0.51, 4: 0.51 },
  'python-threads': { 2: 1.1, 4: 1.2 },
  'python-processes': { 2: 0.55, 4: 0.55 },
};

const MODEL: Record<string, Row['model']> = {
  'node-serial': 'serial',
  'node-event-loop': 'event-loop',
  'node-threads-static': 'worker-threads',
  'node-threads-dynamic': 'worker-threads',
  'node-processes-static': 'child-processes',
  'node-processes-dynamic': 'child-processes',
  'python-serial': 'python-serial',
  'python-threads': 'python-threads',
  'python-processes': 'python-processes',
};

interface FixtureOptions {
  factors?: Factors;
  /** Repetitions per point (default 3). */
  reps?: number;
  /** Python rows skipped and python3 absent, as on a machine without it. */
  noPython?: boolean;
  /** Strategies left out of the run entirely. */
  without?: string[];
}

function row(trial: number, strategy: string, point: { set: string; numbers: number; workers: number }, rep: number, wall_ms: number | null, status: Row['status'] = 'ok'): Row {
  const pooled = strategy !== 'node-serial' && strategy.startsWith('node-');
  const startup = strategy === 'node-event-loop' ? 1 : strategy.includes('processes') ? 90 + 40 * point.workers : 30 + 20 * point.workers;
  return {
    machine_id: MACHINE, trial, strategy, runtime: strategy.startsWith('python') ? 'python' : 'node', model: MODEL[strategy]!,
    rep, warmup: 0, status, error: status === 'skipped' ? 'python3 not found' : '',
    wall_ms, startup_ms: pooled && status === 'ok' ? startup : null, cpu_user_ms: wall_ms, cpu_sys_ms: 1, cpu_process_ms: wall_ms,
    rss_base_bytes: 5e7, rss_peak_bytes: 6e7, rss_mean_bytes: 5.5e7, work_start_ms: 100, work_end_ms: 100 + (wall_ms ?? 0), process_ms: 300,
    samples: 10, host_other_cpu_ms: 0, steal_ms: 0, probe_ms: 3, disturbed: 0, attempts: 1, digest: `d-${point.set}`,
    set: point.set, numbers: point.numbers, workers: point.workers, batches: null,
  };
}

function meta(noPython: boolean): Meta {
  const params = { seed: 1, original_numbers: 300, reader_numbers: 10_000, reader_multiples: [10], workers: [1, 2, 4], event_loop_workers: [2, 4], python_workers: [2, 4], largest_workers: [1, 2, 4], python_sets: ['reader'], repetitions: 3, warmup: 1 };
  return {
    experiment: 'factorizer',
    reference_machine: MACHINE,
    runs: {
      [MACHINE]: {
        machine: { machine_id: MACHINE, hostname: 'box', cpu_model: 'Example CPU', cores: 2, memory_bytes: 2 ** 33, os: 'Linux', kernel: '6.1', arch: 'x64' },
        software: { node: 'v20.20.2', v8: '11.3', python: noPython ? null : { path: '/usr/bin/python3', version: '3.11.2', modules: {} }, packages: {}, tools: {} },
        git: { commit: null, dirty: null },
        profile: 'quick',
        params,
        inputs: { seed: 1, hashes: {} },
        code_hash: 'abc',
        started_at: '2024-01-01T00:00:00.000Z',
        ended_at: '2024-01-01T00:02:00.000Z',
        trials: { planned: 0, ok: 0, failed: 0, skipped: 0, disturbed: 0, warmup: 0 },
        notes: [],
      },
    },
  };
}

function fixture({ factors = {}, reps = 3, noPython = false, without = [] }: FixtureOptions = {}): ReportInput {
  const f: Factors = { ...DEFAULT_FACTORS, ...factors };
  const rows: Row[] = [];
  const workers: Record<string, string | number | null>[] = [];
  const add = (strategy: string, s: (typeof SETS)[number], w: number, serial_ms: number, factor: number) => {
    if (without.includes(strategy)) return;
    for (let rep = 0; rep < reps; rep++) {
      const skipped = noPython && strategy.startsWith('python');
      const wall = serial_ms * factor * JITTER[rep % JITTER.length]!;
      const trial = rows.length;
      rows.push(row(trial, strategy, { set: s.set, numbers: s.numbers, workers: w }, rep, skipped ? null : wall, skipped ? 'skipped' : 'ok'));
      if (skipped) continue;
      // Static chunks: the first worker gets 20 % more than its share; dynamic batches: even.
      const share = wall * Math.min(w, 2) / w;
      for (let i = 0; i < w; i++) {
        const uneven = strategy.endsWith('static') && w > 1 ? (i === 0 ? 1.2 : 1 - 0.2 / (w - 1)) : 1;
        workers.push({ machine_id: MACHINE, trial, worker: i, tasks: 1, busy_ms: share * uneven });
      }
    }
  };
  for (const s of SETS) {
    add('node-serial', s, 1, s.node_ms, 1);
    for (const [strategy, byWorkers] of Object.entries(f).filter(([name]) => name.startsWith('node-'))) {
      for (const [w, factor] of Object.entries(byWorkers)) add(strategy, s, Number(w), s.node_ms, factor);
    }
    if (s.python_ms) {
      add('python-serial', s, 1, s.python_ms, 1);
      for (const [strategy, byWorkers] of Object.entries(f).filter(([name]) => name.startsWith('python-'))) {
        for (const [w, factor] of Object.entries(byWorkers)) add(strategy, s, Number(w), s.python_ms, factor);
      }
    }
  }
  return { experiment, rows, memory: [], tables: { workers }, meta: meta(noPython), machineId: MACHINE };
}

const verdict = (doc: ReportDoc, id: string): Verdict => doc.claims.find((c) => c.id === id)!.verdict;
const claim = (doc: ReportDoc, id: string) => doc.claims.find((c) => c.id === id)!;
const blocks = (doc: ReportDoc): Block[] => doc.sections.flatMap((s) => s.blocks);
const figureIds = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : []));

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

describe('factorizer report', () => {
  it('report(input) judges F1 reproduced when Python threads and the event loop are slower than serial, and slower with more', () => {
    expect(verdict(report(fixture()), 'F1')).toBe('reproduced');
  });

  it('report(input) judges F1 not reproduced when Python threads are faster than serial', () => {
    expect(verdict(report(fixture({ factors: { 'python-threads': { 2: 0.8, 4: 0.7 } } })), 'F1')).toBe('not reproduced');
  });

  it('report(input) judges F1 partly reproduced when threads are slower than serial but not slower with more', () => {
    const doc = report(fixture({ factors: { 'python-threads': { 2: 1.1, 4: 1.1 }, 'node-event-loop': { 2: 1.1, 4: 1.1 } } }));
    expect(verdict(doc, 'F1')).toBe('partly reproduced');
  });

  it('report(input) says F1 differs in Node when Python threads are slower but the event loop is not', () => {
    const doc = report(fixture({ factors: { 'node-event-loop': { 2: 1, 4: 1 } } }));
    expect(verdict(doc, 'F1')).toBe('differs in Node');
    expect(claim(doc, 'F1').node).toContain('as fast as serial');
  });

  it('report(input) judges F1 inconclusive with a single repetition per point', () => {
    const doc = report(fixture({ reps: 1 }));
    expect(verdict(doc, 'F1')).toBe('inconclusive');
    expect(claim(doc, 'F1').basis).toContain('single repetition');
  });

  it('report(input) judges F2 reproduced at 1.8× on 2 cores and not reproduced when processes are slower than serial', () => {
    const fast = report(fixture());
    expect(verdict(fast, 'F2')).toBe('reproduced');
    expect(claim(fast, 'F2').python).toContain('1.82× with 2 processes');
    const slow = report(fixture({ factors: { 'python-processes': { 2: 1.3, 4: 1.4 }, 'node-processes-static': { 1: 1, 2: 1.3, 4: 1.4 } } }));
    expect(verdict(slow, 'F2')).toBe('not reproduced');
  });

  it('report(input) judges F2 partly reproduced when processes beat serial by less than 60 % of the ideal', () => {
    const doc = report(fixture({ factors: { 'python-processes': { 2: 0.9, 4: 0.9 }, 'node-processes-static': { 1: 1, 2: 0.9, 4: 0.9 } } }));
    expect(verdict(doc, 'F2')).toBe('partly reproduced');
  });

  it('report(input) judges F3 on more processes than cores against as many as cores', () => {
    expect(verdict(report(fixture()), 'F3')).toBe('not reproduced');
    const over = { 'python-processes': { 2: 0.55, 4: 0.45 }, 'node-processes-static': { 1: 1, 2: 0.6, 4: 0.5 } };
    expect(verdict(report(fixture({ factors: over })), 'F3')).toBe('reproduced');
  });

  it('report(input) judges F4 reproduced when static chunks fall short and dynamic batches beat them, not reproduced when static is near ideal', () => {
    const doc = report(fixture());
    expect(verdict(doc, 'F4')).toBe('reproduced');
    expect(claim(doc, 'F4').node).toContain('busiest worker 1.20× the mean');
    const even = report(fixture({ factors: { 'node-processes-static': { 1: 1, 2: 0.51, 4: 0.51 } } }));
    expect(verdict(even, 'F4')).toBe('not reproduced');
  });

  it('report(input) judges F4 partly reproduced when static falls short but dynamic does not help', () => {
    const doc = report(fixture({ factors: { 'node-processes-dynamic': { 1: 1, 2: 0.6, 4: 0.6 } } }));
    expect(verdict(doc, 'F4')).toBe('partly reproduced');
  });

  it('report(input) reports Python as not run and judges on Node alone when python3 is missing', () => {
    const doc = report(fixture({ noPython: true, factors: { 'node-event-loop': { 2: 1, 4: 1 } } }));
    for (const c of doc.claims) expect(c.python).toBe('not run here (python3 missing)');
    expect(verdict(doc, 'F1')).toBe('not reproduced');
    expect(claim(doc, 'F1').basis).toContain('Node analog alone');
    expect(verdict(doc, 'F2')).toBe('reproduced');
    expect(figureIds(doc).some((id) => id.startsWith('node-vs-python'))).toBe(false);
    expect(doc.headline).toContain('did not run');
  });

  it('report(input) marks claims not measured when their strategies are absent, without throwing', () => {
    const doc = report(fixture({ without: ['node-processes-static', 'node-processes-dynamic', 'python-processes', 'node-event-loop', 'python-threads'] }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(['not measured', 'not measured', 'not measured', 'not measured']);
    expect(doc.headline).toMatch(/^On 2 cores, 2 worker threads with dynamic batches factor 100 000 numbers 1\.96× faster than the serial loop/);
  });

  it('report(input) survives a machine with no rows at all', () => {
    const input = fixture();
    const doc = report({ ...input, rows: [], tables: {} });
    expect(doc.claims.every((c) => c.verdict === 'not measured')).toBe(true);
    expect(texts(doc).join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('report(input) has the six kinds of figure and the four sections', () => {
    const doc = report(fixture());
    expect(figureIds(doc)).toEqual(['time-bars-original', 'time-bars-reader', 'speedup-by-workers', 'startup-cost', 'crossover', 'busy-per-worker', 'node-vs-python-reader']);
    expect(doc.sections.map((s) => s.title)).toEqual(['Findings', 'Start-up and crossover', 'Load balance', 'Node against Python']);
    expect(blocks(doc).some((b) => b.kind === 'table' && b.table.id === 'medians')).toBe(true);
  });

  it('report(input) computes the headline from the data', () => {
    expect(report(fixture()).headline).toBe(
      'On 2 cores, 2 worker threads with dynamic batches factor 100 000 numbers 1.96× faster than the serial loop; 2 Python threads are 1.10× slower than Python’s serial loop, 2 Python processes 1.82× faster (on 10 000 numbers).',
    );
  });

  it('report(input) writes no NaN, undefined or Infinity in any text, whatever is missing', () => {
    const inputs = [fixture(), fixture({ reps: 1 }), fixture({ noPython: true }), fixture({ without: ['node-serial', 'python-serial'] })];
    for (const input of inputs) expect(texts(report(input)).join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('report(input) notes the thinner sweep on the largest set and the Python sets', () => {
    const input = fixture();
    input.meta.runs[MACHINE]!.params.largest_workers = [1, 2];
    const intro = blocks(report(input)).find((b) => b.kind === 'markdown');
    expect(intro && intro.kind === 'markdown' && intro.text).toContain('swept at 1, 2 workers only');
    expect(intro && intro.kind === 'markdown' && intro.text).toContain('ran only on `reader`');
  });

  it('report(input) is pure: the same input gives the same document and is left unchanged', () => {
    const input = fixture();
    const before = JSON.stringify(input.rows);
    const a = report(input);
    const b = report(input);
    expect(texts(a)).toEqual(texts(b));
    expect(JSON.stringify(input.rows)).toBe(before);
  });

  it('report(input) renders into a page (ids valid and unique)', () => {
    const input = fixture();
    const page = renderPage({ experiment, doc: report(input), meta: input.meta, machineId: MACHINE, dataFiles: [], otherMachines: [] });
    expect(page).toContain('id="busy-per-worker"');
  });
});

describe('report(input), speed-ups above the ideal', () => {
  const notes = (doc: ReportDoc) =>
    doc.sections.flatMap((s) => s.blocks).flatMap((b: Block) => (b.kind === 'note' ? [b.text] : []));

  it('report(input) explains a pool point above min(workers, cores) by the CPU the serial loop spent, and says nothing otherwise', () => {
    expect(notes(report(fixture())).some((t) => t.includes('above the ideal'))).toBe(false);
    // 1 / 0.45 = 2.22× with 2 workers on 2 cores.
    const doc = report(fixture({ factors: { 'node-threads-dynamic': { 1: 1, 2: 0.45, 4: 0.51 } } }));
    const text = notes(doc).find((t) => t.includes('above the ideal'));
    expect(text).toContain('is 2.22× faster than the serial loop against an ideal of 2.00×');
    expect(text).toContain('3 pool points read above the ideal');
    expect(text).toContain('The serial loop spent 0.35 s of CPU on those numbers, the pool’s 2 workers 0.16 s together (2.21×)');
    expect(text).toContain('a slow baseline, not more parallelism than the machine has');
  });
});
