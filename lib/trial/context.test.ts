import { describe, expect, it } from 'vitest';
import type { TrialSpec } from './protocol.ts';
import { createTrialContext } from './context.ts';

const spec = (settleMs?: number): TrialSpec => ({
  experimentId: 'ctx-test', experimentDir: '/tmp', tasksUrl: 'file:///tmp/tasks.mjs', strategy: 's', point: {}, params: {}, inputs: {}, services: {},
  ...(settleMs === undefined ? {} : { settleMs }),
});

const PAUSE = 2000;

/** ms from the end of start-up to the start of the timed work. */
async function gap(settleMs: number | undefined, withStartup: boolean): Promise<number> {
  const { context, result } = createTrialContext(spec(settleMs));
  let up = performance.timeOrigin + performance.now();
  if (withStartup) await context.startup(() => void (up = performance.timeOrigin + performance.now()));
  await context.work(() => 0);
  return result().work_start_epoch_ms! - up;
}

describe('createTrialContext(spec).work(fn)', () => {
  // A long pause (2 s) against half of it: only a pause made or skipped can decide these, never how busy the host is.
  it('pauses spec.settleMs after a timed start-up, so the outside RSS sampler sees the started pool before the work', async () => {
    expect(await gap(PAUSE, true)).toBeGreaterThanOrEqual(PAUSE - 5);
  });

  it('does not pause without a start-up or without settleMs', async () => {
    expect(await gap(PAUSE, false)).toBeLessThan(PAUSE / 2);
    expect(await gap(undefined, true)).toBeLessThan(PAUSE / 2);
  });

  it('keeps the pause out of the timed work', async () => {
    const { context, result } = createTrialContext(spec(PAUSE));
    await context.startup(() => 0);
    await context.work(() => 0);
    expect(result().wall_ms!).toBeLessThan(PAUSE / 2);
    expect(result().startup_ms!).toBeLessThan(PAUSE / 2);
  });
});
