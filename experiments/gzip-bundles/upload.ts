// The upload twist (G5): for each file of a bundle, gzip it (Node's async
// zlib, on the libuv pool: the fastest way here to gzip many files), HEAD its
// key on the S3-like store, then PUT the gzipped bytes. How the HTTP
// connections are used is the variable:
//   serial      one keep-alive connection, one file at a time (the article's serial loop with its one client)
//   shared      one keep-alive agent of `max_sockets` connections shared by every file in flight (threads sharing one client)
//   per-request a new TCP connection for every request (process pools, whose client cannot be shared)

import http from 'node:http';
import { gzipBytesAsync } from './tasks.ts';
import { mapLimit } from './map-limit.ts';
import type { TagStats } from './server.ts';

export const CONNECTION_MODES = ['serial', 'shared', 'per-request'] as const;
export type ConnectionMode = (typeof CONNECTION_MODES)[number];

export interface UploadOptions {
  /** Base URL of the store, e.g. http://127.0.0.1:4321 */
  url: string;
  /** Keys go under /<bucket>/<tag>/: the store counts connections per tag. */
  tag: string;
  mode: ConnectionMode;
  /** Files in flight at once (serial: 1). */
  in_flight: number;
  /** Connections of the shared agent. */
  max_sockets: number;
  level: number;
}

const BUCKET = 'symbols';

interface Sender {
  agent: http.Agent | false;
  close(): void;
}

function sender(mode: ConnectionMode, maxSockets: number): Sender {
  if (mode === 'per-request') return { agent: false, close: () => {} };
  const agent = new http.Agent({ keepAlive: true, maxSockets: mode === 'serial' ? 1 : maxSockets });
  return { agent, close: () => agent.destroy() };
}

function request(url: string, method: 'HEAD' | 'PUT', agent: http.Agent | false, body?: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = body ? { 'content-length': body.length, 'content-type': 'application/gzip' } : {};
    // agent: false opens a connection for this request alone; say so, so the store closes it too.
    if (agent === false) headers.connection = 'close';
    const req = http.request(url, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Gzip and upload every file; returns the gzipped sizes in input order. */
export async function uploadBundle(names: readonly string[], payloads: readonly Uint8Array[], o: UploadOptions): Promise<number[]> {
  const { agent, close } = sender(o.mode, o.max_sockets);
  const inFlight = o.mode === 'serial' ? 1 : o.in_flight;
  try {
    return await mapLimit(payloads, inFlight, async (data, i) => {
      const key = `${o.url}/${BUCKET}/${o.tag}/${encodeURIComponent(names[i]!)}`;
      const gz = await gzipBytesAsync({ data, level: o.level });
      const head = await request(key, 'HEAD', agent);
      if (head !== 404 && head !== 200) throw new Error(`HEAD ${key} answered ${head}`);
      const put = await request(key, 'PUT', agent, gz);
      if (put !== 200) throw new Error(`PUT ${key} answered ${put}`);
      return gz.length;
    });
  } finally {
    close();
  }
}

/** What the store counted for a tag. */
export async function storeStats(url: string, tag: string): Promise<TagStats> {
  const res = await fetch(`${url}/__stats?tag=${encodeURIComponent(tag)}`);
  if (!res.ok) throw new Error(`GET ${url}/__stats answered ${res.status}`);
  return (await res.json()) as TagStats;
}
