// The `stages` side table read back: each stage's cost per photo in every
// clean trial of a stage breakdown (a trial that was a warm-up, failed or
// stayed disturbed is left out, as its row is), by photo size and runtime,
// and the comparisons the report makes of them, each with its 95 % interval
// (lib/stats/interval.ts: the trials taken as independent samples).

import type { ReportInput } from '../../lib/report/doc.ts';
import { ratioInterval, type Interval } from '../../lib/stats/interval.ts';
import { median } from '../../lib/stats/quantile.ts';
import { STAGES, type Context } from './context.ts';

export interface StageCost {
  longSide: number;
  runtime: 'node' | 'python';
  stage: string;
  /** Photos per trial (the largest, when trials differed). */
  photos: number;
  /** CPU (user + sys of the whole process) per photo, ms: one value per clean trial. */
  cpu: number[];
  /** Wall time per photo, ms: one value per clean trial. */
  wall: number[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN);

/** Every stage's per-photo costs on this machine, from the clean trials of the stage breakdowns only. */
export function stageCosts(input: Pick<ReportInput, 'tables'>, ctx: Pick<Context, 'allPoints' | 'machineId'>): StageCost[] {
  const clean = new Set(ctx.allPoints.all.filter((p) => p.strategy === STAGES.node || p.strategy === STAGES.python).flatMap((p) => p.rows.map((r) => r.trial)));
  const byKey = new Map<string, StageCost>();
  for (const r of input.tables.stages ?? []) {
    if (r.machine_id !== ctx.machineId || !clean.has(num(r.trial))) continue;
    const photos = num(r.photos);
    const runtime = r.runtime === 'python' ? 'python' : 'node';
    const longSide = num(r.long_side);
    const stage = String(r.stage);
    if (!(photos > 0)) continue;
    const key = `${longSide}|${runtime}|${stage}`;
    const cost = byKey.get(key) ?? { longSide, runtime, stage, photos, cpu: [], wall: [] };
    cost.photos = Math.max(cost.photos, photos);
    cost.cpu.push(num(r.cpu_ms) / photos);
    cost.wall.push(num(r.wall_ms) / photos);
    byKey.set(key, cost);
  }
  return [...byKey.values()];
}

/** The stages measured at one photo size, looked up by runtime and stage. */
export class StageSet {
  constructor(
    readonly longSide: number,
    readonly costs: readonly StageCost[],
  ) {}

  get(runtime: 'node' | 'python', stage: string): StageCost | undefined {
    return this.costs.find((c) => c.runtime === runtime && c.stage === stage);
  }

  /** Median CPU per photo of a stage, ms (NaN when not measured). */
  cpu(runtime: 'node' | 'python', stage: string): number {
    const c = this.get(runtime, stage);
    return c && c.cpu.length ? median(c.cpu) : NaN;
  }

  wall(runtime: 'node' | 'python', stage: string): number {
    const c = this.get(runtime, stage);
    return c && c.wall.length ? median(c.wall) : NaN;
  }

  /** a's CPU per photo over b's, with its interval; undefined when either was not measured. */
  ratio(a: [runtime: 'node' | 'python', stage: string], b: [runtime: 'node' | 'python', stage: string], measure: 'cpu' | 'wall' = 'cpu'): Interval | undefined {
    const x = this.get(...a);
    const y = this.get(...b);
    return x && y && x[measure].length && y[measure].length ? ratioInterval(x[measure], y[measure]) : undefined;
  }

  get photos(): number {
    return Math.max(0, ...this.costs.map((c) => c.photos));
  }

  get trials(): number {
    return Math.min(...this.costs.map((c) => c.cpu.length));
  }
}

/** One StageSet per photo size measured, ascending. */
export function stageSets(input: Pick<ReportInput, 'tables'>, ctx: Pick<Context, 'allPoints' | 'machineId'>): StageSet[] {
  const costs = stageCosts(input, ctx);
  const sides = [...new Set(costs.map((c) => c.longSide))].sort((a, b) => a - b);
  return sides.map((side) => new StageSet(side, costs.filter((c) => c.longSide === side)));
}
