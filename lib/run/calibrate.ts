// Calibration: after the planned trials, add repetitions where a cell's interval
// is too wide to decide anything, as pyperf and hyperfine calibrate their runs.
// Pure: fed the cells and the rows so far, it says which cells get one more
// trial in the next round, so it is tested without running anything and a
// resumed run derives the same added trials from the same journalled rows.
//
// A cell (strategy × point) is judged on the 95 % interval of the geometric mean
// of its wall time (lib/stats/interval.ts) over its clean rows: ok, not a
// warm-up, not disturbed. It gets one more trial per round while
//   - its relative half-width is above the target, or it has fewer clean rows
//     than it was planned to have (a disturbed or slow-spell trial does not count), and
//   - it has fewer measured trials (clean or not) than the cap, and
//   - that trial's expected time still fits the budget.
// The widest cells are served first when the budget cannot pay for all; the
// chosen trials then run in the plan's cell order, each round starting at another
// cell (plan.ts's rotation), so a slow spell of the host does not land on one cell.
//
// Time is counted from the rows, not from a clock: a trial costs its process time
// (spawn to exit) times its attempts. So a resumed run, reading the same rows from
// its journal, reaches the same decisions.

import type { Cell, ProfileName } from '../experiment/types.ts';
import type { Row } from '../data/schema.ts';
import { geoMeanInterval, relativeHalfWidth } from '../stats/interval.ts';
import { pointKey, roundOffset, type PlannedTrial } from './plan.ts';

export interface CalibrationSettings {
  /** Relative half-width of a cell's 95 % interval of wall time to reach: 0.05 is about ±5 %. */
  target: number;
  /** The most measured trials (clean or not) a cell may have, planned ones included. */
  cap: number;
  /** Time the added trials may take, as a fraction of the time the planned trials took. 0 turns calibration off. */
  budget: number;
}

/**
 * ±5 % is the scale of the cut-offs the claims are judged against; 10 trials a cell
 * is where pyperf's default (20 values) would be at 2 cores' patience, and where a
 * t-interval stops narrowing fast (t drops from 4.3 at n = 3 to 2.26 at n = 10);
 * half the planned time lets a full profile grow by at most half.
 */
export const CALIBRATION_DEFAULTS: CalibrationSettings = { target: 0.05, cap: 10, budget: 0.5 };

/** Profile parameters that set calibration (the command line overrides them). */
export const CALIBRATION_PARAMS = { target: 'interval_target', cap: 'repetitions_cap', budget: 'calibrate_budget' } as const;

/** Smoke runs (tests, CI) and runs of one repetition never calibrate: they ask for exactly what they plan. */
export function calibrationApplies(profile: ProfileName, repetitions: number): boolean {
  return profile !== 'smoke' && repetitions > 1;
}

/** Throws on settings that cannot work, naming the setting. */
export function checkCalibration(s: CalibrationSettings): CalibrationSettings {
  if (!(s.target > 0 && Number.isFinite(s.target))) throw new Error(`interval target must be a positive number (got ${s.target})`);
  if (!(Number.isInteger(s.cap) && s.cap >= 1)) throw new Error(`repetitions cap must be a positive integer (got ${s.cap})`);
  if (!(s.budget >= 0 && Number.isFinite(s.budget))) throw new Error(`calibration budget must be a number ≥ 0 (got ${s.budget})`);
  return s;
}

/** The fields of a row that calibration reads, plus the point columns. */
export type CalibrationRow = Pick<Row, 'trial' | 'strategy' | 'rep' | 'warmup' | 'status' | 'disturbed' | 'wall_ms' | 'process_ms' | 'attempts'> &
  Record<string, unknown>;

export interface CalibrationInput {
  /** The cells of the plan, in its order. */
  cells: readonly Cell[];
  /** Every row so far, planned and added. */
  rows: readonly CalibrationRow[];
  /** The profile's repetitions: each cell's planned count unless the cell sets its own. */
  repetitions: number;
  /** Trials numbered below this are the plan's; from it on, calibration's. */
  planned: number;
  settings: CalibrationSettings;
}

export type CellStatus =
  /** Within the target, with every planned repetition clean. */
  | 'within'
  /** Not within, and more trials would be allowed but for the budget. */
  | 'wide'
  /** Not within, at the cap. */
  | 'at-cap'
  /** Not calibrated: planned for one repetition, or a trial failed or was skipped. */
  | 'excluded';

export interface CellState {
  cell: Cell;
  /** Measured repetitions the plan gave this cell. */
  planned: number;
  /** Non-warm-up trials so far, whatever their status. */
  measured: number;
  /** Trials that count towards the statistics. */
  clean: number;
  /** Relative half-width of the interval of the clean wall times; Infinity below 2. */
  width: number;
  /** Expected time of one more trial, ms (mean process time × attempts of its trials). */
  costMs: number;
  /** The repetition number an added trial gets. */
  nextRep: number;
  status: CellStatus;
}

const cost = (r: CalibrationRow) => (r.process_ms ?? 0) * Math.max(1, r.attempts ?? 1);
const isClean = (r: CalibrationRow) => r.status === 'ok' && r.warmup === 0 && r.disturbed === 0 && r.wall_ms !== null;

export function cellStates({ cells, rows, repetitions, settings }: CalibrationInput): CellState[] {
  const byStrategy = new Map<string, CalibrationRow[]>();
  for (const r of rows) if (r.warmup === 0) (byStrategy.get(r.strategy) ?? byStrategy.set(r.strategy, []).get(r.strategy)!).push(r);
  const seen = new Set<string>();
  const out: CellState[] = [];
  for (const cell of cells) {
    const keys = Object.keys(cell.point);
    const key = `${cell.strategy}\0${pointKey(cell.point)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const own = (byStrategy.get(cell.strategy) ?? []).filter((r) => keys.every((k) => r[k] === cell.point[k]));
    const clean = own.filter(isClean).map((r) => r.wall_ms!);
    const width = clean.length < 2 ? Infinity : relativeHalfWidth(geoMeanInterval(clean));
    const planned = cell.repetitions ?? repetitions;
    const costs = own.map(cost).filter((c) => c > 0);
    const state: CellState = {
      cell,
      planned,
      measured: own.length,
      clean: clean.length,
      width,
      costMs: costs.length ? costs.reduce((s, c) => s + c, 0) / costs.length : 0,
      nextRep: own.reduce((m, r) => Math.max(m, r.rep + 1), 0),
      status: 'within',
    };
    const broken = own.some((r) => r.status !== 'ok');
    if (planned < 2 || broken) state.status = 'excluded';
    else if (width > settings.target || clean.length < planned) state.status = own.length >= settings.cap ? 'at-cap' : 'wide';
    out.push(state);
  }
  return out;
}

/** The time the added trials may take and have taken so far, ms. */
export function budgetOf({ rows, planned, settings }: Pick<CalibrationInput, 'rows' | 'planned' | 'settings'>): { budgetMs: number; spentMs: number } {
  let plannedMs = 0;
  let spentMs = 0;
  for (const r of rows) {
    if (r.trial < planned) plannedMs += cost(r);
    else spentMs += cost(r);
  }
  return { budgetMs: settings.budget * plannedMs, spentMs };
}

/**
 * The trials of the next calibration round (empty: calibration is done). `round`
 * counts the rounds already added, from 0; it only sets where the round starts.
 */
export function nextRound(input: CalibrationInput, round: number): PlannedTrial[] {
  const states = cellStates(input);
  const { budgetMs, spentMs } = budgetOf(input);
  let left = budgetMs - spentMs;
  // Widest first (a stable sort keeps the plan's order among equals), each if it still fits.
  const chosen = new Set<CellState>();
  for (const s of states.filter((s) => s.status === 'wide').sort((a, b) => b.width - a.width || 0)) {
    if (s.costMs > left) continue;
    left -= s.costMs;
    chosen.add(s);
  }
  const inOrder = states.filter((s) => chosen.has(s));
  const offset = roundOffset(input.repetitions + round, inOrder.length, input.settings.cap);
  return inOrder.map((_, i) => {
    const s = inOrder[(offset + i) % inOrder.length]!;
    return { cell: s.cell, rep: s.nextRep, warmup: false };
  });
}

/** What calibration did, for run.json (lib/data/provenance.ts). */
export interface Calibration {
  /** The settings it ran with; budget_fraction is the budget as a share of the planned trials' time. */
  target: number;
  cap: number;
  budget_fraction: number;
  /** The budget and what the added trials took, in seconds of trial-process time (× attempts). */
  budget_s: number;
  spent_s: number;
  /** Rounds that added trials, and the trials they added. */
  rounds: number;
  added_trials: number;
  /** Cells of the plan, then how they ended. */
  cells: number;
  cells_within_target: number;
  /** Still wider than the target (or short of clean repetitions) with the cap reached. */
  cells_at_cap: number;
  /** Still wider than the target below the cap: the budget ran out. */
  cells_out_of_budget: number;
  /** Not calibrated: planned for a single repetition, or a trial failed or was skipped. */
  cells_excluded: number;
}

export function summarizeCalibration(input: CalibrationInput, rounds: number): Calibration {
  const states = cellStates(input);
  const { budgetMs, spentMs } = budgetOf(input);
  const count = (status: CellStatus) => states.filter((s) => s.status === status).length;
  const round1 = (ms: number) => Math.round(ms / 100) / 10;
  return {
    target: input.settings.target,
    cap: input.settings.cap,
    budget_fraction: input.settings.budget,
    budget_s: round1(budgetMs),
    spent_s: round1(spentMs),
    rounds,
    added_trials: input.rows.filter((r) => r.trial >= input.planned).length,
    cells: states.length,
    cells_within_target: count('within'),
    cells_at_cap: count('at-cap'),
    cells_out_of_budget: count('wide'),
    cells_excluded: count('excluded'),
  };
}
