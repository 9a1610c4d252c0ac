// What the io-memory report reads, on top of lib's report context: each point's
// memory, server counts and real concurrency, the run's plan and API latency,
// the memory timelines, and the levels and clients the claims are judged at.

import type { MemorySample, Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { buildReportContext, type ReportContext } from '../../lib/report/context.ts';
import { valuesOf, type Point } from '../../lib/report/points.ts';
import { strategyLabel, strategyRank } from '../../lib/report/strategies.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';
import { apiOptions, type ApiOptions } from './api-options.ts';
import { NODE, planParams, PY, PY_CLIENT, type Phase, type PlanParams } from './plan.ts';

/** A model "reached" a level when the API saw at least this share of it in flight at once (Python's 100 threads see 98–100). */
export const REACHED = 0.9;

export interface MemPoint extends Point {
  /** The strategy's declared label. */
  label: string;
  phase: Phase;
  requests: number;
  concurrency: number;
  client: string;
  /** Peak RSS of the client's process tree, per clean repetition: what every memory interval is computed from. */
  peaks: number[];
  peak: Summary;
  /** The most requests the API saw in flight at once: the concurrency the strategy really reached. */
  inFlight: Summary;
  /** Failed requests, summed over the clean repetitions: counted, never dropped. */
  failedRequests: number;
}

/** The median of a column over a point's clean repetitions (NaN where none has it): `rss_base_bytes`, `max_delay_ms`, … */
export const med = (p: Point, column: string): number => summarize(valuesOf(p, (r: Row) => r[column] as number | null)).median;

export interface Context extends ReportContext<MemPoint> {
  plan: PlanParams;
  api: ApiOptions;
  /** Memory timeline by trial number. */
  timelines: Map<number, MemorySample[]>;
  /** The article's default thread pool (20) and one per request (100), as this run set them. */
  low: number;
  high: number;
  /** The Node client the claims are judged on: the sweep's, where the article phase ran it. */
  client: string;
  /** The asyncio strategy M5 is judged on: aiohttp where it ran, else plain streams. */
  asyncio: string;
  failedRequests: number;
  trialsWithFailures: number;
}

const extend = (experiment: ReportInput['experiment']) => (p: Point): MemPoint => ({
  ...p,
  label: strategyLabel(experiment, p.strategy),
  phase: String(p.at.phase) as Phase,
  requests: Number(p.at.requests),
  concurrency: Number(p.at.concurrency),
  client: String(p.at.client),
  peaks: valuesOf(p, (r) => r.rss_peak_bytes),
  peak: summarize(valuesOf(p, (r) => r.rss_peak_bytes)),
  inFlight: summarize(valuesOf(p, (r) => r.server_peak_in_flight as number | null)),
  failedRequests: valuesOf(p, (r) => r.requests_failed as number | null).reduce((a, b) => a + b, 0),
});

export function buildContext(input: ReportInput): Context {
  const base = buildReportContext<MemPoint>(input, { extend: extend(input.experiment) });
  const plan = planParams(base.params);
  const timelines = new Map<number, MemorySample[]>();
  for (const s of input.memory) {
    if (s.machine_id !== input.machineId) continue;
    timelines.set(s.trial, [...(timelines.get(s.trial) ?? []), s]);
  }
  const levels = plan.thread_levels.filter((c) => c <= plan.days);
  return {
    ...base,
    plan,
    api: apiOptions(base.params),
    timelines,
    low: levels[0] ?? plan.days,
    high: plan.days,
    client: plan.clients.includes(plan.sweep_client) ? plan.sweep_client : (plan.clients[0] ?? plan.sweep_client),
    asyncio: base.rows.some((r) => r.strategy === PY.asyncio) ? PY.asyncio : PY.streams,
    failedRequests: base.rows.reduce((s, r) => s + (Number(r.requests_failed) || 0), 0),
    trialsWithFailures: base.rows.filter((r) => Number(r.requests_failed) > 0).length,
  };
}

/** The article-phase point of a strategy at a level: Python with its own client, Node with the claims' one (or `client`). */
export function articleAt(ctx: Context, strategy: string, concurrency: number, client?: string): MemPoint | undefined {
  const own = PY_CLIENT[strategy] ?? client ?? ctx.client;
  return ctx.points.at(strategy, { phase: 'article', requests: ctx.plan.days, concurrency, client: own });
}

/** The article-phase points, in declaration order, then concurrency, then client. */
export function articlePoints(ctx: Context): MemPoint[] {
  return ctx.points.where(null, { phase: 'article' }).sort(byDisplayOrder(ctx));
}

/** Every sweep point of a strategy, lowest level first. */
export function sweepOf(ctx: Context, strategy: string): MemPoint[] {
  return ctx.points.sweep(strategy, { phase: 'sweep' }, 'concurrency');
}

export function byDisplayOrder(ctx: Context) {
  return (a: MemPoint, b: MemPoint) => strategyRank(ctx.experiment, a.strategy) - strategyRank(ctx.experiment, b.strategy) || a.concurrency - b.concurrency || a.client.localeCompare(b.client);
}

/** Whether the API saw the point's level in flight (its median peak, within REACHED). */
export function reached(p: MemPoint): boolean {
  return p.inFlight.n === 0 || p.inFlight.median >= REACHED * p.concurrency;
}

export { NODE, PY };
