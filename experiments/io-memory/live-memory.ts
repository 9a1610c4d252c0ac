// The event loop's memory per request in flight, two ways: the slope of peak
// RSS (what the process tree really occupied, garbage included) and the live
// bytes a request holds once garbage is collected (live-probe.ts). The issue
// expects "low kilobytes"; LOW_KB is where that ends.

import type { Table } from '../../lib/report/doc.ts';
import { bytes, count } from '../../lib/report/format.ts';
import { med } from './context.ts';
import { leastSquares } from './slope.ts';
import type { Cost } from './sweep-figure.ts';
import { columns } from '../../lib/report/columns.ts';

/** "Low kilobytes": live memory per request in flight under this many bytes. */
export const LOW_KB = 10 * 1024;

export interface LiveReading {
  /** The sweep levels where the probe caught every request in flight. */
  levels: { concurrency: number; live: number; peakPerRequest: number }[];
  /** Median live bytes per request at the highest level measured. */
  atHighest: number;
  /** Slope of the live total (per request × level) over the levels: the marginal live cost; NaN with one level. */
  slope: number;
  /** The figure judged "low kilobytes": the slope, or the highest level's where there is no slope. */
  judged: number;
  low: boolean;
}

export function liveReading(loop: Cost | undefined): LiveReading | undefined {
  const points = (loop?.points ?? []).filter((p) => Number.isFinite(med(p, 'live_bytes_per_request')));
  if (points.length === 0) return undefined;
  const levels = points.map((p) => ({ concurrency: p.concurrency, live: med(p, 'live_bytes_per_request'), peakPerRequest: (p.peak.median - med(p, 'rss_base_bytes')) / p.concurrency }));
  const atHighest = levels.at(-1)!.live;
  const slope = leastSquares(levels.map((l) => ({ x: l.concurrency, y: l.live * l.concurrency })))?.slope ?? NaN;
  const judged = Number.isFinite(slope) ? slope : atHighest;
  return { levels, atHighest, slope, judged, low: judged < LOW_KB };
}

export function liveText(loop: Cost | undefined, reading: LiveReading | undefined): string {
  const slope = loop && Number.isFinite(loop.slope_bytes)
    ? `The slope of peak RSS says one more request in flight costs ${bytes(loop.slope_bytes)} (levels ${loop.points.map((p) => p.concurrency).join(', ')}). That is what the process really occupied, but it counts garbage V8 has not collected yet: its young generation grows with the rate of allocation, and a level of c makes c × the sweep’s waves of requests in about the same time, so the peak rises with c faster than what the requests hold.`
    : 'The event loop was not swept over two or more concurrency levels, so there is no slope of peak RSS.';
  if (!reading) return `${slope} This run has no garbage-free figure (\`live_bytes_per_request\`) at any level: it predates the live-memory probe, or its latency was too short for the probe to have every request written before the first answer (as in the smoke profile).`;
  const hi = reading.levels.at(-1)!;
  return `${slope} What a request holds once the garbage is gone: after the timed work, outside the clock and after the sampled peak, a probe sends c requests at once on a fresh connection pool, waits until every one is written and none answered, forces a full garbage collection and counts V8’s live heap plus its off-heap buffers. ${Number.isFinite(reading.slope) ? `The slope of that live total over the levels is ${bytes(reading.slope)} per request in flight; with` : 'With'} ${count(hi.concurrency)} in flight each request holds ${bytes(hi.live)} (its socket, request and response objects, parser and promise). ${reading.low ? `That is low kilobytes (under ${bytes(LOW_KB)}), as the issue expects: the rest of the peak’s slope is garbage and heap V8 keeps in reserve, which RSS counts but no request holds.` : `That is more than the ${bytes(LOW_KB)} the issue calls low kilobytes.`} Neither figure counts the kernel’s socket buffers, which are not in RSS.`;
}

export function liveTable(reading: LiveReading | undefined): Table | undefined {
  if (!reading) return undefined;
  return {
    id: 'live-memory',
    title: 'The event loop: memory per request in flight',
    caption: 'Per sweep level (medians of the repetitions): the peak RSS over the base, divided by the level (garbage included), and the live heap plus off-heap buffers per request after a full GC with every request in flight (garbage excluded). At low levels the live figure is within the noise of two heap snapshots (a few KiB either way, divided by the level); the slope and the highest level are the figures to read.',
    columns: columns({ c: 'In flight >', peak: 'Peak − base, per request >', live: 'Live, per request >' }),
    rows: reading.levels.map((l) => ({ c: count(l.concurrency), peak: bytes(l.peakPerRequest), live: bytes(l.live) })),
  };
}
