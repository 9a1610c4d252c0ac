// The two CPU counts against a known cost: child processes that each burn a
// fixed amount of CPU. Bounds are on CPU time, which a busy host does not
// inflate much, with wide margins; no wall-time assertion.

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPython } from '../../lib/peers/python.ts';
import { ROOT } from '../../lib/paths.ts';
import { SpanMeter, selfCpuMs } from './cpu-accounting.ts';

const BURN_MS = 300;
const CHILDREN = 2;
const KNOWN_MS = BURN_MS * CHILDREN;

/** Node code that spins until it has used `ms` of CPU, then prints "done" and, if told to, waits to be killed. */
const burner = (ms: number, linger: boolean) =>
  `const s=process.cpuUsage();let x=0;while((process.cpuUsage(s).user+process.cpuUsage(s).system)/1000<${ms})x++;console.log('done');${linger ? 'setInterval(()=>{},1000);' : ''}`;

function burn(linger: boolean): { child: ChildProcess; done: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, ['-e', burner(BURN_MS, linger)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<void>((resolve) => child.stdout!.on('data', () => resolve()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, done, exited };
}

/** Spin this thread for `ms` of CPU. */
function spinSelf(ms: number): void {
  const start = selfCpuMs();
  let x = 0;
  while (selfCpuMs() - start < ms) x++;
  if (x < 0) throw new Error('unreachable');
}

describe('the article’s CPU count against the whole tree’s', () => {
  it('children that exited before the final reading: the tree counts their CPU, the article’s count loses it', async () => {
    const meter = new SpanMeter();
    await meter.segment(async () => {
      const kids = Array.from({ length: CHILDREN }, () => burn(false));
      await Promise.all(kids.map((k) => k.exited));
    });
    const r = meter.reading();
    expect(r.tree_cpu_ms).toBeGreaterThan(0.9 * KNOWN_MS);
    expect(r.tree_cpu_ms).toBeLessThan(2 * KNOWN_MS);
    expect(r.article_cpu_ms).toBeLessThan(0.3 * KNOWN_MS);
  }, 20_000);

  it('children still alive at the final reading: both counts see their CPU', async () => {
    const meter = new SpanMeter();
    const kids: ReturnType<typeof burn>[] = [];
    try {
      await meter.segment(async () => {
        kids.push(...Array.from({ length: CHILDREN }, () => burn(true)));
        await Promise.all(kids.map((k) => k.done));
      });
    } finally {
      for (const k of kids) k.child.kill();
      await Promise.all(kids.map((k) => k.exited));
    }
    const r = meter.reading();
    expect(r.article_cpu_ms).toBeGreaterThan(0.9 * KNOWN_MS);
    expect(r.tree_cpu_ms).toBeGreaterThan(0.9 * KNOWN_MS);
  }, 20_000);

  it('SpanMeter.wrapped(wrap, fn) leaves out the CPU spent in wrap around fn (the harness’s probes)', async () => {
    const meter = new SpanMeter();
    const value = await meter.wrapped(
      async (inner) => {
        spinSelf(150);
        const v = await inner();
        spinSelf(150);
        return v;
      },
      () => (spinSelf(100), 'ok'),
    );
    expect(value).toBe('ok');
    const r = meter.reading();
    expect(r.article_cpu_ms).toBeGreaterThan(80);
    expect(r.article_cpu_ms).toBeLessThan(180);
    expect(r.tree_cpu_ms).toBeGreaterThan(80);
    expect(r.tree_cpu_ms).toBeLessThan(180);
  });
});

const python = findPython();
describe.skipIf(!python)('the Python peer’s two counts (peer.py)', () => {
  it('a process pool shut down inside the window: the tree counts its workers’ CPU, the article’s count does not', () => {
    const code = [
      'import json, time',
      'from concurrent.futures import ProcessPoolExecutor',
      'import peer',
      `def burn(ms):`,
      `    t0 = time.process_time()`,
      `    while (time.process_time() - t0) * 1000 < ms: pass`,
      `    return ms`,
      'm = peer.SpanMeter()',
      'def work():',
      `    with ProcessPoolExecutor(max_workers=${CHILDREN}) as ex:`,
      `        return [f.result() for f in [ex.submit(burn, ${BURN_MS}) for _ in range(${CHILDREN})]]`,
      'm.segment(work)',
      'print(json.dumps({"article": m.article_ms, "tree": m.tree_ms}))',
    ].join('\n');
    const here = path.dirname(new URL(import.meta.url).pathname);
    const out = execFileSync(python!.path, ['-c', code], { cwd: here, encoding: 'utf8', env: { ...process.env, PYTHONPATH: [here, path.join(ROOT, 'lib', 'peers')].join(':'), PYTHONDONTWRITEBYTECODE: '1' } });
    const r = JSON.parse(out) as { article: number; tree: number };
    expect(r.tree).toBeGreaterThan(0.9 * KNOWN_MS);
    expect(r.article).toBeLessThan(0.3 * KNOWN_MS);
  }, 20_000);
});
