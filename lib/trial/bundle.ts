// Compiles an experiment to plain JavaScript once per run, so trial processes
// and pool workers start like a deployed Node program: no TypeScript loader
// in the measured process, and no compile time in the pool start-up figures.

import { buildSync } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Bundle {
  /** Entry of a trial process: `node <trialEntry>`. */
  trialEntry: string;
  /** The experiment's tasks.ts as one ES module, for executors. */
  tasksModule: string;
  dispose(): void;
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
  } as const;
  const trialEntry = path.join(outDir, 'trial.mjs');
  buildSync({
    ...common,
    stdin: {
      contents: `import experiment from ${JSON.stringify(path.join(experimentDir, 'experiment.ts'))};\nimport { runTrialMain } from ${JSON.stringify(path.join(root, 'lib', 'trial', 'main.ts'))};\nrunTrialMain(experiment);\n`,
      resolveDir: experimentDir,
      loader: 'ts',
      sourcefile: `${id}-trial.ts`,
    },
    outfile: trialEntry,
  });
  const tasksModule = path.join(outDir, 'tasks.mjs');
  buildSync({ ...common, entryPoints: [path.join(experimentDir, 'tasks.ts')], outfile: tasksModule });
  return { trialEntry, tasksModule, dispose: () => rmSync(outDir, { recursive: true, force: true }) };
}
