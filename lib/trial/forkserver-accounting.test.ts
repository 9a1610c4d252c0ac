// The CPU of a pool whose workers are not the trial's children: a forkserver's
// (Python 3.14's default start method on Linux) are forked and reaped by the
// forkserver, which runs until the trial exits and was never waited for, so the
// runner's count of the trial tree missed them and every such trial read as
// disturbed by other processes. Through the real path: a peer on lib/peers/trial.py
// started by spawnTrial, its workers burning a known amount of CPU.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPython, findPython314 } from '../peers/python.ts';
import { ROOT } from '../paths.ts';
import { spawnTrial, type TrialOutcome } from './spawn.ts';

const TASKS = 4;
const BURN_MS = 250;

// Each task spins until its process has used BURN_MS of CPU and returns what it used.
const PEER = `
import multiprocessing, time
from concurrent.futures import ProcessPoolExecutor
from trial import run_peer

def burn(ms):
    t0 = time.process_time()
    while time.process_time() - t0 < ms / 1000:
        pass
    return (time.process_time() - t0) * 1000

def forkserver_pool(trial):
    ex = trial.startup(lambda: ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")))
    with ex:
        burned = trial.work(lambda: [f.result() for f in [ex.submit(burn, ${BURN_MS}) for _ in range(${TASKS})]])
    trial.metric("burned_ms", sum(burned))

OPEN = []

def pool_left_open(trial):
    OPEN.append(ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")))  # held: not collected
    trial.work(lambda: OPEN[0].submit(burn, 1).result())

if __name__ == "__main__":
    run_peer({"forkserver-pool": forkserver_pool, "pool-left-open": pool_left_open})
`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'forkserver-accounting-'));
const script = path.join(dir, 'peer.py');
writeFileSync(script, PEER);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(python: string, strategy: string): Promise<TrialOutcome> {
  return spawnTrial({
    command: python,
    args: [script, '--strategy', strategy],
    env: { PYTHONPATH: path.join(ROOT, 'lib', 'peers'), PYTHONDONTWRITEBYTECODE: '1' },
    spec: { experimentId: 'forkserver-accounting', experimentDir: dir, tasksUrl: '', strategy, point: {}, params: {}, inputs: {}, services: {} },
    cwd: dir,
    timeoutMs: 60_000,
    sampleIntervalMs: 20,
  });
}

const system = findPython();
const py314 = findPython314().python;
const pythons = [
  { name: `system Python ${system?.version ?? '(none)'}`, path: system?.path ?? null },
  { name: `CPython 3.14 ${py314?.version ?? '(none: make deps provides one)'}`, path: py314?.path ?? null },
];

describe.each(pythons)('a forkserver ProcessPoolExecutor on the $name, through spawnTrial', ({ path: python }) => {
  it.skipIf(!python)(`counts its workers' CPU (${TASKS} tasks × ${BURN_MS} ms) in the trial tree's whole-life CPU and in the work's CPU`, async () => {
    const outcome = await run(python!, 'forkserver-pool');
    expect(outcome.failure).toBeNull();
    const burned = outcome.result!.metrics.burned_ms as number;
    expect(burned).toBeGreaterThanOrEqual(TASKS * BURN_MS);
    // Most of it, not all: cpu_process_ms is counted in clock ticks. When the forkserver went
    // unwaited it held the trial process's own CPU only: 120 ms on 3.11, 470 on 3.14, of 1 000 burned.
    expect(outcome.cpu_process_ms!, 'cpu_process_ms').toBeGreaterThanOrEqual(burned * 0.9);
    expect(outcome.result!.cpu_user_ms! + outcome.result!.cpu_sys_ms!, 'work CPU ms').toBeGreaterThanOrEqual(burned * 0.9);
  }, 60_000);
});

// Once, not per Python: the trial waits REAP_TIMEOUT_S (10 s) before it gives up.
const anyPython = pythons.find((p) => p.path)?.path ?? null;
it.skipIf(!anyPython)('a trial that leaves its forkserver pool open fails, naming the process left running', async () => {
  const outcome = await run(anyPython!, 'pool-left-open');
  expect(outcome.failure).toMatch(/left 1 process\(es\) running .*python.*shut every pool down inside the strategy/s);
}, 60_000);
