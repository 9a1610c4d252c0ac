// Reading the price API's counters from a trial, on a connection of its own
// (no keep-alive), so the read never lends the client a warm socket.

import http from 'node:http';
import type { ApiStats } from './price-api.ts';

export function readApiStats(baseUrl: string, { reset = false } = {}): Promise<ApiStats> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}/__stats${reset ? '?reset=1' : ''}`, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(body) as ApiStats);
          } catch {
            reject(new Error(`price API ${baseUrl}/__stats answered ${res.statusCode} with unreadable JSON: ${body.slice(0, 100)}`));
          }
        });
      })
      .on('error', (error) => reject(new Error(`price API ${baseUrl} unreachable for /__stats: ${error.message}`)));
  });
}
