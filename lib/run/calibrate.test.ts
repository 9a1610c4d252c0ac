import { describe, expect, it } from 'vitest';
import type { Cell } from '../experiment/types.ts';
import {
  CALIBRATION_DEFAULTS,
  calibrationApplies,
  cellStates,
  checkCalibration,
  nextRound,
  summarizeCalibration,
  type CalibrationInput,
  type CalibrationRow,
  type CalibrationSettings,
} from './calibrate.ts';

const cell = (strategy: string, workers: number, repetitions?: number): Cell => ({
  strategy,
  point: { workers },
  ...(repetitions === undefined ? {} : { repetitions }),
});

/** Rows of one cell, numbered from `first`; `extra` overrides fields of every row. */
function rowsOf(c: Cell, walls: readonly number[], first: number, extra: Partial<CalibrationRow> = {}): CalibrationRow[] {
  return walls.map((wall_ms, i) => ({
    trial: first + i,
    strategy: c.strategy,
    rep: i,
    warmup: 0,
    status: 'ok',
    disturbed: 0,
    wall_ms,
    process_ms: 1000,
    attempts: 1,
    ...c.point,
    ...extra,
  }));
}

const TIGHT = [100, 101, 99.5];
const WIDE = [100, 130, 80];
const settings = (s: Partial<CalibrationSettings> = {}): CalibrationSettings => ({ ...CALIBRATION_DEFAULTS, ...s });
const input = (cells: Cell[], rows: CalibrationRow[], s: Partial<CalibrationSettings> = {}, planned = rows.length): CalibrationInput => ({
  cells,
  rows,
  repetitions: 3,
  planned,
  settings: settings(s),
});
const names = (trials: ReturnType<typeof nextRound>) => trials.map((t) => `${t.cell.strategy}/${t.cell.point.workers}#${t.rep}`);

const a = cell('serial', 1);
const b = cell('threads', 2);
const c = cell('procs', 2);

describe('nextRound', () => {
  it('gives a cell whose interval is within the target no more trials', () => {
    expect(nextRound(input([a], rowsOf(a, TIGHT, 0)), 0)).toEqual([]);
    expect(cellStates(input([a], rowsOf(a, TIGHT, 0)))[0]!.status).toBe('within');
  });

  it('gives a wide cell one more trial, numbered after its last repetition, and leaves a tight one alone', () => {
    const rows = [...rowsOf(a, TIGHT, 0), ...rowsOf(b, WIDE, 3)];
    const round = nextRound(input([a, b], rows), 0);
    expect(names(round)).toEqual(['threads/2#3']);
    expect(round[0]!.warmup).toBe(false);
    expect(round[0]!.cell).toBe(b);
  });

  it('gives one trial per wide cell per round, however wide', () => {
    const rows = [...rowsOf(a, WIDE, 0), ...rowsOf(b, [10, 100, 1000], 3)];
    const round = nextRound(input([a, b], rows), 0);
    expect(round).toHaveLength(2);
    expect(new Set(round.map((t) => t.cell.strategy))).toEqual(new Set(['serial', 'threads']));
  });

  it('stops a cell at the cap of measured trials, planned ones included', () => {
    const noisy = [100, 130, 80, 120, 90, 125, 85, 110, 95, 140];
    expect(nextRound(input([a], rowsOf(a, noisy.slice(0, 9), 0), { budget: 10 }, 3), 0)).toHaveLength(1);
    expect(nextRound(input([a], rowsOf(a, noisy, 0), { budget: 10 }, 3), 0)).toEqual([]);
    expect(cellStates(input([a], rowsOf(a, noisy, 0), { budget: 10 }, 3))[0]!.status).toBe('at-cap');
    expect(nextRound(input([a], rowsOf(a, WIDE, 0), { cap: 3 }), 0)).toEqual([]);
  });

  it('stops when the added trials have spent the budget (a fraction of the planned trials’ time)', () => {
    // Planned: 3 trials of 1 s, so a budget of 0.5 is 1.5 s: one added 1 s trial fits, a second does not.
    const planned = rowsOf(a, WIDE, 0);
    expect(nextRound(input([a], planned, { budget: 0.5 }), 0)).toHaveLength(1);
    const added = rowsOf(a, [125], 3, { rep: 3 });
    expect(nextRound(input([a], [...planned, ...added], { budget: 0.5 }, 3), 1)).toEqual([]);
    expect(cellStates(input([a], [...planned, ...added], { budget: 0.5 }, 3))[0]!.status).toBe('wide');
    expect(nextRound(input([a], planned, { budget: 0 }), 0)).toEqual([]);
  });

  it('counts a disturbed re-run’s attempts against the budget', () => {
    const planned = rowsOf(a, WIDE, 0);
    const added = rowsOf(a, [125], 3, { rep: 3, process_ms: 300, attempts: 3 });
    // 1.5 s budget, 0.9 s spent, next trial expected at the cell's mean cost (above the 0.6 s left).
    expect(nextRound(input([a], [...planned, ...added], { budget: 0.5 }, 3), 1)).toEqual([]);
    expect(nextRound(input([a], [...planned, ...added], { budget: 1 }, 3), 1)).toHaveLength(1);
  });

  it('serves the widest cell first when the budget pays for only one', () => {
    const rows = [...rowsOf(a, [100, 110, 95], 0), ...rowsOf(b, [100, 200, 50], 3), ...rowsOf(c, [100, 120, 90], 6)];
    // 9 planned seconds × 0.12 ≈ 1.1 s: one trial of 1 s.
    expect(names(nextRound(input([a, b, c], rows, { budget: 0.12 }), 0))).toEqual(['threads/2#3']);
    // A cell with fewer than two clean values has no interval at all: it is the widest.
    const lone = [...rowsOf(a, [100, 100, 100], 0).map((r) => (r.rep > 0 ? { ...r, disturbed: 1 as const } : r)), ...rows.slice(3)];
    expect(names(nextRound(input([a, b, c], lone, { budget: 0.12 }), 0))).toEqual(['serial/1#3']);
  });

  it('does not count disturbed trials: their values neither widen nor narrow, and a cell short of clean repetitions gets more', () => {
    const outlier = [...rowsOf(a, TIGHT, 0), ...rowsOf(a, [400], 3, { rep: 3, disturbed: 1 })];
    expect(nextRound(input([a], outlier, {}, 4), 0)).toEqual([]);
    const short = rowsOf(a, TIGHT, 0).map((r, i) => (i === 1 ? { ...r, disturbed: 1 as const } : r));
    expect(cellStates(input([a], short))[0]!.clean).toBe(2);
    expect(names(nextRound(input([a], short), 0))).toEqual(['serial/1#3']);
  });

  it('leaves warm-up rows out of the statistics', () => {
    const rows = [...rowsOf(a, [900], 0, { rep: -1, warmup: 1 }), ...rowsOf(a, TIGHT, 1)];
    expect(nextRound(input([a], rows), 0)).toEqual([]);
    expect(cellStates(input([a], rows))[0]!.measured).toBe(3);
  });

  it('does not calibrate a cell planned for one repetition, or one with a failed or skipped trial', () => {
    const one = cell('serial', 1, 1);
    expect(nextRound(input([one], rowsOf(one, [100], 0)), 0)).toEqual([]);
    expect(nextRound(input([a], rowsOf(a, WIDE, 0).map((r, i) => (i === 0 ? { ...r, status: 'failed' as const, wall_ms: null } : r))), 0)).toEqual([]);
    const skipped = rowsOf(b, [0, 0, 0], 0, { status: 'skipped', wall_ms: null, process_ms: null });
    expect(nextRound(input([b], skipped), 0)).toEqual([]);
    expect(cellStates(input([b], skipped))[0]!.status).toBe('excluded');
  });

  it('matches rows to cells by strategy and every point value', () => {
    const two = [cell('threads', 1), cell('threads', 2)];
    const rows = [...rowsOf(two[0]!, TIGHT, 0), ...rowsOf(two[1]!, WIDE, 3)];
    expect(names(nextRound(input(two, rows), 0))).toEqual(['threads/2#3']);
  });

  it('runs a round in the plan’s cell order, starting at another cell each round', () => {
    const cells = [a, b, c];
    const rows = cells.flatMap((x, i) => rowsOf(x, WIDE, i * 3));
    const starts = [0, 1, 2].map((round) => nextRound(input(cells, rows, { budget: 10 }), round));
    for (const round of starts) {
      const order = round.map((t) => t.cell.strategy);
      const at = order.indexOf('serial');
      expect([...order.slice(at), ...order.slice(0, at)]).toEqual(['serial', 'threads', 'procs']);
    }
    expect(new Set(starts.map((r) => r[0]!.cell.strategy)).size).toBe(3);
  });

  it('gives the same answer for the same rows (a resumed run re-derives the same trials)', () => {
    const rows = [...rowsOf(a, WIDE, 0), ...rowsOf(b, [100, 200, 50], 3)];
    expect(names(nextRound(input([a, b], rows), 2))).toEqual(names(nextRound(input([a, b], [...rows]), 2)));
  });

  it('run to the end on noisy cells, ends with each cell within the target or at the cap, inside the budget', () => {
    // A deterministic stand-in for the host: cell a is quiet, b noisy, c very noisy.
    const noise = { serial: 0.01, threads: 0.06, procs: 0.4 };
    const cells = [a, b, c];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const wall = (s: string) => 100 * Math.exp(noise[s as keyof typeof noise] * random());
    const rows: CalibrationRow[] = [];
    for (let rep = 0; rep < 3; rep++) for (const x of cells) rows.push(...rowsOf(x, [wall(x.strategy)], rows.length, { rep }));
    const planned = rows.length;
    let rounds = 0;
    for (;;) {
      const more = nextRound(input(cells, rows, { budget: 2 }, planned), rounds);
      if (more.length === 0) break;
      rounds += 1;
      for (const t of more) rows.push(...rowsOf(t.cell, [wall(t.cell.strategy)], rows.length, { rep: t.rep }));
      expect(rounds).toBeLessThan(20);
    }
    const states = cellStates(input(cells, rows, { budget: 2 }, planned));
    expect(states.map((s) => s.status)).toEqual(['within', expect.stringMatching(/within|at-cap/), 'at-cap']);
    expect(states[2]!.measured).toBe(10);
    const summary = summarizeCalibration(input(cells, rows, { budget: 2 }, planned), rounds);
    expect(summary.added_trials).toBe(rows.length - planned);
    expect(summary.spent_s).toBeLessThanOrEqual(summary.budget_s);
    expect(summary.rounds).toBe(7);
    expect(summary.cells).toBe(3);
    expect(summary.cells_within_target + summary.cells_at_cap).toBe(3);
    // Each repetition number appears once per cell.
    for (const x of cells) {
      const reps = rows.filter((r) => r.strategy === x.strategy).map((r) => r.rep);
      expect(new Set(reps).size).toBe(reps.length);
    }
  });
});

describe('summarizeCalibration', () => {
  it('counts the added trials, the budget and how the cells ended', () => {
    const rows = [...rowsOf(a, TIGHT, 0), ...rowsOf(b, WIDE, 3), ...rowsOf(cell('procs', 2, 1), [100], 6), ...rowsOf(b, [100], 7, { rep: 3 })];
    const s = summarizeCalibration(input([a, b, cell('procs', 2, 1)], rows, { budget: 0.25 }, 7), 1);
    expect(s).toEqual({
      target: 0.05,
      cap: 10,
      budget_fraction: 0.25,
      budget_s: 1.8,
      spent_s: 1,
      rounds: 1,
      added_trials: 1,
      cells: 3,
      cells_within_target: 1,
      cells_at_cap: 0,
      cells_out_of_budget: 1,
      cells_excluded: 1,
    });
  });
});

describe('calibrationApplies and checkCalibration', () => {
  it('never calibrates a smoke run or a run of one repetition', () => {
    expect(calibrationApplies('smoke', 5)).toBe(false);
    expect(calibrationApplies('quick', 1)).toBe(false);
    expect(calibrationApplies('quick', 3)).toBe(true);
    expect(calibrationApplies('full', 5)).toBe(true);
  });

  it('rejects settings that cannot work, naming the setting', () => {
    expect(() => checkCalibration(settings({ target: 0 }))).toThrow(/interval target/);
    expect(() => checkCalibration(settings({ cap: 2.5 }))).toThrow(/repetitions cap/);
    expect(() => checkCalibration(settings({ budget: -1 }))).toThrow(/budget/);
    expect(() => checkCalibration(settings({ budget: Number.NaN }))).toThrow(/budget/);
    expect(checkCalibration(settings({ budget: 0 }))).toEqual({ ...CALIBRATION_DEFAULTS, budget: 0 });
  });
});
