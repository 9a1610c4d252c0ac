// What every part of the factorizer report reads, worked out once from the
// report input: the measured points, this machine's cores, the run's
// parameters, whether the Python peers ran, and the per-worker busy times.

import type { ReportInput } from '../../lib/report/doc.ts';
import { busyTrials, measuredRows, Points, summarizePoints, SERIAL, type BusyTrial } from './analysis.ts';

export interface Context {
  points: Points;
  busy: BusyTrial[];
  cores: number;
  /** Worker counts of the run (all sets but the largest, and the largest). */
  workers: number[];
  largestWorkers: number[];
  pythonSets: string[];
  /** The largest set with Node rows. */
  largest: { set: string; numbers: number } | undefined;
  /** The largest set swept over the most worker counts: the speed-up-against-workers figure's set. */
  sweep: { set: string; numbers: number } | undefined;
  /** Why the Python peers have no rows here, or null when they ran. */
  pythonMissing: string | null;
  /** The fewest repetitions any measured point has (0 when none). */
  reps: number;
  /** Rows of this machine flagged disturbed among the measured ones. */
  disturbed: number;
}

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number).filter(Number.isFinite) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export function buildContext(input: ReportInput): Context {
  const run = input.meta.runs[input.machineId];
  if (!run) throw new Error(`no run for machine ${input.machineId} in meta.json of factorizer (runs: ${Object.keys(input.meta.runs).join(', ') || 'none'})`);
  const rows = measuredRows(input.rows, input.machineId);
  const points = new Points(summarizePoints(rows));
  const pythonRows = input.rows.filter((r) => r.machine_id === input.machineId && r.runtime === 'python');
  let pythonMissing: string | null = null;
  if (!rows.some((r) => r.runtime === 'python')) {
    const skipped = pythonRows.find((r) => r.status !== 'ok' && r.error);
    pythonMissing =
      run.software.python === null
        ? 'not run here (python3 missing)'
        : skipped
          ? `not run here (${skipped.status}: ${skipped.error.split('\n')[0]!.slice(0, 80)})`
          : 'not run here (no Python rows)';
  }
  return {
    points,
    busy: busyTrials(points, input.tables.workers ?? [], input.machineId),
    cores: run.machine.cores,
    workers: numbers(run.params.workers),
    largestWorkers: numbers(run.params.largest_workers),
    pythonSets: strings(run.params.python_sets),
    largest: points.sets((p) => p.strategy === SERIAL.node).at(-1),
    sweep: widestSweep(points),
    pythonMissing,
    reps: points.all.length ? Math.min(...points.all.map((p) => p.wall.n)) : 0,
    disturbed: rows.filter((r) => r.disturbed === 1).length,
  };
}

/** Of the sets with a Node serial baseline, the one whose pools ran the most worker counts (the larger on a tie). */
function widestSweep(points: Points): { set: string; numbers: number } | undefined {
  const counts = (set: string) => new Set(points.all.filter((p) => p.set === set && p.model !== 'serial' && p.runtime === 'node').map((p) => p.workers)).size;
  return points
    .sets((p) => p.strategy === SERIAL.node)
    .reduce<{ set: string; numbers: number } | undefined>((best, s) => (!best || counts(s.set) >= counts(best.set) ? s : best), undefined);
}
