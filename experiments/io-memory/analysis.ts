// The io-memory rows reduced to what the report reads: one summary per
// (strategy, phase, concurrency, client) point, of time and of memory, with
// lookups by point. Memory compares with the same rule as time: a larger
// median peak with the interquartile ranges apart is "more".

import type { Row } from '../../lib/data/schema.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';
import { groupBy } from '../../lib/stats/group.ts';
import { compare } from '../../lib/stats/compare.ts';
import type { Phase } from './plan.ts';

export interface Point {
  strategy: string;
  runtime: string;
  model: string;
  phase: Phase;
  requests: number;
  concurrency: number;
  client: string;
  wall: Summary;
  startup: Summary;
  /** RSS of the client's process tree: just before the work, peak and mean during it. */
  base: Summary;
  peak: Summary;
  mean: Summary;
  /** CPU of the tree during the work (user + sys). */
  cpu: Summary;
  /** CPU of the trial's main thread during the work (Node only; see main-thread-cpu.ts). */
  mainCpu: Summary;
  maxDelay: Summary;
  peakInFlight: Summary;
  connections: Summary;
  /** Live JS heap + off-heap buffers per request in flight, after a full GC (event-loop sweep only; see live-probe.ts). */
  live: Summary;
  /** Failed requests, summed over the point's measured trials: counted, never dropped. */
  failedRequests: number;
  rows: Row[];
}

const finite = (values: (number | string | null | undefined)[]) =>
  values.map((v) => (v === null || v === undefined || v === '' ? NaN : Number(v))).filter((v) => Number.isFinite(v));

export function summarizePoints(rows: readonly Row[]): Point[] {
  const groups = groupBy(rows, (r) => `${r.strategy}|${r.phase}|${r.concurrency}|${r.client}|${r.requests}`);
  return [...groups.values()].map((g) => {
    const head = g[0]!;
    const of = (column: string) => summarize(finite(g.map((r) => r[column])));
    return {
      strategy: head.strategy,
      runtime: head.runtime,
      model: head.model,
      phase: String(head.phase) as Phase,
      requests: Number(head.requests),
      concurrency: Number(head.concurrency),
      client: String(head.client),
      wall: of('wall_ms'),
      startup: of('startup_ms'),
      base: of('rss_base_bytes'),
      peak: of('rss_peak_bytes'),
      mean: of('rss_mean_bytes'),
      cpu: summarize(finite(g.map((r) => (r.cpu_user_ms === null || r.cpu_sys_ms === null ? null : r.cpu_user_ms + r.cpu_sys_ms)))),
      mainCpu: of('main_cpu_ms'),
      maxDelay: of('max_delay_ms'),
      peakInFlight: of('server_peak_in_flight'),
      connections: of('server_connections'),
      live: of('live_bytes_per_request'),
      failedRequests: finite(g.map((r) => r.requests_failed)).reduce((a, b) => a + b, 0),
      rows: g,
    };
  });
}

/** The measured points with lookups by strategy, phase, concurrency and client. */
export class Points {
  readonly all: Point[];

  constructor(points: Point[]) {
    this.all = points;
  }

  /** The article-phase point; without a client, the strategy's only (or first) one. */
  article(strategy: string, concurrency: number, client?: string): Point | undefined {
    return this.all.find((p) => p.phase === 'article' && p.strategy === strategy && p.concurrency === concurrency && (client === undefined || p.client === client));
  }

  /** Every sweep point of a strategy, lowest concurrency first. */
  sweep(strategy: string): Point[] {
    return this.all.filter((p) => p.phase === 'sweep' && p.strategy === strategy).sort((a, b) => a.concurrency - b.concurrency);
  }

  phase(phase: Phase): Point[] {
    return this.all.filter((p) => p.phase === phase);
  }
}

export type MemoryOrder = 'more' | 'less' | 'same' | 'unclear';

/** Peak memory of a against b, by the shared comparison rule. */
export function comparePeak(a: Point, b: Point): { ratio: number; order: MemoryOrder } {
  const c = compare(a.peak, b.peak);
  const order: MemoryOrder = c.order === 'slower' ? 'more' : c.order === 'faster' ? 'less' : c.order;
  return { ratio: c.ratio, order };
}

export { compare, type Comparison } from '../../lib/stats/compare.ts';
export { measuredRows } from '../../lib/report/measured.ts';
