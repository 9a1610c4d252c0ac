import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import type { Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import { renderPage } from '../../lib/report/page.ts';
import experiment, { planCells } from './experiment.ts';
import report from './report.ts';

// A synthetic full-profile run on 2 cores. Each point's real time is its
// runtime's cost per photo × photos × a factor; the three repetitions are
// spread by ±1 %, so points 5 % apart are told apart and equal ones are "the
// same". CPU time is real × busy cores: 1 for the serial loops.

const MACHINE = 'fixture-2c';
const PER_PHOTO_MS: Record<string, number> = { node: 20, sharp: 3, python: 4 };
const JITTER = [0.99, 1, 1.01];

interface Shape {
  /** real / serial real, by "workers" or "workers·batch" or "workers·bytes". */
  factor: Record<string, number>;
  /** (user + sys) / real, by workers (default: min(workers, 2) × 0.97, the serial loop 1). */
  busy?: Record<number, number>;
  startup?: number;
}

const DEFAULT_SHAPES: Record<string, Shape> = {
  'node-serial': { factor: { 1: 1 } },
  'node-threads': { factor: { 1: 1.02, 2: 0.53, 4: 0.54, '2·10': 0.52, '2·50': 0.55, '2·bytes': 0.53 }, startup: 100 },
  'node-processes': { factor: { 1: 1.03, 2: 0.54, 4: 0.55, '2·10': 0.5, '2·50': 0.56, '2·bytes': 0.58 }, startup: 300 },
  // The static split: one share per process (100 of the 200 sweep photos, 500 of the 1000).
  'node-split': { factor: { '2·100': 0.51, '2·500': 0.51 }, startup: 300 },
  'node-sharp': { factor: { 1: 1, 2: 0.52, 4: 0.52 }, startup: 40 },
  'python-serial': { factor: { 1: 1 } },
  'python-processes': { factor: { 1: 1.05, 2: 0.55, 4: 0.56, '2·10': 0.53, '2·50': 0.6 }, startup: 15 },
  'python-threads': { factor: { 1: 1, 2: 0.56 }, startup: 1 },
};

const MODEL: Record<string, Row['model']> = {
  'node-serial': 'serial',
  'node-threads': 'worker-threads',
  'node-processes': 'child-processes',
  'node-split': 'child-processes',
  'node-sharp': 'native',
  'python-serial': 'python-serial',
  'python-processes': 'python-processes',
  'python-threads': 'python-threads',
};

const PARAMS = { seed: 1, images: 1000, sweep_images: 200, pool_workers: 'cores', workers: [1, 2, 4], python_thread_workers: [1, 2], batches: [1, 10, 50], repetitions: 3, warmup: 1 };

interface FixtureOptions {
  shapes?: Record<string, Partial<Shape>>;
  reps?: number;
  noPython?: boolean;
  without?: string[];
  /** Metric overrides for every row of a strategy. */
  metrics?: Record<string, Record<string, number>>;
}

function meta(noPython: boolean): Meta {
  return {
    experiment: 'process-pool-thumbnails',
    reference_machine: MACHINE,
    runs: {
      [MACHINE]: {
        machine: { machine_id: MACHINE, hostname: 'box', cpu_model: 'Example CPU', cores: 2, memory_bytes: 2 ** 33, os: 'Linux', kernel: '6.1', arch: 'x64' },
        software: { node: 'v20.20.2', v8: '11.3', python: noPython ? null : { path: '/usr/bin/python3', version: '3.11.2', modules: {} }, packages: {}, tools: {} },
        git: { commit: null, dirty: null },
        profile: 'full',
        params: PARAMS,
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

function fixture({ shapes = {}, reps = 3, noPython = false, without = [], metrics = {} }: FixtureOptions = {}): ReportInput {
  const rows: Row[] = [];
  for (const cell of planCells(PARAMS, 2)) {
    const { strategy } = cell;
    if (without.includes(strategy)) continue;
    const shape = { ...DEFAULT_SHAPES[strategy]!, ...shapes[strategy] };
    const p = cell.point as { images: number; workers: number; batch: number; transport: string };
    const key = p.transport === 'bytes' ? `${p.workers}·bytes` : p.batch !== 1 ? `${p.workers}·${p.batch}` : String(p.workers);
    const factor = shape.factor[key];
    if (factor === undefined) continue;
    const runtime = strategy.startsWith('python') ? 'python' : 'node';
    const perPhoto = strategy === 'node-sharp' ? PER_PHOTO_MS.sharp! : PER_PHOTO_MS[runtime]!;
    const serial = strategy.endsWith('-serial');
    const busy = shape.busy?.[p.workers] ?? (serial ? 1 : Math.min(p.workers, 2) * 0.97);
    const skipped = noPython && runtime === 'python';
    const pooled = !serial && strategy !== 'node-sharp';
    for (let rep = 0; rep < reps; rep++) {
      const wall = perPhoto * p.images * factor * JITTER[rep % JITTER.length]!;
      const cpu = wall * busy;
      rows.push({
        machine_id: MACHINE, trial: rows.length, strategy, runtime, model: MODEL[strategy]!, rep, warmup: 0,
        status: skipped ? 'skipped' : 'ok', error: skipped ? 'python3 not found' : '',
        wall_ms: skipped ? null : wall, startup_ms: skipped || serial ? null : (shape.startup ?? 0),
        cpu_user_ms: skipped ? null : cpu * 0.95, cpu_sys_ms: skipped ? null : cpu * 0.05, cpu_process_ms: skipped ? null : cpu,
        rss_base_bytes: 5e7, rss_peak_bytes: 6e7, rss_mean_bytes: 5.5e7, work_start_ms: 100, work_end_ms: 100 + wall, process_ms: wall + 300,
        samples: 10, host_other_cpu_ms: 0, steal_ms: 0, probe_ms: skipped ? null : 5, disturbed: 0, attempts: 1, digest: skipped ? '' : `d-${p.images}`,
        images: p.images, workers: p.workers, batch: p.batch, transport: p.transport,
        tasks: pooled ? Math.ceil(p.images / p.batch) : null, busy_ms: null,
        order_kept: skipped ? null : 1,
        unclonable_rejected: skipped || !pooled || strategy === 'python-threads' ? null : 1,
        thumbnails: skipped ? null : p.images,
        sharp_default_threads: strategy === 'node-sharp' ? 1 : null,
        ...(skipped ? {} : metrics[strategy]),
      });
    }
  }
  return { experiment, rows, memory: [], tables: {}, meta: meta(noPython), machineId: MACHINE };
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

describe('process-pool-thumbnails report', () => {
  it('report(input) computes the headline from the data', () => {
    expect(report(fixture()).headline).toBe(
      'On 2 cores, 2 child processes make 1 000 thumbnails in pure JavaScript 1.85× faster than the serial loop, with +5 % CPU time; the article’s ProcessPoolExecutor is 1.82× faster than Pillow’s loop; sharp, one photo at a time, is 6.67× faster than the pure-JavaScript loop.',
    );
  });

  it('report(input) judges T1 reproduced when the pool per core reaches 85 % of the ideal, with the numbers beside the article’s', () => {
    const doc = report(fixture());
    expect(verdict(doc, 'T1')).toBe('reproduced');
    expect(claim(doc, 'T1').article).toContain('3.94× on 4 cores');
    expect(claim(doc, 'T1').python).toContain('1.82× with a 2-process ProcessPoolExecutor on 1 000 photos');
    expect(claim(doc, 'T1').node).toContain('1.85× with 2 child processes');
  });

  it('report(input) judges T1 partly reproduced below 85 % of the ideal and not reproduced when the pool is slower', () => {
    const partly = fixture({ shapes: { 'python-processes': { factor: { 2: 0.7 } }, 'node-processes': { factor: { 2: 0.7 } } } });
    expect(verdict(report(partly), 'T1')).toBe('partly reproduced');
    const slower = fixture({ shapes: { 'python-processes': { factor: { 2: 1.2 } }, 'node-processes': { factor: { 2: 1.2 } } } });
    expect(verdict(report(slower), 'T1')).toBe('not reproduced');
  });

  it('report(input) says T1 differs in Node when Python’s pool pays and Node’s does not', () => {
    expect(verdict(report(fixture({ shapes: { 'node-processes': { factor: { 2: 1.1 } } } })), 'T1')).toBe('differs in Node');
  });

  it('report(input) judges T2 on user + sys: within 15 % reproduced, within 30 % partly, beyond not', () => {
    expect(verdict(report(fixture()), 'T2')).toBe('reproduced');
    const more = (busy: number) => fixture({ shapes: { 'python-processes': { busy: { 2: busy } }, 'node-processes': { busy: { 2: busy } } } });
    // 0.55 × 2.3 = 1.27× the serial CPU; 0.55 × 2.8 = 1.54×.
    expect(verdict(report(more(2.3)), 'T2')).toBe('partly reproduced');
    expect(verdict(report(more(2.8)), 'T2')).toBe('not reproduced');
    expect(claim(report(more(2.8)), 'T2').python).toContain('+54 %');
  });

  it('report(input) judges T3 on the serial loop’s busy cores: one core reproduced, less partly, more not', () => {
    expect(verdict(report(fixture()), 'T3')).toBe('reproduced');
    expect(claim(report(fixture()), 'T3').python).toContain('1.00 cores busy');
    expect(claim(report(fixture()), 'T3').python).toContain('50 % of 2 cores idle');
    const serialBusy = (b: number) => fixture({ shapes: { 'python-serial': { busy: { 1: b } }, 'node-serial': { busy: { 1: b } } } });
    expect(verdict(report(serialBusy(0.6)), 'T3')).toBe('partly reproduced');
    expect(verdict(report(serialBusy(1.5)), 'T3')).toBe('not reproduced');
  });

  it('report(input) judges T4 from start-up, paths against bytes and batch size', () => {
    const doc = report(fixture());
    // Python: start-up 15 ms is under 5 % of its work, but batch 10 beats batch 1 → one of two.
    expect(verdict(doc, 'T4')).toBe('partly reproduced');
    expect(claim(doc, 'T4').node).toContain('node-processes bytes slower than paths');
    const noPython = report(fixture({ noPython: true }));
    expect(verdict(noPython, 'T4')).toBe('reproduced');
    const flat = { factor: { 1: 1.05, 2: 0.55, 4: 0.56, '2·10': 0.55, '2·50': 0.55 } };
    expect(verdict(report(fixture({ shapes: { 'python-processes': flat } })), 'T4')).toBe('not reproduced');
  });

  it('report(input) judges T5 reproduced when every pool kept the order and refused a function, not when one lost the order', () => {
    expect(verdict(report(fixture()), 'T5')).toBe('reproduced');
    expect(claim(report(fixture()), 'T5').node).toContain('DataCloneError) in');
    const lost = fixture({ metrics: { 'python-processes': { order_kept: 0 }, 'node-processes': { order_kept: 0 } } });
    expect(verdict(report(lost), 'T5')).toBe('not reproduced');
  });

  it('report(input) judges timing claims inconclusive with a single repetition per point', () => {
    const doc = report(fixture({ reps: 1 }));
    for (const id of ['T1', 'T2', 'T3']) {
      expect(verdict(doc, id)).toBe('inconclusive');
      expect(claim(doc, id).basis).toContain('single repetition');
    }
  });

  it('report(input) reports Python as not run and judges on Node alone when python3 is missing', () => {
    const doc = report(fixture({ noPython: true }));
    for (const c of doc.claims) expect(c.python).toBe('not run here (python3 missing)');
    expect(verdict(doc, 'T1')).toBe('reproduced');
    expect(claim(doc, 'T1').basis).toContain('Node analog alone');
    expect(doc.headline).toContain('the article’s Python did not run here');
    expect(blocks(doc).some((b) => b.kind === 'note' && b.text.includes('Pillow has no bars'))).toBe(true);
  });

  it('report(input) survives a machine with no rows at all', () => {
    const doc = report({ ...fixture(), rows: [] });
    expect(doc.claims.every((c) => c.verdict === 'not measured')).toBe(true);
    expect(texts(doc).join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('report(input) has the six figures, the five sections and the table of every point', () => {
    const doc = report(fixture());
    expect(figureIds(doc)).toEqual(['time-output', 'speedup-by-workers', 'startup-cost', 'batch-size', 'paths-vs-bytes', 'js-sharp-pillow']);
    expect(doc.sections.map((s) => s.id)).toEqual(['real-user-sys', 'speedup', 'overheads', 'runtimes', 'all-points']);
    expect(blocks(doc).some((b) => b.kind === 'table' && b.table.id === 'medians')).toBe(true);
  });

  it('report(input) sets the fastest pool against the static split measured in the same run, ahead or behind', () => {
    const doc = report(fixture({ shapes: { 'node-serial': { busy: { 1: 1.1 } } } }));
    const text = texts(doc).join('\n');
    // 1 / 0.51 = 1.96× on both sets; the fastest pools: threads at 2 (1 / 0.53 = 1.89×) on 1000 photos, processes at batch 10 (1 / 0.5 = 2.00×) on 200.
    expect(text).toContain('are 1.96× faster than the serial loop on 1 000 photos (98 % of the ideal 2.00×; the fastest pool there, `node-threads · 2`, reaches 1.89×, 96 % of the split’s, behind the split: what its dispatch costs); 1.96× faster than the serial loop on 200 photos (98 % of the ideal 2.00×; the fastest pool there, `node-processes · 2 · batch 10`, reaches 2.00×, 102 % of the split’s, ahead of the split: dispatch as workers free up evens out shares that are not equal work).');
    expect(text).toContain('the serial loop alone already kept 1.10 cores busy');
    expect(claim(doc, 'T1').node).toContain('The static split (one share of the photos per process, no dispatch): 1.96×.');
    const speedupCaption = blocks(doc).flatMap((b) => (b.kind === 'figure' && b.figure.id === 'speedup-by-workers' ? [b.figure.caption] : []));
    expect(speedupCaption[0]).toContain('the static split on the same photos, 1.96×');
    // The split is not a pool of its own: the best pool and the verdicts ignore it.
    expect(texts(report(fixture())).join('\n')).not.toContain('already kept');
    const slowSplit = texts(report(fixture({ shapes: { 'node-split': { factor: { '2·100': 1.1, '2·500': 1.1 } } } }))).join('\n');
    expect(slowSplit).toContain('are 1.10× slower than the serial loop on 1 000 photos (45 % of the ideal 2.00×;');
    // A split as fast as the best pool (0.53 of serial, the threads' factor): within 2 %, level.
    const level = texts(report(fixture({ shapes: { 'node-split': { factor: { '2·500': 0.53 } } } }))).join('\n');
    expect(level).toMatch(/100 % of the split’s, level with the split/);
    const none = report(fixture({ without: ['node-split'] }));
    expect(texts(none).join('\n')).not.toContain('A pool without a queue');
    expect(none.claims.map((c) => c.verdict)).toEqual(report(fixture()).claims.map((c) => c.verdict));
  });

  it('report(input) states the sweeps’ smaller photo count', () => {
    const intro = blocks(report(fixture())).find((b) => b.kind === 'markdown');
    expect(intro?.kind === 'markdown' && intro.text).toContain('the first 200 photos only (a 5.00× smaller set)');
  });

  it('report(input) writes no NaN, undefined or Infinity in any text, whatever is missing', () => {
    const inputs = [fixture(), fixture({ reps: 1 }), fixture({ noPython: true }), fixture({ without: ['node-serial', 'python-serial'] }), fixture({ without: ['node-sharp', 'node-threads'] })];
    for (const input of inputs) expect(texts(report(input)).join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('report(input) is pure: the same input gives the same document and is left unchanged', () => {
    const input = fixture();
    const before = JSON.stringify(input.rows);
    expect(texts(report(input))).toEqual(texts(report(input)));
    expect(JSON.stringify(input.rows)).toBe(before);
  });

  it('report(input) renders into a page (ids valid and unique)', () => {
    const input = fixture();
    const page = renderPage({ experiment, doc: report(input), meta: input.meta, machineId: MACHINE, dataFiles: [], otherMachines: [] });
    expect(page).toContain('id="paths-vs-bytes"');
  });
});

describe('planCells', () => {
  it('planCells(params) puts the sweeps first, the full set after, with no duplicate cell', () => {
    const cells = planCells(PARAMS, 2);
    expect(cells[0]).toEqual({ strategy: 'node-serial', point: { images: 200, workers: 1, batch: 1, transport: 'paths' } });
    const keys = cells.map((c) => JSON.stringify(c));
    expect(new Set(keys).size).toBe(keys.length);
    expect(planCells({ ...PARAMS, comparison_repetitions: 5 }, 2).filter((c) => c.point.images === 1000).every((c) => c.repetitions === 5)).toBe(true);
    expect(cells.filter((c) => c.point.images === 1000).map((c) => `${c.strategy}@${c.point.workers}x${c.point.batch}`)).toEqual([
      'node-serial@1x1', 'node-threads@2x1', 'node-processes@2x1', 'node-split@2x500', 'node-sharp@1x1', 'node-sharp@2x1', 'python-serial@1x1', 'python-processes@2x1', 'python-threads@2x1',
      // The pools again with the largest batch, to see how much of the gap to the split it closes.
      'node-threads@2x50', 'node-processes@2x50',
    ]);
  });

  it('planCells gives the static split one share of the photos per worker, on both sets', () => {
    const split = planCells(PARAMS, 2).filter((c) => c.strategy === 'node-split').map((c) => c.point);
    expect(split).toEqual([
      { images: 200, workers: 2, batch: 100, transport: 'paths' },
      { images: 1000, workers: 2, batch: 500, transport: 'paths' },
    ]);
    expect(planCells({ ...PARAMS, images: 999, sweep_images: 99 }, 2).filter((c) => c.strategy === 'node-split').map((c) => c.point.batch)).toEqual([50, 500]);
  });

  it('planCells merges the two sets when the sweeps use every photo, and rejects a sweep larger than the set', () => {
    const smoke = planCells(experiment.profiles.smoke.params, 2);
    expect(new Set(smoke.map((c) => c.point.images))).toEqual(new Set([12]));
    expect(() => planCells({ ...PARAMS, sweep_images: 2000 }, 2)).toThrow(/sweep_images must be between 1 and images/);
  });

  it('every profile plans cells for declared strategies only, with declared point columns', () => {
    const names = new Set(experiment.strategies.map((s) => s.name));
    for (const profile of Object.values(experiment.profiles)) {
      for (const cell of planCells(profile.params, 2)) {
        expect(names.has(cell.strategy)).toBe(true);
        expect(Object.keys(cell.point).sort()).toEqual(Object.keys(experiment.pointColumns).sort());
      }
    }
  });
});
