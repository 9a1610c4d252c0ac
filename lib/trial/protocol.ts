// The messages between the runner and a trial process, Node or Python.
// The spec goes in through the TRIAL_SPEC environment variable; the result
// comes back as one JSON document on file descriptor 3, so the trial's own
// stdout and stderr stay free for logs.

import type { Params, Point, Scalar } from '../experiment/types.ts';
import type { ServiceAddress } from '../services/protocol.ts';

export const SPEC_ENV = 'TRIAL_SPEC';
export const RESULT_FD = 3;

export interface TrialSpec {
  experimentId: string;
  /** Absolute path of the experiment folder (its own files: fixtures, peer.py). */
  experimentDir: string;
  /** file: URL of the experiment's tasks compiled to JavaScript, for executors. */
  tasksUrl: string;
  strategy: string;
  point: Point;
  params: Params;
  /** Input name → absolute path. */
  inputs: Record<string, string>;
  /** Local services of the experiment, by name. */
  services: Record<string, ServiceAddress>;
  /** Pause between a timed start-up and the work, so the outside RSS sampler sees the started pool (0: none). */
  settleMs?: number;
}

export interface TrialResult {
  ok: boolean;
  /** Why the trial failed, when ok is false. */
  error?: string;
  startup_ms: number | null;
  wall_ms: number | null;
  cpu_user_ms: number | null;
  cpu_sys_ms: number | null;
  /** Epoch ms (high resolution) when the work began and ended, to place it on the memory timeline. */
  work_start_epoch_ms: number | null;
  work_end_epoch_ms: number | null;
  digest: string;
  /** The speed probe just before and just after the work (lib/measure/speed-probe.ts). */
  probe_before_ms: number | null;
  probe_after_ms: number | null;
  metrics: Record<string, Scalar>;
  tables: Record<string, Record<string, Scalar>[]>;
}
