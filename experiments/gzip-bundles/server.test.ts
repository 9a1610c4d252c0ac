// The S3-like store as the runner starts it (its own process, 127.0.0.1, a
// port of its own), driven by the upload client: it must count the TCP
// connections each client opened, per tag, and every request and byte.

import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../lib/services/service.ts';
import { storeStats, uploadBundle } from './upload.ts';

let store: RunningService;
beforeAll(async () => {
  store = await startService('s3', path.join(import.meta.dirname, 'server.ts'), { request_latency_ms: 1, handshake_ms: 1 });
}, 30_000);
afterAll(() => store?.stop());

const names = Array.from({ length: 12 }, (_, i) => `f${i}.sym`);
const payloads = names.map((n, i) => Buffer.from(`${n} `.repeat(500 + 100 * i)));

function request(method: string, url: string, agent: http.Agent): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the S3-like store', () => {
  it('counts one connection for one keep-alive client, HEAD and PUT alike', async () => {
    await uploadBundle(names, payloads, { url: store.url, tag: 'serial', mode: 'serial', in_flight: 1, max_sockets: 10, level: 6 });
    expect(await storeStats(store.url, 'serial')).toEqual({ connections: 1, requests: 24, put_bytes: expect.any(Number) });
  });

  it('counts at most max_sockets connections for a shared agent and one per request without one', async () => {
    const shared = await uploadBundle(names, payloads, { url: store.url, tag: 'shared', mode: 'shared', in_flight: 10, max_sockets: 4, level: 6 });
    await uploadBundle(names, payloads, { url: store.url, tag: 'fresh', mode: 'per-request', in_flight: 10, max_sockets: 4, level: 6 });
    const s = await storeStats(store.url, 'shared');
    expect(s.connections).toBeGreaterThan(1);
    expect(s.connections).toBeLessThanOrEqual(4);
    expect(s.put_bytes).toBe(shared.reduce((a, b) => a + b, 0));
    expect(await storeStats(store.url, 'fresh')).toMatchObject({ connections: 24, requests: 24 });
  });

  it('keeps a connection open after a HEAD answer (a 404 with its length)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = `${store.url}/bucket/keepalive/key`;
    const first = await request('HEAD', url, agent);
    const second = await request('HEAD', url, agent);
    agent.destroy();
    expect(first).toEqual({ status: 404, reused: false });
    expect(second).toEqual({ status: 404, reused: true });
    expect((await storeStats(store.url, 'keepalive')).connections).toBe(1);
  });

  it('answers an unknown tag with zeros and a malformed key with 400', async () => {
    expect(await storeStats(store.url, 'never-used')).toEqual({ connections: 0, requests: 0, put_bytes: 0 });
    expect((await fetch(`${store.url}/only-a-bucket`)).status).toBe(400);
  });
});
