// The price API as an http.Server: GET /prices/YYYY-MM-DD answers after its
// seeded delay (or after ?hold_ms=N, for the live-memory probe); GET /__stats
// reports what it served (and ?reset=1 starts a new count), so a trial can
// check the concurrency it reached and the connections it opened. The client's memory is measured; this server's never is.

import http from 'node:http';
import type { Socket } from 'node:net';
import type { ApiOptions } from './api-options.ts';
import { delayMs, failsOnPurpose, priceBody } from './price-body.ts';
import { dayNumber } from './prices.ts';

export interface ApiStats {
  /** Price requests answered (200 or 503). */
  requests: number;
  /** Of those, answered 503 on purpose. */
  failed: number;
  /** Connections that carried at least one price request. */
  connections: number;
  /** The most price requests in flight at once. */
  peak_in_flight: number;
}

const PRICE_PATH = /^\/prices\/(\d{4}-\d{2}-\d{2})$/;
/** Longest hold a client may ask for with ?hold_ms= (the live-memory probe's: every request surely in flight). */
export const MAX_HOLD_MS = 10_000;

/** `?hold_ms=N` replaces the seeded delay: the probe asks for a wait long enough to send every request first. */
function holdMs(url: URL): number | undefined {
  const raw = url.searchParams.get('hold_ms');
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_HOLD_MS) : undefined;
}

export function createPriceApi(options: ApiOptions): http.Server {
  const bodies = new Map<string, string>();
  const counted = new WeakSet<Socket>();
  let stats: ApiStats = { requests: 0, failed: 0, connections: 0, peak_in_flight: 0 };
  let inFlight = 0;

  const send = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://api');
    if (url.pathname === '/__stats') {
      const body = JSON.stringify(stats);
      if (url.searchParams.get('reset') === '1') stats = { requests: 0, failed: 0, connections: 0, peak_in_flight: inFlight };
      return send(res, 200, body);
    }
    const match = PRICE_PATH.exec(url.pathname);
    const day = match ? dayNumber(match[1]!) : NaN;
    if (req.method !== 'GET' || !match || !Number.isFinite(day)) {
      return send(res, 404, JSON.stringify({ error: `no such resource: ${req.method} ${url.pathname} (try GET /prices/2018-03-14)` }));
    }
    const date = match[1]!;
    if (!counted.has(req.socket)) {
      counted.add(req.socket);
      stats.connections++;
    }
    inFlight++;
    stats.peak_in_flight = Math.max(stats.peak_in_flight, inFlight);
    res.once('close', () => inFlight--);
    const delay = holdMs(url) ?? delayMs(options, date);
    setTimeout(() => {
      stats.requests++;
      const headers = { 'x-delay-ms': delay.toFixed(3) };
      if (failsOnPurpose(options, day)) {
        stats.failed++;
        return send(res, 503, JSON.stringify({ error: 'price service unavailable (failed on purpose: fail_every)' }), headers);
      }
      let body = bodies.get(date);
      if (body === undefined) bodies.set(date, (body = JSON.stringify(priceBody(options.seed, date))));
      send(res, 200, body, headers);
    }, delay);
  });
}
