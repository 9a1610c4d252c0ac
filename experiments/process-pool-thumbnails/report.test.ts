import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import type { Row } from '../../lib/data/schema.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import experiment, { planCells } from './experiment.ts';
import report from './report.ts';
import { buildContext } from './context.ts';
import { speedupSeries } from './speedup-figure.ts';
import { sizeDots } from './size-section.ts';
import { longSideFor } from './sizes.ts';
import { stageCosts } from './stage-data.ts';
import { sizeComparisons } from './ways.ts';
import { syntheticMeta } from '../../lib/testing/synthetic-run.ts';

// A synthetic full-profile run on 2 cores, 5 clean repetitions a point. Each
// point's real time is its runtime's cost per photo × photos × a factor,
// spread by ±2 % over the repetitions; CPU time is real × busy cores, spread
// by its own ±2 %. At that spread a ratio's 95 % interval is about ±2.5 %:
// factors 5 % apart are told apart, a ratio on its threshold straddles it.

const MACHINE = 'fixture-2c';
const PER_PHOTO_MS: Record<string, number> = { node: 20, sharp: 5, python: 4 };
/** Per photo at the camera's size, times the 500-pixel cost: decoding at 1/8 keeps sharp's growth below Pillow's. */
const CAMERA_SCALE: Record<string, number> = { sharp: 6, python: 7 };
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
  'node-sharp-buffers': { factor: { 2: 0.5 }, startup: 40 },
  'node-sharp-tuned': { factor: { 2: 0.48, 4: 0.47 }, startup: 40 },
  'node-sharp-workers': { factor: { 2: 0.5 }, startup: 300 },
  'node-sharp-stages': { factor: { 1: 8 } },
  'python-stages': { factor: { 1: 2 } },
  'python-serial': { factor: { 1: 1 } },
  'python-processes': { factor: { 1: 1.05, 2: 0.55, 4: 0.56, '2·10': 0.5, '2·50': 0.6 }, startup: 15 },
  'python-threads': { factor: { 1: 1, 2: 0.56 }, startup: 1 },
};

const MODEL = Object.fromEntries(experiment.strategies.map((s) => [s.name, s.model])) as Record<string, Row['model']>;

const PARAMS = {
  seed: 1, images: 1000, sweep_images: 200, pool_workers: 'cores', workers: [1, 2, 4], python_thread_workers: [1, 2], batches: [1, 10, 50], repetitions: 5, warmup: 1,
  camera_long_side: 3000, camera_images: 100, camera_stage_images: 20,
};

/** CPU per photo of each stage at 500 pixels (stages.ts), ms; at the camera's size decoding and the whole thumbnail cost more. */
const NODE_STAGE_MS: Record<string, number> = {
  libuv: 0.05, call: 0.3, read: 0.15, 'read-sync': 0.1, header: 0.5, decode: 2.4, 'decode-shrink': 2.1, resize: 1.1, 'resize-cubic': 1.0, encode: 0.8, 'encode-plain': 0.65,
  write: 0.1, 'write-sync': 0.08, 'whole-files': 4.0, 'whole-buffers': 3.0, 'whole-tuned': 2.8, 'whole-tuned-noshrink': 3.4, 'whole-tuned-random': 2.9, 'whole-tuned-vips2': 3.0,
};
const PYTHON_STAGE_MS: Record<string, number> = { read: 0.03, header: 0.04, decode: 0.6, 'decode-draft': 0.6, resize: 1.1, encode: 0.05, write: 0.05, whole: 2.0 };
const CAMERA_STAGE_SCALE: Record<string, number> = { decode: 30, 'decode-shrink': 6, 'decode-draft': 8, 'whole-tuned': 5, 'whole-files': 4, 'whole-buffers': 5, whole: 7 };

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
  /** Leave out every row of the camera-size set (a run from before sizes were a parameter). */
  noCamera?: boolean;
  /** Rows as a run from before sizes were a parameter wrote them: no long_side column. */
  noLongSide?: boolean;
  /** Stage costs overriding the defaults, by runtime. */
  stageMs?: { node?: Record<string, number>; python?: Record<string, number> };
  /** Mark these repetitions of the stage breakdowns disturbed (their table rows must then be left out). */
  disturbedStageReps?: number[];
}

function meta(noPython: boolean): Meta {
  return syntheticMeta(experiment, { machineId: MACHINE, params: PARAMS, python: noPython ? false : {}, sampling: null });
}

function fixture({ shapes = {}, noPython = false, without = [], metrics = {}, fullScale = {}, spread = 1, noCamera = false, noLongSide = false, stageMs = {}, disturbedStageReps = [] }: FixtureOptions = {}): ReportInput {
  const rows: Row[] = [];
  const stages: Record<string, string | number | null>[] = [];
  for (const cell of planCells(PARAMS, 2)) {
    const { strategy } = cell;
    if (without.includes(strategy)) continue;
    const shape = { ...DEFAULT_SHAPES[strategy]!, ...shapes[strategy] };
    const p = { ...(cell.point as { images: number; workers: number; batch: number; transport: string }), long_side: longSideFor(PARAMS, Number(cell.point.images)) };
    const camera = p.long_side !== 500;
    if (camera && noCamera) continue;
    const key = p.transport === 'bytes' ? `${p.workers}·bytes` : p.batch !== 1 ? `${p.workers}·${p.batch}` : String(p.workers);
    const factor = shape.factor[key];
    if (factor === undefined) continue;
    const runtime = strategy.startsWith('python') ? 'python' : 'node';
    const sharpWay = strategy.startsWith('node-sharp');
    const perPhoto = (sharpWay ? PER_PHOTO_MS.sharp! : PER_PHOTO_MS[runtime]!) * (camera ? CAMERA_SCALE[sharpWay ? 'sharp' : runtime]! : 1);
    const stageOf = strategy === 'node-sharp-stages' ? { ...NODE_STAGE_MS, ...stageMs.node } : strategy === 'python-stages' ? { ...PYTHON_STAGE_MS, ...stageMs.python } : undefined;
    const serial = strategy.endsWith('-serial');
    const busy = shape.busy?.[p.workers] ?? (serial ? 1 : Math.min(p.workers, 2) * 0.97);
    const skipped = noPython && runtime === 'python';
    const pooled = !serial && !sharpWay && !stageOf;
    const scale = p.images === PARAMS.images ? (fullScale[strategy] ?? 1) : 1;
    for (let rep = 0; rep < PARAMS.repetitions; rep++) {
      const jitter = (j: number) => 1 + (j - 1) * spread;
      const wall = perPhoto * p.images * factor * scale * jitter(JITTER[rep]!);
      const cpu = wall * busy * jitter(CPU_JITTER[rep]!);
      const disturbed = stageOf && disturbedStageReps.includes(rep) ? 1 : 0;
      if (stageOf && !skipped) {
        for (const [stage, ms] of Object.entries(stageOf)) {
          const each = ms * (camera ? (CAMERA_STAGE_SCALE[stage] ?? 1) : 1) * jitter(JITTER[(rep + stage.length) % JITTER.length]!);
          stages.push({ machine_id: MACHINE, trial: rows.length, long_side: p.long_side, runtime, stage, photos: p.images, wall_ms: each * p.images * 1.05, cpu_ms: each * p.images });
        }
      }
      rows.push({
        machine_id: MACHINE, trial: rows.length, strategy, runtime, model: MODEL[strategy]!, rep, warmup: 0,
        status: skipped ? 'skipped' : 'ok', error: skipped ? 'python3 not found' : '',
        wall_ms: skipped ? null : wall, startup_ms: skipped || serial ? null : (shape.startup ?? 0),
        cpu_user_ms: skipped ? null : cpu * 0.95, cpu_sys_ms: skipped ? null : cpu * 0.05, cpu_process_ms: skipped ? null : cpu,
        rss_base_bytes: 5e7, rss_peak_bytes: 6e7, rss_mean_bytes: 5.5e7, work_start_ms: 100, work_end_ms: 100 + wall, process_ms: wall + 300,
        samples: 10, host_other_cpu_ms: 0, steal_ms: 0, probe_ms: skipped ? null : 5, disturbed, attempts: disturbed ? 3 : 1, digest: skipped ? '' : `d-${p.images}-${p.long_side}`,
        images: p.images, workers: p.workers, batch: p.batch, transport: p.transport, long_side: noLongSide || skipped ? null : p.long_side,
        tasks: pooled ? Math.ceil(p.images / p.batch) : null, busy_ms: null,
        order_kept: skipped ? null : 1,
        unclonable_rejected: skipped || !pooled || strategy === 'python-threads' ? null : 1,
        thumbnails: skipped ? null : p.images,
        sharp_default_threads: sharpWay && strategy !== 'node-sharp-workers' ? 1 : null,
        ...(skipped ? {} : metrics[strategy]),
      });
    }
  }
  return { experiment, rows, memory: [], tables: { stages }, meta: meta(noPython), machineId: MACHINE };
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
      // sharp's other ways at the same scale: buffers, tuned (one and two photos in flight per core), inside worker threads.
      'node-sharp-buffers@2x1', 'node-sharp-tuned@2x1', 'node-sharp-tuned@4x1', 'node-sharp-workers@2x1',
      // The pools again with the largest batch, to see how much of the gap to the split it closes.
      'node-threads@2x50', 'node-processes@2x50',
    ]);
    // The camera set comes before the full one, so that the new sharp ways warm up on it.
    const firstFull = cells.findIndex((c) => c.point.images === 1000);
    expect(cells.findIndex((c) => c.point.images === 100)).toBeLessThan(firstFull);
    expect(cells.filter((c) => longSideFor(PARAMS, Number(c.point.images)) === 3000).map((c) => `${c.strategy}@${c.point.images}x${c.point.workers}`)).toEqual([
      'node-sharp-stages@20x1', 'python-stages@20x1',
      'node-sharp@100x1', 'node-sharp@100x2', 'node-sharp-buffers@100x2', 'node-sharp-tuned@100x2', 'node-sharp-tuned@100x4', 'node-sharp-workers@100x2', 'python-serial@100x1', 'python-processes@100x2', 'python-threads@100x2',
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
    expect(new Set(smoke.filter((c) => longSideFor(experiment.profiles.smoke.params, Number(c.point.images)) === 500).map((c) => c.point.images))).toEqual(new Set([12]));
    expect(() => planCells({ ...PARAMS, sweep_images: 2000 }, 2)).toThrow(/sweep_images must be between 1 and images/);
    // The camera set is told by its photo count: a count the Flickr set also has is refused.
    expect(() => planCells({ ...PARAMS, camera_images: 200 }, 2)).toThrow(/camera_images \(200\) must differ from images, sweep_images and stage_images/);
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

describe('sharp against Pillow', () => {
  const section = (doc: ReportDoc, id: string) => doc.sections.find((x) => x.id === id);
  const text = (doc: ReportDoc, id: string) =>
    (section(doc, id)?.blocks ?? []).flatMap((b) => (b.kind === 'markdown' || b.kind === 'note' ? [b.text] : b.kind === 'figure' ? [b.figure.caption] : [])).join('\n');

  it('leads with one sentence: Node’s fastest way on the 1 000 photos, its time, and its ratio to Pillow’s thread pool with the interval', () => {
    const doc = report(fixture());
    const lead = section(doc, 'node-fastest')!.lead;
    // sharp tuned with 4 in flight: 5 ms × 0.47 = 2.35 ms a photo; Pillow's 2 threads: 4 ms × 0.56 = 2.24 ms.
    expect(lead).toMatch(/^On 2 cores the fastest way Node made the 1 000 thumbnails of 500-pixel photos is sharp tuned as Pillow \(buffers, bicubic, plain Huffman\), 4 photos in flight: 2\.35 s, 1\.05× slower than Pillow’s 2-thread pool \(1\.0\d–1\.0\d\)\.$/);
    expect(section(doc, 'sharp-stages')!.lead).toMatch(/^One 500-pixel photo at a time, sharp’s tuned thumbnail costs 2\.8 ms of CPU and Pillow’s 2\.0 ms \(1\.40× \(1\.\d\d–1\.\d\d\)\); most of the difference is decode as the thumbnail does, 2\.1 ms against 0\.60 ms\.$/);
    expect(section(doc, 'photo-sizes')!.lead).toMatch(/^Node’s fastest way takes 1\.05× \(1\.0\d–1\.0\d\) the time of Pillow’s thread pool on 500-pixel photos and 0\.90× \(0\.\d\d–0\.\d\d\) on 3 000-pixel ones\.$/);
    // Every section that shows a figure or a table leads with its finding, and the first screen has its figure.
    for (const sec of doc.sections.filter((x) => x.blocks.some((b) => b.kind === 'figure' || b.kind === 'table'))) expect(sec.lead, sec.id).toBeTruthy();
    expect(doc.glance?.id).toBe('glance');
    expect(doc.headline).toMatch(/; Node’s fastest way, sharp tuned as Pillow .*, 4 photos in flight, is 1\.05× slower than Pillow’s 2-thread pool \(1\.0\d–1\.0\d\)\.$/);
    expect(text(doc, 'node-fastest')).toMatch(/through buffers instead of file to file, 1\.04× faster than file to file \(1\.0\d–1\.0\d\); tuned as Pillow/);
  });

  it('when the fastest way is slower, says so and names the thumbnail’s steps where sharp costs more CPU, the largest difference first', () => {
    const t = text(report(fixture()), 'node-fastest');
    expect(t).toContain('Node’s fastest way is not as fast as Pillow’s 2-thread pool.');
    expect(t).toMatch(/What keeps it behind, step by step: decode as the thumbnail does, 2\.1 ms against 0\.60 ms \(3\.50× \(3\.\d\d–3\.\d\d\)\); encode the thumbnail, 0\.65 ms against 0\.05 ms \(13\.00× .*\); read the photo, 0\.10 ms against 0\.03 ms .*; write the thumbnail, 0\.08 ms against 0\.05 ms/);
    // Resizing costs sharp less than Pillow here: not a reason it is behind.
    expect(t).not.toMatch(/behind, step by step:.*resize/);
    expect(t).toContain('a sharp call costs 0.30 ms before it does any work');
  });

  it('reads at least as fast when a Node way beats Pillow’s pool, and cannot tell when the interval straddles', () => {
    const faster = text(report(fixture({ shapes: { 'node-sharp-tuned': { factor: { 2: 0.42, 4: 0.4 } } } })), 'node-fastest');
    expect(faster).toContain('Node’s fastest way is at least as fast as Pillow’s 2-thread pool on these photos.');
    expect(faster).not.toContain('What keeps it behind');
    // 5 × 0.448 = 2.24 ms: level with Pillow's pool, its ±2.5 % interval reaching past the ±2 % of "the same".
    const level = text(report(fixture({ shapes: { 'node-sharp-tuned': { factor: { 2: 0.5, 4: 0.448 } } } })), 'node-fastest');
    expect(level).toContain('Whether Node’s fastest way is at least as fast as Pillow’s 2-thread pool these repetitions cannot tell.');
    expect(level).toContain('What keeps it behind, step by step:');
  });

  it('the stage table pairs each sharp stage with Pillow’s, from the clean trials only', () => {
    const input = fixture({ disturbedStageReps: [0, 1] });
    const ctx = buildContext(input);
    const costs = stageCosts(input, ctx);
    expect(costs.length).toBeGreaterThan(20);
    for (const c of costs) expect(c.cpu).toHaveLength(3);
    const doc = report(input);
    const tables = section(doc, 'sharp-stages')!.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables.map((t) => t.id)).toEqual(['sharp-stages-500', 'sharp-stages-3000']);
    expect(tables[0]!.caption).toContain('over 200 photos in each of 3 clean trials');
    const decode = tables[0]!.rows.find((r) => r.stage === '`decode-shrink`')!;
    expect(decode.python).toBe('`decode-draft`');
    expect(Number(decode.node_cpu)).toBeCloseTo(2.1, 1);
    expect(Number(decode.python_cpu)).toBeCloseTo(0.6, 1);
    expect(Number(decode.ratio)).toBeCloseTo(3.5, 1);
    expect(decode.interval).toMatch(/^3\.\d\d–3\.\d\d$/);
    expect(tables[0]!.rows.find((r) => r.stage === '`call`')).toMatchObject({ python: '', ratio: null });
    expect(text(doc, 'sharp-stages')).toMatch(/File to file, letting libvips open the photo and write the thumbnail, costs 1\.3\d× \(1\.\d\d–1\.\d\d\) the CPU of the same pipeline through buffers/);
    // sharp.concurrency(2) on one photo: 3.0 ms against 2.8 ms, in CPU and in real time alike.
    expect(text(doc, 'sharp-stages')).toMatch(/Two libvips threads on one photo \(`sharp\.concurrency\(2\)`\) cost 1\.0\d× \(1\.\d\d–1\.\d\d\) the CPU of one thread, and in real time are 1\.0\d× slower than one thread/);
  });

  it('the size section states the camera set’s scale-down factor, each size’s standing and how the gap changed, with a figure of both sizes', () => {
    const doc = report(fixture());
    const t = text(doc, 'photo-sizes');
    expect(t).toContain('The 3 000-pixel set has 100 photos, 10 times fewer than the 1 000 of the comparison');
    // 30 × 0.47 = 14.1 ms against 28 × 0.56 = 15.68 ms at 3 000 pixels: the order flips.
    expect(t).toMatch(/at 3 000 pixels Node’s fastest, sharp tuned as Pillow .*, 4 photos in flight, is 1\.11× faster than Pillow’s 2-thread pool \(1\.\d\d–1\.\d\d\)/);
    expect(t).toMatch(/the ratio at 3 000 pixels is 0\.86× \(0\.\d\d–0\.\d\d\) the ratio at 500/);
    const dots = sizeDots(buildContext(fixture()), sizeComparisons(buildContext(fixture())));
    expect(new Set(dots.map((d) => d.size))).toEqual(new Set(['500 px · 1 000 photos', '3 000 px · 100 photos']));
    // The same ways in both panels, and none of the pure-JavaScript ones (not run on the large photos).
    const ways = (size: string) => dots.filter((d) => d.size === size).map((d) => d.way).sort();
    expect(ways('500 px · 1 000 photos')).toEqual(ways('3 000 px · 100 photos'));
    expect(ways('500 px · 1 000 photos')).not.toContain('JS serial loop');
    for (const d of dots) expect(d.lo <= d.value && d.value <= d.hi).toBe(true);
  });

  it('T1–T5 are judged as before, with or without the camera set and the new ways, and from rows written before sizes were a parameter', () => {
    const judged = (doc: ReportDoc) => doc.claims.map((c) => [c.id, c.verdict, c.python, c.node]);
    const base = judged(report(fixture()));
    const older = ['node-sharp-buffers', 'node-sharp-tuned', 'node-sharp-workers', 'node-sharp-stages', 'python-stages'];
    expect(judged(report(fixture({ noCamera: true, without: older })))).toEqual(base);
    const legacy = report(fixture({ noCamera: true, noLongSide: true, without: older }));
    expect(judged(legacy)).toEqual(base);
    expect(legacy.sections.map((x) => x.id)).not.toContain('photo-sizes');
    expect(legacy.sections.map((x) => x.id)).not.toContain('sharp-stages');
  });

  it('without Python, the sharp sections say Pillow did not run and the headline has no comparison with it', () => {
    const doc = report(fixture({ noPython: true }));
    expect(section(doc, 'node-fastest')!.lead).toContain('(the article’s Python is not run here (skipped: python3 not found))');
    expect(doc.headline).not.toContain('Node’s fastest way');
  });
});
