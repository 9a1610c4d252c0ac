// How the outside sampler reads a trial tree's RSS: its interval unless an
// experiment asks otherwise (Experiment.sampleIntervalMs), and the pause a trial
// makes between a timed start-up and its work so that at least one sample sees
// the started pool. Its own file so that reports can read it without the runner.

export const DEFAULT_SAMPLE_INTERVAL_MS = 20;

/** Two intervals: the sampler reads at least once after the pool is up, whatever its phase. */
export const settleMs = (intervalMs: number): number => 2 * intervalMs;

/** How a run sampled memory, as recorded in run.json (runs before it was recorded: the default, no pause). */
export interface Sampling {
  interval_ms: number;
  settle_ms: number;
}
