// What every part of the io-memory report reads, worked out once from the
// report input: the measured points, the run's parameters and API latency,
// which Python peers ran (and why not), the memory timeline per trial, and the
// client and concurrency levels the claims are judged at.

import type { MemorySample, Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { measuredRows, Points, summarizePoints } from './analysis.ts';
import { apiOptions, type ApiOptions } from './api-options.ts';
import { NODE, planParams, PY, type PlanParams } from './plan.ts';

export interface Context {
  points: Points;
  rows: Row[];
  /** Memory timeline by trial number. */
  timelines: Map<number, MemorySample[]>;
  cores: number;
  plan: PlanParams;
  api: ApiOptions;
  /** The article's "default" thread pool (20) and "one per request" (100), as this run set them. */
  low: number;
  high: number;
  /** The Node client the claims are judged on: the sweep's, if the article phase ran it. */
  client: string;
  /** Why the Python peers have no rows here, or null when some ran. */
  pythonMissing: string | null;
  /** Python strategies that were skipped, with the reason. */
  skipped: { strategy: string; reason: string }[];
  /** The asyncio strategy M5 is judged on: aiohttp where it ran, else plain streams. */
  asyncio: string;
  /** The fewest repetitions of any point of the article's comparison, which the claims judge (0 when none). */
  reps: number;
  disturbed: number;
  /** Failed requests over every measured trial, and the trials that had any. */
  failedRequests: number;
  trialsWithFailures: number;
  /** Trials that failed outright (status failed). */
  failedTrials: number;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/^skipped: /, '').slice(0, 120);
}

export function buildContext(input: ReportInput): Context {
  const run = input.meta.runs[input.machineId];
  if (!run) throw new Error(`no run for machine ${input.machineId} in meta.json of io-memory (runs: ${Object.keys(input.meta.runs).join(', ') || 'none'})`);
  const rows = measuredRows(input.rows, input.machineId);
  const points = new Points(summarizePoints(rows));
  const plan = planParams(run.params);
  const mine = input.rows.filter((r) => r.machine_id === input.machineId);

  const skippedRows = mine.filter((r) => r.runtime === 'python' && r.status === 'skipped');
  const skipped = [...new Map(skippedRows.map((r) => [r.strategy, firstLine(r.error)])).entries()].map(([strategy, reason]) => ({ strategy, reason }));
  let pythonMissing: string | null = null;
  if (!rows.some((r) => r.runtime === 'python')) {
    pythonMissing = run.software.python === null ? 'not run here (python3 missing)' : skipped[0] ? `not run here (${skipped[0].reason})` : 'not run here (no Python rows)';
  }

  const timelines = new Map<number, MemorySample[]>();
  for (const s of input.memory) {
    if (s.machine_id !== input.machineId) continue;
    const list = timelines.get(s.trial);
    if (list) list.push(s);
    else timelines.set(s.trial, [s]);
  }

  const levels = plan.thread_levels.filter((c) => c <= plan.days);
  return {
    points,
    rows,
    timelines,
    cores: run.machine.cores,
    plan,
    api: apiOptions(run.params),
    low: levels[0] ?? plan.days,
    high: plan.days,
    client: plan.clients.includes(plan.sweep_client) ? plan.sweep_client : (plan.clients[0] ?? plan.sweep_client),
    pythonMissing,
    skipped,
    asyncio: rows.some((r) => r.strategy === PY.asyncio) ? PY.asyncio : PY.streams,
    reps: fewestReps(points),
    disturbed: rows.filter((r) => r.disturbed === 1).length,
    failedRequests: rows.reduce((s, r) => s + (Number(r.requests_failed) || 0), 0),
    trialsWithFailures: rows.filter((r) => Number(r.requests_failed) > 0).length,
    failedTrials: mine.filter((r) => r.status === 'failed').length,
  };
}

function fewestReps(points: Points): number {
  const counts = points.phase('article').map((p) => p.wall.n);
  return counts.length ? Math.min(...counts) : 0;
}

/** The Node point of a strategy at a level, with the claims' client. */
export function nodeAt(ctx: Context, strategy: string, concurrency: number) {
  return ctx.points.article(strategy, concurrency, ctx.client);
}

export { NODE, PY };
