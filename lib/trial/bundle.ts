// Compiles an experiment to plain JavaScript once per run, so trial processes
// and pool workers start like a deployed Node program: no TypeScript loader
// in the measured process, and no compile time in the pool start-up figures.

import { buildSync, type Metafile } from 'esbuild';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Bundle {
  /** Entry of a trial process: `node <trialEntry>`. */
  trialEntry: string;
  /** The experiment's tasks.ts as one ES module, for executors. */
  tasksModule: string;
  /** Absolute paths of the repo's source files compiled into the bundles (not packages). */
  sources: string[];
  dispose(): void;
}

/** The repo's source files an entry imports, transitively (packages excluded): esbuild's own view of the graph. */
export function sourcesOf(root: string, entry: string): string[] {
  const result = buildSync({
    entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node',
    packages: 'external', absWorkingDir: root, logLevel: 'error', outdir: path.join(root, '.tmp', 'unused'),
  });
  return inRepo(root, result.metafile);
}

function inRepo(root: string, meta: Metafile | undefined): string[] {
  return Object.keys(meta?.inputs ?? {})
    .map((input) => path.resolve(root, input))
    .filter((file) => file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`) && existsSync(file));
}

export function bundleExperiment({ root, experimentDir, id }: { root: string; experimentDir: string; id: string }): Bundle {
  // Inside the repo, so the bundles' package imports resolve from its node_modules.
  const outDir = path.join(root, '.tmp', 'build', `${id}-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    // esbuild's metafile paths are relative to its working directory.
    absWorkingDir: root,
    metafile: true,
  } as const;
  const trialEntry = path.join(outDir, 'trial.mjs');
  const sources = new Set<string>();
  const collect = (meta: Metafile | undefined) => inRepo(root, meta).forEach((f) => sources.add(f));
  const trial = buildSync({
    ...common,
    stdin: {
      contents: `import experiment from ${JSON.stringify(path.join(experimentDir, 'experiment.ts'))};\nimport { runTrialMain } from ${JSON.stringify(path.join(root, 'lib', 'trial', 'main.ts'))};\nrunTrialMain(experiment);\n`,
      resolveDir: experimentDir,
      loader: 'ts',
      sourcefile: `${id}-trial.ts`,
    },
    outfile: trialEntry,
  });
  collect(trial.metafile);
  const tasksModule = path.join(outDir, 'tasks.mjs');
  collect(buildSync({ ...common, entryPoints: [path.join(experimentDir, 'tasks.ts')], outfile: tasksModule }).metafile);
  return { trialEntry, tasksModule, sources: [...sources].sort(), dispose: () => rmSync(outDir, { recursive: true, force: true }) };
}
