// A fixed unit of CPU work, timed. This host sometimes runs the same loop at
// two speeds (a busy sibling hyperthread or neighbour VM) without any steal
// time or foreign CPU showing in /proc/stat; timing the same arithmetic just
// before and after a trial's work shows which speed the trial ran at. Only
// compared within one run and one runtime.
//
// The loop runs several times and the fastest run counts: a single timing
// measured V8's tiers instead of the host (the first call in a fresh process
// runs unoptimised, ~1.7× slower, and the first call after a heavy allocating
// task ~1.9× slower), which flagged whole strategies as disturbed.

const ITERATIONS = 1_000_000;
const RUNS = 4;

function loopMs(): number {
  const t0 = performance.now();
  let x = 1;
  for (let i = 0; i < ITERATIONS; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  const ms = performance.now() - t0;
  // Use x so the loop cannot be removed as dead code.
  return x === 0.5 ? -1 : ms;
}

/** ms of the fastest of a few runs of the probe loop on this thread. */
export function speedProbeMs(): number {
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) best = Math.min(best, loopMs());
  return best;
}
