// A fixed unit of CPU work, timed. This host sometimes runs the same loop at
// two speeds (a busy sibling hyperthread or neighbour VM) without any steal
// time or foreign CPU showing in /proc/stat; timing the same few milliseconds
// of arithmetic just before and after a trial's work shows which speed the
// trial ran at. Only compared within one run and one runtime.

const ITERATIONS = 2_000_000;

/** ms to run the probe loop once on this thread. */
export function speedProbeMs(): number {
  const t0 = performance.now();
  let x = 1;
  for (let i = 0; i < ITERATIONS; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  const ms = performance.now() - t0;
  // Use x so the loop cannot be removed as dead code.
  return x === 0.5 ? -1 : ms;
}
