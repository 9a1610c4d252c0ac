// What meta.json records about a run: enough to say where, when and from what
// code a results.csv came. Keyed by machine id so several machines' runs can
// live side by side in one data folder.

import type { Params, ProfileName } from '../experiment/types.ts';
import type { Sampling } from '../run/sampling.ts';

export interface Machine {
  machine_id: string;
  hostname: string;
  cpu_model: string;
  cores: number;
  memory_bytes: number;
  os: string;
  kernel: string;
  arch: string;
}

export interface Software {
  node: string;
  v8: string;
  /** Interpreter path and version used for the Python peers, or null when none was found. */
  python: { path: string; version: string; modules: Record<string, boolean> } | null;
  packages: Record<string, string>;
  /** External tools the run used or looked for (pigz, ...): version, or null when missing. */
  tools: Record<string, string | null>;
}

export interface Git {
  commit: string | null;
  dirty: boolean | null;
}

export interface RunMeta {
  machine: Machine;
  software: Software;
  git: Git;
  profile: ProfileName;
  params: Params;
  inputs: { seed: number | null; hashes: Record<string, string> };
  /** Hash of the code and parameters that determine the measurement: a re-run is skipped when it matches. */
  code_hash: string;
  started_at: string;
  ended_at: string;
  trials: { planned: number; ok: number; failed: number; skipped: number; disturbed: number; warmup: number };
  /** Warnings the run raised (missing peers, disturbed points...), shown in the report. */
  notes: string[];
  /** The RSS sampler's interval and the pause before the work (absent in runs made before it was recorded). */
  sampling?: Sampling;
}

export interface Meta {
  experiment: string;
  /** Which machine's run is the reference (the first to write this file). */
  reference_machine: string;
  runs: Record<string, RunMeta>;
}
