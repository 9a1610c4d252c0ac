// What every part of the factorizer report reads, built once: lib's report
// context (this machine's clean rows as points, cores, missing peers), each
// point with its set, numbers and workers, the per-worker busy times, and
// whether Node's serial loop costs the same per number on every reader set.

import { checkBaseline, type BaselineCheck } from '../../lib/report/baseline.ts';
import { buildReportContext, type ReportContext } from '../../lib/report/context.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { Points, valuesOf, type Point } from '../../lib/report/points.ts';
import { busyTrials, type BusyTrial } from './busy.ts';

export const SERIAL = { node: 'node-serial', python: 'python-serial' } as const;
export const EVENT_LOOP = 'node-event-loop';
export const PY_THREADS = 'python-threads';
export const PY_PROCESSES = 'python-processes';
/** The article's functions on CPython 3.14, beside the system Python's, plus an interpreter pool; never a claim's side. */
export const PY314 = { serial: 'python314-serial', threads: 'python314-threads', processes: 'python314-processes', interpreters: 'python314-interpreters' } as const;
/** Node's pools: worker threads and child processes, each with static chunks and dynamic batches. */
export const POOLS = ['node-threads-static', 'node-threads-dynamic', 'node-processes-static', 'node-processes-dynamic'] as const;

export interface FzPoint extends Point {
  set: string;
  numbers: number;
  workers: number;
  /** Pool start-up per repetition (ms); empty for strategies without one. */
  startups: number[];
}

export interface SetInfo {
  set: string;
  numbers: number;
}

export interface Context extends ReportContext<FzPoint> {
  busy: BusyTrial[];
  /** Worker counts of the run: all sets but the largest, and the largest. */
  workers: number[];
  largestWorkers: number[];
  pythonSets: string[];
  /** The largest set with Node's serial loop. */
  largest: SetInfo | undefined;
  /** The set whose pools ran the most worker counts: the speed-up figure's. */
  sweep: SetInfo | undefined;
  /** Node's serial loop, cost per number across the reader sets. */
  baseline: BaselineCheck;
}

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number).filter(Number.isFinite) : []);

const extend = (p: Point): FzPoint => ({ ...p, set: String(p.at.set), numbers: Number(p.at.numbers), workers: Number(p.at.workers), startups: valuesOf(p, (r) => r.startup_ms) });

// Only the reader's sets are drawn alike (numbers in [1e9, 2e9]); the article's
// 300 numbers near 1e12 cost ~100× more each, so they cannot share a cost per number.
const isReaderSet = (set: string) => set === 'reader' || set.startsWith('reader-x');

export function buildContext(input: ReportInput): Context {
  const ctx = buildReportContext(input, { extend });
  const params = ctx.params;
  const base = { ...ctx, busy: busyTrials(ctx.points.all, input.tables.workers ?? [], input.machineId) };
  return {
    ...base,
    workers: numbers(params.workers),
    largestWorkers: numbers(params.largest_workers),
    pythonSets: Array.isArray(params.python_sets) ? params.python_sets.map(String) : [],
    largest: setsOf(base, (p) => p.strategy === SERIAL.node).at(-1),
    sweep: widestSweep(base),
    baseline: checkBaseline(new Points(ctx.points.all.filter((p) => isReaderSet(p.set))), { strategy: SERIAL.node, sizeColumn: 'set', unitsOf: (p) => Number(p.at.numbers), unit: 'number' }),
  };
}

type Pts = Pick<Context, 'points'>;

/** The point of `strategy` on `set` at `workers`. */
export const pointAt = (ctx: Pts, strategy: string, set: string, workers: number): FzPoint | undefined => ctx.points.one(strategy, { set, workers });

/** Every point of a strategy on a set, fewest workers first. */
export const sweepOf = (ctx: Pts, strategy: string, set: string): FzPoint[] => ctx.points.sweep(strategy, { set }, 'workers');

/** The serial loop a strategy is measured against: its own interpreter's (3.14's pools against 3.14's loop). */
export const serialOf = (strategy: string): string => (strategy.startsWith('python314-') ? PY314.serial : strategy.startsWith('python') ? SERIAL.python : SERIAL.node);

/** The serial loop of the point's runtime (and interpreter) on its set. */
export const serialFor = (ctx: Pts, p: FzPoint): FzPoint | undefined => pointAt(ctx, serialOf(p.strategy), p.set, 1);

/** Sets with points passing `filter`, fewest numbers first. */
export function setsOf(ctx: Pts, filter: (p: FzPoint) => boolean = () => true): SetInfo[] {
  const seen = new Map<string, number>();
  for (const p of ctx.points.all) if (filter(p)) seen.set(p.set, p.numbers);
  return [...seen].map(([set, n]) => ({ set, numbers: n })).sort((a, b) => a.numbers - b.numbers);
}

/** The largest set on which `strategy` and its serial baseline both ran. */
export function largestSetWith(ctx: Pts, strategy: string, serial: string): string | undefined {
  return setsOf(ctx, (p) => p.strategy === strategy).filter(({ set }) => pointAt(ctx, serial, set, 1)).at(-1)?.set;
}

/** The number count of a set, for "on 100 000 numbers". */
export const numbersIn = (ctx: Pts, set: string): number => setsOf(ctx).find((s) => s.set === set)?.numbers ?? NaN;

/** Of the sets with Node's serial loop, the one whose Node pools ran the most worker counts (the larger on a tie). */
function widestSweep(ctx: Pts): SetInfo | undefined {
  const counts = (set: string) => new Set(ctx.points.all.filter((p) => p.set === set && p.model !== 'serial' && p.runtime === 'node').map((p) => p.workers)).size;
  return setsOf(ctx, (p) => p.strategy === SERIAL.node).reduce<SetInfo | undefined>((best, s) => (!best || counts(s.set) >= counts(best.set) ? s : best), undefined);
}

/** Whether `set` is the one the baseline check flags: the largest reader set, when its serial loop is not shown steady. */
export const baselineFlagged = (ctx: Pick<Context, 'baseline'>, set: string): boolean => ctx.baseline.flag !== '' && ctx.baseline.sizes.at(-1)?.size === set;
