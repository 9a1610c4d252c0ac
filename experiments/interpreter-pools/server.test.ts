// The web service as the runner starts it: its own process, bound to
// 127.0.0.1 only, answering the page after its latency and counting requests.

import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../lib/services/service.ts';
import { readWebStats } from './web-server.ts';

const SCRIPT = path.join(path.dirname(new URL(import.meta.url).pathname), 'server.ts');
const LATENCY_MS = 40;
const BODY_BYTES = 1256;

let service: RunningService;
beforeAll(async () => {
  service = await startService('web', SCRIPT, { network_latency_ms: LATENCY_MS, network_body_bytes: BODY_BYTES });
}, 30_000);
afterAll(() => service?.stop());

/** This machine's first non-loopback IPv4 address, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('the web service (server.ts)', () => {
  it('binds 127.0.0.1 only', async () => {
    expect(service.host).toBe('127.0.0.1');
    expect(await connects('127.0.0.1', service.port)).toBe(true);
    const external = externalAddress();
    if (external) expect(await connects(external, service.port)).toBe(false);
  });

  it('GET /page answers the page after the latency, and /__stats counts the requests', async () => {
    const before = await readWebStats(service.url);
    const t0 = performance.now();
    const res = await fetch(`${service.url}/page`);
    const body = await res.text();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(LATENCY_MS - 2);
    expect(res.status).toBe(200);
    expect(Buffer.byteLength(body)).toBe(BODY_BYTES);
    const after = await readWebStats(service.url);
    expect(after.requests - before.requests).toBe(1);
  });

  it('answers 404 elsewhere, without counting a page request', async () => {
    const before = await readWebStats(service.url);
    const res = await fetch(`${service.url}/other`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('try GET /page');
    expect((await readWebStats(service.url)).requests).toBe(before.requests);
  });
});
