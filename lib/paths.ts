// Every path the pipeline uses, resolved in one place. Tests point dataDir and
// reportsDir at a temp folder so they never touch the committed results.

import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The repository root. Trial processes run from a bundle under .tmp/build, where
 * import.meta.url no longer points into lib/, so the runner passes the root in.
 */
export const ROOT_ENV = 'RESEARCH_ROOT';
export const ROOT = path.resolve(process.env[ROOT_ENV] ?? fileURLToPath(new URL('..', import.meta.url)));

export interface Paths {
  root: string;
  experimentsDir: string;
  dataDir: string;
  inputsDir: string;
  reportsDir: string;
}

export interface PathOptions {
  root?: string;
  experimentsDir?: string;
  dataDir?: string;
  reportsDir?: string;
  inputsDir?: string;
}

export function resolvePaths(options: PathOptions = {}): Paths {
  const root = path.resolve(options.root ?? ROOT);
  const dataDir = path.resolve(options.dataDir ?? path.join(root, 'data'));
  return {
    root,
    experimentsDir: path.resolve(options.experimentsDir ?? path.join(root, 'experiments')),
    dataDir,
    // Generated inputs sit beside the results they feed (git-ignored under data/): a run
    // into another --data-dir leaves the committed tree alone; --inputs-dir shares them.
    inputsDir: path.resolve(options.inputsDir ?? path.join(dataDir, 'inputs')),
    reportsDir: path.resolve(options.reportsDir ?? path.join(root, 'reports')),
  };
}

// data/<id>/ holds what the machines share (experiment.json) and one folder per machine:
// data/<id>/<machine>/{run.json, results.csv, memory.csv, <table>.csv}. Two machines' runs
// never write the same file, so their branches merge without conflict.
export const experimentDataDir = (p: Paths, id: string) => path.join(p.dataDir, id);
export const experimentJson = (p: Paths, id: string) => path.join(p.dataDir, id, 'experiment.json');
export const machineDir = (p: Paths, id: string, machine: string) => path.join(p.dataDir, id, machine);
export const runJson = (p: Paths, id: string, machine: string) => path.join(p.dataDir, id, machine, 'run.json');
export const resultsCsv = (p: Paths, id: string, machine: string) => path.join(p.dataDir, id, machine, 'results.csv');
export const memoryCsv = (p: Paths, id: string, machine: string) => path.join(p.dataDir, id, machine, 'memory.csv');
export const tableCsv = (p: Paths, id: string, machine: string, table: string) => path.join(p.dataDir, id, machine, `${table}.csv`);
/** The single-file layout before machine folders (lib/data/migrate.ts moves it). */
export const legacyMetaJson = (p: Paths, id: string) => path.join(p.dataDir, id, 'meta.json');
export const reportHtml = (p: Paths, id: string) => path.join(p.reportsDir, `${id}.html`);
export const indexHtml = (p: Paths) => path.join(p.reportsDir, 'index.html');
