// What one request in flight on the event loop really holds. Peak RSS counts
// garbage V8 has not collected yet (its young generation grows with the rate
// of allocation), so the slope of peak RSS over the concurrency level is an
// upper bound. This probe, run after the timed work and outside the clock,
// sends c requests on a fresh keep-alive agent, waits until every one has been
// written to its socket and none has been answered (the API holds each one
// HOLD_MS, whatever the run's latency), forces a full GC and
// counts the live JS heap plus the memory V8 holds outside it (buffers):
// sockets, request and response objects, parsers and promises, per request.

import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { keepPrices } from './prices.ts';

/** How long the API holds each probe request: ample time to write every one before the first answer. */
export const HOLD_MS = 300;

/** Two GCs this close apart count as the same heap. */
const SETTLED_BYTES = 16 * 1024;

let gcFn: (() => void) | undefined;
/** A full GC without --expose-gc on the command line (the runner sets the flags). */
function fullGc(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

const live = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Live bytes once collecting again frees next to nothing: what the timed work left behind is gone. */
async function settledLive(): Promise<number> {
  fullGc();
  let last = live();
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve)); // let closed sockets and finalizers run
    fullGc();
    const now = live();
    const settled = Math.abs(now - last) < SETTLED_BYTES;
    last = now;
    if (settled) break;
  }
  return last;
}

/**
 * Live bytes per request with all `urls` in flight at once, or null when an
 * answer came back before the last request was sent (HOLD_MS too short for
 * this many: never seen up to 1000).
 */
export async function liveBytesPerRequest(urls: readonly string[]): Promise<number | null> {
  if (urls.length === 0) return null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const before = await settledLive();
  let sent = 0;
  let answered = 0;
  let measured: number | null = null;
  let resolveSent: () => void = () => {};
  const allSent = new Promise<void>((resolve) => (resolveSent = resolve));
  const done = urls.map(
    (url) =>
      new Promise<void>((resolve) => {
        const req = http.get(`${url}?hold_ms=${HOLD_MS}`, { agent }, (res) => {
          answered++;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode === 200) keepPrices(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            resolve();
          });
          res.on('error', () => resolve());
        });
        let written = false;
        const markSent = () => {
          if (written) return;
          written = true;
          if (++sent === urls.length) resolveSent();
        };
        req.on('finish', markSent);
        req.on('error', () => {
          answered++;
          markSent();
          resolve();
        });
      }),
  );
  await allSent;
  if (answered === 0) {
    fullGc();
    measured = (live() - before) / urls.length;
  }
  await Promise.all(done);
  agent.destroy();
  return measured;
}
