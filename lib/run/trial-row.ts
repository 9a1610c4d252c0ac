// Turns what a trial process reported, and what was measured around it, into
// one tidy row plus its memory timeline.

import type { Model, Point, Runtime, Scalar } from '../experiment/types.ts';
import type { MemorySample, Row } from '../data/schema.ts';
import { decimate, summarizeSamples } from '../measure/sampler.ts';
import type { TrialOutcome } from '../trial/spawn.ts';

/** Stored timeline points per trial: enough for a plot, small enough to commit. */
export const TIMELINE_POINTS = 400;

export interface RowContext {
  machine_id: string;
  trial: number;
  strategy: string;
  runtime: Runtime;
  model: Model;
  point: Point;
  rep: number;
  warmup: boolean;
  attempts: number;
  metricColumns: readonly string[];
  sampleIntervalMs: number;
}

export function emptyRow(c: RowContext, status: Row['status'], error: string): Row {
  const row: Row = {
    machine_id: c.machine_id, trial: c.trial, strategy: c.strategy, runtime: c.runtime, model: c.model,
    rep: c.rep, warmup: c.warmup ? 1 : 0, status, error,
    wall_ms: null, startup_ms: null, cpu_user_ms: null, cpu_sys_ms: null, cpu_process_ms: null,
    rss_base_bytes: null, rss_peak_bytes: null, rss_mean_bytes: null,
    work_start_ms: null, work_end_ms: null, process_ms: null, samples: 0,
    host_other_cpu_ms: null, steal_ms: null, probe_ms: null, disturbed: 0, attempts: c.attempts, digest: '',
    ...c.point,
  };
  for (const m of c.metricColumns) row[m] = null;
  return row;
}

export function rowFromOutcome(c: RowContext, o: TrialOutcome, disturbed: boolean): { row: Row; timeline: MemorySample[] } {
  const r = o.result;
  const row = emptyRow(c, o.failure ? 'failed' : 'ok', o.failure ?? '');
  row.process_ms = round(o.process_ms);
  row.cpu_process_ms = o.cpu_process_ms === null ? null : round(o.cpu_process_ms);
  row.host_other_cpu_ms = round(o.host_other_cpu_ms);
  row.steal_ms = round(o.steal_ms);
  row.samples = o.samples.length;
  row.disturbed = disturbed ? 1 : 0;
  if (r) {
    row.wall_ms = round3(r.wall_ms);
    row.startup_ms = round3(r.startup_ms);
    row.cpu_user_ms = round3(r.cpu_user_ms);
    row.cpu_sys_ms = round3(r.cpu_sys_ms);
    row.digest = r.digest;
    row.probe_ms = probeOf(r);
    for (const m of c.metricColumns) row[m] = (r.metrics[m] ?? null) as Scalar | null;
    if (r.work_start_epoch_ms !== null && r.work_end_epoch_ms !== null) {
      const start = r.work_start_epoch_ms - o.spawn_epoch_ms;
      const end = r.work_end_epoch_ms - o.spawn_epoch_ms;
      row.work_start_ms = round(start);
      row.work_end_ms = round(end);
      const before = o.samples.filter((s) => s.t_ms <= start);
      row.rss_base_bytes = before.length > 0 ? before[before.length - 1]!.rss_bytes : null;
      // A work phase shorter than the interval may hold no sample: widen to the neighbours.
      const pad = c.sampleIntervalMs;
      const during = summarizeSamples(o.samples, start - pad, end + pad);
      row.rss_peak_bytes = during.peak;
      row.rss_mean_bytes = during.mean === null ? null : Math.round(during.mean);
    }
  }
  const timeline = decimate(o.samples, TIMELINE_POINTS).map((s) => ({
    machine_id: c.machine_id,
    trial: c.trial,
    t_ms: round(s.t_ms),
    rss_bytes: s.rss_bytes,
  }));
  return { row, timeline };
}

const round = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** The faster of the two probes: the after-probe runs warm, the before-probe catches a slow spell at the start. */
export function probeOf(r: { probe_before_ms: number | null; probe_after_ms: number | null }): number | null {
  const values = [r.probe_before_ms, r.probe_after_ms].filter((v): v is number => v !== null && v > 0);
  return values.length ? round3(Math.min(...values)) : null;
}
