// A synthetic run of any experiment, for the report contract: every cell of a
// profile's plan with `reps` clean repetitions and seeded noise, every point,
// metric and CPU/memory column filled, and run.json as a run would write it.
// It exercises a report's code paths, not its conclusions: the numbers are
// plausible, not meaningful.

import type { Experiment, Params, ProfileName } from '../experiment/types.ts';
import type { Meta } from '../data/provenance.ts';
import { STANDARD_COLUMNS, type MemorySample, type Row } from '../data/schema.ts';
import type { ReportInput } from '../report/doc.ts';
import { resolveParams, resolveProfile } from '../experiment/params.ts';
import { mulberry32 } from '../inputs/random.ts';
import type { Sampling } from '../run/sampling.ts';

export const SYNTHETIC_MACHINE = 'synthetic-2c';

export interface SyntheticOptions {
  profile?: ProfileName;
  reps?: number;
  seed?: number;
}

export function syntheticInput(experiment: Experiment, options: SyntheticOptions = {}): ReportInput {
  const { profile: profileName = 'quick', reps = 5, seed = 7 } = options;
  const profile = resolveProfile(experiment, profileName);
  const params = resolveParams(experiment, profile, {});
  const random = mulberry32(seed);
  const noise = () => 1 + (random() - 0.5) * 0.06;
  const cells = experiment.plan(params);
  const strategyOf = (name: string) => experiment.strategies.find((s) => s.name === name)!;
  const rows: Row[] = [];
  const memory: MemorySample[] = [];
  let trial = 0;
  cells.forEach((cell, c) => {
    const s = strategyOf(cell.strategy);
    // Each cell its own scale, so strategies differ; workers speed it up a little.
    const base = 200 + ((c * 37) % 400);
    for (let rep = 0; rep < reps; rep++) {
      const wall = base * noise();
      const metrics = Object.fromEntries(Object.entries(experiment.metricColumns ?? {}).map(([k, type]) => [k, type === 'string' ? 'x' : Math.round(10 + random() * 90)]));
      rows.push({
        machine_id: SYNTHETIC_MACHINE, trial, strategy: s.name, runtime: s.runtime, model: s.model, rep, warmup: 0, status: 'ok', error: '',
        wall_ms: wall, startup_ms: s.runtime === 'node' ? 20 * noise() : null, cpu_user_ms: wall * 0.9 * noise(), cpu_sys_ms: wall * 0.05, cpu_process_ms: wall * 1.1,
        rss_base_bytes: 40e6 * noise(), rss_peak_bytes: 60e6 * noise(), rss_mean_bytes: 50e6, work_start_ms: 30, work_end_ms: 30 + wall, process_ms: wall + 80,
        samples: 10, host_other_cpu_ms: 1, steal_ms: 0, probe_ms: 2, disturbed: 0, attempts: 1, digest: 'd',
        ...cell.point, ...metrics,
      } as Row);
      for (let t = 0; t < 3; t++) memory.push({ machine_id: SYNTHETIC_MACHINE, trial, t_ms: t * 20, rss_bytes: 40e6 + t * 5e6 });
      trial++;
    }
  });
  const meta = syntheticMeta(experiment, { profile: profileName, params, trials: rows.length });
  return { experiment, rows, memory, tables: {}, meta, machineId: SYNTHETIC_MACHINE };
}

export interface MetaOptions {
  machineId?: string;
  cores?: number;
  profile?: ProfileName;
  /** The run's parameters (default: the profile's). */
  params?: Params;
  /** false: no python3 on the machine; otherwise its version and modules. */
  python?: false | { version?: string; modules?: Record<string, boolean> };
  tools?: Record<string, string | null>;
  trials?: number;
  /** How the run sampled memory; null: a run made before it was recorded. */
  sampling?: Sampling | null;
}

/** The runs of one synthetic experiment, as the runner would write it: for fixtures in report tests. */
export function syntheticMeta(experiment: Experiment, options: MetaOptions = {}): Meta {
  const { machineId = SYNTHETIC_MACHINE, cores = 2, profile = 'full', python = {}, tools = {}, trials = 0, sampling = { interval_ms: 20, settle_ms: 40 } } = options;
  const params = options.params ?? resolveParams(experiment, resolveProfile(experiment, profile), {});
  return {
    experiment: experiment.id,
    reference_machine: machineId,
    runs: {
      [machineId]: {
        machine: { machine_id: machineId, hostname: 'synthetic', cpu_model: 'Synthetic CPU', cores, memory_bytes: 8 * 2 ** 30, os: 'Debian', kernel: '6.1', arch: 'x64' },
        software: { node: 'v20.20.2', v8: '11', python: python === false ? null : { path: '/usr/bin/python3', version: python.version ?? '3.11.2', modules: python.modules ?? {} }, packages: {}, tools },
        git: { commit: '0000000000000000000000000000000000000000', dirty: false },
        profile,
        params,
        inputs: { seed: null, hashes: {} },
        code_hash: 'synthetic',
        started_at: '2026-01-01T00:00:00.000Z',
        ended_at: '2026-01-01T00:10:00.000Z',
        trials: { planned: trials, ok: trials, failed: 0, skipped: 0, disturbed: 0, warmup: 0 },
        notes: [],
        ...(sampling ? { sampling } : {}),
      },
    },
  };
}

/** A clean measured row with every standard column empty but the ones given: for fixtures in report tests. */
export function blankRow(fields: Partial<Row> & Pick<Row, 'strategy' | 'runtime' | 'model'>, machineId = SYNTHETIC_MACHINE): Row {
  const empty = Object.fromEntries(Object.keys(STANDARD_COLUMNS).map((k) => [k, null]));
  return { ...empty, machine_id: machineId, trial: 0, rep: 0, warmup: 0, status: 'ok', error: '', samples: 10, disturbed: 0, attempts: 1, digest: 'd', ...fields } as Row;
}

/** The same input with every Python trial skipped, as on a machine without python3. */
export function withoutPython(input: ReportInput): ReportInput {
  const meta = structuredClone(input.meta);
  meta.runs[input.machineId]!.software.python = null;
  const rows = input.rows.map((r) => (r.runtime === 'python' ? { ...r, status: 'skipped' as const, error: 'skipped: python3 not found', wall_ms: null } : r));
  return { ...input, rows, meta };
}

/** The same input with no rows at all. */
export function withoutRows(input: ReportInput): ReportInput {
  return { ...input, rows: [], memory: [], tables: {} };
}
