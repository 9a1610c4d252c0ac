// The event loop against the physical limit: with every request in flight at
// once, the batch cannot end before the slowest answer arrives, plus whatever
// the client itself must compute. Within LIMIT_MARGIN of that is "at the limit",
// judged on the interval of wall / limit over the repetitions.
// The client's processing is its main thread's CPU where the run recorded it
// (the event loop does all its work there), else the whole tree's CPU, which
// also counts V8's helper threads and so makes a looser limit.

import type { Table } from '../../lib/report/doc.ts';
import { ms, percent } from '../../lib/report/format.ts';
import { cpuOf, valuesOf } from '../../lib/report/points.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { geoMeanInterval, type Interval } from '../../lib/stats/interval.ts';
import { outcomeOf, type Outcome } from '../../lib/verdicts/classify.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { articlePoints, med, NODE, type Context, type MemPoint } from './context.ts';
import { columns } from '../../lib/report/columns.ts';

export const LIMIT_MARGIN = 0.1;

export interface LimitCheck {
  point: MemPoint;
  /** Slowest delay the API applied in the batch (median over repetitions). */
  slowest_ms: number;
  /** The client's own processing during the work: its main thread's CPU, or the tree's (median). */
  cpu_ms: number;
  cpu_source: 'main thread' | 'whole tree';
  limit_ms: number;
  /** Wall over the limit, repetition by repetition: geometric mean and 95 % interval. */
  ratio: Interval;
  /** Median wall over the slowest answer alone: what the client added to the wait. */
  over_slowest_ms: number;
  /** holds: at the limit (the whole interval under 1 + LIMIT_MARGIN); fails: over it; undecided: cannot tell. */
  outcome: Outcome;
}

export function limitChecks(ctx: Context): LimitCheck[] {
  return articlePoints(ctx)
    .filter((p) => p.strategy === NODE.eventLoop && p.concurrency === ctx.high)
    .sort((a, b) => a.client.localeCompare(b.client))
    .flatMap((point) => {
      const main = Number.isFinite(med(point, 'main_cpu_ms'));
      const cpuOfRow = main ? (r: MemPoint['rows'][number]) => r.main_cpu_ms as number | null : cpuOf;
      const ratios = point.rows.flatMap((r) => {
        const cpu = cpuOfRow(r);
        const delay = r.max_delay_ms as number | null;
        return r.wall_ms !== null && typeof cpu === 'number' && typeof delay === 'number' && delay + cpu > 0 ? [r.wall_ms / (delay + cpu)] : [];
      });
      if (ratios.length === 0) return [];
      const slowest_ms = med(point, 'max_delay_ms');
      const cpu_ms = main ? med(point, 'main_cpu_ms') : summarize(valuesOf(point, cpuOf)).median;
      const ratio = geoMeanInterval(ratios);
      return [{ point, slowest_ms, cpu_ms, cpu_source: main ? ('main thread' as const) : ('whole tree' as const), limit_ms: slowest_ms + cpu_ms, ratio, over_slowest_ms: point.wall.median - slowest_ms, outcome: outcomeOf(ratio, { below: 1 + LIMIT_MARGIN }) }];
    });
}

/** "under it", "within 10 % of it", "more than 10 % over it", or that the interval cannot tell. */
export function limitWords(c: LimitCheck): string {
  if (c.outcome === 'fails') return `more than ${percent(LIMIT_MARGIN)} over it`;
  if (c.outcome === 'undecided') return `too close to ${percent(LIMIT_MARGIN)} over it to tell`;
  return c.ratio.hi < 1 ? 'under it' : `within ${percent(LIMIT_MARGIN)} of it`;
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
    caption: `All requests in flight at once. Limit = the slowest answer’s delay (reported by the API) + ${cpuWords}; times are medians. Wall / limit is taken repetition by repetition: geometric mean and 95 % interval. “At the limit” means its whole interval under ${(1 + LIMIT_MARGIN).toFixed(2)}× (it can be under 1× because the client computes while it waits). “Over the slowest” is what the client added to the longest wait: the floor no client can go under.`,
    columns: columns({ client: 'Client', wall: 'Wall >', slowest: 'Slowest answer >', over: 'Over the slowest >', cpu: 'Client CPU >', source: 'CPU of', limit: 'Limit >', ratio: 'Wall / limit >', within: 'At the limit?' }),
    rows: checks.map((c) => ({
      client: c.point.client,
      wall: ms(c.point.wall.median),
      slowest: ms(c.slowest_ms),
      over: ms(c.over_slowest_ms),
      cpu: ms(c.cpu_ms),
      source: c.cpu_source,
      limit: ms(c.limit_ms),
      ratio: estimate(c.ratio),
      within: c.outcome === 'holds' ? 'yes' : c.outcome === 'fails' ? 'no' : 'cannot tell',
    })),
  };
}
