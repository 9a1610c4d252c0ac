// A local S3-like store for the upload twist (G5). Objects live under
// /<bucket>/<tag>/<key>; HEAD answers 404 (nothing is stored yet), PUT reads
// the body and answers 200. Every response waits `request_latency_ms`, and the
// first response on a new TCP connection waits `handshake_ms` more: the round
// trips a client pays to open a connection (TCP and TLS) to a remote S3. The
// store counts, per tag, the connections it accepted (a connection belongs to
// the tag of its first request), the requests and the bytes PUT:
// GET /__stats?tag=T. Run by the runner once per run, in its own process.

import http from 'node:http';
import type { Socket } from 'node:net';
import { listenLocal, serviceParams } from '../../lib/services/listen.ts';
import { SERVICE_PARAMS_ENV } from '../../lib/services/protocol.ts';

export interface StoreOptions {
  request_latency_ms: number;
  handshake_ms: number;
}

export interface TagStats {
  connections: number;
  requests: number;
  put_bytes: number;
}

const STATS_PATH = '/__stats';

/** The store as an http.Server (not listening): the service script and the tests both use it. */
export function createStore({ request_latency_ms, handshake_ms }: StoreOptions): http.Server {
  for (const [key, value] of Object.entries({ request_latency_ms, handshake_ms })) {
    if (!(Number.isFinite(value) && value >= 0)) throw new Error(`s3 store: ${key} must be a non-negative number (got ${value})`);
  }
  const stats = new Map<string, TagStats>();
  const statsOf = (tag: string) => {
    let s = stats.get(tag);
    if (!s) stats.set(tag, (s = { connections: 0, requests: 0, put_bytes: 0 }));
    return s;
  };
  // Which tag each connection was counted for; unset until its first request.
  const owner = new WeakMap<Socket, string>();
  const later = (ms: number, fn: () => void) => (ms > 0 ? setTimeout(fn, ms) : setImmediate(fn));

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://store');
    if (url.pathname === STATS_PATH) {
      const tag = url.searchParams.get('tag') ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(stats.get(tag) ?? { connections: 0, requests: 0, put_bytes: 0 }));
      return;
    }
    const [, bucket, tag, ...key] = url.pathname.split('/');
    if (!bucket || !tag || key.length === 0) {
      res.statusCode = 400;
      res.end(`expected /<bucket>/<tag>/<key>, got ${url.pathname}\n`);
      return;
    }
    const s = statsOf(tag);
    s.requests++;
    let delay = request_latency_ms;
    if (!owner.has(req.socket)) {
      owner.set(req.socket, tag);
      s.connections++;
      delay += handshake_ms;
    }
    if (req.method === 'HEAD') {
      later(delay, () => {
        res.statusCode = 404;
        // Without a length, Node's server ends the connection after a HEAD answer; S3 sends one.
        res.setHeader('content-length', 0);
        res.end();
      });
      return;
    }
    if (req.method === 'PUT') {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        s.put_bytes += bytes;
        later(delay, () => {
          res.setHeader('etag', `"${bytes}"`);
          res.end();
        });
      });
      return;
    }
    req.resume();
    res.statusCode = 405;
    res.end(`method ${req.method} not supported: HEAD or PUT\n`);
  });
}

// Started by the runner (lib/services/service.ts): read the run's parameters and listen.
if (process.env[SERVICE_PARAMS_ENV]) {
  const params = serviceParams();
  const server = createStore({ request_latency_ms: Number(params.request_latency_ms ?? 0), handshake_ms: Number(params.handshake_ms ?? 0) });
  await listenLocal(server);
}
