// The event loop against the physical limit: with every request in flight at
// once, the batch cannot end before the slowest answer arrives, plus whatever
// the client itself must compute. Within LIMIT_MARGIN of that is "at the limit".

import type { Table } from '../../lib/report/doc.ts';
import { ms, percent, ratio } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import { NODE, type Context } from './context.ts';

export const LIMIT_MARGIN = 0.1;

export interface LimitCheck {
  point: Point;
  /** Slowest delay the API applied in the batch (median over repetitions). */
  slowest_ms: number;
  /** The client's CPU during the work: an upper bound on its own processing. */
  cpu_ms: number;
  limit_ms: number;
  /** Median wall over the limit. */
  ratio: number;
  within: boolean;
}

export function limitChecks(ctx: Context): LimitCheck[] {
  return ctx.points
    .phase('article')
    .filter((p) => p.strategy === NODE.eventLoop && p.concurrency === ctx.high)
    .sort((a, b) => a.client.localeCompare(b.client))
    .flatMap((point) => {
      const slowest_ms = point.maxDelay.median;
      const cpu_ms = point.cpu.median;
      const limit_ms = slowest_ms + cpu_ms;
      if (!Number.isFinite(limit_ms) || limit_ms <= 0) return [];
      const r = point.wall.median / limit_ms;
      return [{ point, slowest_ms, cpu_ms, limit_ms, ratio: r, within: r <= 1 + LIMIT_MARGIN }];
    });
}

export function limitTable(checks: LimitCheck[]): Table | undefined {
  if (checks.length === 0) return undefined;
  return {
    id: 'physical-limit',
    title: 'The event loop against the physical limit',
    caption: `All requests in flight at once. Limit = the slowest answer’s delay (reported by the API) + the client’s CPU time during the work (every thread of the process, so an upper bound on its own processing). “At the limit” means a median wall time within ${percent(LIMIT_MARGIN)} of it, or under it, which happens because the client computes while it waits.`,
    columns: [
      { key: 'client', label: 'Client' },
      { key: 'wall', label: 'Wall', align: 'right' },
      { key: 'slowest', label: 'Slowest answer', align: 'right' },
      { key: 'cpu', label: 'Client CPU', align: 'right' },
      { key: 'limit', label: 'Limit', align: 'right' },
      { key: 'ratio', label: 'Wall / limit', align: 'right' },
      { key: 'within', label: 'At the limit?' },
    ],
    rows: checks.map((c) => ({
      client: c.point.client,
      wall: ms(c.point.wall.median),
      slowest: ms(c.slowest_ms),
      cpu: ms(c.cpu_ms),
      limit: ms(c.limit_ms),
      ratio: ratio(c.ratio),
      within: c.within ? 'yes' : 'no',
    })),
  };
}
