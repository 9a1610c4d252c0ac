// The decision guide: what an experiment's optional guide.ts returns, one row per
// kind of work it measured, and the helpers that compute a row from the rows
// (winner, factor, where it starts to pay, fixed costs, scaling, and the CPU
// share that says what kind of work was measured). Pure.

import type { Row } from '../data/schema.ts';
import type { Scalar } from '../experiment/types.ts';
import { median } from '../stats/quantile.ts';
import type { ReportDoc, ReportInput } from './doc.ts';
import { geoMeanInterval, invertInterval, ratioInterval, scaleInterval, type Interval } from '../stats/interval.ts';
import { orderOf, outcomeOf } from '../verdicts/classify.ts';
import { bounds, estimate } from '../verdicts/wording.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS, type Sampling } from '../run/sampling.ts';
import { idleMemorySeen } from './measured.ts';

/**
 * The kinds of work the decision table has a row for, in table order, and what
 * each says of the work: `bound` 'cpu' (it keeps a core busy), 'io' (it waits),
 * 'memory' (it is about memory, not CPU) or null (the kind says nothing of it:
 * a number of tasks, a size).
 */
export const WORK_KINDS = [
  { kind: 'pure-js-cpu', label: 'Pure-JS / pure-Python CPU', short: 'pure CPU', bound: 'cpu' },
  { kind: 'native-cpu', label: 'Native CPU off the main thread (zlib, libvips)', short: 'native CPU', bound: 'cpu' },
  { kind: 'many-small-tasks', label: 'Many small tasks', short: 'many small tasks', bound: null },
  { kind: 'large-payloads', label: 'Large payloads', short: 'large payloads', bound: null },
  { kind: 'network-io', label: 'Network IO', short: 'network IO', bound: 'io' },
  { kind: 'file-io', label: 'File IO', short: 'file IO', bound: 'io' },
  { kind: 'memory-heavy', label: 'Memory-heavy', short: 'memory-heavy work', bound: 'memory' },
] as const satisfies readonly { kind: string; label: string; short: string; bound: 'cpu' | 'io' | 'memory' | null }[];

export type WorkKind = (typeof WORK_KINDS)[number]['kind'];

// ---- what kind of work was measured --------------------------------------------------------

/**
 * The rule that names the kind of work a row measured, from its CPU share: the
 * whole tree's CPU (user + system) over the wall time of its serial or
 * single-worker single-task run, in cores. CPU-bound when the whole 95 %
 * interval lies above CPU_BOUND_CORES of one core; waiting (IO-bound) when it
 * lies below IO_BOUND_CORES; between when it lies between the two; undecided
 * when it straddles either line or rests on fewer than 3 trials (lib's
 * classification, lib/verdicts/classify.ts).
 */
export const CPU_BOUND_CORES = 0.5;
export const IO_BOUND_CORES = 0.25;

export type MeasuredKind = 'cpu-bound' | 'io-bound' | 'between' | 'undecided';

/** A row's measured CPU share and where it was measured. */
export interface CpuShare {
  /** Whole-tree CPU ÷ wall, per trial, in cores: the geometric mean with its 95 % interval. */
  cores: Interval;
  /** The run it was measured on, in words: 'node-serial (the serial loop), on the same work'. */
  where: string;
  /** The machine's cores (cores ÷ this is the share of the machine); null where not known. */
  machineCores: number | null;
}

/** Whole-tree CPU ÷ wall of each row, in cores (rows without both are left out). */
export function cpuSharesOf(rows: readonly Row[]): number[] {
  return rows.flatMap((r) => {
    const { cpu_user_ms: u, cpu_sys_ms: s, wall_ms: w } = r;
    return typeof u === 'number' && typeof s === 'number' && typeof w === 'number' && w > 0 && u + s > 0 ? [(u + s) / w] : [];
  });
}

/** The CPU share of a run's rows, or null when none recorded its CPU. */
export function cpuShareOf(rows: readonly Row[], where: string, machineCores: number | null = null): CpuShare | null {
  const shares = cpuSharesOf(rows);
  return shares.length ? { cores: geoMeanInterval(shares), where, machineCores } : null;
}

/** The kind of work a CPU share measured, by the rule above (interval against the two lines). */
export function measuredKindOf(cores: Interval | null | undefined): MeasuredKind {
  if (!cores) return 'undecided';
  const cpu = outcomeOf(cores, { above: CPU_BOUND_CORES });
  const io = outcomeOf(cores, { below: IO_BOUND_CORES });
  if (cpu === 'holds') return 'cpu-bound';
  if (io === 'holds') return 'io-bound';
  return cpu === 'fails' && io === 'fails' ? 'between' : 'undecided';
}

const kindOf = (kind: WorkKind) => WORK_KINDS.find((k) => k.kind === kind)!;

/**
 * '0.98 cores (0.96–1.00 cores), 49 % (48–50 %) of the 2 cores': the share in
 * cores and, where the machine's cores are known, of the machine.
 */
export function cpuShareText(s: CpuShare): string {
  const cores = estimate(s.cores, { digits: 2, suffix: ' cores' });
  if (!s.machineCores) return cores;
  return `${cores}, ${estimate(scaleInterval(s.cores, 1 / s.machineCores), 'percent')} of the ${s.machineCores} cores`;
}

/**
 * The measured kind in words, against what the row's kind says of its work:
 * 'CPU-bound', 'CPU-bound after all' (a kind that says IO or memory),
 * 'waits: IO-bound', 'between CPU and waiting', 'undecided: …'.
 */
export function measuredKindText(kind: WorkKind, measured: MeasuredKind, share: CpuShare | null): string {
  const lines = `${CPU_BOUND_CORES} and ${IO_BOUND_CORES} of a core`;
  const says = kindOf(kind).bound;
  if (measured === 'cpu-bound') return says === 'io' || says === 'memory' ? `CPU-bound after all (above ${CPU_BOUND_CORES} of a core)` : `CPU-bound (above ${CPU_BOUND_CORES} of a core)`;
  if (measured === 'io-bound') return says === 'cpu' ? `waits: IO-bound after all (below ${IO_BOUND_CORES} of a core)` : `waits: IO-bound (below ${IO_BOUND_CORES} of a core)`;
  if (measured === 'between') return `between CPU and waiting (between ${lines})`;
  if (!share) return 'not measured: no CPU recorded';
  return share.cores.n < 3 ? `undecided: ${share.cores.n === 1 ? 'one trial' : `${share.cores.n} trials`}, too few to judge` : `undecided: the interval straddles ${CPU_BOUND_CORES} or ${IO_BOUND_CORES} of a core`;
}

/** Where the guide files a row: the kind it measured, which is the row's own kind unless its CPU share says otherwise. */
export interface Filing {
  /** The group's key: the row's kind, or '<measured kind>:<kind>' when refiled. */
  key: string;
  /** The group's heading: 'File IO', or 'CPU work (the article’s file IO)'. */
  label: string;
  /** Its place in the table: refiled CPU work after the CPU kinds, refiled waiting after the IO kinds, work between the two after its own kind. */
  rank: number;
  refiled: boolean;
}

/**
 * A kind that says its work waits (network or file IO) or keeps a core busy (CPU)
 * is filed under it only when its CPU share agrees, or is undecided (the table
 * then says so); otherwise under what it measured, with the article's label
 * beside it: IO that keeps a core busy is 'CPU work (the article’s file IO)',
 * CPU that waits 'Waiting, not CPU (…)', either between the two lines 'Part CPU,
 * part waiting (…)'. A kind that says neither (many small tasks, large payloads,
 * memory) stays where it is; its CPU share and measured kind are shown beside it.
 */
export function filingOf(e: Pick<GuideEntry, 'kind' | 'measuredKind'>): Filing {
  const i = WORK_KINDS.findIndex((k) => k.kind === e.kind);
  const k = WORK_KINDS[i]!;
  const own = { key: k.kind, label: k.label, rank: i, refiled: false };
  if ((k.bound !== 'cpu' && k.bound !== 'io') || e.measuredKind === 'undecided') return own;
  const after = (bound: 'cpu' | 'io') => WORK_KINDS.reduce((last, x, j) => (x.bound === bound ? j : last), -1) + 0.5 + i / 100;
  const refiled = (label: string, rank: number) => ({ key: `${e.measuredKind}:${k.kind}`, label: `${label} (the article’s ${k.short})`, rank, refiled: true });
  if (e.measuredKind === 'between') return refiled('Part CPU, part waiting', i + 0.5);
  if (k.bound === 'io' && e.measuredKind === 'cpu-bound') return refiled('CPU work', after('cpu'));
  if (k.bound === 'cpu' && e.measuredKind === 'io-bound') return refiled('Waiting, not CPU', after('io'));
  return own;
}

/** Speed-up against workers on one machine, for the across-machines overlay. */
export interface ScalingSeries {
  cores: number;
  points: { workers: number; speedup: number }[];
  /** What was swept when it is not the entry's own work (e.g. a smaller set), for the overlay's title. */
  work?: string;
}

/** One row of the decision table. Every value is computed from the rows. */
export interface GuideEntry {
  kind: WorkKind;
  runtime: 'node' | 'python';
  /** What was compared, e.g. 'factoring 100 000 numbers'. */
  work: string;
  /** The winning model (Row.model) and strategy. */
  model: string;
  strategy: string;
  /** How much it won by (> 1 means it won), with its 95 % interval, and the same in words: '1.90× (1.80–2.01) over serial'. */
  factor: number;
  interval: Interval;
  phrase: string;
  /** The smallest measured work size from which it wins, in words, or null when one size was measured. */
  paysFrom: string | null;
  /** Median pool start-up of the winner, or null when it has none. */
  startupMs: number | null;
  /** Idle memory each extra worker adds (slope of RSS before the work against workers), or null. */
  idleBytesPerWorker: number | null;
  /** Id of the figure (or table) in the experiment's report that supports the row. */
  figure: string;
  /** What the factor compares: wall time (a speed-up, the default) or peak memory (how many times less). */
  measure?: Measure;
  /** What the article concluded about this kind of work (its claim, paraphrased); Python rows. */
  article?: string;
  scaling?: ScalingSeries;
  /** The CPU share of the row's serial or single-worker single-task run (by default the race's baseline), or null when no row recorded CPU. */
  cpuShare: CpuShare | null;
  /** What that share says the work was (CPU_BOUND_CORES, IO_BOUND_CORES): filingOf puts the row under it. */
  measuredKind: MeasuredKind;
}

/** experiments/<id>/guide.ts's default export. Pure. */
export type GuideFunction = (input: ReportInput) => GuideEntry[];

export type Measure = 'wall_ms' | 'rss_peak_bytes';

/** The median of a measure over rows, or NaN when none has it. */
export function medianOf(rows: readonly Row[], measure: Measure = 'wall_ms'): number {
  const values = rows.map((r) => r[measure]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return values.length ? median(values) : NaN;
}

export interface RaceSpec {
  /** Measured rows of one machine (see measuredRows). */
  rows: readonly Row[];
  /** The point compared (size, workload...): applied to baseline and candidates alike. */
  at: (r: Row) => boolean;
  /** The baseline strategy, or a predicate when it is one configuration of a strategy. */
  baseline: string | ((r: Row) => boolean);
  candidates: readonly string[];
  /** Columns that split a strategy into configurations (e.g. workers); the best one competes. */
  config?: readonly string[];
  /** Lower is better. Default wall time. */
  measure?: Measure;
}

export interface RaceResult {
  strategy: string;
  model: string;
  config: Record<string, Scalar | null>;
  median: number;
  baselineMedian: number;
  /** baseline / winner: > 1 when the winner beats the baseline. */
  factor: number;
  /** The same ratio as geometric means, with its 95 % interval (lib/stats/interval.ts). */
  interval: Interval;
  rows: Row[];
  baselineRows: Row[];
}

/** The best configuration of any candidate at a point, against the baseline; null when either is missing. */
export function race(spec: RaceSpec): RaceResult | null {
  const measure = spec.measure ?? 'wall_ms';
  const at = spec.rows.filter(spec.at);
  const isBaseline = typeof spec.baseline === 'string' ? (r: Row) => r.strategy === spec.baseline : spec.baseline;
  const baselineRows = at.filter(isBaseline);
  const baselineMedian = medianOf(baselineRows, measure);
  if (!Number.isFinite(baselineMedian)) return null;
  const groups = new Map<string, Row[]>();
  for (const r of at) {
    if (!spec.candidates.includes(r.strategy)) continue;
    const key = JSON.stringify([r.strategy, ...(spec.config ?? []).map((c) => r[c])]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  let best: RaceResult | null = null;
  for (const rows of groups.values()) {
    const m = medianOf(rows, measure);
    if (!Number.isFinite(m) || (best && m >= best.median)) continue;
    const first = rows[0]!;
    const config = Object.fromEntries((spec.config ?? []).map((c) => [c, first[c] ?? null]));
    const values = (list: readonly Row[]) => list.map((r) => r[measure]).filter((v): v is number => typeof v === 'number');
    best = { strategy: first.strategy, model: first.model, config, median: m, baselineMedian, factor: baselineMedian / m, interval: ratioInterval(values(baselineRows), values(rows)), rows, baselineRows };
  }
  return best;
}

/**
 * '1.90× (1.80–2.01) over serial', '1.16× (1.10–1.22) slower than serial' when the best candidate
 * still loses, 'the same as serial (0.99–1.01)', or 'within the noise of serial' when its
 * interval cannot tell: the words come from the same classification as every verdict.
 * `i` is baseline / candidate (> 1: the candidate wins).
 */
export function winPhrase(i: Interval, baseline: string, measure: Measure = 'wall_ms'): string {
  // orderOf classes a time ratio candidate / baseline: the inverse of i.
  const inverse = invertInterval(i);
  const order = orderOf(inverse);
  if (order === 'same') return `the same as ${baseline}${bounds(i)}`;
  const shown = i.value >= 1 ? i : inverse;
  const value = `${shown.value.toFixed(2)}×${bounds(shown)}`;
  const noise = order === 'unclear' ? ', within the noise' : '';
  if (measure === 'rss_peak_bytes') return i.value >= 1 ? `${value} less peak memory than ${baseline}${noise}` : `${value} more peak memory than ${baseline}${noise}`;
  return i.value >= 1 ? `${value} over ${baseline}${noise}` : `${value} slower than ${baseline}${noise}`;
}

/**
 * The smallest measured size from which the best candidate beats the baseline at
 * every larger measured size too, in words; null when fewer than two sizes were raced.
 */
export function paysFrom(spec: Omit<RaceSpec, 'at'> & { size: (r: Row) => number; at?: (r: Row) => boolean; describe: (size: number) => string }): string | null {
  const within = spec.at ? spec.rows.filter(spec.at) : spec.rows;
  const sizes = [...new Set(within.map(spec.size))].filter(Number.isFinite).sort((a, b) => a - b);
  const wins = sizes
    .map((s) => ({ s, r: race({ ...spec, rows: within, at: (row) => spec.size(row) === s }) }))
    .filter((x) => x.r !== null)
    .map((x) => ({ s: x.s, win: x.r!.factor > 1 }));
  if (wins.length < 2) return null;
  let from = wins.length;
  while (from > 0 && wins[from - 1]!.win) from--;
  if (from === wins.length) return `never, up to ${spec.describe(wins[wins.length - 1]!.s)}`;
  if (from === 0) return `already at ${spec.describe(wins[0]!.s)} (the smallest measured)`;
  return `from ${spec.describe(wins[from]!.s)} (not at ${spec.describe(wins[from - 1]!.s)})`;
}

/** Median start-up of rows, or null when none has one. */
export function startupOf(rows: readonly Row[]): number | null {
  const values = rows.map((r) => r.startup_ms).filter((v): v is number => typeof v === 'number');
  return values.length ? median(values) : null;
}

/** Least-squares slope of median RSS before the work against workers, for pools started before it; null with fewer than two worker counts. */
export function idlePerWorker(rows: readonly Row[], workers = 'workers', sampling: Sampling = { interval_ms: DEFAULT_SAMPLE_INTERVAL_MS, settle_ms: 0 }): number | null {
  const by = new Map<number, number[]>();
  for (const r of rows) {
    const w = r[workers];
    // Without a start-up the pool starts inside the timed work; see idleMemorySeen for the rest.
    if (typeof w !== 'number' || !idleMemorySeen(r, sampling)) continue;
    by.set(w, [...(by.get(w) ?? []), r.rss_base_bytes as number]);
  }
  const pts = [...by].map(([w, v]) => ({ x: w, y: median(v) }));
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  const sxx = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx > 0 ? pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx : null;
}

/** Speed-up of one strategy against workers: baseline(w) / median wall at w. */
export function scalingOf(rows: readonly Row[], strategy: string, baseline: (workers: number) => number, cores: number, workers = 'workers', work?: string): ScalingSeries | undefined {
  const by = new Map<number, Row[]>();
  for (const r of rows) {
    const w = r[workers];
    if (r.strategy === strategy && typeof w === 'number') by.set(w, [...(by.get(w) ?? []), r]);
  }
  const points = [...by]
    .map(([w, list]) => ({ workers: w, speedup: baseline(w) / medianOf(list) }))
    .filter((p) => Number.isFinite(p.speedup))
    .sort((a, b) => a.workers - b.workers);
  return points.length >= 2 ? { cores, points, ...(work ? { work } : {}) } : undefined;
}

/** The claim text of the experiment by id ('' when absent): the article's conclusion, paraphrased. */
export function claimText(input: ReportInput, id: string): string {
  return input.experiment.claims.find((c) => c.id === id)?.text ?? '';
}

/**
 * A guide entry from a race, filling the fields every experiment computes the same way.
 * When the best candidate still loses, the baseline is the winner, by as much.
 */
export function entryFrom(
  r: RaceResult,
  e: Pick<GuideEntry, 'kind' | 'runtime' | 'work' | 'figure'> &
    Partial<Omit<GuideEntry, 'cpuShare' | 'measuredKind'>> & {
      baselineLabel: string;
      measure?: Measure;
      /** The serial or single-worker single-task run whose CPU share the row states, where it is not the race's baseline. */
      cpu?: { rows: readonly Row[]; where: string };
    },
): GuideEntry {
  const { baselineLabel, measure, cpu, ...rest } = e;
  const lost = r.factor < 1;
  const winner = lost ? r.baselineRows[0]! : r.rows[0]!;
  const inverse = invertInterval(r.interval);
  const cpuShare = cpu ? cpuShareOf(cpu.rows, cpu.where) : cpuShareOf(r.baselineRows, `${r.baselineRows[0]!.strategy} (${baselineLabel}), on the same work`);
  return {
    cpuShare,
    measuredKind: measuredKindOf(cpuShare?.cores),
    model: winner.model,
    strategy: winner.strategy,
    factor: lost ? 1 / r.factor : r.factor,
    interval: lost ? inverse : r.interval,
    phrase: lost ? winPhrase(inverse, `the best alternative, ${r.strategy}`, measure) : winPhrase(r.interval, baselineLabel, measure),
    ...(measure && measure !== 'wall_ms' ? { measure } : {}),
    paysFrom: null,
    startupMs: startupOf(lost ? r.baselineRows : r.rows),
    idleBytesPerWorker: null,
    ...rest,
    ...(lost ? { idleBytesPerWorker: null, scaling: undefined } : {}),
  };
}

/** Every anchor a report's own sections, figures and tables define. */
export function figureIds(doc: ReportDoc): Set<string> {
  return new Set(doc.sections.flatMap((s) => [s.id, ...s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : b.kind === 'table' ? [b.table.id] : []))]));
}

/**
 * The guide's entries with their links checked against the report's anchors: a row
 * whose figure the report does not draw (a small profile, a missing side) links
 * to the report itself (figure ''). The guide tests hold the committed data to every anchor.
 */
export function guideFor(guide: GuideFunction, input: ReportInput, anchors: ReadonlySet<string>): GuideEntry[] {
  const cores = input.meta?.runs[input.machineId]?.machine.cores ?? null;
  return guide(input).map((e) => {
    const share = e.cpuShare && e.cpuShare.machineCores === null ? { ...e, cpuShare: { ...e.cpuShare, machineCores: cores } } : e;
    return anchors.has(e.figure) ? share : { ...share, figure: '' };
  });
}
