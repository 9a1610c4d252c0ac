// What every part of the report reads, worked out once from the report input:
// the measured points, this machine's cores, the run's pool size, and why the
// Python peers (and the interpreter pool in particular) have no rows if so.

import type { ReportInput } from '../../lib/report/doc.ts';
import type { Sampling } from '../../lib/run/sampling.ts';
import { samplingOf } from '../../lib/report/measured.ts';
import { measuredRows, Points, summarizePoints } from './analysis.ts';

export interface Context {
  /** How the run sampled memory: decides whether the RSS before the work saw the started pool. */
  sampling: Sampling;
  points: Points;
  cores: number;
  /** The article's pool of the run: `workers` workers running `tasks` tasks. */
  workers: number;
  tasks: number;
  /** The Python version the peers ran under, or null when none was found. */
  pythonVersion: string | null;
  /** Why no Python rows at all, or null when some ran. */
  pythonMissing: string | null;
  /** Why the interpreter pool has no rows ("Python 3.11.2 has no InterpreterPoolExecutor ..."), or null when it ran. */
  interpretersMissing: string | null;
  /** The fewest repetitions of any measured point (0 when none). */
  reps: number;
  disturbed: number;
  /** The web page's latency, for captions. */
  latencyMs: number;
}

function firstSkip(input: ReportInput, filter: (strategy: string) => boolean): string | undefined {
  const row = input.rows.find((r) => r.machine_id === input.machineId && filter(r.strategy) && r.status !== 'ok' && r.error);
  return row ? `${row.status}: ${row.error.split('\n')[0]!.replace(/^skipped: /, '').slice(0, 100)}` : undefined;
}

export function buildContext(input: ReportInput): Context {
  const run = input.meta.runs[input.machineId];
  if (!run) throw new Error(`no run for machine ${input.machineId} in meta.json of interpreter-pools (runs: ${Object.keys(input.meta.runs).join(', ') || 'none'})`);
  const cores = run.machine.cores;
  const rows = measuredRows(input.rows, input.machineId);
  const points = new Points(summarizePoints(rows), cores);
  const python = run.software.python;
  const pythonVersion = python?.version ?? null;

  let pythonMissing: string | null = null;
  if (!rows.some((r) => r.runtime === 'python')) {
    const why = firstSkip(input, (s) => s.startsWith('python-') && s !== 'python-interpreters');
    pythonMissing = python === null ? 'not run here (python3 missing)' : `not run here (${why ?? 'no Python rows'})`;
  }
  let interpretersMissing: string | null = null;
  if (!rows.some((r) => r.strategy === 'python-interpreters')) {
    const lacks = python !== null && python.modules['concurrent.interpreters'] === false;
    interpretersMissing =
      python === null
        ? 'not run here (python3 missing)'
        : lacks
          ? `not run here: Python ${python.version} has no InterpreterPoolExecutor (it needs 3.14+)`
          : `not run here (${firstSkip(input, (s) => s === 'python-interpreters') ?? 'no rows'})`;
  }
  return {
    points,
    cores,
    sampling: samplingOf(input),
    workers: Number(run.params.workers),
    tasks: Number(run.params.tasks),
    pythonVersion,
    pythonMissing,
    interpretersMissing,
    reps: points.all.length ? Math.min(...points.all.map((p) => p.wall.n)) : 0,
    disturbed: rows.filter((r) => r.disturbed === 1).length,
    latencyMs: Number(run.params.network_latency_ms),
  };
}
