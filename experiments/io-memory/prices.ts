// What every client does with the API, in both runtimes: which dates it asks
// for, what it keeps of each answer, and the canonical form of the result that
// every strategy's digest is taken over. peer/price_client.py mirrors it.

/** The article's script asked for the next 100 days; "today" is pinned to its publication date. */
export const FIRST_DAY_UTC = Date.UTC(2018, 2, 13);
const DAY_MS = 86_400_000;

/** The n dates after the pinned day, as YYYY-MM-DD. */
export function travelDates(count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(FIRST_DAY_UTC + (i + 1) * DAY_MS).toISOString().slice(0, 10));
}

/** 1-based position of a date in travelDates(); NaN for anything else. */
export function dayNumber(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return NaN;
  const n = (Date.parse(`${date}T00:00:00Z`) - FIRST_DAY_UTC) / DAY_MS;
  return Number.isInteger(n) && n >= 1 ? n : NaN;
}

/** One request's outcome. A failed request is a result too: counted, never dropped. */
export interface PriceResult {
  date: string;
  ok: boolean;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** Kept prices in cents, in the API's departure order; empty when failed. */
  prices: number[];
  /** The delay the API says it applied (x-delay-ms); null when unknown. */
  delay_ms: number | null;
  /** From sending the request to having parsed the body, as the client saw it. */
  request_ms: number;
  error?: string;
}

interface Departure {
  price: { amount: number };
}

/** "Prepare for processing": keep each departure's price, in integer cents. */
export function keepPrices(body: unknown): number[] {
  const departures = (body as { departures?: Departure[] } | null)?.departures;
  if (!Array.isArray(departures)) throw new Error('price body has no departures array');
  return departures.map((d) => Math.round(d.price.amount * 100));
}

/** One line per requested date, in request order: its prices, or why it failed. */
export function canonical(results: readonly PriceResult[]): string {
  return results.map((r) => (r.ok ? `${r.date} ${r.prices.join(' ')}` : `${r.date} failed ${r.status}`)).join('\n') + '\n';
}

/** The API's own error for a date it fails on purpose (fail_every): the same for every strategy. */
export const PURPOSEFUL_STATUS = 503;

/**
 * Whether a trial's result can be checked against the others': every request
 * either succeeded or failed on purpose. A stray failure (a reset connection)
 * is still counted, but such a trial has no digest, so it cannot stop the run.
 */
export function comparable(results: readonly PriceResult[]): boolean {
  return results.every((r) => r.ok || r.status === PURPOSEFUL_STATUS);
}

export interface RequestSummary {
  requests_ok: number;
  requests_failed: number;
  /** The slowest delay the API applied to any answer of this trial. */
  max_delay_ms: number | null;
  max_request_ms: number | null;
}

export function summarizeRequests(results: readonly PriceResult[]): RequestSummary {
  const delays = results.map((r) => r.delay_ms).filter((d): d is number => d !== null && Number.isFinite(d));
  return {
    requests_ok: results.filter((r) => r.ok).length,
    requests_failed: results.filter((r) => !r.ok).length,
    max_delay_ms: delays.length ? Math.max(...delays) : null,
    max_request_ms: results.length ? Math.max(...results.map((r) => r.request_ms)) : null,
  };
}
