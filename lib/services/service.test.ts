import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStat } from '../measure/proc.ts';
import { ROOT } from '../paths.ts';
import { startService, type RunningService } from './service.ts';

const SCRIPT = path.join(ROOT, 'lib/testing/fixtures/services/counting-server.ts');

const get = (url: string, agent?: http.Agent) =>
  new Promise<string>((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });

describe('startService(name, script, params)', () => {
  const started: RunningService[] = [];
  afterAll(async () => Promise.all(started.map((s) => s.stop())));

  it('binds 127.0.0.1 on a port of its own, and two services never share one', async () => {
    const [a, b] = await Promise.all([startService('a', SCRIPT, { latency_ms: 5 }), startService('b', SCRIPT, {})]);
    started.push(a, b);
    expect(a.host).toBe('127.0.0.1');
    expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
    expect(a.port).not.toBe(b.port);
    expect(JSON.parse(await get(a.url))).toEqual({ params: { latency_ms: 5 } });
  }, 30_000);

  it('listens on 127.0.0.1 only, as the kernel sees it (/proc/net/tcp)', async () => {
    const s = await startService('bound', SCRIPT, {});
    started.push(s);
    const listening = readFileSync('/proc/net/tcp', 'latin1')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && parseInt(f[1]!.split(':')[1]!, 16) === s.port)
      .map((f) => f[1]!.split(':')[0]);
    expect(listening).toEqual(['0100007F']); // 127.0.0.1, little-endian hex; never 00000000 (all interfaces)
    expect(readFileSync('/proc/net/tcp6', 'latin1')).not.toMatch(new RegExp(`:${s.port.toString(16).toUpperCase().padStart(4, '0')} [0-9A-F:]+ 0A `));
  }, 30_000);

  it('counts the connections a keep-alive agent opens against one per request', async () => {
    const s = await startService('count', SCRIPT, {});
    started.push(s);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 5; i++) await get(s.url + '/x', agent);
    agent.destroy();
    for (let i = 0; i < 5; i++) await get(s.url + '/x', new http.Agent({ keepAlive: false }));
    expect(JSON.parse(await get(s.url + '/__stats'))).toEqual({ connections: 1 + 5 + 1 });
  }, 30_000);

  it('stop() leaves no process behind', async () => {
    const s = await startService('gone', SCRIPT, {});
    expect(readStat(s.pid)).not.toBeNull();
    await s.stop();
    expect(readStat(s.pid)).toBeNull();
  }, 30_000);

  it('rejects, naming the script, when the service dies before it is ready', async () => {
    await expect(startService('broken', path.join(ROOT, 'lib/testing/fixtures/services/no-such-file.ts'), {})).rejects.toThrow(/broken .*no-such-file\.ts.* exited before it was ready/);
  }, 30_000);
});
