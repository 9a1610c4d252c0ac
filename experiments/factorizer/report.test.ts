import { describe, expect, it } from 'vitest';
import type { Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import { syntheticInput, withoutPython } from '../../lib/testing/synthetic-run.ts';
import experiment from './experiment.ts';
import guide from './guide.ts';
import report from './report.ts';

// A quick-profile run on 2 cores, 5 repetitions a point. Each
// strategy's time is its runtime's serial time on the set times a factor per
// worker count; the repetitions spread by about ±1 % (a quiet machine), so two
// points 10 % apart are told apart and two equal points read "the same". A
// strategy can be made noisier (±8 %) to leave its interval straddling.

// The serial loop costs 12 µs a number on both reader sets: a steady baseline.
const SETS = [
  { set: 'original', numbers: 300, node_ms: 350 },
  // CPython 3.14's serial loop is 2300 / 2000 = 1.15× faster than 3.11's.
  { set: 'reader', numbers: 10_000, node_ms: 120, python_ms: 2300, python314_ms: 2000 },
  { set: 'reader-x10', numbers: 100_000, node_ms: 1200 },
];
const JITTER = [0.99, 1.005, 1, 1.01, 0.995];

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

/** The same on CPython 3.14 (only with `py314`): threads as GIL-bound, processes slowed by their start, interpreters near the ideal. */
const PY314_FACTORS: Factors = {
  'python314-threads': { 2: 1.1, 4: 1.2 },
  'python314-processes': { 2: 0.7, 4: 0.7 },
  'python314-interpreters': { 2: 0.53, 4: 0.54 },
};

/** Wall time outside the busiest worker's factoring (start, transfer, join), in ms, where the fixture models it. */
const OUTSIDE_MS: Record<string, number> = { 'python-processes': 40, 'python314-processes': 600, 'python314-interpreters': 300 };
const START_METHOD: Record<string, string> = { 'python-processes': 'fork', 'python314-processes': 'forkserver' };
const PY314_REASON = 'Python 3.14 not found: PYTHON314=/nowhere is no such file (set PYTHON314=/path/to/python3.14, or unset it and run make deps as root)';

const MODEL = Object.fromEntries(experiment.strategies.map((s) => [s.name, s.model]));

interface FixtureOptions {
  factors?: Factors;
  /** Strategies whose repetitions spread 8× wider (about ±8 %). */
  noisy?: string[];
  /** Node's serial loop on a set takes this many times longer (pools unchanged): a baseline that slows. */
  serialSlower?: Record<string, number>;
  /** Python rows skipped and python3 absent, as on a machine without it. */
  noPython?: boolean;
  /** CPython 3.14 rows: measured (with 3.14 in run.json), skipped for want of a 3.14, or absent (a run that predates them). */
  py314?: 'ran' | 'skipped';
  /** Whether 3.14's standard library had compiled bytecode (metric `stdlib_bytecode`). */
  bytecode314?: 'cached' | 'missing';
}

// Meta and every column the report does not read come from lib's synthetic run of the quick plan.
const BASE = syntheticInput(experiment);
const MACHINE = BASE.machineId;

function row(trial: number, strategy: string, point: { set: string; numbers: number; workers: number }, rep: number, wall_ms: number): Row {
  const pooled = strategy !== 'node-serial' && strategy.startsWith('node-');
  const startup = strategy === 'node-event-loop' ? 1 : strategy.includes('processes') ? 90 + 40 * point.workers : 30 + 20 * point.workers;
  // CPU: the pools' workers spend as much in all as the serial loop on the same numbers.
  const cpu = wall_ms * Math.min(point.workers, 2);
  const runtime = strategy.startsWith('python') ? 'python' : 'node';
  const metrics = { batches: null, start_method: START_METHOD[strategy] ?? null, stdlib_bytecode: runtime === 'python' ? 'cached' : null };
  return { ...BASE.rows[0]!, trial, strategy, runtime, model: MODEL[strategy]!, rep, wall_ms, startup_ms: pooled ? startup * JITTER[rep]! : null, cpu_user_ms: cpu, cpu_sys_ms: 1, ...point, ...metrics };
}

function fixture({ factors = {}, noisy = [], serialSlower = {}, noPython = false, py314, bytecode314 = 'cached' }: FixtureOptions = {}): ReportInput {
  const f: Factors = { ...DEFAULT_FACTORS, ...(py314 ? PY314_FACTORS : {}), ...factors };
  const rows: Row[] = [];
  const workers: Record<string, string | number | null>[] = [];
  const add = (strategy: string, s: (typeof SETS)[number], w: number, serial_ms: number, factor: number) => {
    JITTER.forEach((j, rep) => {
      const wall = serial_ms * factor * (1 + (j - 1) * (noisy.includes(strategy) ? 8 : 1));
      const trial = rows.length;
      rows.push(row(trial, strategy, { set: s.set, numbers: s.numbers, workers: w }, rep, wall));
      // Static chunks: the first worker gets 20 % more than its share; dynamic batches: even.
      const share = (wall * Math.min(w, 2)) / w;
      const uneven = (i: number) => (strategy.endsWith('static') || strategy.endsWith('processes') || strategy.endsWith('interpreters') ? (w > 1 ? (i === 0 ? 1.2 : 1 - 0.2 / (w - 1)) : 1) : 1);
      // Where the fixture models the time outside the work, the busiest worker is busy for the rest of the wall time.
      const scale = OUTSIDE_MS[strategy] !== undefined ? (wall - OUTSIDE_MS[strategy]! * j) / (share * uneven(0) * j) : 1;
      for (let i = 0; i < w; i++) workers.push({ machine_id: MACHINE, trial, worker: i, tasks: 1, busy_ms: share * uneven(i) * j * scale });
      if (strategy.startsWith('python314-')) {
        const r = rows[trial]!;
        r.stdlib_bytecode = bytecode314;
        if (py314 === 'skipped') Object.assign(r, { status: 'skipped', error: `skipped: ${PY314_REASON}`, wall_ms: null });
      }
    });
  };
  for (const s of SETS) {
    add('node-serial', s, 1, s.node_ms * (serialSlower[s.set] ?? 1), 1);
    for (const [strategy, byWorkers] of Object.entries(f).filter(([name]) => name.startsWith('node-'))) {
      for (const [w, factor] of Object.entries(byWorkers)) add(strategy, s, Number(w), s.node_ms, factor);
    }
    if (s.python_ms) {
      add('python-serial', s, 1, s.python_ms, 1);
      for (const [strategy, byWorkers] of Object.entries(f).filter(([name]) => name.startsWith('python-'))) {
        for (const [w, factor] of Object.entries(byWorkers)) add(strategy, s, Number(w), s.python_ms, factor);
      }
    }
    if (py314 && s.python314_ms) {
      add('python314-serial', s, 1, s.python314_ms, 1);
      for (const [strategy, byWorkers] of Object.entries(f).filter(([name]) => name.startsWith('python314-'))) {
        for (const [w, factor] of Object.entries(byWorkers)) add(strategy, s, Number(w), s.python314_ms, factor);
      }
    }
  }
  const meta = structuredClone(BASE.meta);
  const system = { path: '/usr/bin/python3', version: '3.11.2', source: 'system', modules: {} };
  const found314 = { path: '/repo/.cache/python3.14/prefix/usr/bin/python3.14', version: '3.14.10', source: 'debian-unstable cache (.cache/python3.14)', modules: { 'concurrent.interpreters': true } };
  if (py314) meta.runs[MACHINE]!.software.pythons = { system, '3.14': py314 === 'ran' ? found314 : { missing: PY314_REASON } };
  const input: ReportInput = { ...BASE, meta, rows, memory: [], tables: { workers } };
  return noPython ? withoutPython(input) : input;
}

const claim = (doc: ReportDoc, id: string) => doc.claims.find((c) => c.id === id)!;
const verdict = (doc: ReportDoc, id: string): Verdict => claim(doc, id).verdict;
const blocks = (doc: ReportDoc): Block[] => doc.sections.flatMap((s) => s.blocks);
const figureIds = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : []));
const notes = (doc: ReportDoc, tone?: 'info' | 'warning') => blocks(doc).flatMap((b) => (b.kind === 'note' && (!tone || b.tone === tone) ? [b.text] : []));

describe('factorizer report: F1, threads slower than serial and slower with more', () => {
  it('is reproduced when Python threads and the event loop are slower than serial, and slower with each extra', () => {
    const doc = report(fixture());
    expect(verdict(doc, 'F1')).toBe('reproduced');
    expect(claim(doc, 'F1').python).toContain('4 against 2 threads: 1.09× slower than 2');
  });

  it('is not reproduced when Python threads are faster than serial', () => {
    expect(verdict(report(fixture({ factors: { 'python-threads': { 2: 0.8, 4: 0.7 } } })), 'F1')).toBe('not reproduced');
  });

  it('is partly reproduced when threads are slower than serial but the same with more', () => {
    const doc = report(fixture({ factors: { 'python-threads': { 2: 1.1, 4: 1.1 }, 'node-event-loop': { 2: 1.1, 4: 1.1 } } }));
    expect(verdict(doc, 'F1')).toBe('partly reproduced');
    expect(claim(doc, 'F1').python).toContain('4 against 2 threads: the same as 2');
  });

  it('differs in Node when Python threads are slower but the event loop is the same as serial', () => {
    const doc = report(fixture({ factors: { 'node-event-loop': { 2: 1, 4: 1 } } }));
    expect(verdict(doc, 'F1')).toBe('differs in Node');
    expect(claim(doc, 'F1').node).toContain('2 chunks: the same as serial');
  });

  it('is inconclusive, naming the straddling points, when Python threads are 5 % slower with ±8 % noise', () => {
    const doc = report(fixture({ factors: { 'python-threads': { 2: 1.05, 4: 1.1 } }, noisy: ['python-threads'] }));
    expect(verdict(doc, 'F1')).toBe('inconclusive');
    expect(claim(doc, 'F1').python).toMatch(/2 threads: 1\.0\d× slower than serial \(0\.9\d–1\.\d\d\), within the noise/);
    expect(claim(doc, 'F1').basis).toMatch(/Undecided: Python 2 threads: .*straddle/);
  });
});

describe('factorizer report: F2, processes speed it up', () => {
  it('is reproduced at 1.82× on 2 cores (91 % of the ideal)', () => {
    const doc = report(fixture());
    expect(verdict(doc, 'F2')).toBe('reproduced');
    expect(claim(doc, 'F2').python).toContain('2 processes: 1.82× faster than serial (1.');
    expect(claim(doc, 'F2').python).toMatch(/share of the ideal 2×: 91 % \(\d\d–\d\d %\), needs > 60 %: holds/);
  });

  it('is partly reproduced when processes beat serial by less than 60 % of the ideal, and not when they are slower', () => {
    const partly = { 'python-processes': { 2: 0.9, 4: 0.9 }, 'node-processes-static': { 1: 1, 2: 0.9, 4: 0.9 } };
    expect(verdict(report(fixture({ factors: partly })), 'F2')).toBe('partly reproduced');
    const slow = { 'python-processes': { 2: 1.3, 4: 1.4 }, 'node-processes-static': { 1: 1, 2: 1.3, 4: 1.4 } };
    expect(verdict(report(fixture({ factors: slow })), 'F2')).toBe('not reproduced');
  });
});

describe('factorizer report: F3, more processes than cores beat as many as cores', () => {
  it('is not reproduced when 4 processes are the same as 2 on 2 cores, reproduced when faster', () => {
    const same = report(fixture());
    expect(verdict(same, 'F3')).toBe('not reproduced');
    expect(claim(same, 'F3').python).toContain('4 processes: the same as 2');
    const over = { 'python-processes': { 2: 0.55, 4: 0.45 }, 'node-processes-static': { 1: 1, 2: 0.6, 4: 0.5 } };
    expect(verdict(report(fixture({ factors: over })), 'F3')).toBe('reproduced');
  });
});

describe('factorizer report: F4, uneven static chunks, judged on Node alone', () => {
  it('is reproduced when static chunks fall short of the ideal and dynamic batches beat them', () => {
    const doc = report(fixture());
    expect(verdict(doc, 'F4')).toBe('reproduced');
    expect(claim(doc, 'F4').node).toMatch(/static chunks, speed-up 1\.67× \(1\.6\d–1\.6\d\) as a share of the ideal 2×: 83 % /);
    expect(claim(doc, 'F4').node).toMatch(/Busiest worker over the mean: static chunks 1\.20× \(1\.\d\d–1\.\d\d\), dynamic batches 1\.00×/);
    expect(claim(doc, 'F4').python).toContain('no dynamic dispatch to compare');
    expect(claim(doc, 'F4').basis).toContain('Judged on Node alone');
  });

  it('is not reproduced when static chunks reach the ideal, partly when dynamic batches do not help', () => {
    expect(verdict(report(fixture({ factors: { 'node-processes-static': { 1: 1, 2: 0.51, 4: 0.51 } } })), 'F4')).toBe('not reproduced');
    expect(verdict(report(fixture({ factors: { 'node-processes-dynamic': { 1: 1, 2: 0.6, 4: 0.6 } } })), 'F4')).toBe('partly reproduced');
  });
});

describe('factorizer report without Python', () => {
  it('reads not run in Python for F1–F3, judges F4 on Node, and draws no Node-against-Python chart', () => {
    const doc = report(fixture({ noPython: true }));
    expect(doc.claims.map((c) => c.verdict)).toEqual(['not run in Python', 'not run in Python', 'not run in Python', 'reproduced']);
    expect(claim(doc, 'F2').node).toContain('2 processes: 1.67× faster than serial');
    expect(figureIds(doc).some((id) => id.startsWith('node-vs-python'))).toBe(false);
    expect(doc.headline).toContain('The article’s Python did not run here');
  });
});

describe('factorizer report: speed-ups above the core count and the serial baseline', () => {
  it('says nothing when every speed-up is within the cores and the serial loop costs the same per number', () => {
    const doc = report(fixture());
    expect(doc.headline).toMatch(/^On 2 cores, 2 worker threads with dynamic batches factor 100 000 numbers 1\.96× faster than the serial loop \(1\.9\d–\d\.\d\d\)\. In the article’s Python/);
    expect(doc.headline).not.toContain('above the 2 cores');
    expect(notes(doc, 'warning')).toEqual([]);
    expect(blocks(doc).some((b) => b.kind === 'markdown' && b.text.includes('not steady') === false && b.text.includes('steady within 10 % at every size'))).toBe(true);
  });

  it('flags a serial loop that slows per number at the largest set, in the findings, F2, the headline and the guide', () => {
    // 25 % slower per number at reader-x10: the pools' 2-worker speed-ups read 2.45× on 2 cores.
    const input = fixture({ serialSlower: { 'reader-x10': 1.25 } });
    const doc = report(input);
    expect(notes(doc, 'warning').some((t) => t.startsWith('The baseline node-serial costs 1.25× (1.2'))).toBe(true);
    expect(doc.headline).toContain('2.45× faster than the serial loop');
    expect(doc.headline).toContain('is above the 2 cores this machine has: a finding about the baseline');
    expect(claim(doc, 'F2').node).toContain('The baseline node-serial costs 1.25×');
    expect(notes(doc, 'info').find((t) => t.includes('above the ideal'))).toContain('A speed-up above the ideal therefore measures a slow baseline');
    const node = guide(input).find((e) => e.runtime === 'node')!;
    expect(node.phrase).toMatch(/^2\.45× \(.*\) over the serial loop\. A speed-up of 2\.45× .* is above the 2 cores/);
  });
});

it('factorizer report has its figures in reading order', () => {
  expect(figureIds(report(fixture()))).toEqual(['time-bars-original', 'time-bars-reader', 'speedup-by-workers', 'startup-cost', 'crossover', 'busy-per-worker', 'node-vs-python-reader']);
});

describe('factorizer report: CPython 3.11 against 3.14', () => {
  const section = (doc: ReportDoc) => doc.sections.find((s) => s.id === 'cpythons')!;
  const text = (doc: ReportDoc) => section(doc).blocks.flatMap((b) => (b.kind === 'markdown' || b.kind === 'note' ? [b.text] : [])).join('\n');
  const table = (doc: ReportDoc, id: string) => section(doc).blocks.flatMap((b) => (b.kind === 'table' && b.table.id === id ? [b.table] : []))[0];

  it('compares each function at the same point, each pool against its own interpreter’s serial loop', () => {
    const doc = report(fixture({ py314: 'ran' }));
    expect(section(doc).title).toBe('CPython 3.11 against 3.14');
    const rows = table(doc, 'cpythons-table')!.rows;
    expect(rows.map((r) => `${r.pool} · ${r.workers}`)).toEqual(['serial loop · 1', 'threads · 2', 'threads · 4', 'processes · 2', 'processes · 4']);
    expect(rows[0]!.ratio).toMatch(/^1\.15× faster than on 3\.11 \(1\.1\d–1\.1\d\)$/);
    // Processes: 0.55 of 3.11's serial loop, 0.7 of 3.14's: 1.82× against 1.43×, a change of 0.79×.
    const procs = rows.find((r) => r.pool === 'processes' && r.workers === 2)!;
    expect(procs.oldSpeedup).toMatch(/^1\.82× /);
    expect(procs.nowSpeedup).toMatch(/^1\.43× /);
    expect(procs.change).toMatch(/^0\.79× /);
  });

  it('says what changed, from the data: the serial loop, the GIL-bound threads, the start method and its cost', () => {
    const input = fixture({ py314: 'ran' });
    const meta = structuredClone(input.meta);
    Object.assign(meta.runs[MACHINE]!.params, { repetitions: 3, python314_repetitions: 3 });
    const t = text(report({ ...input, meta }));
    expect(t).toContain('on the system’s CPython 3.11.2 and on CPython 3.14.10, from the debian-unstable cache (.cache/python3.14)');
    expect(t).toMatch(/The same serial_factorizer on 3\.14: on `reader` \(10 000 numbers\) it is 1\.15× faster than 3\.11’s \(1\.1\d–1\.1\d\)\./);
    expect(t).toMatch(/2 threads on 3\.11 are 1\.10× slower than the serial loop \(.*\); on 3\.14, 1\.10× slower than the serial loop \(.*\): the GIL still lets one thread at a time/);
    expect(t).toMatch(/2 processes on 3\.14 are 1\.11× slower than on 3\.11 \(.*\); over each one’s serial loop they give a speed-up of 1\.82× .* on 3\.11 and 1\.43× .* on 3\.14/);
    expect(t).toContain('3.11 starts each process with fork, 3.14 with forkserver (metric `start_method`)');
    expect(t).toMatch(/is 40 ms on 3\.11 and 600 ms on 3\.14 \(medians\): 15\.\d\d× \(.*\) as much\. The start costs more on 3\.14: each forkserver process/);
    expect(t).not.toContain('no compiled bytecode');
    // 3.14 planned with as many repetitions as the rest: nothing to say about them.
    expect(t).not.toContain('python314_repetitions');
  });

  it('sets the interpreter pool against 3.14’s threads and processes', () => {
    const doc = report(fixture({ py314: 'ran' }));
    const two = table(doc, 'interpreter-pool-table')!.rows.find((r) => r.workers === 2)!;
    expect(two.speedup).toMatch(/^1\.89× /);
    expect(two.threads).toMatch(/^2\.08× faster than threads/);
    expect(two.processes).toMatch(/^1\.32× faster than processes/);
    expect(text(doc)).toMatch(/2 interpreters with the article’s static chunks give a speed-up of 1\.89× .* over 3\.14’s serial loop, against an ideal of 2×; they are 2\.08× faster than 3\.14’s threads .* and 1\.32× faster than its processes/);
  });

  it('says when the 3.14 points were planned with fewer repetitions than the rest', () => {
    const input = fixture({ py314: 'ran' });
    const meta = structuredClone(input.meta);
    Object.assign(meta.runs[MACHINE]!.params, { repetitions: 5, python314_repetitions: 3 });
    expect(text(report({ ...input, meta }))).toContain('The 3.14 points were planned with 3 repetitions (parameter `python314_repetitions`), the others with 5');
  });

  it('says where the start cost includes compiling a standard library that has no bytecode', () => {
    const doc = report(fixture({ py314: 'ran', bytecode314: 'missing' }));
    expect(notes(doc, 'warning').join('\n')).toContain('This CPython 3.14.10 had no compiled bytecode for its standard library (metric `stdlib_bytecode`)');
    expect(notes(report(fixture({ py314: 'ran' })), 'warning')).toEqual([]);
  });

  it('leaves every verdict to 3.11 and notes 3.14 beside it', () => {
    const [without, withIt] = [report(fixture()), report(fixture({ py314: 'ran', factors: { 'python314-threads': { 2: 0.6, 4: 0.6 } } }))];
    // 3.14's threads made twice as fast as its serial loop changes no verdict: F1 is judged on 3.11.
    expect(withIt.claims.map((c) => c.verdict)).toEqual(without.claims.map((c) => c.verdict));
    expect(claim(withIt, 'F1').python).toMatch(/Beside it, on CPython 3\.14 \(not judged\): 2 threads: 1\.67× faster than serial/);
    expect(claim(withIt, 'F1').checks?.every((k) => !k.label.includes('3.14'))).toBe(true);
    expect(claim(withIt, 'F2').python).toMatch(/Beside it, on CPython 3\.14 \(not judged\): 2 processes: 1\.43× faster than serial .*; 2 interpreters: 1\.89× faster than serial/);
  });

  it('says why when no CPython 3.14 was found, as a warning, and judges the claims as before', () => {
    const doc = report(fixture({ py314: 'skipped' }));
    expect(notes(doc, 'warning')).toContain(`CPython 3.14 did not run here (skipped: ${PY314_REASON}); only the system’s CPython is reported.`);
    expect(doc.claims.map((c) => c.verdict)).toEqual(report(fixture()).claims.map((c) => c.verdict));
    expect(claim(doc, 'F1').python).not.toContain('Beside it');
  });

  it('reads a run from before the 3.14 peers as having none, without a warning', () => {
    expect(notes(report(fixture()), 'info')).toContain('CPython 3.14 did not run here (not in this run’s plan); only the system’s CPython is reported.');
  });
});
