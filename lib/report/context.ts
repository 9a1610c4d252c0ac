// What every report reads first, built once in lib: one machine's run, its
// clean rows grouped into points, the rows the statistics leave out (and why),
// and which strategies have no rows here with the reason the run recorded.
// Experiments extend it with their own fields; they do not rebuild it.

import type { Experiment, Params } from '../experiment/types.ts';
import type { RunMeta } from '../data/provenance.ts';
import type { Row } from '../data/schema.ts';
import type { Sampling } from '../run/sampling.ts';
import type { ReportInput } from './doc.ts';
import { measuredRows, samplingOf } from './measured.ts';
import { Points, summarizePoints, type Point } from './points.ts';
import type { Side } from '../verdicts/claim.ts';

export interface ReportContext<P extends Point = Point> {
  experiment: Experiment;
  machineId: string;
  run: RunMeta;
  cores: number;
  params: Params;
  sampling: Sampling;
  /** The clean repetitions: measured (not warm-up), ok, not disturbed. */
  rows: Row[];
  points: Points<P>;
  /** Measured trials that stayed disturbed after every re-run: in the CSV and the run notes, out of every statistic. */
  disturbed: Row[];
  /** Measured trials that failed. */
  failed: Row[];
  /** The fewest clean repetitions of any point (0 when none). */
  reps: number;
  /** Strategy → why it has no clean rows here (skipped peer, failed, every trial disturbed, not in the plan). */
  missing: Map<string, string>;
  /** Why no Python strategy has rows here, or null when some ran. */
  pythonMissing: string | null;
}

/**
 * The side of a claim whose points are missing: too noisy to judge when one of
 * `strategies` ran but stayed disturbed throughout, else absent, with `what` it needs.
 */
export function missingSide(ctx: Pick<ReportContext, 'missing'>, strategies: readonly string[], what: string): Side {
  const noisy = strategies.filter((s) => ctx.missing.get(s) === NOISY);
  if (noisy.length) return { kind: 'too-noisy', reason: `too noisy to judge: every trial of ${noisy.join(', ')} stayed disturbed` };
  return { kind: 'absent', reason: `not measured (${what})` };
}

export interface ContextOptions<P extends Point> {
  /** Extend each lib point with the experiment's own summaries. */
  extend?: (p: Point) => P;
}

/** Why a strategy that ran has no clean rows: every trial stayed disturbed. */
export const NOISY = 'every trial stayed disturbed: too noisy to judge';

/** The first line of a trial's error, without the runner's "skipped: " prefix. */
export function reasonOf(row: Row): string {
  return row.error.split('\n')[0]!.replace(/^skipped: /, '').slice(0, 160);
}

function missingStrategies(experiment: Experiment, run: RunMeta, all: Row[], clean: Row[]): Map<string, string> {
  const out = new Map<string, string>();
  const have = new Set(clean.map((r) => r.strategy));
  for (const s of experiment.strategies) {
    if (have.has(s.name)) continue;
    const own = all.filter((r) => r.strategy === s.name && r.warmup === 0);
    const skipped = own.find((r) => r.status === 'skipped');
    const failed = own.find((r) => r.status === 'failed');
    if (skipped) out.set(s.name, `skipped: ${reasonOf(skipped)}`);
    else if (failed) out.set(s.name, `failed: ${reasonOf(failed)}`);
    else if (own.length > 0) out.set(s.name, NOISY);
    else if (s.runtime === 'python' && run.software.python === null) out.set(s.name, 'python3 missing');
    else out.set(s.name, 'not in this run’s plan');
  }
  return out;
}

export function buildReportContext<P extends Point = Point>(input: ReportInput, options: ContextOptions<P> = {}): ReportContext<P> {
  const { experiment, machineId } = input;
  const run = input.meta.runs[machineId];
  if (!run) throw new Error(`data/${experiment.id}/: no run for machine ${machineId} (runs: ${Object.keys(input.meta.runs).join(', ') || 'none'})`);
  const mine = input.rows.filter((r) => r.machine_id === machineId);
  const measured = mine.filter((r) => r.warmup === 0);
  const rows = measuredRows(mine, machineId);
  const extend = options.extend ?? ((p: Point) => p as P);
  const points = new Points(summarizePoints(rows, experiment).map(extend));
  const missing = missingStrategies(experiment, run, mine, rows);
  const pythonNames = experiment.strategies.filter((s) => s.runtime === 'python').map((s) => s.name);
  let pythonMissing: string | null = null;
  // Python that ran but was disturbed throughout did run: its claims read too noisy, not "not run".
  const ran = mine.some((r) => r.runtime === 'python' && r.warmup === 0 && r.status === 'ok');
  if (pythonNames.length > 0 && !ran) {
    const reasons = [...new Set(pythonNames.map((n) => missing.get(n)).filter(Boolean))];
    pythonMissing = `not run here (${reasons[0] ?? 'no Python rows'})`;
  }
  return {
    experiment,
    machineId,
    run,
    cores: run.machine.cores,
    params: run.params,
    sampling: samplingOf(input),
    rows,
    points,
    disturbed: measured.filter((r) => r.status === 'ok' && r.disturbed === 1),
    failed: measured.filter((r) => r.status === 'failed'),
    reps: points.all.length ? Math.min(...points.all.map((p) => p.wall.n)) : 0,
    missing,
    pythonMissing,
  };
}
