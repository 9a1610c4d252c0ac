// The run notes' trial counts, counted from the rows themselves: a failed row
// added to results.csv by hand (or a run.json edited apart from its rows)
// shows up, and a disagreement with run.json's own counts is said aloud.

import type { RunMeta } from '../data/provenance.ts';
import type { Row } from '../data/schema.ts';

export type TrialCounts = RunMeta['trials'];

export function countTrials(rows: readonly Row[], planned: number): TrialCounts {
  const count = (f: (r: Row) => boolean) => rows.filter(f).length;
  return {
    planned,
    ok: count((r) => r.status === 'ok'),
    failed: count((r) => r.status === 'failed'),
    skipped: count((r) => r.status === 'skipped'),
    disturbed: count((r) => r.disturbed === 1),
    warmup: count((r) => r.warmup === 1),
  };
}

/** One sentence per count where run.json and the rows disagree; empty when they agree. */
export function countMismatches(recorded: TrialCounts, counted: TrialCounts): string[] {
  const keys = ['ok', 'failed', 'skipped', 'disturbed', 'warmup'] as const;
  return keys
    .filter((k) => recorded[k] !== counted[k])
    .map((k) => `run.json records ${recorded[k]} ${k} trial(s) but results.csv holds ${counted[k]}: the table counts the rows. Was results.csv edited after the run?`);
}
