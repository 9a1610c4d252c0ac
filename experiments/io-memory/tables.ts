// The report's tables: every point of the article's comparison and of the sweep
// (medians, with the requests really in flight), the models at equal
// concurrency, and fetch against node:http for each Node method (ratios with
// their intervals).

import type { Table } from '../../lib/report/doc.ts';
import { bytes, ms, spread } from '../../lib/report/format.ts';
import { ratioInterval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { articlePoints, byDisplayOrder, med, NODE, PY, reached, sweepOf, type Context, type MemPoint } from './context.ts';
import { inFlightText } from './labels.ts';
import { columns } from '../../lib/report/columns.ts';

const fmtBytes = (x: number) => (Number.isFinite(x) ? bytes(x) : null);
const fmtMs = (x: number) => (Number.isFinite(x) ? ms(x) : null);
const fmtCount = (x: number) => (Number.isFinite(x) ? Math.round(x) : null);
/** The real peak in flight, in bold where it fell short of the level. */
const inFlightCell = (p: MemPoint) => (reached(p) ? inFlightText(p) : `**${inFlightText(p)}**`);

const IN_FLIGHT = 'Peak in flight is the most requests the API saw at once (median, with the range over the repetitions where they differ); in bold where it fell short of the level.';

/** Every column a point table may show, in order; each phase's table picks its own. */
const POINT_COLUMNS: Record<string, { label: string; value: (p: MemPoint) => string | number | null; align?: 'right' }> = {
  strategy: { label: 'Strategy', value: (p) => p.label },
  concurrency: { label: 'Level', value: (p) => p.concurrency },
  inflight: { label: 'Peak in flight', value: inFlightCell, align: 'right' },
  client: { label: 'Client', value: (p) => p.client },
  requests: { label: 'Requests', value: (p) => p.requests },
  wall: { label: 'Wall', value: (p) => fmtMs(p.wall.median), align: 'right' },
  spread: { label: 'Spread', value: (p) => spread(p.wall.rel_iqr), align: 'right' },
  startup: { label: 'Start-up', value: (p) => fmtMs(med(p, 'startup_ms')), align: 'right' },
  base: { label: 'Base RSS', value: (p) => fmtBytes(med(p, 'rss_base_bytes')), align: 'right' },
  peak: { label: 'Peak RSS', value: (p) => fmtBytes(p.peak.median), align: 'right' },
  mean: { label: 'Mean RSS', value: (p) => fmtBytes(med(p, 'rss_mean_bytes')), align: 'right' },
  connections: { label: 'Connections', value: (p) => fmtCount(med(p, 'server_connections')) },
  failed: { label: 'Failed', value: (p) => p.failedRequests },
  n: { label: 'Reps', value: (p) => p.wall.n },
};

function pointsTable(points: MemPoint[], keys: string[], table: Pick<Table, 'id' | 'title' | 'caption'>): Table | undefined {
  if (points.length === 0) return undefined;
  const columns = keys.map((key) => ({ key, label: POINT_COLUMNS[key]!.label, ...(POINT_COLUMNS[key]!.align ? { align: POINT_COLUMNS[key]!.align } : {}) }));
  return { ...table, columns, rows: points.map((p) => Object.fromEntries(keys.map((k) => [k, POINT_COLUMNS[k]!.value(p)]))) };
}

export function articleTable(ctx: Context): Table | undefined {
  return pointsTable(articlePoints(ctx), ['strategy', 'concurrency', 'inflight', 'client', 'wall', 'spread', 'startup', 'base', 'peak', 'mean', 'connections', 'failed', 'n'], {
    id: 'article-points',
    title: `Every strategy of the article’s comparison, ${ctx.plan.days} requests`,
    caption: `Medians over the clean repetitions. Wall is the work only, with its spread (half the interquartile range over the median); start-up is the pool’s, timed apart. Memory is the RSS of the whole process tree: before the first request (base), and the peak and mean while the requests ran. ${IN_FLIGHT} Connections: how many carried the requests; failed requests are summed over the repetitions.`,
  });
}

export function sweepTable(ctx: Context): Table | undefined {
  return pointsTable(ctx.points.where(null, { phase: 'sweep' }).sort(byDisplayOrder(ctx)), ['strategy', 'concurrency', 'inflight', 'requests', 'wall', 'startup', 'base', 'peak', 'failed', 'n'], {
    id: 'sweep-points',
    title: 'Every point of the concurrency sweep',
    caption: `Level c: c × ${ctx.plan.sweep_waves} requests, at most c in flight. Medians over the clean repetitions. ${IN_FLIGHT}`,
  });
}

/** Peak memory of each model over its runtime's coroutine model, at every sweep level both reached: one table per runtime. */
export function equalConcurrencyTables(ctx: Context): Table[] {
  const sides = [
    { runtime: 'node', base: NODE.eventLoop, others: [NODE.threads, NODE.processes] },
    { runtime: 'python', base: ctx.asyncio, others: [PY.threads, PY.gevent] },
  ].filter((s) => sweepOf(ctx, s.base).length > 0);
  const label = (name: string) => strategyLabel(ctx.experiment, name);
  const short = (p: MemPoint) => `only ${inFlightText(p)} in flight`;
  const cell = (base: MemPoint | undefined, p: MemPoint | undefined) => (!p ? null : !reached(p) ? short(p) : base && reached(base) ? estimate(ratioInterval(p.peaks, base.peaks)) : null);
  return sides.map(({ runtime, base, others }) => {
    const at = (name: string, level: number) => sweepOf(ctx, name).find((p) => p.concurrency === level);
    const levels = [...new Set([base, ...others].flatMap((n) => sweepOf(ctx, n).map((p) => p.concurrency)))].sort((a, b) => a - b);
    return {
      id: `equal-concurrency-${runtime}`,
      title: `${label(base).split(' ')[0]}: peak memory at equal concurrency, against ${label(base).replace(/^(Node|Python) /, '')}`,
      caption: `The sweep’s levels: each model’s peak RSS over ${label(base)}’s at the same level, with its 95 % interval, where both kept the whole level in flight. Where a model fell short of the level (the API saw fewer than 90 % of it in flight at once), the cell says how many it reached instead of a ratio: it was not compared there.`,
      columns: [{ key: 'level', label: 'Level' }, { key: base, label: `${label(base)}, peak`, align: 'right' as const }, ...others.map((o) => ({ key: o, label: `${label(o)} ÷ it`, align: 'right' as const }))],
      rows: levels.map((level) => {
        const b = at(base, level);
        return { level, [base]: b ? (reached(b) ? bytes(b.peak.median) : short(b)) : null, ...Object.fromEntries(others.map((o) => [o, cell(b, at(o, level))])) };
      }),
    };
  });
}

export interface ClientPair {
  strategy: string;
  concurrency: number;
  fetch: MemPoint;
  http: MemPoint;
}

export function clientPairs(ctx: Context): ClientPair[] {
  const node = articlePoints(ctx).filter((p) => p.runtime === 'node');
  return node
    .filter((p) => p.client === 'fetch')
    .flatMap((f) => {
      const h = node.find((p) => p.client === 'http' && p.strategy === f.strategy && p.concurrency === f.concurrency);
      return h ? [{ strategy: f.strategy, concurrency: f.concurrency, fetch: f, http: h }] : [];
    });
}

export function clientTable(pairs: ClientPair[]): Table | undefined {
  if (pairs.length === 0) return undefined;
  return {
    id: 'fetch-vs-http',
    title: 'fetch against node:http',
    caption: 'The same Node strategy with each client: medians of peak RSS and wall time, the requests really in flight, and fetch’s as a multiple of node:http’s (ratio of geometric means, 95 % interval).',
    columns: columns({ strategy: 'Strategy', concurrency: 'Concurrency', inflight: 'In flight, fetch / http', peak_fetch: 'Peak, fetch >', peak_http: 'Peak, http >', peak_ratio: 'Peak fetch / http >', wall_fetch: 'Wall, fetch >', wall_http: 'Wall, http >', wall_ratio: 'Wall fetch / http >' }),
    rows: pairs.map((c) => ({
      strategy: c.fetch.label,
      concurrency: c.concurrency,
      inflight: `${inFlightCell(c.fetch)} / ${inFlightCell(c.http)}`,
      peak_fetch: fmtBytes(c.fetch.peak.median),
      peak_http: fmtBytes(c.http.peak.median),
      peak_ratio: estimate(ratioInterval(c.fetch.peaks, c.http.peaks)),
      wall_fetch: fmtMs(c.fetch.wall.median),
      wall_http: fmtMs(c.http.wall.median),
      wall_ratio: estimate(ratioInterval(c.fetch.walls, c.http.walls)),
    })),
  };
}
