// The decision guide: what an experiment's optional guide.ts returns, one row per
// kind of work it measured, and the helpers that compute a row from the rows
// (winner, factor, where it starts to pay, fixed costs, scaling). Pure.

import type { Row } from '../data/schema.ts';
import type { Scalar } from '../experiment/types.ts';
import { median } from '../stats/quantile.ts';
import type { ReportDoc, ReportInput } from './doc.ts';
import { invertInterval, ratioInterval, type Interval } from '../stats/interval.ts';
import { orderOf } from '../verdicts/classify.ts';
import { bounds } from '../verdicts/wording.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS, type Sampling } from '../run/sampling.ts';
import { idleMemorySeen } from './measured.ts';

/** The kinds of work the decision table has a row for, in table order. */
export const WORK_KINDS = [
  { kind: 'pure-js-cpu', label: 'Pure-JS / pure-Python CPU' },
  { kind: 'native-cpu', label: 'Native CPU off the main thread (zlib, libvips)' },
  { kind: 'many-small-tasks', label: 'Many small tasks' },
  { kind: 'large-payloads', label: 'Large payloads' },
  { kind: 'network-io', label: 'Network IO' },
  { kind: 'file-io', label: 'File IO' },
  { kind: 'memory-heavy', label: 'Memory-heavy' },
] as const;

export type WorkKind = (typeof WORK_KINDS)[number]['kind'];

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
  e: Pick<GuideEntry, 'kind' | 'runtime' | 'work' | 'figure'> & Partial<GuideEntry> & { baselineLabel: string; measure?: Measure },
): GuideEntry {
  const { baselineLabel, measure, ...rest } = e;
  const lost = r.factor < 1;
  const winner = lost ? r.baselineRows[0]! : r.rows[0]!;
  const inverse = invertInterval(r.interval);
  return {
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
  return guide(input).map((e) => (anchors.has(e.figure) ? e : { ...e, figure: '' }));
}
