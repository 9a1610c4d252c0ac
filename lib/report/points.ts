// One point = one strategy at one parameter point (the plan's cell), with the
// clean repetitions behind it. Every experiment reads its rows through this
// one grouping, keyed as the plan keys its cells, so that "the point" means the
// same thing to the runner, the report and the tests.

import type { Experiment, Model, Runtime, Scalar } from '../experiment/types.ts';
import type { Row } from '../data/schema.ts';
import { pointKey } from '../run/plan.ts';
import { groupBy } from '../stats/group.ts';
import { geoMeanInterval, ratioInterval, type Interval } from '../stats/interval.ts';
import { summarize, type Summary } from '../stats/summarize.ts';

export interface Point {
  /** strategy + the point's columns, as the plan keys a cell. */
  key: string;
  strategy: string;
  runtime: Runtime;
  model: Model;
  /** The point's columns (the experiment's pointColumns), e.g. { set: 'reader', workers: 2 }. */
  at: Record<string, Scalar>;
  /** The clean repetitions: measured, ok, not disturbed. */
  rows: Row[];
  /** Wall time of the work, per repetition and summarized. */
  walls: number[];
  wall: Summary;
}

const finite = (values: readonly (number | null | undefined)[]): number[] => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

/** The values of `f` over a point's clean repetitions (non-finite values dropped). */
export function valuesOf(p: Point, f: (row: Row) => number | null | undefined): number[] {
  return finite(p.rows.map(f));
}

/** Whole-tree CPU (user + sys) of the work, per repetition. */
export const cpuOf = (r: Row): number | null => (r.cpu_user_ms === null || r.cpu_sys_ms === null ? null : r.cpu_user_ms + r.cpu_sys_ms);

/** The key of a cell: its strategy and its point, as lib/run/plan.ts keys a point. */
export function cellKey(strategy: string, at: Record<string, unknown>): string {
  return `${strategy}|${pointKey(at)}`;
}

export function summarizePoints(rows: readonly Row[], experiment: Pick<Experiment, 'pointColumns'>): Point[] {
  const columns = Object.keys(experiment.pointColumns);
  const atOf = (r: Row) => Object.fromEntries(columns.filter((c) => r[c] !== null && r[c] !== undefined && r[c] !== '').map((c) => [c, r[c] as Scalar]));
  const groups = groupBy(rows, (r) => cellKey(r.strategy, atOf(r)));
  return [...groups].map(([key, g]) => {
    const head = g[0]!;
    const walls = finite(g.map((r) => r.wall_ms));
    return { key, strategy: head.strategy, runtime: head.runtime, model: head.model, at: atOf(head), rows: g, walls, wall: summarize(walls) };
  });
}

/** The measured points with lookups by strategy and point columns. */
export class Points<P extends Point = Point> {
  readonly all: P[];
  readonly #byKey: Map<string, P>;

  constructor(points: P[]) {
    this.all = points;
    this.#byKey = new Map(points.map((p) => [p.key, p]));
  }

  /** The point of `strategy` at exactly these columns (every point column named). */
  at(strategy: string, at: Record<string, Scalar>): P | undefined {
    return this.#byKey.get(cellKey(strategy, at));
  }

  /** Points of `strategy` (or any, with null) whose columns include `where`. */
  where(strategy: string | null, where: Record<string, Scalar> = {}): P[] {
    return this.all.filter((p) => (strategy === null || p.strategy === strategy) && Object.entries(where).every(([k, v]) => p.at[k] === v));
  }

  /** The one point matching, or undefined when none or several do. */
  one(strategy: string, where: Record<string, Scalar> = {}): P | undefined {
    const found = this.where(strategy, where);
    return found.length === 1 ? found[0] : undefined;
  }

  /** Points of `strategy` matching `where`, ordered by a numeric column (a sweep). */
  sweep(strategy: string, where: Record<string, Scalar>, by: string): P[] {
    return this.where(strategy, where).sort((a, b) => Number(a.at[by]) - Number(b.at[by]));
  }

  /** The distinct values of a column among points that pass `filter`, in first-seen order. */
  values(column: string, filter: (p: P) => boolean = () => true): Scalar[] {
    return [...new Set(this.all.filter(filter).map((p) => p.at[column]).filter((v): v is Scalar => v !== undefined))];
  }
}

/** a's wall time over b's, with its interval: above 1 means a takes longer. */
export function timeRatio(a: Point, b: Point): Interval {
  return ratioInterval(a.walls, b.walls);
}

/** b's wall time over a's: how many times faster a is than b (a speed-up of a over baseline b). */
export function speedup(baseline: Point, p: Point): Interval {
  return ratioInterval(baseline.walls, p.walls);
}

/** The geometric mean of a point's wall time, with its interval. */
export function wallInterval(p: Point): Interval {
  return geoMeanInterval(p.walls);
}

/** The point with the smallest median wall time. */
export function fastest<P extends Point>(points: readonly P[]): P | undefined {
  return points.reduce<P | undefined>((best, p) => (!best || p.wall.median < best.wall.median ? p : best), undefined);
}
