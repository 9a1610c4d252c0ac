import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../paths.ts';
import { findPython } from './python.ts';

const python = findPython();

// The Python side of the trial protocol pauses after a timed start-up as lib/trial/context.ts does.
const SCRIPT = `
import json, sys, time
from trial import Trial
def gap(settle, with_startup):
    t = Trial({"strategy": "s", "point": {}, "params": {}, "inputs": {}, "settleMs": settle})
    up = time.time() * 1000
    if with_startup:
        t.startup(lambda: None)
        up = time.time() * 1000
    t.work(lambda: None)
    return t._r["work_start_epoch_ms"] - up
print(json.dumps([gap(2000, True), gap(2000, False), gap(0, True)]))
`;

describe.skipIf(!python)('lib/peers/trial.py Trial.work(fn)', () => {
  it('pauses settleMs after a timed start-up, and only then', () => {
    const out = spawnSync(python!.path, ['-c', SCRIPT], { env: { ...process.env, PYTHONPATH: path.join(ROOT, 'lib', 'peers') }, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const [settled, noStartup, noSettle] = JSON.parse(out.stdout) as number[];
    // A 2 s pause against half of it: a pause made or skipped decides, not the host's load.
    expect(settled).toBeGreaterThanOrEqual(1995);
    expect(noStartup).toBeLessThan(1000);
    expect(noSettle).toBeLessThan(1000);
  });
});
