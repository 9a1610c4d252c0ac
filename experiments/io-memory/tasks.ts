// The work of article 001 as a task any executor can run by name: ask the
// price API for one date, parse the body and keep the prices. Two clients:
// `fetch` (undici, keep-alive by default) and `node:http` with a keep-alive
// agent. Each thread or process that runs tasks has its own connection pool.

import http from 'node:http';
import { keepPrices, type PriceResult } from './prices.ts';

export type Client = 'fetch' | 'http';
export const CLIENTS: readonly Client[] = ['fetch', 'http'];

export interface PriceRequest {
  /** Full URL of the date's endpoint. */
  url: string;
  date: string;
  client: Client;
}

interface Reply {
  status: number;
  delay_ms: number | null;
  body: string;
}

// One keep-alive agent per thread or process, made on first use, no socket limit:
// the executor, not the agent, decides how many requests are in flight.
let agent: http.Agent | undefined;
const keepAliveAgent = () => (agent ??= new http.Agent({ keepAlive: true, maxSockets: Infinity }));

const delayOf = (value: string | string[] | null | undefined): number | null => {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return value === null || value === undefined || !Number.isFinite(n) ? null : n;
};

async function viaFetch(url: string): Promise<Reply> {
  const res = await fetch(url);
  return { status: res.status, delay_ms: delayOf(res.headers.get('x-delay-ms')), body: await res.text() };
}

function viaHttp(url: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: keepAliveAgent() }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, delay_ms: delayOf(res.headers['x-delay-ms']), body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** One date: request, parse, keep the prices. Never throws: a failure is a result. */
export async function fetchPrice({ url, date, client }: PriceRequest): Promise<PriceResult> {
  const t0 = performance.now();
  try {
    const reply = client === 'fetch' ? await viaFetch(url) : await viaHttp(url);
    const ok = reply.status === 200;
    const prices = ok ? keepPrices(JSON.parse(reply.body)) : [];
    return { date, ok, status: reply.status, prices, delay_ms: reply.delay_ms, request_ms: performance.now() - t0, ...(ok ? {} : { error: reply.body.slice(0, 200) }) };
  } catch (error) {
    return { date, ok: false, status: 0, prices: [], delay_ms: null, request_ms: performance.now() - t0, error: String((error as Error)?.message ?? error) };
  }
}
