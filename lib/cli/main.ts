// The command line: run experiments, list them, rebuild reports, scaffold a
// new one. Thin: every command calls a tested module. Exit codes: 0 done,
// 1 a run or report failed, 2 the request itself was wrong, 130 interrupted.

import { parseArgs } from 'node:util';
import { listExperimentIds, loadExperiment, UsageError } from '../experiment/load.ts';
import { PROFILE_NAMES } from '../experiment/types.ts';
import { resolvePaths, type Paths } from '../paths.ts';
import { buildIndex, buildReport, readmeWithFindings } from '../report/build.ts';
import { writeFileAtomic } from '../data/atomic.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createProgress } from '../run/progress.ts';
import { runExperiment } from '../run/runner.ts';
import { scaffoldExperiment } from '../scaffold/scaffold.ts';
import { killAllGroups } from '../trial/process-groups.ts';
import { DataError } from '../data/csv.ts';
import { setReferenceMachine } from '../data/experiment-data.ts';
import { migrateExperimentData } from '../data/migrate.ts';
import { importRuns } from '../run/import-runs.ts';

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  list                          experiments, their profiles and parameters
  run <id...> | --all           run experiments (default profile: full)
      --profile smoke|quick|full
      --set key=value           override a profile parameter (repeatable)
      --strategy a,b            only these strategies (a partial dataset)
      --if-stale                skip when this machine's data came from the same code and parameters
      --keep-going              record failed trials and go on (default: stop, write nothing)
      --attempts N              re-runs of a disturbed trial, in all (default 3)
      --accept-noise            flag no trial disturbed, whatever else the machine runs (tests of the
                                pipeline on a shared machine; never for published data: run.json says so)
      --trial-timeout S         kill a trial after S seconds and record it as failed (default 600)
      --interval-target X       calibration: add repetitions to a point until its 95 % interval of wall time
                                is within ±X (default 0.05; a profile may set interval_target) ...
      --repetitions-cap N       ... up to N trials a point (default 10; repetitions_cap) ...
      --calibrate-budget F      ... spending at most F × the planned trials' time (default 0.5;
                                calibrate_budget; 0 = off). Smoke and 1-repetition runs never calibrate.
  report <id...> | --all        rebuild reports from data/ (never runs anything)
      --machine ID              report another machine's rows (default: the reference machine)
  index                         rebuild reports/index.html
  reference <id...> | --all --machine ID
                                make ID the machine the reports are about by default (data/<id>/experiment.json)
  import <clone-or-archive>     bring in other machines' runs: data/<id>/<machine>/ folders from a clone's
                                data/ (or a .tar.gz of one), each validated and its code hash checked
                                against its commit; a run already here is refused
  migrate-data                  move data/ from the single-folder layout (data/<id>/meta.json) to one
                                folder per machine (data/<id>/<machine>/); idempotent
  readme                        regenerate README.md's findings block from data/
      --check                   only say whether it is up to date (exit 1 when not)
  new <id>                      scaffold experiments/<id>/ from the template

common options:
  --data-dir DIR   --reports-dir DIR   --inputs-dir DIR   (default: data/, reports/, data/inputs/)
  --experiments-dir DIR   (default: experiments/; tests point it at fixtures)`;

const OPTIONS = {
  all: { type: 'boolean' },
  profile: { type: 'string' },
  set: { type: 'string', multiple: true },
  strategy: { type: 'string' },
  'if-stale': { type: 'boolean' },
  'keep-going': { type: 'boolean' },
  'accept-noise': { type: 'boolean' },
  attempts: { type: 'string' },
  'trial-timeout': { type: 'string' },
  'interval-target': { type: 'string' },
  'repetitions-cap': { type: 'string' },
  'calibrate-budget': { type: 'string' },
  machine: { type: 'string' },
  check: { type: 'boolean' },
  'data-dir': { type: 'string' },
  'reports-dir': { type: 'string' },
  'inputs-dir': { type: 'string' },
  'experiments-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
}

function ids(paths: Paths, positionals: string[], all: boolean | undefined): string[] {
  const known = listExperimentIds(paths.experimentsDir);
  if (all) return known;
  if (positionals.length === 0) throw new UsageError(`name an experiment or pass --all (experiments: ${known.join(', ')})`);
  for (const id of positionals) if (!known.includes(id)) throw new UsageError(`unknown experiment: ${id} (valid: ${known.join(', ')})`);
  return positionals;
}

function overrides(values: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of values.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--set expects key=value (got ${JSON.stringify(pair)})`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function positiveNumber(flag: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} must be a positive ${integer ? 'integer' : 'number'} (got ${raw})`);
  return n;
}

async function list(paths: Paths): Promise<void> {
  for (const id of listExperimentIds(paths.experimentsDir)) {
    const e = await loadExperiment(paths.experimentsDir, id);
    console.log(`${id}  ${e.title}`);
    for (const p of PROFILE_NAMES) {
      const params = Object.entries(e.profiles[p].params).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`);
      console.log(`  ${p.padEnd(6)} ${e.profiles[p].description}\n         ${params.join(' ')}`);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parse(rest);
  if (!command || command === 'help' || command === '--help' || command === '-h' || values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const paths = resolvePaths({
    dataDir: values['data-dir'],
    reportsDir: values['reports-dir'],
    inputsDir: values['inputs-dir'],
    experimentsDir: values['experiments-dir'],
  });
  switch (command) {
    case 'list':
      await list(paths);
      return 0;
    case 'run': {
      const attempts = positiveNumber('--attempts', values.attempts, true);
      const timeout = positiveNumber('--trial-timeout', values['trial-timeout'], false);
      const rawBudget = values['calibrate-budget'];
      const budget = rawBudget !== undefined && rawBudget.trim() !== '' && Number(rawBudget) === 0 ? 0 : positiveNumber('--calibrate-budget', rawBudget, false);
      const calibration = {
        target: positiveNumber('--interval-target', values['interval-target'], false),
        cap: positiveNumber('--repetitions-cap', values['repetitions-cap'], true),
        budget,
      };
      const progress = createProgress();
      for (const id of ids(paths, positionals, values.all)) {
        const summary = await runExperiment({
          paths,
          experimentId: id,
          profile: values.profile ?? 'full',
          overrides: overrides(values),
          strategies: values.strategy?.split(',').map((s) => s.trim()),
          ifStale: values['if-stale'],
          onError: values['keep-going'] ? 'continue' : 'stop',
          maxAttempts: values['accept-noise'] ? 1 : attempts,
          // Tests of the pipeline on a shared machine: no trial is flagged disturbed, so none leaves the statistics.
          ...(values['accept-noise'] ? { disturbedCores: Infinity, slowProbeFactor: Infinity } : {}),
          trialTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
          calibration,
          progress,
        });
        if (!summary.skipped) {
          const resumed = summary.resumed > 0 ? `, ${summary.resumed} resumed from an interrupted run` : '';
          const added = summary.added > 0 ? `, ${summary.added} added by calibration` : '';
          console.error(`${id}: ${summary.rows} trials in ${summary.seconds.toFixed(0)} s (${summary.failed} failed, ${summary.disturbed} disturbed${resumed}${added}) → ${paths.dataDir}/${id}/${summary.machine}/`);
        }
      }
      return 0;
    }
    case 'report':
      for (const id of ids(paths, positionals, values.all)) console.error(`wrote ${await buildReport(id, { paths, machineId: values.machine })}`);
      return 0;
    case 'index':
      console.error(`wrote ${await buildIndex({ paths })}`);
      return 0;
    case 'reference': {
      if (!values.machine) throw new UsageError('reference needs --machine ID, e.g. npm run cli -- reference --all --machine 2c-intel-xeon');
      for (const id of ids(paths, positionals, values.all)) {
        setReferenceMachine(paths, id, values.machine);
        console.error(`${id}: reference machine is now ${values.machine}`);
      }
      return 0;
    }
    case 'migrate-data': {
      const moved = listExperimentIds(paths.experimentsDir).map((id) => migrateExperimentData(paths, id)).filter((m) => m !== null);
      for (const m of moved) console.error(`${m.experiment}: moved to ${m.machines.map((x) => `${m.experiment}/${x}/`).join(', ')} (${m.files} files)`);
      if (moved.length === 0) console.error('nothing to move: every data folder is already one folder per machine');
      return 0;
    }
    case 'import': {
      if (positionals.length !== 1) throw new UsageError('import takes one clone directory or .tar.gz archive, e.g. npm run cli -- import ../their-clone');
      const result = await importRuns(positionals[0]!, { paths });
      for (const line of result.lines) console.error(line);
      return result.refused > 0 ? 1 : 0;
    }
    case 'readme': {
      const file = path.join(paths.root, 'README.md');
      const next = await readmeWithFindings({ paths });
      if (values.check) {
        const same = readFileSync(file, 'utf8') === next;
        console.log(same ? 'README.md findings: up to date' : 'README.md findings: out of date; run `npm run cli -- readme` (or `make reports`)');
        return same ? 0 : 1;
      }
      writeFileAtomic(file, next);
      console.error('wrote README.md findings');
      return 0;
    }
    case 'new': {
      if (positionals.length !== 1) throw new UsageError('new takes one experiment id, e.g. npm run cli -- new my-study');
      const dir = scaffoldExperiment({ experimentsDir: paths.experimentsDir, id: positionals[0]! });
      console.error(`created ${dir}/: fill in experiment.ts, tasks.ts, peer.py and report.ts, then try it outside data/: npm run cli -- run ${positionals[0]} --profile smoke --data-dir .tmp/try/data`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${command} (valid: list, run, report, index, reference, import, migrate-data, readme, new)`);
  }
}

// Ctrl-C or SIGTERM: kill every running trial's process group, write nothing, leave.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    const killed = killAllGroups();
    console.error(`\ninterrupted: stopped ${killed} running trial(s) and service(s); data/ is unchanged`);
    process.exit(130);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    // A data error already names the file, line and column: no stack needed.
    console.error(error instanceof DataError ? `error: ${error.message}` : error);
    process.exit(1);
  },
);
