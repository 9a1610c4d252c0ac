// Brings other machines' runs into this data folder: from a clone (its data/)
// or a .tar.gz of one. Each data/<id>/<machine>/ folder is read as every read
// is (schema, column types, machine ids), its code hash is recomputed from the
// commit it names, and only then is it copied in. Refused, with the reason: a
// run already here, a run from uncommitted code, a commit this repository
// cannot find, a hash that does not match its commit.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listExperimentIds, loadExperiment } from '../experiment/load.ts';
import type { Experiment } from '../experiment/types.ts';
import { machinesOf, readMachineData, readRun } from '../data/experiment-data.ts';
import type { RunMeta } from '../data/provenance.ts';
import { experimentDataDir, legacyMetaJson, machineDir, resolvePaths, type Paths } from '../paths.ts';
import { bundleExperiment } from '../trial/bundle.ts';
import { runHash } from './code-hash.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS } from './sampling.ts';
import { DataError } from '../data/csv.ts';

export interface ImportResult {
  imported: number;
  refused: number;
  /** One line per run: imported or refused, and why. */
  lines: string[];
}

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const gitOk = (cwd: string, args: string[]) => {
  try {
    git(cwd, args);
    return true;
  } catch {
    return false;
  }
};

/** The source's data/ folder, and its repository root when it is a clone. */
function openSource(source: string): { dataDir: string; repo: string | null; dispose: () => void } {
  const abs = path.resolve(source);
  if (!existsSync(abs)) throw new DataError(`${abs}: no such file or directory; name a clone of this repository or a .tar.gz of one`);
  if (statSync(abs).isFile()) {
    if (!/\.(tar\.gz|tgz|tar)$/.test(abs)) throw new DataError(`${abs}: expected a directory or a .tar.gz / .tgz / .tar archive`);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'import-'));
    execFileSync('tar', ['-xf', abs, '-C', tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
    // The archive may hold data/ itself, or one folder that holds it.
    const top = readdirSync(tmp);
    const base = top.length === 1 && !existsSync(path.join(tmp, 'data')) && statSync(path.join(tmp, top[0]!)).isDirectory() ? path.join(tmp, top[0]!) : tmp;
    const dataDir = existsSync(path.join(base, 'data')) ? path.join(base, 'data') : base;
    return { dataDir, repo: existsSync(path.join(base, '.git')) ? base : null, dispose: () => rmSync(tmp, { recursive: true, force: true }) };
  }
  const dataDir = existsSync(path.join(abs, 'data')) ? path.join(abs, 'data') : abs;
  const repoRoot = existsSync(path.join(abs, '.git')) ? abs : null;
  return { dataDir, repo: repoRoot, dispose: () => {} };
}

/** The code hash `run` should have, recomputed from the files of its commit in a temporary worktree. */
async function hashAtCommit(paths: Paths, experiment: Experiment, run: RunMeta): Promise<string> {
  const commit = run.git.commit!;
  const tree = mkdtempSync(path.join(os.tmpdir(), 'import-tree-'));
  rmSync(tree, { recursive: true, force: true });
  git(paths.root, ['worktree', 'add', '--detach', '--quiet', tree, commit]);
  try {
    // The bundle resolves no package (they stay external), but the experiment module's imports do.
    if (!existsSync(path.join(tree, 'node_modules'))) symlinkSync(path.join(paths.root, 'node_modules'), path.join(tree, 'node_modules'));
    const experimentsDir = path.join(tree, path.relative(paths.root, paths.experimentsDir));
    const experimentDir = path.join(experimentsDir, experiment.id);
    if (!existsSync(path.join(experimentDir, 'experiment.ts'))) throw new DataError(`commit ${commit.slice(0, 12)} has no ${path.relative(tree, experimentDir)}/experiment.ts`);
    const then = await loadExperiment(experimentsDir, experiment.id);
    const bundle = bundleExperiment({ root: tree, experimentDir, id: experiment.id });
    try {
      return runHash({
        root: tree, experimentDir, services: then.services, bundleSources: bundle.sources,
        profile: run.profile, params: run.params, strategies: run.strategies ?? null,
        sampleIntervalMs: run.sampling?.interval_ms ?? then.sampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS,
      });
    } finally {
      bundle.dispose();
    }
  } finally {
    git(paths.root, ['worktree', 'remove', '--force', tree]);
  }
}

/** Why `run` cannot come in, or null when it may. */
async function refusal(paths: Paths, experiment: Experiment, machine: string, run: RunMeta, repo: string | null): Promise<string | null> {
  const id = experiment.id;
  if (machinesOf(paths, id).includes(machine)) {
    const here = readRun(paths, id, machine);
    return here.code_hash === run.code_hash && here.started_at === run.started_at
      ? 'already here (same code hash and start time)'
      : `a run of ${machine} is already here (started ${here.started_at}); to replace it, remove ${path.relative(paths.root, machineDir(paths, id, machine))}/ first`;
  }
  const commit = run.git.commit;
  if (!commit) return 'its run.json names no git commit, so its code cannot be checked';
  if (run.git.dirty) return `it was made from uncommitted changes on top of ${commit.slice(0, 12)}, so no commit holds its code; re-run it from a clean tree`;
  if (!gitOk(paths.root, ['cat-file', '-e', `${commit}^{commit}`]) && repo) gitOk(paths.root, ['fetch', '--quiet', '--no-tags', repo, 'HEAD']);
  if (!gitOk(paths.root, ['cat-file', '-e', `${commit}^{commit}`])) return `commit ${commit.slice(0, 12)} is not in this repository; fetch the branch it was made on (git fetch <their remote>) and import again`;
  const expected = await hashAtCommit(paths, experiment, run);
  if (expected !== run.code_hash) return `its code hash ${run.code_hash} does not match the code at commit ${commit.slice(0, 12)} (${expected}): the run was made from other code than the commit says`;
  return null;
}

export async function importRuns(source: string, { paths }: { paths: Paths }): Promise<ImportResult> {
  const src = openSource(source);
  const result: ImportResult = { imported: 0, refused: 0, lines: [] };
  try {
    const from = resolvePaths({ root: paths.root, dataDir: src.dataDir, experimentsDir: paths.experimentsDir });
    const ids = listExperimentIds(paths.experimentsDir).filter((id) => existsSync(experimentDataDir(from, id)));
    if (ids.length === 0) throw new DataError(`${src.dataDir}: no data folder of any experiment here (${listExperimentIds(paths.experimentsDir).join(', ')})`);
    for (const id of ids) {
      if (existsSync(legacyMetaJson(from, id))) {
        result.refused += 1;
        result.lines.push(`${id}: refused: ${legacyMetaJson(from, id)} is the single-folder layout; run npm run cli -- migrate-data in that clone first`);
        continue;
      }
      const experiment = await loadExperiment(paths.experimentsDir, id);
      for (const machine of machinesOf(from, id)) {
        const label = `${id}/${machine}`;
        try {
          const { run } = readMachineData(from, experiment, machine); // every file checked before anything is copied
          const why = await refusal(paths, experiment, machine, run, src.repo);
          if (why) {
            result.refused += 1;
            result.lines.push(`${label}: refused: ${why}`);
            continue;
          }
          const staging = path.join(experimentDataDir(paths, id), `.${machine}.import-${process.pid}`);
          rmSync(staging, { recursive: true, force: true });
          mkdirSync(experimentDataDir(paths, id), { recursive: true });
          cpSync(machineDir(from, id, machine), staging, { recursive: true });
          renameSync(staging, machineDir(paths, id, machine));
          result.imported += 1;
          result.lines.push(`${label}: imported (${run.profile} profile, commit ${run.git.commit!.slice(0, 12)}, ${run.trials.ok} ok trials)`);
        } catch (error) {
          if (!(error instanceof DataError)) throw error;
          result.refused += 1;
          result.lines.push(`${label}: refused: ${error.message}`);
        }
      }
    }
  } finally {
    src.dispose();
  }
  return result;
}
