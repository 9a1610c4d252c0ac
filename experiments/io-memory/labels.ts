// How io-memory's points read in text and charts: a point's label names the
// concurrency the API really saw where it fell short of the level; memory
// comparisons are worded by lib's classification; colours come from lib's
// palette by model.

import { invertInterval, type Interval } from '../../lib/stats/interval.ts';
import { winPhrase } from '../../lib/report/guide.ts';
import { MODEL_COLORS, MODEL_LABELS } from '../../lib/report/strategies.ts';
import type { Model } from '../../lib/experiment/types.ts';
import { reached, type MemPoint } from './context.ts';

const isSequential = (p: MemPoint) => p.strategy.endsWith('-sequential');

/** The requests the API saw in flight at once: "100", or "34 (31–36)" where the repetitions differ. */
export function inFlightText(p: MemPoint): string {
  const f = p.inFlight;
  if (f.n === 0) return 'not recorded';
  return f.min === f.max ? String(f.min) : `${Math.round(f.median)} (${f.min}–${f.max})`;
}

/** The requests in flight over the repetitions, as a range: "31–36", or "34" where they agree. */
export function inFlightRange(p: MemPoint): string {
  return p.inFlight.min === p.inFlight.max ? String(p.inFlight.min) : `${p.inFlight.min}–${p.inFlight.max}`;
}

/** "Python threads · 20", "Node worker threads · 100 · http"; sequential ones without a level. */
export function pointName(p: MemPoint): string {
  const parts = [p.label];
  if (!isSequential(p)) parts.push(String(p.concurrency));
  if (p.runtime === 'node') parts.push(p.client);
  return parts.join(' · ');
}

/** The point's name, with the real concurrency where it fell short: "Node worker threads · 100 · http (31–36 in flight)". */
export function pointLabel(p: MemPoint): string {
  return reached(p) ? pointName(p) : `${pointName(p)} (${inFlightRange(p)} in flight)`;
}

/**
 * Peak memory of a against b in words, from lib's classification:
 * "16.79× (16.70–16.88) less peak memory than 100 worker threads", "the same as …", "…, within the noise".
 * `ratio` is a's peak over b's.
 */
export function memoryVersus(ratio: Interval, baseline: string): string {
  return winPhrase(invertInterval(ratio), baseline, 'rss_peak_bytes');
}

/** A Plot colour scale over the models present, in lib's palette and legend labels. */
export function modelColors(models: readonly Model[]) {
  const present = [...new Set(models)];
  return { legend: true, domain: present.map((m) => MODEL_LABELS[m]), range: present.map((m) => MODEL_COLORS[m]) };
}
