// The order trials run in. Pure, so it is tested without running anything.
//
// Warm-up: one discarded trial per strategy, before any measured one. Each
// trial is a fresh process, so a warm-up cannot warm the next trial's JIT; it
// warms what processes share (page cache, compiled-TypeScript cache, CPU
// frequency), which is the same for every point of a strategy.
//
// Repetitions are rounds over all cells, and each round starts at a different
// offset, so a slow spell of the host lands on different strategies each time.

import type { Cell } from '../experiment/types.ts';

export interface PlannedTrial {
  cell: Cell;
  rep: number;
  warmup: boolean;
}

export interface PlanOptions {
  repetitions: number;
  /** Discarded trials per strategy before the measured ones. */
  warmup: number;
}

export function planTrials(cells: readonly Cell[], { repetitions, warmup }: PlanOptions): PlannedTrial[] {
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`repetitions must be a positive integer (got ${repetitions})`);
  const out: PlannedTrial[] = [];
  const warmed = new Set<string>();
  for (const cell of cells) {
    if (warmed.has(cell.strategy)) continue;
    warmed.add(cell.strategy);
    for (let i = 0; i < warmup; i++) out.push({ cell, rep: -1 - i, warmup: true });
  }
  for (const cell of cells) {
    const r = cell.repetitions;
    if (r !== undefined && !(Number.isInteger(r) && r >= 1)) {
      throw new Error(`cell ${cell.strategy} ${JSON.stringify(cell.point)}: repetitions must be a positive integer (got ${r})`);
    }
  }
  const n = cells.length;
  const rounds = Math.max(repetitions, ...cells.map((c) => c.repetitions ?? 0));
  for (let rep = 0; rep < rounds; rep++) {
    const offset = roundOffset(rep, n, rounds);
    for (let i = 0; i < n; i++) {
      const cell = cells[(offset + i) % n]!;
      if (rep < (cell.repetitions ?? repetitions)) out.push({ cell, rep, warmup: false });
    }
  }
  return out;
}

/**
 * Where round `rep` of `rounds` starts in a list of `n` cells: the rounds' starting
 * cells spread evenly over the list. Calibration's added rounds (lib/run/calibrate.ts)
 * start the same way.
 */
export function roundOffset(rep: number, n: number, rounds: number): number {
  return n === 0 ? 0 : n >= rounds ? Math.floor((rep * n) / rounds) : rep % n;
}

/** A stable key for a point, to group rows of the same parameter point. */
export function pointKey(point: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(point).sort().map((k) => [k, point[k]]));
}
