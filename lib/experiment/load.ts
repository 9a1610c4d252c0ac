// Finding and loading experiment folders. An experiment is any folder under
// experiments/ with an experiment.ts; nothing else needs to list it.

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROFILE_NAMES, type Experiment } from './types.ts';
import type { ReportFunction } from '../report/doc.ts';
import type { GuideFunction } from '../report/guide.ts';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Experiment ids in a folder, sorted. */
export function listExperimentIds(experimentsDir: string): string[] {
  if (!existsSync(experimentsDir)) return [];
  return readdirSync(experimentsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(experimentsDir, d.name, 'experiment.ts')))
    .map((d) => d.name)
    .sort();
}

export async function loadExperimentFile(file: string): Promise<Experiment> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: Experiment };
  const experiment = mod.default;
  if (!experiment || typeof experiment !== 'object') {
    throw new Error(`${file}: no default export; export default defineExperiment({...})`);
  }
  validate(experiment, file);
  return experiment;
}

export async function loadExperiment(experimentsDir: string, id: string): Promise<Experiment> {
  const known = listExperimentIds(experimentsDir);
  if (!known.includes(id)) {
    throw new UsageError(`unknown experiment: ${id} (valid: ${known.join(', ') || 'none'})`);
  }
  const experiment = await loadExperimentFile(path.join(experimentsDir, id, 'experiment.ts'));
  if (experiment.id !== id) {
    throw new Error(`experiments/${id}/experiment.ts declares id '${experiment.id}': the id must equal the folder name`);
  }
  return experiment;
}

export async function loadReportFunction(experimentsDir: string, id: string): Promise<ReportFunction> {
  const file = path.join(experimentsDir, id, 'report.ts');
  const mod = (await import(pathToFileURL(file).href)) as { default?: ReportFunction };
  if (typeof mod.default !== 'function') throw new Error(`${file}: the default export must be the report function`);
  return mod.default;
}

/** The experiment's decision-guide rows (experiments/<id>/guide.ts), or null when it has none. */
export async function loadGuideFunction(experimentsDir: string, id: string): Promise<GuideFunction | null> {
  const file = path.join(experimentsDir, id, 'guide.ts');
  if (!existsSync(file)) return null;
  const mod = (await import(pathToFileURL(file).href)) as { default?: GuideFunction };
  if (typeof mod.default !== 'function') throw new Error(`${file}: the default export must be the guide function`);
  return mod.default;
}

function validate(e: Experiment, file: string): void {
  const fail = (what: string) => {
    throw new Error(`${file}: ${what}`);
  };
  if (!ID.test(e.id ?? '')) fail(`id must match ${ID} (got ${JSON.stringify(e.id)})`);
  for (const p of PROFILE_NAMES) if (!e.profiles?.[p]) fail(`profiles.${p} is missing`);
  const names = new Set<string>();
  for (const s of e.strategies ?? []) {
    if (!ID.test(s.name)) fail(`strategy name ${JSON.stringify(s.name)} must match ${ID}`);
    if (names.has(s.name)) fail(`strategy ${s.name} is defined twice`);
    names.add(s.name);
  }
  if (names.size === 0) fail('strategies is empty');
  if (typeof e.plan !== 'function') fail('plan must be a function of the profile parameters');
}

/** A mistake in what the user asked for (exit code 2), as opposed to a failure while running. */
export class UsageError extends Error {}
