// Column schema of the tidy results table shared by every experiment:
// one row per trial. Experiment-specific point and metric columns are added
// from the experiment's declaration (see lib/experiment/types.ts).

import type { ColumnType, Model, Runtime, Scalar } from '../experiment/types.ts';

export type TrialStatus = 'ok' | 'failed' | 'skipped';

/** Columns every results.csv has, in this order, before the experiment's own. */
export const STANDARD_COLUMNS = {
  machine_id: 'string',
  trial: 'int',
  strategy: 'string',
  runtime: 'string',
  model: 'string',
  rep: 'int',
  warmup: 'int',
  status: 'string',
  error: 'string',
  wall_ms: 'number',
  startup_ms: 'number',
  cpu_user_ms: 'number',
  cpu_sys_ms: 'number',
  cpu_process_ms: 'number',
  rss_base_bytes: 'number',
  rss_peak_bytes: 'number',
  rss_mean_bytes: 'number',
  work_start_ms: 'number',
  work_end_ms: 'number',
  process_ms: 'number',
  samples: 'int',
  host_other_cpu_ms: 'number',
  steal_ms: 'number',
  probe_ms: 'number',
  disturbed: 'int',
  attempts: 'int',
  digest: 'string',
} as const satisfies Record<string, ColumnType>;

/**
 * One trial. Times are milliseconds, memory bytes. A null is an empty CSV cell:
 * not measured (skipped or failed trials, or a strategy without a pool start-up).
 */
export interface Row {
  machine_id: string;
  /** Sequence number of the trial within its run; keys side tables and the memory timeline. */
  trial: number;
  strategy: string;
  runtime: Runtime;
  model: Model;
  /** Repetition index; warm-up trials have warmup = 1 and are left out of statistics. */
  rep: number;
  warmup: 0 | 1;
  status: TrialStatus;
  /** Why a trial failed or was skipped; empty when ok. */
  error: string;
  /** Wall time around the work only, measured inside the trial on a monotonic clock. */
  wall_ms: number | null;
  /** Pool or client start-up, timed apart from the work; null when the strategy has none. */
  startup_ms: number | null;
  /** CPU time of the whole process tree during the work: every thread and child, exited ones too. */
  cpu_user_ms: number | null;
  cpu_sys_ms: number | null;
  /** CPU time of the whole trial process tree over its life (start-up included), from the runner. */
  cpu_process_ms: number | null;
  /** RSS of the tree: just before the work, peak and mean over the work, sampled from outside. */
  rss_base_bytes: number | null;
  rss_peak_bytes: number | null;
  rss_mean_bytes: number | null;
  /** When the work began and ended, ms since the trial process was spawned (runner's clock). */
  work_start_ms: number | null;
  work_end_ms: number | null;
  /** Life of the trial process, spawn to exit. */
  process_ms: number | null;
  samples: number;
  /** CPU used by other processes on the host during the trial (from /proc/stat). */
  host_other_cpu_ms: number | null;
  /** Time the hypervisor ran someone else while this VM wanted the CPU. */
  steal_ms: number | null;
  /** The faster of the speed probes around the work: how fast the host ran this trial (lower is faster). */
  probe_ms: number | null;
  /** 1 when other processes took CPU meanwhile or the probe showed the host in a slow spell, after every re-run. */
  disturbed: 0 | 1;
  attempts: number;
  /** Digest of the strategy's result; every trial at the same point must agree. */
  digest: string;
  /** Point columns and metric columns of the experiment. */
  [column: string]: Scalar | null;
}

/** A sample of the memory timeline (data/<id>/memory.csv). */
export interface MemorySample {
  machine_id: string;
  trial: number;
  t_ms: number;
  rss_bytes: number;
}

export const MEMORY_COLUMNS = {
  machine_id: 'string',
  trial: 'int',
  t_ms: 'number',
  rss_bytes: 'number',
} as const satisfies Record<string, ColumnType>;
