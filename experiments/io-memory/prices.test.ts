// The pure parts every client and the server share: dates, bodies, delays,
// what a client keeps, the canonical result, the API options and the plan.
// The Python side (price_client.py) is checked against the same values.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiOptions } from './api-options.ts';
import { NODE, planCells, PY } from './plan.ts';
import { delayMs, failsOnPurpose, priceBody } from './price-body.ts';
import { canonical, comparable, dayNumber, keepPrices, summarizeRequests, travelDates, type PriceResult } from './prices.ts';
import experiment from './experiment.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = '/usr/bin/python3';

describe('dates, bodies and delays', () => {
  it('travelDates(n) are the n days after the article’s date, and dayNumber() inverts them', () => {
    expect(travelDates(3)).toEqual(['2018-03-14', '2018-03-15', '2018-03-16']);
    expect(travelDates(100).at(-1)).toBe('2018-06-21');
    expect(travelDates(100).map(dayNumber)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(dayNumber('2018-03-13')).toBeNaN();
    expect(dayNumber('2018-3-14')).toBeNaN();
  });

  it('priceBody(seed, date) is a few KB, the same for the same seed and date, other for another', () => {
    const a = JSON.stringify(priceBody(1, '2018-03-14'));
    expect(JSON.stringify(priceBody(1, '2018-03-14'))).toBe(a);
    expect(JSON.stringify(priceBody(2, '2018-03-14'))).not.toBe(a);
    const sizes = travelDates(100).map((d) => JSON.stringify(priceBody(1, d)).length);
    expect(Math.min(...sizes)).toBeGreaterThan(2500);
    expect(Math.max(...sizes)).toBeLessThan(6500);
  });

  it('delayMs(options, date) stays within latency ± jitter and averages near the latency', () => {
    const options = { seed: 3, latency_ms: 100, jitter_ms: 50 };
    const delays = travelDates(1000).map((d) => delayMs(options, d));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...delays)).toBeLessThanOrEqual(150);
    expect(Math.abs(delays.reduce((s, d) => s + d, 0) / delays.length - 100)).toBeLessThan(5);
    expect(delayMs(options, '2018-03-14')).toBe(delayMs(options, '2018-03-14'));
  });

  it('failsOnPurpose(options, day) picks every n-th day, none when 0', () => {
    expect([1, 2, 3, 4, 5, 6].filter((d) => failsOnPurpose({ fail_every: 3 }, d))).toEqual([3, 6]);
    expect([1, 2, 3].some((d) => failsOnPurpose({ fail_every: 0 }, d))).toBe(false);
  });

  it('apiOptions(params) scales the article’s latency and rejects a bad parameter, naming it', () => {
    expect(apiOptions({ article_latency_ms: 290, latency_scale: 0.25, jitter: 0.5 })).toMatchObject({ latency_ms: 72.5, jitter_ms: 36.25, latency_scale: 0.25 });
    expect(apiOptions(experiment.profiles.full.params).latency_ms).toBe(72.5);
    expect(() => apiOptions({ latency_scale: -1 })).toThrow(/latency_scale must be a non-negative number/);
    expect(() => apiOptions({ jitter: 2 })).toThrow(/jitter must be at most 1/);
  });
});

describe('what a client keeps', () => {
  const result = (date: string, ok: boolean, prices: number[] = [], status = ok ? 200 : 503): PriceResult => ({ date, ok, status, prices, delay_ms: 10, request_ms: 12 });

  it('keepPrices(body) keeps each departure’s price in integer cents, in order', () => {
    expect(keepPrices({ departures: [{ price: { amount: 12.9 } }, { price: { amount: 4.9 } }, { price: { amount: 0.07 } }] })).toEqual([1290, 490, 7]);
    expect(() => keepPrices({})).toThrow(/no departures/);
  });

  it('canonical(results) keeps a failed request as a line of its own: counted, never dropped', () => {
    expect(canonical([result('2018-03-14', true, [490, 1290]), result('2018-03-15', false)])).toBe('2018-03-14 490 1290\n2018-03-15 failed 503\n');
  });

  it('comparable(results) accepts failures the API makes on purpose (503) and refuses any other', () => {
    expect(comparable([result('a', true), result('b', false)])).toBe(true);
    expect(comparable([result('a', true), result('b', false, [], 0)])).toBe(false);
    expect(comparable([result('a', false, [], 500)])).toBe(false);
  });

  it('summarizeRequests(results) counts ok and failed requests and the slowest delay', () => {
    const s = summarizeRequests([result('a', true), { ...result('b', false), delay_ms: 30 }, { ...result('c', false, [], 0), delay_ms: null, request_ms: 40 }]);
    expect(s).toEqual({ requests_ok: 1, requests_failed: 2, max_delay_ms: 30, max_request_ms: 40 });
  });

  it.skipIf(!existsSync(PYTHON))('price_client.py keeps the same dates, prices and canonical lines as prices.ts', () => {
    const body = priceBody(5, '2018-03-20');
    const script = [
      'import json, sys',
      'from price_client import travel_dates, keep_prices, canonical',
      'body = json.loads(sys.stdin.read())',
      'res = [{"date": "2018-03-20", "ok": True, "status": 200, "prices": keep_prices(body)}, {"date": "2018-03-21", "ok": False, "status": 503, "prices": []}]',
      'print(json.dumps({"dates": travel_dates(100), "canonical": canonical(res)}))',
    ].join('\n');
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script], { cwd: HERE, input: JSON.stringify(body), encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } }));
    expect(out.dates).toEqual(travelDates(100));
    const prices = keepPrices(JSON.parse(JSON.stringify(body)));
    expect(out.canonical).toBe(canonical([result('2018-03-20', true, prices), result('2018-03-21', false)]));
  });
});

describe('planCells(params)', () => {
  const cells = planCells(experiment.profiles.full.params);
  const at = (strategy: string, phase: string) => cells.filter((c) => c.strategy === strategy && c.point.phase === phase);

  it('runs the article’s comparison at 100 dates with both Node clients and every Python method', () => {
    expect(at(NODE.sequential, 'article').map((c) => c.point.client)).toEqual(['fetch', 'http']);
    expect(at(NODE.eventLoop, 'article').map((c) => `${c.point.concurrency}·${c.point.client}`)).toEqual(['20·fetch', '100·fetch', '20·http', '100·http']);
    expect(at(PY.threads, 'article').map((c) => c.point.concurrency)).toEqual([20, 100]);
    for (const name of [PY.asyncio, PY.streams, PY.gevent]) expect(at(name, 'article').map((c) => c.point.concurrency)).toEqual([100]);
    expect(cells.filter((c) => c.point.phase === 'article').every((c) => c.point.requests === 100)).toBe(true);
  });

  it('sweeps the event loop to 1000 and caps worker threads at 100 and child processes at 50, with c × waves requests', () => {
    expect(at(NODE.eventLoop, 'sweep').map((c) => c.point.concurrency)).toEqual([1, 10, 20, 50, 100, 200, 1000]);
    expect(at(NODE.threads, 'sweep').map((c) => c.point.concurrency)).toEqual([1, 10, 20, 50, 100]);
    expect(at(NODE.processes, 'sweep').map((c) => c.point.concurrency)).toEqual([1, 10, 20, 50]);
    expect(at(NODE.eventLoop, 'sweep').every((c) => c.point.requests === 3 * Number(c.point.concurrency) && c.repetitions === 3)).toBe(true);
  });

  it('names every strategy the experiment defines, and rejects an unknown client', () => {
    const names = new Set(experiment.strategies.map((s) => s.name));
    expect(cells.every((c) => names.has(c.strategy))).toBe(true);
    expect(() => planCells({ ...experiment.profiles.smoke.params, clients: ['curl'] })).toThrow(/unknown client "curl"/);
  });
});
