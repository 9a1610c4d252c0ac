// fetchPrice against the price API in this process: both clients keep the
// prices the API sent, and a failing or unreachable request comes back as a
// failed result, never as an exception that would drop it.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOptions } from './api-options.ts';
import { createPriceApi } from './price-api.ts';
import { priceBody } from './price-body.ts';
import { canonical, keepPrices, summarizeRequests, travelDates } from './prices.ts';
import { CLIENTS, fetchPrice } from './tasks.ts';

const options = apiOptions({ seed: 11, latency_scale: 0.01, fail_every: 4 });
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = createPriceApi(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(CLIENTS)('fetchPrice({ client: %s })', (client) => {
  it('returns the prices the API sent for the date, in cents, and the delay it applied', async () => {
    const [date] = travelDates(1);
    const r = await fetchPrice({ url: `${base}/prices/${date}`, date: date!, client });
    expect(r.ok).toBe(true);
    expect(r.status).toBe(200);
    expect(r.prices).toEqual(keepPrices(priceBody(options.seed, date!)));
    expect(r.delay_ms).toBeGreaterThan(0);
    expect(r.request_ms).toBeGreaterThanOrEqual(r.delay_ms! - 1);
  });

  it('reports a request the API fails on purpose as a failed result, counted in the summary and the digest', async () => {
    const dates = travelDates(8);
    const results = await Promise.all(dates.map((date) => fetchPrice({ url: `${base}/prices/${date}`, date, client })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 503, 200, 200, 200, 503]);
    expect(summarizeRequests(results)).toMatchObject({ requests_ok: 6, requests_failed: 2 });
    expect(canonical(results)).toContain(`${dates[3]} failed 503\n`);
    expect(results[3]!.error).toContain('failed on purpose');
  });

  it('reports an unreachable API as a failed result with status 0, without throwing', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await fetchPrice({ url: `http://127.0.0.1:${port}/prices/2018-03-14`, date: '2018-03-14', client });
    expect(r).toMatchObject({ ok: false, status: 0, prices: [] });
    expect(r.error).toBeTruthy();
  });
});
