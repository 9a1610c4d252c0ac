// The isolation rule: a function cannot cross into a worker thread
// (DataCloneError, the analog of the interpreter pool's NotShareableError),
// while the event loop, sharing one heap, takes it. Through the same executors
// and the same probe the trials use, on the experiment's compiled tasks.

import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, type ExecutorKind } from '../../lib/executors/index.ts';
import { ROOT } from '../../lib/paths.ts';
import { bundleExperiment, type Bundle } from '../../lib/trial/bundle.ts';
import { probeIsolation } from './pool-trial.ts';

let bundle: Bundle;
let tasksUrl: string;
beforeAll(() => {
  bundle = bundleExperiment({ root: ROOT, experimentDir: path.dirname(new URL(import.meta.url).pathname), id: 'interpreter-pools-isolation-test' });
  tasksUrl = pathToFileURL(bundle.tasksModule).href;
});
afterAll(() => bundle?.dispose());

async function probe(kind: ExecutorKind) {
  const pool = await createExecutor({ kind, workers: 1, tasksUrl });
  try {
    const isolation = await probeIsolation(pool);
    // The pool still works after the refusal.
    const after = kind === 'child-processes' ? null : await pool.map<number, number>('cpuHeavy', [10]);
    return { isolation, after };
  } finally {
    await pool.close();
  }
}

describe('passing a function to a worker', () => {
  it('postMessage(fn) to a worker thread throws DataCloneError', async () => {
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
    try {
      let error: unknown;
      try {
        worker.postMessage(() => 0);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe('DataCloneError');
    } finally {
      await worker.terminate();
    }
  });

  it('probeIsolation(worker-thread pool) records DataCloneError, and the pool keeps working', async () => {
    const { isolation, after } = await probe('worker-threads');
    expect(isolation.outcome).toBe('DataCloneError');
    expect(isolation.message).toContain('could not be cloned');
    expect(after).toEqual([81]);
  }, 20_000);

  it('probeIsolation(event loop) records that the function arrived', async () => {
    const { isolation } = await probe('event-loop');
    expect(isolation).toEqual({ outcome: 'passed', message: 'the function arrived in the worker as a function' });
  });

  it('probeIsolation(child-process pool) records the structured-clone refusal', async () => {
    const { isolation } = await probe('child-processes');
    expect(isolation.outcome).not.toBe('passed');
    expect(isolation.message).toContain('could not be cloned');
  }, 20_000);
});
