// The declared shape of a machine's run.json and of an experiment's
// experiment.json, checked on every read. zod was chosen over a JSON Schema
// validator (ajv) because one declaration gives both the check and a type the
// compiler holds against lib/data/provenance.ts, with no generated code, and
// each issue carries the JSON path that the error message names.

import { z } from 'zod';
import type { ExperimentFile, RunMeta } from './provenance.ts';

const scalar = z.union([z.string(), z.number()]);
const count = z.number().int().nonnegative();
const machineIdText = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, ".", "_" or "-"');

const hardware = z.object({
  vendor: z.string(),
  family: z.number().int().nullable(),
  model: z.number().int().nullable(),
  stepping: z.number().int().nullable(),
  cores: z.number().int().positive(),
  memory_gib: z.number().int().positive(),
});

const machine = z.object({
  machine_id: machineIdText,
  hostname: z.string(),
  cpu_model: z.string(),
  cores: z.number().int().positive(),
  memory_bytes: z.number().positive(),
  os: z.string(),
  kernel: z.string(),
  arch: z.string(),
  hardware: hardware.optional(),
});

const modules = z.record(z.string(), z.boolean());

const python = z.object({
  path: z.string(),
  version: z.string(),
  source: z.string(),
  modules,
  fetched: z.object({ from: z.string(), packages: z.record(z.string(), z.string()), at: z.string().nullable() }).optional(),
});

const software = z.object({
  node: z.string(),
  v8: z.string(),
  python: z.object({ path: z.string(), version: z.string(), modules }).nullable(),
  pythons: z.record(z.string(), z.union([python, z.object({ missing: z.string() })])).optional(),
  packages: z.record(z.string(), z.string()),
  tools: z.record(z.string(), z.string().nullable()),
});

const calibration = z.object({
  target: z.number().positive(),
  cap: count,
  budget_fraction: z.number().nonnegative(),
  budget_s: z.number().nonnegative(),
  spent_s: z.number().nonnegative(),
  rounds: count,
  added_trials: count,
  cells: count,
  cells_within_target: count,
  cells_at_cap: count,
  cells_out_of_budget: count,
  cells_excluded: count,
});

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date-time such as 2026-12-07T19:47:52.000Z');

export const RUN_SCHEMA = z.object({
  machine,
  software,
  git: z.object({ commit: z.string().regex(/^[0-9a-f]{40}$/, 'a 40-digit git commit').nullable(), dirty: z.boolean().nullable() }),
  profile: z.enum(['smoke', 'quick', 'full']),
  params: z.record(z.string(), z.union([scalar, z.boolean(), z.array(scalar)])),
  strategies: z.array(z.string()).nullable().optional(),
  inputs: z.object({ seed: z.number().nullable(), hashes: z.record(z.string(), z.string()) }),
  code_hash: z.string().min(1),
  started_at: isoTime,
  ended_at: isoTime,
  trials: z.object({ planned: count, ok: count, failed: count, skipped: count, disturbed: count, warmup: count }),
  notes: z.array(z.string()),
  sampling: z.object({ interval_ms: z.number().positive(), settle_ms: z.number().nonnegative() }).optional(),
  calibration: calibration.optional(),
}) satisfies z.ZodType<RunMeta>;

export const EXPERIMENT_FILE_SCHEMA = z.object({
  experiment: z.string(),
  reference_machine: machineIdText,
}) satisfies z.ZodType<ExperimentFile>;
