// The trials a report counts: one machine's, measured (not warm-up), finished;
// and whether a row's memory before the work saw its started pool.

import type { Row } from '../data/schema.ts';

export function measuredRows(rows: readonly Row[], machineId: string): Row[] {
  return rows.filter((r) => r.machine_id === machineId && r.status === 'ok' && r.warmup === 0 && r.wall_ms !== null);
}

/**
 * Whether `rss_base_bytes` (the last outside sample before the work) can hold the started pool.
 * The sampler reads every `intervalMs`; a pool that starts faster than that (Python forks its
 * workers in a few ms) may be created after the last sample, so its idle memory was not seen.
 */
export function idleMemorySeen(row: Row, intervalMs: number): boolean {
  return typeof row.rss_base_bytes === 'number' && typeof row.startup_ms === 'number' && row.startup_ms >= intervalMs;
}
