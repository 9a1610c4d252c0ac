// What a machine's run.json records about its run: enough to say where, when
// and from what code its results.csv came. Each machine has its own folder
// (data/<id>/<machine>/), so several machines' runs live side by side and
// merge without touching each other's files. lib/data/run-schema.ts checks it.

import type { Params, ProfileName } from '../experiment/types.ts';
import type { Sampling } from '../run/sampling.ts';
import type { Calibration } from '../run/calibrate.ts';

export interface Machine {
  machine_id: string;
  hostname: string;
  cpu_model: string;
  cores: number;
  memory_bytes: number;
  os: string;
  kernel: string;
  arch: string;
  /**
   * The facts the machine id is built from and checked against (lib/data/machine-id.ts).
   * Absent in runs made before they were recorded.
   */
  hardware?: Hardware;
}

/** Stable facts that tell one CPU and machine size from another, even where two CPUs print the same model name. */
export interface Hardware {
  vendor: string;
  /** CPU family, model and stepping as /proc/cpuinfo gives them; null where the system does not say. */
  family: number | null;
  model: number | null;
  stepping: number | null;
  cores: number;
  /** Memory rounded to whole GiB, so that a few MiB the kernel reserves do not make another machine. */
  memory_gib: number;
}

/** One Python interpreter the peers used (lib/peers/python.ts found it). */
export interface PythonProvenance {
  path: string;
  version: string;
  /** Where it was found: 'system', 'env PYTHON', 'PATH', 'env PYTHON314', 'debian-unstable cache (.cache/python3.14)'. */
  source: string;
  /** Each module the strategies on this interpreter require: importable or not. */
  modules: Record<string, boolean>;
  /** For one `make deps` fetched: from where, the key Debian package versions, and when (its source.json). */
  fetched?: { from: string; packages: Record<string, string>; at: string | null };
}

export interface Software {
  node: string;
  v8: string;
  /**
   * The system interpreter (PYTHON, else /usr/bin/python3, else python3) and the modules its
   * strategies require, or null when none was found. See `pythons` for every interpreter used.
   */
  python: { path: string; version: string; modules: Record<string, boolean> } | null;
  /**
   * Each interpreter the experiment's Python strategies use, keyed by their `python` field
   * ('system' for the default, '3.14'), or why it was missing. Absent in runs made before it was recorded.
   */
  pythons?: Record<string, PythonProvenance | { missing: string }>;
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
  /** The strategies a partial run was limited to (--strategy), or null for all. Absent in older runs. */
  strategies?: string[] | null;
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
  /**
   * What calibration added after the planned trials (lib/run/calibrate.ts): its settings,
   * the trials and time it took, and how the cells ended. Absent when the run did not
   * calibrate (smoke, one repetition) and in runs made before it existed.
   */
  calibration?: Calibration;
}

/** data/<id>/experiment.json: what the machines share. Written only by `cli reference`, so runs never touch it. */
export interface ExperimentFile {
  experiment: string;
  /** The machine whose run the report is about by default. */
  reference_machine: string;
}

/** Every machine's run of one experiment, as read from its machine folders. */
export interface Meta {
  experiment: string;
  /** experiment.json's choice, else the first machine folder by name. */
  reference_machine: string;
  runs: Record<string, RunMeta>;
}
