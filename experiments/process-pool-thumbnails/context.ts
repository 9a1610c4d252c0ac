// What every part of the report reads, worked out once from its input: the
// measured points, this machine's cores, the pool size of the article's
// comparison, the two photo counts (the full set and the sweeps' subset) and
// whether the Python peers ran.

import type { ReportInput } from '../../lib/report/doc.ts';
import { measuredRows, Points, summarizePoints } from './analysis.ts';

export interface Context {
  points: Points;
  cores: number;
  /** Workers of the full-set pools: one per core unless the run said otherwise. */
  poolWorkers: number;
  /** Photos of the article's comparison (the largest count measured). */
  full: number | undefined;
  /** Photos of the sweeps (workers, batch size, paths or bytes). */
  sweep: number | undefined;
  /** Why the Python peers have no rows here, or null when they ran. */
  pythonMissing: string | null;
  /** The fewest repetitions any measured point has (0 when none). */
  reps: number;
  /** Measured trials flagged disturbed. */
  disturbed: number;
}

export function buildContext(input: ReportInput): Context {
  const run = input.meta.runs[input.machineId];
  if (!run) throw new Error(`no run for machine ${input.machineId} in meta.json of ${input.experiment.id} (runs: ${Object.keys(input.meta.runs).join(', ') || 'none'})`);
  const rows = measuredRows(input.rows, input.machineId);
  const points = new Points(summarizePoints(rows));
  const cores = run.machine.cores;
  const asked = run.params.pool_workers;
  const poolWorkers = asked === 'cores' || asked === undefined ? cores : Number(asked);
  const counts = points.imageCounts();
  const sweepAsked = Number(run.params.sweep_images);
  let pythonMissing: string | null = null;
  if (!rows.some((r) => r.runtime === 'python')) {
    const skipped = input.rows.find((r) => r.machine_id === input.machineId && r.runtime === 'python' && r.status !== 'ok' && r.error);
    pythonMissing =
      run.software.python === null
        ? 'not run here (python3 missing)'
        : skipped
          ? `not run here (${skipped.status}: ${skipped.error.split('\n')[0]!.slice(0, 100)})`
          : 'not run here (no Python rows)';
  }
  return {
    points,
    cores,
    poolWorkers: Number.isInteger(poolWorkers) && poolWorkers > 0 ? poolWorkers : cores,
    full: counts.at(-1),
    sweep: counts.includes(sweepAsked) ? sweepAsked : counts[0],
    pythonMissing,
    reps: points.all.length ? Math.min(...points.all.map((p) => p.wall.n)) : 0,
    disturbed: rows.filter((r) => r.disturbed === 1).length,
  };
}
