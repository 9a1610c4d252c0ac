// The event loop against the physical limit: with every request in flight at
// once, the batch cannot end before the slowest answer arrives, plus whatever
// the client itself must compute. Within LIMIT_MARGIN of that is "at the limit".
// The client's processing is its main thread's CPU where the run recorded it
// (the event loop does all its work there), else the whole tree's CPU, which
// also counts V8's helper threads and so makes a looser limit.

import type { Table } from '../../lib/report/doc.ts';
import { ms, percent, ratio } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import { NODE, type Context } from './context.ts';

export const LIMIT_MARGIN = 0.1;

export interface LimitCheck {
  point: Point;
  /** Slowest delay the API applied in the batch (median over repetitions). */
  slowest_ms: number;
  /** The client's own processing during the work: its main thread's CPU, or the tree's. */
  cpu_ms: number;
  cpu_source: 'main thread' | 'whole tree';
  limit_ms: number;
  /** Median wall over the limit. */
  ratio: number;
  /** Median wall over the slowest answer alone: what the client added to the wait. */
  over_slowest_ms: number;
  within: boolean;
}

export function limitChecks(ctx: Context): LimitCheck[] {
  return ctx.points
    .phase('article')
    .filter((p) => p.strategy === NODE.eventLoop && p.concurrency === ctx.high)
    .sort((a, b) => a.client.localeCompare(b.client))
    .flatMap((point) => {
      const slowest_ms = point.maxDelay.median;
      const main = Number.isFinite(point.mainCpu.median);
      const cpu_ms = main ? point.mainCpu.median : point.cpu.median;
      const limit_ms = slowest_ms + cpu_ms;
      if (!Number.isFinite(limit_ms) || limit_ms <= 0) return [];
      const r = point.wall.median / limit_ms;
      return [{ point, slowest_ms, cpu_ms, cpu_source: main ? ('main thread' as const) : ('whole tree' as const), limit_ms, ratio: r, over_slowest_ms: point.wall.median - slowest_ms, within: r <= 1 + LIMIT_MARGIN }];
    });
}

export function limitTable(checks: LimitCheck[]): Table | undefined {
  if (checks.length === 0) return undefined;
  const sources = [...new Set(checks.map((c) => c.cpu_source))];
  const cpuWords = sources.length === 1 && sources[0] === 'main thread'
    ? 'the CPU time of the client’s main thread during the work, where the event loop does all its processing'
    : 'the client’s CPU time during the work (every thread of the process where the main thread’s own was not recorded, so an upper bound on its processing)';
  return {
    id: 'physical-limit',
    title: 'The event loop against the physical limit',
    caption: `All requests in flight at once. Limit = the slowest answer’s delay (reported by the API) + ${cpuWords}. “At the limit” means a median wall time within ${percent(LIMIT_MARGIN)} of it, or under it, which happens because the client computes while it waits. “Over the slowest” is what the client added to the longest wait: the floor no client can go under.`,
    columns: [
      { key: 'client', label: 'Client' },
      { key: 'wall', label: 'Wall', align: 'right' },
      { key: 'slowest', label: 'Slowest answer', align: 'right' },
      { key: 'over', label: 'Over the slowest', align: 'right' },
      { key: 'cpu', label: 'Client CPU', align: 'right' },
      { key: 'source', label: 'CPU of' },
      { key: 'limit', label: 'Limit', align: 'right' },
      { key: 'ratio', label: 'Wall / limit', align: 'right' },
      { key: 'within', label: 'At the limit?' },
    ],
    rows: checks.map((c) => ({
      client: c.point.client,
      wall: ms(c.point.wall.median),
      slowest: ms(c.slowest_ms),
      over: ms(c.over_slowest_ms),
      cpu: ms(c.cpu_ms),
      source: c.cpu_source,
      limit: ms(c.limit_ms),
      ratio: ratio(c.ratio),
      within: c.within ? 'yes' : 'no',
    })),
  };
}
