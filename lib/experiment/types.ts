// The contract between an experiment folder and the shared pipeline.
// An experiment is data (article, claims, profiles, the trials to run) plus
// strategy functions; it never renders and never writes files itself.

import type { TrialContext } from '../trial/context.ts';

/** A scalar that can sit in a CSV cell and a parameter point. */
export type Scalar = string | number;

/** Parameters of a profile: what scale to run at. Values are plain JSON. */
export type Params = Record<string, Scalar | boolean | Scalar[]>;

/** One parameter point of a trial, e.g. `{ set: 'reader', workers: 2 }`. Becomes CSV columns. */
export type Point = Record<string, Scalar>;

export type ProfileName = 'smoke' | 'quick' | 'full';
export const PROFILE_NAMES: readonly ProfileName[] = ['smoke', 'quick', 'full'];

export interface Profile {
  /** One line: what this profile is for and how long it takes on 2 cores. */
  description: string;
  params: Params;
}

export interface Article {
  author: string;
  title: string;
  venue: string;
  /** ISO date, e.g. '2012-01-16'. */
  date: string;
  url: string;
}

export interface Claim {
  id: string;
  /** The claim paraphrased in this repo's own words. */
  text: string;
}

/**
 * Concurrency model of a strategy. The report and the index group by it.
 * The Python names are the articles' models; the Node names are their analogs.
 */
export type Model =
  | 'serial'
  | 'event-loop'
  | 'libuv-pool'
  | 'worker-threads'
  | 'child-processes'
  | 'native'
  | 'external'
  | 'python-serial'
  | 'python-threads'
  | 'python-processes'
  | 'python-asyncio'
  | 'python-gevent'
  | 'python-interpreters';

export type Runtime = 'node' | 'python' | 'external';

interface StrategyBase {
  /** Unique within the experiment; a CSV value and a CLI name: [a-z0-9-]+ */
  name: string;
  model: Model;
  /** How reports name it in prose, tables and legends ("worker threads, dynamic batches"); default the name. */
  label?: string;
  /** One line for the report's method section. */
  description: string;
}

export interface NodeStrategy extends StrategyBase {
  runtime: 'node';
  /** Extra environment for the trial process (e.g. UV_THREADPOOL_SIZE); read before the process starts. */
  env?: (point: Point) => Record<string, string>;
  /** The trial body. Runs in a fresh process; time the work with `t.work(...)`. */
  run: (t: TrialContext) => Promise<void>;
}

export interface PythonStrategy extends StrategyBase {
  runtime: 'python';
  /** Modules the strategy imports; when one is missing its rows are skipped, visibly. */
  requires?: string[];
  /** Script in the experiment folder; default 'peer.py'. It is called with --strategy NAME. */
  script?: string;
  /** Interpreter: '3.14' for a CPython 3.14 (PYTHON314, PATH or `make deps`; lib/peers/python.ts); default the system Python. */
  python?: '3.14';
}

export type Strategy = NodeStrategy | PythonStrategy;

/** One cell of the plan: a strategy at a parameter point. The runner adds repetitions. */
export interface Cell {
  strategy: string;
  point: Point;
  /** Overrides the profile's repetition count for this cell (e.g. fewer on the largest input). */
  repetitions?: number;
}

/** Declared column types, so CSVs are read back with types rather than guessed. */
export type ColumnType = 'string' | 'int' | 'number';

export interface Inputs {
  /** Name → absolute path of each input file the trials read. */
  files: Record<string, string>;
  /** Name → sha256 of each file: goes into run.json. */
  hashes: Record<string, string>;
  /** Seed(s) used to generate them. */
  seed: number | null;
}

export interface PrepareContext {
  params: Params;
  /** Folder for this experiment's generated inputs (git-ignored). */
  inputsDir: string;
  log: (line: string) => void;
}

export interface Experiment {
  id: string;
  title: string;
  /** The article it reproduces; omit for a study of one's own, which the reports then say. */
  article?: Article;
  /** The article's question, paraphrased. */
  question: string;
  claims: Claim[];
  profiles: Record<ProfileName, Profile>;
  /** Column types of every key that appears in a Point. */
  pointColumns: Record<string, ColumnType>;
  /** Column types of the strategy-specific metrics (`t.metric(...)`). */
  metricColumns?: Record<string, ColumnType>;
  /** Side tables (`t.table(name, rows)`) and their column types; each becomes data/<id>/<name>.csv. */
  tables?: Record<string, Record<string, ColumnType>>;
  strategies: Strategy[];
  /**
   * The point columns that decide the result (e.g. the input set, not the worker
   * count): trials that agree on these must return the same digest. Default: all.
   */
  resultDependsOn?: string[];
  /** RSS sampling interval for this experiment's trials (default 20 ms; 10 ms costs ~1.9–3 % of a core here). */
  sampleIntervalMs?: number;
  /**
   * Local servers the trials talk to (an S3-like store, a price API): each a
   * script in the experiment folder that calls listenLocal() from
   * lib/services/listen.ts. Started once per run, in their own processes.
   */
  services?: { name: string; script: string }[];
  /** External tools the run uses (e.g. 'pigz'); their versions go into run.json. */
  tools?: string[];
  /** Generate or verify inputs (deterministic); called before any trial. */
  prepare?: (ctx: PrepareContext) => Promise<Inputs>;
  /** The cells to run for a profile's parameters. */
  plan: (params: Params) => Cell[];
  /** Method notes for the report: how this reproduction deviates from the article. Markdown. */
  method: string;
}

/** Identity function that gives experiment.ts files type checking and one obvious entry point. */
export function defineExperiment(experiment: Experiment): Experiment {
  return experiment;
}
