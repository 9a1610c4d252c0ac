// The trials a report counts: one machine's, measured (not warm-up), finished,
// and clean (a trial that stayed disturbed after its re-runs stays in the CSV and
// the run notes, not in any statistic); and whether a row's memory before the
// work saw its started pool.

import type { Row } from '../data/schema.ts';
import type { ReportInput } from './doc.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS, type Sampling } from '../run/sampling.ts';

export function measuredRows(rows: readonly Row[], machineId: string): Row[] {
  return rows.filter((r) => r.machine_id === machineId && r.status === 'ok' && r.warmup === 0 && r.disturbed !== 1 && r.wall_ms !== null);
}

/** How one machine's run sampled memory: run.json's record, else the defaults of runs made before it was recorded. */
export function samplingOf(input: Pick<ReportInput, 'meta' | 'machineId' | 'experiment'>): Sampling {
  return input.meta.runs[input.machineId]?.sampling ?? { interval_ms: input.experiment.sampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS, settle_ms: 0 };
}

/**
 * Whether `rss_base_bytes` (the last outside sample before the work) can hold the started pool:
 * the trial paused at least one sampling interval after its start-up, or the start-up itself
 * lasted that long. Without either, a pool that starts in a few ms (Python forks its workers)
 * may postdate the last sample, and its idle memory was not seen.
 */
export function idleMemorySeen(row: Row, sampling: Sampling): boolean {
  if (typeof row.rss_base_bytes !== 'number' || typeof row.startup_ms !== 'number') return false;
  return sampling.settle_ms >= sampling.interval_ms || row.startup_ms >= sampling.interval_ms;
}
