import { describe, expect, it } from 'vitest';
import type { TrialSpec } from './protocol.ts';
import { createTrialContext } from './context.ts';

const spec = (settleMs?: number): TrialSpec => ({
  experimentId: 'ctx-test', experimentDir: '/tmp', tasksUrl: 'file:///tmp/tasks.mjs', strategy: 's', point: {}, params: {}, inputs: {}, services: {},
  ...(settleMs === undefined ? {} : { settleMs }),
});

/** ms from the end of start-up to the start of the timed work. */
async function gap(settleMs: number | undefined, withStartup: boolean): Promise<number> {
  const { context, result } = createTrialContext(spec(settleMs));
  let up = performance.timeOrigin + performance.now();
  if (withStartup) await context.startup(() => void (up = performance.timeOrigin + performance.now()));
  await context.work(() => 0);
  return result().work_start_epoch_ms! - up;
}

describe('createTrialContext(spec).work(fn)', () => {
  it('pauses spec.settleMs after a timed start-up, so the outside RSS sampler sees the started pool before the work', async () => {
    expect(await gap(60, true)).toBeGreaterThanOrEqual(55);
  });

  it('does not pause without a start-up or without settleMs', async () => {
    // The speed probe (a few ms) still runs between the two.
    expect(await gap(60, false)).toBeLessThan(40);
    expect(await gap(undefined, true)).toBeLessThan(40);
  });

  it('keeps the pause out of the timed work', async () => {
    const { context, result } = createTrialContext(spec(60));
    await context.startup(() => 0);
    await context.work(() => 0);
    expect(result().wall_ms!).toBeLessThan(20);
    expect(result().startup_ms!).toBeLessThan(20);
  });
});
