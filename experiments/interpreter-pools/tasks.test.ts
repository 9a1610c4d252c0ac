import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPython } from '../../lib/peers/python.ts';
import { canonical } from './pool-trial.ts';
import { cpuHeavy, diskHeavy, ioHeavy, memoryHeavy, networkHeavy, typeOf } from './tasks.ts';
import { fileSystemOf, fileSystemType, MEMORY_FILE_SYSTEMS } from './file-system.ts';
import { IO_STEPS, ioSteps } from './io-steps.ts';
import { TEMP_PREFIX, withTempFile } from './temp-file.ts';
import { createWebServer, pageBody } from './web-server.ts';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const MiB = 1024 * 1024;
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interpreter-pools-test-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the article’s workloads in Node', () => {
  it('cpuHeavy(n) is the last square of the loop, (n - 1)², and 0 for no iterations', () => {
    expect(cpuHeavy(5_000_000)).toBe(24_999_990_000_001);
    expect(cpuHeavy(1)).toBe(0);
    expect(cpuHeavy(0)).toBe(0);
  });

  it('memoryHeavy(n) is the sum of 0 … n − 1', () => {
    expect(memoryHeavy(1_000_000)).toBe((1_000_000 * 999_999) / 2);
    expect(memoryHeavy(0)).toBe(0);
  });

  it('ioHeavy({ mb, dir }) reads back one line of mb MiB and leaves nothing in dir', async () => {
    const dir = freshDir();
    expect(await ioHeavy({ mb: 3, dir })).toBe(3 * MiB);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('ioHeavy rejects a bad size before touching the disk', async () => {
    const dir = freshDir();
    await expect(ioHeavy({ mb: -1, dir })).rejects.toThrow('mb must be a non-negative integer');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('typeOf(value) says what arrived', () => {
    expect(typeOf(() => 0)).toBe('function');
    expect(typeOf(3)).toBe('number');
  });
});

// O_DIRECT needs a file system on a device; tmpfs refused it before Linux 6.6.
const onDevice = !MEMORY_FILE_SYSTEMS.has(fileSystemType(fileSystemOf(os.tmpdir())));

describe.skipIf(!onDevice)('the disk workload in Node (beyond the article)', () => {
  it('diskHeavy({ mb, dir }) writes mb durable MiB records, returns the file’s size and leaves nothing in dir', async () => {
    const dir = freshDir();
    expect(await diskHeavy({ mb: 3, dir })).toBe(3 * MiB);
    expect(await diskHeavy({ mb: 0, dir })).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('diskHeavy rejects a bad size before touching the disk', async () => {
    const dir = freshDir();
    await expect(diskHeavy({ mb: 1.5, dir })).rejects.toThrow('mb must be a non-negative integer');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('io_heavy, step by step (the io_steps table)', () => {
  it('ioSteps(mb, rounds) times every step of every round, the whole task last, and leaves nothing behind', async () => {
    const dir = freshDir();
    const rows = await ioSteps(2, 2, dir);
    expect(rows.map((r) => `${r.round} ${r.step}`)).toEqual([0, 1].flatMap((k) => IO_STEPS.map((s) => `${k} ${s}`)));
    for (const r of rows) {
      expect(r).toMatchObject({ runtime: 'node', mb: 2 });
      for (const v of [r.wall_ms, r.user_ms, r.sys_ms]) expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(readdirSync(dir)).toEqual([]);
    await expect(ioSteps(0, 1, dir)).rejects.toThrow('mb and rounds must be positive integers');
  });
});

describe('where the temporary files go', () => {
  const MOUNTS = [
    '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
    '30 22 0:26 / /dev/shm rw shared:4 - tmpfs tmpfs rw',
    '31 22 0:27 / /mnt/my\\040disk rw - xfs /dev/vdb1 rw',
  ].join('\n');

  it('fileSystemOf(dir) names the mount that holds dir: the longest mount point above it', () => {
    expect(fileSystemOf('/tmp', MOUNTS)).toBe('ext4 on /dev/vda (mounted at /)');
    expect(fileSystemOf('/dev/shm', MOUNTS)).toBe('tmpfs on tmpfs (mounted at /dev/shm)');
    expect(fileSystemOf('/dev/shmx', MOUNTS)).toBe('ext4 on /dev/vda (mounted at /)');
    expect(fileSystemOf('/mnt/my disk/a', MOUNTS)).toBe('xfs on /dev/vdb1 (mounted at /mnt/my disk)');
    expect(fileSystemType(fileSystemOf('/dev/shm', MOUNTS))).toBe('tmpfs');
    expect(fileSystemOf('/tmp', '')).toBe('');
  });
});

describe('temporary files', () => {
  it('withTempFile(dir, fn) removes the file it handed out when fn throws after writing it', async () => {
    const dir = freshDir();
    let seen = '';
    await expect(
      withTempFile(dir, async (file) => {
        seen = file;
        writeFileSync(file, 'a'.repeat(MiB));
        expect(await readFile(file, 'utf8')).toHaveLength(MiB);
        throw new Error('task failed halfway');
      }),
    ).rejects.toThrow('task failed halfway');
    expect(path.basename(path.dirname(seen))).toMatch(new RegExp(`^${TEMP_PREFIX}`));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('withTempFile(dir, fn) returns fn’s value and removes the file', async () => {
    const dir = freshDir();
    expect(await withTempFile(dir, async (file) => (writeFileSync(file, 'x'), 7))).toBe(7);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the network workload', () => {
  it('networkHeavy({ url, requests }) makes that many GETs, each on a new connection, and returns the page’s length', async () => {
    const server = createWebServer({ latency_ms: 1, body_bytes: 1256 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await networkHeavy({ url: `${base}/page`, requests: 3 })).toBe(1256);
      const stats = await (await fetch(`${base}/__stats`)).json();
      expect(stats.requests).toBe(3);
      expect(stats.connections).toBeGreaterThanOrEqual(3);
      await expect(networkHeavy({ url: `${base}/nope`, requests: 1 })).rejects.toThrow('answered 404');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('pageBody(bytes) is exactly that many ASCII bytes', () => {
    expect(Buffer.byteLength(pageBody(1256))).toBe(1256);
    expect(pageBody(0)).toBe('');
  });
});

// The Python peer's workloads must compute what Node's do: the run checks it
// through the digests; these check the module itself, and its io cleanup.
const python = findPython();
describe.skipIf(!python)('the article’s workloads in Python (workloads.py)', () => {
  const py = (code: string) => execFileSync(python!.path, ['-c', code], { cwd: HERE, encoding: 'utf8', env: { ...process.env, PYTHONPATH: HERE, PYTHONDONTWRITEBYTECODE: '1' } }).trim();

  it('cpu_heavy, memory_heavy and io_heavy return what the Node tasks return, in the digest’s form', async () => {
    const dir = freshDir();
    const out = py(`import workloads as w; print("".join(f"{r}\\n" for r in [w.cpu_heavy(5000000), w.memory_heavy(1000000), w.io_heavy(3, ${JSON.stringify(dir)})]), end="")`);
    expect(out + '\n').toBe(canonical([cpuHeavy(5_000_000), memoryHeavy(1_000_000), await ioHeavy({ mb: 3, dir })]));
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(!onDevice)('disk_heavy returns what diskHeavy returns and leaves nothing behind', async () => {
    const dir = freshDir();
    expect(py(`import workloads as w; print(w.disk_heavy(3, ${JSON.stringify(dir)}))`)).toBe(String(await diskHeavy({ mb: 3, dir })));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('io_steps(mb, rounds) times the same steps as ioSteps, under the same names, and leaves nothing behind', () => {
    const dir = freshDir();
    const rows = JSON.parse(py(`import json, workloads as w; print(json.dumps(w.io_steps(2, 2, ${JSON.stringify(dir)})))`)) as { step: string; round: number; runtime: string; mb: number }[];
    expect(rows.map((r) => `${r.round} ${r.step}`)).toEqual([0, 1].flatMap((k) => IO_STEPS.map((s) => `${k} ${s}`)));
    expect(rows.every((r) => r.runtime === 'python' && r.mb === 2)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('io_heavy removes its temporary file when reading it back fails', () => {
    const dir = freshDir();
    const out = py(
      [
        'import workloads',
        'def broken(*args, **kwargs): raise OSError("disk went away")',
        'workloads.open = broken',
        'try:',
        `    workloads.io_heavy(2, ${JSON.stringify(dir)})`,
        'except OSError as e:',
        '    print("raised", e)',
      ].join('\n'),
    );
    expect(out).toBe('raised disk went away');
    expect(readdirSync(dir)).toEqual([]);
  });
});
