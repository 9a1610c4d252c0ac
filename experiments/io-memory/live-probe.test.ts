// The live-memory probe: with a latency long enough to have every request in
// flight it returns the bytes each one holds after a full GC (positive, and
// far below the peak-RSS slope), and nothing for an empty batch.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOptions } from './api-options.ts';
import { liveBytesPerRequest } from './live-probe.ts';
import { createPriceApi } from './price-api.ts';
import { travelDates } from './prices.ts';

async function serve(latency_scale: number): Promise<{ server: http.Server; base: string }> {
  const server = createPriceApi(apiOptions({ latency_scale, jitter: 0.1 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('liveBytesPerRequest', () => {
  let slow: { server: http.Server; base: string };
  beforeAll(async () => {
    slow = await serve(1); // 290 ms ± 10 %: every request is written long before the first answer
  });
  afterAll(() => {
    slow.server.closeAllConnections();
    slow.server.close();
  });

  it('counts what 200 requests in flight hold: some bytes each, under 64 KB', async () => {
    const live = await liveBytesPerRequest(travelDates(200).map((d) => `${slow.base}/prices/${d}`));
    expect(live).not.toBeNull();
    expect(live!).toBeGreaterThan(500);
    expect(live!).toBeLessThan(64 * 1024);
  });

  it('catches every request in flight even when the run’s own latency is a few ms (the API holds probe requests)', async () => {
    const fast = await serve(0.02); // 5.8 ms ± 10 %: without the hold, answers would come back before 300 requests are written
    try {
      expect(await liveBytesPerRequest(travelDates(300).map((d) => `${fast.base}/prices/${d}`))).not.toBeNull();
    } finally {
      fast.server.closeAllConnections();
      fast.server.close();
    }
  });

  it('returns null for no requests', async () => {
    expect(await liveBytesPerRequest([])).toBeNull();
  });
});
