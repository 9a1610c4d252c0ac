import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import type { Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import experiment, { planCells } from './experiment.ts';
import report from './report.ts';
import { buildContext } from './context.ts';
import { speedupSeries } from './speedup-figure.ts';
import { syntheticMeta } from '../../lib/testing/synthetic-run.ts';

// A synthetic full-profile run on 2 cores, 5 clean repetitions a point. Each
// point's real time is its runtime's cost per photo × photos × a factor,
// spread by ±2 % over the repetitions; CPU time is real × busy cores, spread
// by its own ±2 %. At that spread a ratio's 95 % interval is about ±2.5 %:
// factors 5 % apart are told apart, a ratio on its threshold straddles it.

const MACHINE = 'fixture-2c';
const PER_PHOTO_MS: Record<string, number> = { node: 20, sharp: 3, python: 4 };
const JITTER = [0.98, 1, 1.02, 0.99, 1.01];
const CPU_JITTER = [1.01, 0.99, 1, 1.02, 0.98];

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
  'python-processes': { factor: { 1: 1.05, 2: 0.55, 4: 0.56, '2·10': 0.5, '2·50': 0.6 }, startup: 15 },
  'python-threads': { factor: { 1: 1, 2: 0.56 }, startup: 1 },
};

const MODEL = Object.fromEntries(experiment.strategies.map((s) => [s.name, s.model])) as Record<string, Row['model']>;

const PARAMS = { seed: 1, images: 1000, sweep_images: 200, pool_workers: 'cores', workers: [1, 2, 4], python_thread_workers: [1, 2], batches: [1, 10, 50], repetitions: 5, warmup: 1 };

interface FixtureOptions {
  shapes?: Record<string, Partial<Shape>>;
  noPython?: boolean;
  without?: string[];
  /** Metric overrides for every row of a strategy. */
  metrics?: Record<string, Record<string, number>>;
  /** A strategy's real time on the full set multiplied by this (a baseline that slows at scale). */
  fullScale?: Record<string, number>;
  /** The repetitions' spread relative to ±2 % (0.5: ±1 %). */
  spread?: number;
}

function meta(noPython: boolean): Meta {
  return syntheticMeta(experiment, { machineId: MACHINE, params: PARAMS, python: noPython ? false : {}, sampling: null });
}

function fixture({ shapes = {}, noPython = false, without = [], metrics = {}, fullScale = {}, spread = 1 }: FixtureOptions = {}): ReportInput {
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
    const scale = p.images === PARAMS.images ? (fullScale[strategy] ?? 1) : 1;
    for (let rep = 0; rep < PARAMS.repetitions; rep++) {
      const jitter = (j: number) => 1 + (j - 1) * spread;
      const wall = perPhoto * p.images * factor * scale * jitter(JITTER[rep]!);
      const cpu = wall * busy * jitter(CPU_JITTER[rep]!);
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
const prose = (doc: ReportDoc) => blocks(doc).flatMap((b) => (b.kind === 'markdown' || b.kind === 'note' ? [b.text] : b.kind === 'figure' ? [b.figure.caption] : [])).join('\n');
/** The same shape for Python's pool and Node's child processes. */
const both = (shape: Partial<Shape>) => ({ 'python-processes': shape, 'node-processes': shape });
const withFactor = (f: number, pool: 'python-processes' | 'node-processes') => ({ factor: { ...DEFAULT_SHAPES[pool]!.factor, 2: f } });

describe('process-pool-thumbnails claims', () => {
  it('T1 is reproduced when the pool per core is faster and its whole interval is above 85 % of the ideal', () => {
    const doc = report(fixture());
    expect(verdict(doc, 'T1')).toBe('reproduced');
    expect(claim(doc, 'T1').article).toContain('3.94× on 4 cores');
    // 1 / 0.55 = 1.82×, 1 / 0.54 = 1.85×, each with its interval.
    expect(claim(doc, 'T1').python).toMatch(/a 2-process ProcessPoolExecutor: 1\.82× faster than the serial loop \(1\.7\d–1\.8\d\)/);
    expect(claim(doc, 'T1').node).toMatch(/2 child processes: 1\.85× faster than the serial loop \(1\.\d\d–1\.\d\d\)/);
  });

  it('T1 is partly reproduced below the line, not reproduced when the pool is slower, and differs in Node when only Python’s pays', () => {
    const partly = fixture({ shapes: { 'python-processes': withFactor(0.7, 'python-processes'), 'node-processes': withFactor(0.7, 'node-processes') } });
    expect(verdict(report(partly), 'T1')).toBe('partly reproduced');
    const slower = fixture({ shapes: { 'python-processes': withFactor(1.2, 'python-processes'), 'node-processes': withFactor(1.2, 'node-processes') } });
    expect(verdict(report(slower), 'T1')).toBe('not reproduced');
    expect(verdict(report(fixture({ shapes: { 'node-processes': withFactor(1.1, 'node-processes') } })), 'T1')).toBe('differs in Node');
  });

  it('T1 is inconclusive when the speed-up’s interval straddles 1.70×, and says which interval would decide it', () => {
    const doc = report(fixture({ shapes: { 'python-processes': withFactor(1 / 1.7, 'python-processes') } }));
    expect(verdict(doc, 'T1')).toBe('inconclusive');
    expect(claim(doc, 'T1').python).toContain('needs > 1.70×: undecided');
    expect(claim(doc, 'T1').basis).toMatch(/Undecided: Python speed-up: 1\.\d\d× \(1\.6\d–1\.7\d\).*Its interval straddles its threshold/);
  });

  it('T2 judges user + sys of the pool over the serial loop’s: within 15 % reproduced, 30 % partly, beyond not, on the line inconclusive', () => {
    // Pool CPU / serial CPU = 0.55 × busy: 1.07 by default.
    expect(verdict(report(fixture()), 'T2')).toBe('reproduced');
    const busy = (b: number) => fixture({ shapes: both({ busy: { 2: b } }) });
    expect(verdict(report(busy(2.2)), 'T2')).toBe('partly reproduced');
    expect(verdict(report(busy(2.8)), 'T2')).toBe('not reproduced');
    expect(claim(report(busy(2.8)), 'T2').python).toMatch(/1\.54× \(1\.\d\d–1\.\d\d\), needs within 0\.70×–1\.30×: fails/);
    expect(verdict(report(busy(1.15 / 0.55)), 'T2')).toBe('inconclusive');
  });

  it('T3 judges the serial loop’s busy cores: one core reproduced, fewer partly, more not', () => {
    const doc = report(fixture());
    expect(verdict(doc, 'T3')).toBe('reproduced');
    expect(claim(doc, 'T3').python).toMatch(/kept busy \(\(user \+ sys\) \/ real\): 1\.00 \(0\.9\d–1\.0\d\)/);
    expect(claim(doc, 'T3').python).toContain('of 2 cores idle');
    const serialBusy = (b: number) => fixture({ shapes: { 'python-serial': { busy: { 1: b } }, 'node-serial': { busy: { 1: b } } } });
    expect(verdict(report(serialBusy(0.6)), 'T3')).toBe('partly reproduced');
    expect(verdict(report(serialBusy(1.5)), 'T3')).toBe('not reproduced');
  });

  it('T4 needs a cost (start-up, or bytes slower than paths in Node) and a batch that helps', () => {
    const doc = report(fixture());
    // Python: 15 ms of start-up is under 5 % of its work, batch 10 beats batch 1: one of two.
    expect(verdict(doc, 'T4')).toBe('partly reproduced');
    // Node: bytes slower than paths is enough for the cost, whatever the start-up.
    expect(claim(doc, 'T4').node).toMatch(/child processes · 2 · bytes: 1\.07× slower than paths/);
    expect(claim(doc, 'T4').node).not.toContain('start-up over its work');
    expect(claim(doc, 'T4').levels?.node).toBe('full');
    expect(verdict(report(fixture({ shapes: { 'python-processes': { startup: 200 } } })), 'T4')).toBe('reproduced');
    // Larger batches slower than batch 1, and no visible start-up: neither part shows.
    const worse = { factor: { 1: 1.05, 2: 0.55, 4: 0.56, '2·10': 0.6, '2·50': 0.6 } };
    expect(verdict(report(fixture({ shapes: { 'python-processes': worse } })), 'T4')).toBe('not reproduced');
    // Batches level with batch 1: within ±2.5 %, the interval cannot rule out a small gain.
    const flat = { factor: { 1: 1.05, 2: 0.55, 4: 0.56, '2·10': 0.55, '2·50': 0.55 } };
    expect(verdict(report(fixture({ shapes: { 'python-processes': flat } })), 'T4')).toBe('inconclusive');
  });

  it('T5 is reproduced when every pool kept the order and refused a function, not when one lost the order', () => {
    expect(verdict(report(fixture()), 'T5')).toBe('reproduced');
    expect(claim(report(fixture()), 'T5').node).toContain('a DataCloneError');
    const lost = fixture({ metrics: { 'python-processes': { order_kept: 0 }, 'node-processes': { order_kept: 0 } } });
    expect(verdict(report(lost), 'T5')).toBe('not reproduced');
  });

  it('every claim reads not run in Python when the peer is missing, with the Node analog beside it', () => {
    const doc = report(fixture({ noPython: true }));
    for (const c of doc.claims) {
      expect(c.verdict).toBe('not run in Python');
      expect(c.python).toContain('python3 not found');
    }
    expect(claim(doc, 'T1').basis).toContain('the Node analog shows it');
    expect(doc.headline).toContain('the article’s Python did not run here');
    expect(blocks(doc).some((b) => b.kind === 'note' && b.text.includes('Pillow has no bars'))).toBe(true);
  });
});

describe('process-pool-thumbnails findings', () => {
  it('the headline states the pools’ speed-ups and CPU with their intervals', () => {
    const headline = report(fixture()).headline;
    expect(headline).toMatch(/^On 2 cores, 2 child processes make 1 000 thumbnails in pure JavaScript 1\.85× faster than the serial loop \(1\.\d\d–1\.\d\d\), with 1\.05× \(\d\.\d\d–\d\.\d\d\) its CPU time; the article’s ProcessPoolExecutor is 1\.82× faster than Pillow’s loop \(/);
    expect(headline).not.toContain('above the 2 cores');
  });

  it('a serial loop that slows on the full set is flagged, and a speed-up above the core count says so in the headline', () => {
    const doc = report(fixture({ fullScale: { 'node-serial': 1.3 } }));
    expect(prose(doc)).toMatch(/JS serial loop: 1\.30× \(1\.\d\d–1\.\d\d\) the cost per photo at 1 000 photos as at 200, not steady within 10 %/);
    expect(blocks(doc).some((b) => b.kind === 'note' && b.tone === 'warning' && b.text.includes('The baseline node-serial costs 1.30×'))).toBe(true);
    // 1.3 / 0.54 = 2.41× on 2 cores.
    expect(doc.headline).toContain('is above the 2 cores this machine has: a finding about the baseline');
    expect(prose(report(fixture()))).toMatch(/JS serial loop: 1\.00× \(0\.9\d–1\.0\d\) the cost per photo at 1 000 photos as at 200, steady within 10 %/);
  });

  it('sets the fastest pool against the static split in the words of the classification: ahead, behind or the same', () => {
    const text = prose(report(fixture({ shapes: { 'node-serial': { busy: { 1: 1.1 } } } })));
    // 1 / 0.51 = 1.96× on both sets; the fastest pools: threads at 2 (0.53) on 1 000 photos, processes at batch 10 (0.5) on 200.
    expect(text).toMatch(/are 1\.96× faster than the serial loop \(1\.\d\d–\d\.\d\d\) on 1 000 photos \(98 % \(\d\d–\d+ %\) of the ideal 2×; the fastest pool there, `worker threads · 2`, is 1\.04× slower than the split \(1\.0\d–1\.0\d\): what its dispatch costs\)/);
    expect(text).toMatch(/on 200 photos \(98 % .*; the fastest pool there, `child processes · 2 · batch 10`, is 1\.02× faster than the split \(.*\)(, within the noise|: dispatch as workers free up)/);
    expect(text).toMatch(/the serial loop alone already kept 1\.10 \(1\.\d\d–1\.\d\d\) cores busy/);
    expect(prose(report(fixture()))).not.toContain('already kept');
    // A split as fast as the best pool on the full set (the threads' 0.53), on a quieter host: the whole interval within 2 %, the same.
    const level = prose(report(fixture({ spread: 0.5, shapes: { 'node-split': { factor: { '2·100': 0.51, '2·500': 0.53 } } } })));
    expect(level).toMatch(/`worker threads · 2`, is the same as the split \(0\.9\d–1\.0\d\): neither dispatch nor imbalance shows/);
    const none = report(fixture({ without: ['node-split'] }));
    expect(prose(none)).not.toContain('A pool without a queue');
    expect(none.claims.map((c) => c.verdict)).toEqual(report(fixture()).claims.map((c) => c.verdict));
  });

  it('the speed-up figure draws each point’s interval', () => {
    const series = speedupSeries(buildContext(fixture()));
    expect(series.length).toBeGreaterThan(5);
    for (const d of series) expect(d.lo < d.speedup && d.speedup < d.hi).toBe(true);
  });

  it('states the sweeps’ smaller photo count', () => {
    expect(prose(report(fixture()))).toContain('the first 200 photos only (5 times fewer)');
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
