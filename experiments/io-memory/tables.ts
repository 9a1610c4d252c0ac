// The report's tables of medians: every point of the article's comparison,
// every point of the sweep, and fetch against node:http for each Node method.

import type { Table } from '../../lib/report/doc.ts';
import { bytes, ms, ratio, spread } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import type { Context } from './context.ts';
import { byDisplayOrder } from './labels.ts';

const fmtBytes = (x: number) => (Number.isFinite(x) ? bytes(x) : null);
const fmtMs = (x: number) => (Number.isFinite(x) ? ms(x) : null);
const fmtCount = (x: number) => (Number.isFinite(x) ? Math.round(x) : null);

export function articleTable(ctx: Context): Table | undefined {
  const points = ctx.points.phase('article').sort(byDisplayOrder);
  if (points.length === 0) return undefined;
  return {
    id: 'article-points',
    title: `Every strategy of the article’s comparison, ${ctx.plan.days} requests`,
    caption:
      'Medians over the repetitions. Wall is the work only, with its spread (half the interquartile range over the median); start-up is the pool’s, timed apart. Memory is the RSS of the whole process tree: before the first request (base), and the peak and mean while the requests ran. In flight is the most requests the API saw at once; connections, how many carried them; failed requests are summed over all repetitions.',
    columns: [
      { key: 'strategy', label: 'Strategy' },
      { key: 'concurrency', label: 'Concurrency' },
      { key: 'client', label: 'Client' },
      { key: 'wall', label: 'Wall', align: 'right' },
      { key: 'spread', label: 'Spread', align: 'right' },
      { key: 'startup', label: 'Start-up', align: 'right' },
      { key: 'base', label: 'Base RSS', align: 'right' },
      { key: 'peak', label: 'Peak RSS', align: 'right' },
      { key: 'mean', label: 'Mean RSS', align: 'right' },
      { key: 'inflight', label: 'In flight' },
      { key: 'connections', label: 'Connections' },
      { key: 'failed', label: 'Failed' },
      { key: 'n', label: 'Reps' },
    ],
    rows: points.map((p) => ({
      strategy: `\`${p.strategy}\``,
      concurrency: p.concurrency,
      client: p.client,
      wall: fmtMs(p.wall.median),
      spread: spread(p.wall.rel_iqr),
      startup: fmtMs(p.startup.median),
      base: fmtBytes(p.base.median),
      peak: fmtBytes(p.peak.median),
      mean: fmtBytes(p.mean.median),
      inflight: fmtCount(p.peakInFlight.median),
      connections: fmtCount(p.connections.median),
      failed: p.failedRequests,
      n: p.wall.n,
    })),
  };
}

export function sweepTable(ctx: Context): Table | undefined {
  const points = ctx.points.phase('sweep').sort(byDisplayOrder);
  if (points.length === 0) return undefined;
  return {
    id: 'sweep-points',
    title: 'Every point of the concurrency sweep',
    caption: `Level c: c × ${ctx.plan.sweep_waves} requests, at most c in flight. Medians over the repetitions; in flight is what the API saw.`,
    columns: [
      { key: 'strategy', label: 'Strategy' },
      { key: 'concurrency', label: 'Concurrency' },
      { key: 'requests', label: 'Requests' },
      { key: 'wall', label: 'Wall', align: 'right' },
      { key: 'startup', label: 'Start-up', align: 'right' },
      { key: 'base', label: 'Base RSS', align: 'right' },
      { key: 'peak', label: 'Peak RSS', align: 'right' },
      { key: 'inflight', label: 'In flight' },
      { key: 'failed', label: 'Failed' },
      { key: 'n', label: 'Reps' },
    ],
    rows: points.map((p) => ({
      strategy: `\`${p.strategy}\``,
      concurrency: p.concurrency,
      requests: p.requests,
      wall: fmtMs(p.wall.median),
      startup: fmtMs(p.startup.median),
      base: fmtBytes(p.base.median),
      peak: fmtBytes(p.peak.median),
      inflight: fmtCount(p.peakInFlight.median),
      failed: p.failedRequests,
      n: p.wall.n,
    })),
  };
}

export interface ClientPair {
  strategy: string;
  concurrency: number;
  fetch: Point;
  http: Point;
}

export function clientPairs(ctx: Context): ClientPair[] {
  const node = ctx.points.phase('article').filter((p) => p.runtime === 'node');
  return node
    .filter((p) => p.client === 'fetch')
    .sort(byDisplayOrder)
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
    caption: 'The same Node strategy with each client: medians of peak RSS and wall time, and fetch’s as a multiple of node:http’s.',
    columns: [
      { key: 'strategy', label: 'Strategy' },
      { key: 'concurrency', label: 'Concurrency' },
      { key: 'peak_fetch', label: 'Peak, fetch', align: 'right' },
      { key: 'peak_http', label: 'Peak, http', align: 'right' },
      { key: 'peak_ratio', label: 'fetch / http', align: 'right' },
      { key: 'wall_fetch', label: 'Wall, fetch', align: 'right' },
      { key: 'wall_http', label: 'Wall, http', align: 'right' },
      { key: 'wall_ratio', label: 'fetch / http', align: 'right' },
    ],
    rows: pairs.map((c) => ({
      strategy: `\`${c.strategy}\``,
      concurrency: c.concurrency,
      peak_fetch: fmtBytes(c.fetch.peak.median),
      peak_http: fmtBytes(c.http.peak.median),
      peak_ratio: ratio(c.fetch.peak.median / c.http.peak.median),
      wall_fetch: fmtMs(c.fetch.wall.median),
      wall_http: fmtMs(c.http.wall.median),
      wall_ratio: ratio(c.fetch.wall.median / c.http.wall.median),
    })),
  };
}
