// The price API: bound to 127.0.0.1 only, answering the schema the clients
// read, with seeded delays and failures on purpose, and counting what it served.

import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../lib/services/service.ts';
import { apiOptions } from './api-options.ts';
import { delayMs } from './price-body.ts';
import { travelDates } from './prices.ts';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.ts');
const PARAMS = { seed: 7, article_latency_ms: 290, latency_scale: 0.02, jitter: 0.5, fail_every: 3 };

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const get = (url: string, agent: http.Agent | false = false) =>
  new Promise<Reply>((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('the price API service (server.ts)', () => {
  let api: RunningService;
  beforeAll(async () => {
    api = await startService('api', SCRIPT, PARAMS);
  }, 30_000);
  afterAll(() => api?.stop());

  it('binds 127.0.0.1 only: the port refuses connections on any other address', async () => {
    expect(api.host).toBe('127.0.0.1');
    const other = externalAddress();
    if (!other) return; // no other interface to try
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: other, port: api.port });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('GET /prices/<date> answers the search schema: a few KB of departures with prices in EUR', async () => {
    const [date] = travelDates(1);
    const reply = await get(`${api.url}/prices/${date}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body.length).toBeGreaterThan(2000);
    expect(reply.body.length).toBeLessThan(8000);
    const body = JSON.parse(reply.body);
    expect(body.search).toMatchObject({ date, currency: 'EUR', from: { city: 'Prague' }, to: { city: 'Brno' } });
    expect(body.departures.length).toBeGreaterThanOrEqual(12);
    for (const d of body.departures) {
      expect(typeof d.carrier).toBe('string');
      expect(d.departure.startsWith(date)).toBe(true);
      expect(d.price.currency).toBe('EUR');
      expect(Number.isInteger(Math.round(d.price.amount * 100))).toBe(true);
      expect(d.price.amount).toBeGreaterThan(0);
    }
    expect(body.carriers).toEqual([...new Set(body.departures.map((d: { carrier: string }) => d.carrier))].sort());
  });

  it('applies the seeded delay of each date and says so in x-delay-ms; the same date, the same body', async () => {
    const [a, b] = travelDates(2);
    const options = apiOptions(PARAMS);
    const first = await get(`${api.url}/prices/${a}`);
    const again = await get(`${api.url}/prices/${a}`);
    expect(Number(first.headers['x-delay-ms'])).toBeCloseTo(delayMs(options, a!), 2);
    expect(again.body).toBe(first.body);
    expect(Number((await get(`${api.url}/prices/${b}`)).headers['x-delay-ms'])).toBeCloseTo(delayMs(options, b!), 2);
  });

  it('holds a request ?hold_ms=N instead of the seeded delay (the live-memory probe)', async () => {
    const [a] = travelDates(1);
    const t0 = performance.now();
    const held = await get(`${api.url}/prices/${a}?hold_ms=60`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
    expect(held.headers['x-delay-ms']).toBe('60.000');
    expect(held.status).toBe(200);
  });

  it('fails every fail_every-th date with a 503 on purpose, and only those', async () => {
    const dates = travelDates(6);
    const statuses = await Promise.all(dates.map(async (d) => (await get(`${api.url}/prices/${d}`)).status));
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);
  });

  it('answers 404, naming the resource, for anything but a price date', async () => {
    for (const p of ['/prices/2018-03-13', '/prices/tomorrow', '/nothing']) {
      const reply = await get(`${api.url}${p}`);
      expect(reply.status, p).toBe(404);
      expect(JSON.parse(reply.body).error).toContain('no such resource');
    }
  });

  it('/__stats counts requests, failures, connections and the peak in flight, and ?reset=1 starts over', async () => {
    await get(`${api.url}/__stats?reset=1`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    await Promise.all(travelDates(6).map((d) => get(`${api.url}/prices/${d}`, agent)));
    agent.destroy();
    const stats = JSON.parse((await get(`${api.url}/__stats?reset=1`)).body);
    expect(stats).toEqual({ requests: 6, failed: 2, connections: 6, peak_in_flight: 6 });
    expect(JSON.parse((await get(`${api.url}/__stats`)).body)).toEqual({ requests: 0, failed: 0, connections: 0, peak_in_flight: 0 });
  });
});
