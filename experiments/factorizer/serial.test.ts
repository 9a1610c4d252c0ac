import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeStrategy, Scalar } from '../../lib/experiment/types.ts';
import type { TrialContext } from '../../lib/trial/context.ts';
import experiment, { canonical, dynamicBatches, factorizeInSequence, numberSets, SERIAL_BATCH_WORKERS, serialBatches } from './experiment.ts';
import { factorizeBatch } from './tasks.ts';

const smoke = experiment.profiles.smoke.params;
const nums = numberSets(smoke).find((s) => s.name === 'reader')!.generate();

describe('factorizeInSequence (node-serial’s work)', () => {
  it('gives exactly the factors factorizeBatch gives over the whole list, in order', () => {
    expect(factorizeInSequence(serialBatches(nums, smoke))).toEqual(factorizeBatch(nums));
    expect(factorizeInSequence(dynamicBatches(nums, 1, 16))).toEqual(factorizeBatch(nums));
  });

  it('concatenates the batches’ results in batch order, as plain arrays', () => {
    const out = factorizeInSequence([[12, 97], [1_000_000_007], [4]]);
    expect(out).toEqual([[2, 2, 3], [97], [1_000_000_007], [2, 2]]);
    expect(out.every((f) => Object.getPrototypeOf(f) === Array.prototype)).toBe(true);
  });

  it('is empty for no batches and for empty batches', () => {
    expect(factorizeInSequence([])).toEqual([]);
    expect(factorizeInSequence([[], []])).toEqual([]);
  });
});

describe('node-serial', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'factorizer-serial-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Run the strategy in this process with a context that records what it reports. */
  async function runSerial(numbers: number[]) {
    const file = path.join(dir, `numbers-${numbers.length}.txt`);
    writeFileSync(file, numbers.join('\n') + '\n');
    const seen = { works: 0, digest: '', metrics: {} as Record<string, Scalar>, tables: {} as Record<string, Record<string, Scalar>[]> };
    const t: TrialContext = {
      strategy: 'node-serial',
      point: { set: 'test', numbers: numbers.length, workers: 1 },
      params: smoke,
      inputs: { 'numbers-test': file },
      tasksUrl: new URL('./tasks.ts', import.meta.url).href,
      experimentDir: import.meta.dirname,
      services: {},
      startup: async (fn) => fn(),
      work: async (fn) => {
        seen.works++;
        return fn();
      },
      digest: (c) => {
        seen.digest = String(c);
      },
      metric: (name, value) => {
        seen.metrics[name] = value;
      },
      table: (name, rows) => {
        (seen.tables[name] ??= []).push(...rows);
      },
    };
    const serial = experiment.strategies.find((s) => s.name === 'node-serial') as NodeStrategy;
    await serial.run(t);
    return seen;
  }

  it('computes the same result as factorizeBatch over the whole list (the digest every strategy must match)', async () => {
    const seen = await runSerial(nums);
    expect(seen.works).toBe(1);
    // The context hashes what it is given; here it keeps the canonical text itself.
    expect(seen.digest).toBe(canonical(nums, factorizeBatch(nums)));
  });

  it('takes the batches a two-worker dynamic pool is handed: 2 × batches_per_worker of ceil(n / 32) numbers, in order', async () => {
    const perWorker = Number(smoke.batches_per_worker);
    expect([SERIAL_BATCH_WORKERS, perWorker]).toEqual([2, 16]);
    for (const profile of Object.values(experiment.profiles)) {
      const items = Array.from({ length: 1000 }, (_, i) => i);
      expect(serialBatches(items, profile.params)).toEqual(dynamicBatches(items, 2, Number(profile.params.batches_per_worker)));
    }

    // The smoke profile's reader set: 400 numbers in 31 batches of 13 (the last of 10).
    const seen = await runSerial(nums);
    expect(nums.length).toBe(400);
    expect(seen.metrics.batches).toBe(31);
    expect(seen.tables.workers).toEqual([{ worker: 0, tasks: 31, busy_ms: expect.any(Number) }]);

    // reader-x30's 300 000 numbers: 32 batches of 9 375, as the two-worker pool gets them; reader-x10's 100 000: 32 of 3 125.
    for (const [count, size, length] of [[300_000, 9_375, 32], [100_000, 3_125, 32], [400, 13, 31], [10, 1, 10]] as const) {
      const items = Array.from({ length: count }, (_, i) => i);
      const batches = serialBatches(items, smoke);
      expect(batches.length).toBe(length);
      expect(batches.every((b, i) => b[0] === i * size)).toBe(true);
      expect(batches.slice(0, -1).every((b) => b.length === size)).toBe(true);
      expect(batches.reduce((sum, b) => sum + b.length, 0)).toBe(count);
    }
  });
});
