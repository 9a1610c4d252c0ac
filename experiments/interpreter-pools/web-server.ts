// The page the network workload fetches, in place of the article's public
// example.com: a fixed latency before each answer, a fixed body, and counters
// a trial can read (GET /__stats) to check how many requests it made.

import http from 'node:http';

export interface WebOptions {
  /** Delay before each page is answered. */
  latency_ms: number;
  /** Size of the page (example.com's is 1 256 bytes). */
  body_bytes: number;
}

export const WEB_DEFAULTS: WebOptions = { latency_ms: 100, body_bytes: 1256 };

export interface WebStats {
  requests: number;
  connections: number;
}

/** A deterministic HTML-ish page of exactly `bytes` ASCII bytes. */
export function pageBody(bytes: number): string {
  const line = '<p>This domain is for use in documentation examples.</p>\n';
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

export function createWebServer(options: Partial<WebOptions> = {}): http.Server {
  const { latency_ms, body_bytes } = { ...WEB_DEFAULTS, ...options };
  if (!(latency_ms >= 0) || !Number.isInteger(body_bytes) || body_bytes < 0) {
    throw new Error(`web server: latency_ms must be ≥ 0 and body_bytes a non-negative integer (got ${latency_ms}, ${body_bytes})`);
  }
  const body = pageBody(body_bytes);
  const stats: WebStats = { requests: 0, connections: 0 };
  const server = http.createServer((req, res) => {
    if (req.url === '/__stats') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(stats));
      return;
    }
    if (req.method !== 'GET' || req.url !== '/page') {
      res.statusCode = 404;
      res.end(`no such page: ${req.method} ${req.url} (try GET /page or /__stats)`);
      return;
    }
    stats.requests += 1;
    setTimeout(() => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-length', Buffer.byteLength(body));
      res.end(body);
    }, latency_ms);
  });
  server.on('connection', () => (stats.connections += 1));
  return server;
}

/** The server's options from the run's parameters. */
export function webOptions(params: Record<string, unknown>): WebOptions {
  return {
    latency_ms: Number(params.network_latency_ms ?? WEB_DEFAULTS.latency_ms),
    body_bytes: Number(params.network_body_bytes ?? WEB_DEFAULTS.body_bytes),
  };
}

/** Read the counters, on a connection of its own (it is not counted as a page request). */
export function readWebStats(baseUrl: string): Promise<WebStats> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}/__stats`, { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text) as WebStats);
          } catch {
            reject(new Error(`web service ${baseUrl}/__stats answered ${res.statusCode} with unreadable JSON: ${text.slice(0, 100)}`));
          }
        });
      })
      .on('error', (error) => reject(new Error(`web service ${baseUrl} unreachable for /__stats: ${error.message}`)));
  });
}
