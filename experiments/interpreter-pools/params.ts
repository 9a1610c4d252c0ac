// The run's parameters in one place: the article's loads (and those of the
// disk workload, beyond the article), the pool sizes, the sweep, the Node-only
// scaled load, the local web server's behaviour and the io_heavy step probe. Every
// profile is these defaults with a few keys changed; `resolveLoads` checks a
// profile's parameters and turns them into the table the plan reads.

import type { Params, Profile, ProfileName } from '../../lib/experiment/types.ts';

/** The article's four workloads. */
export const ARTICLE_WORKLOADS = ['cpu', 'memory', 'io', 'network'] as const;
export type ArticleWorkload = (typeof ARTICLE_WORKLOADS)[number];

/**
 * Every workload, in report order: the article's four and `disk` (beyond the
 * article): file work that waits on the disk, which the article's io_heavy does
 * not (it writes into the page cache and spends a core encoding and decoding).
 */
export const WORKLOADS = ['cpu', 'memory', 'io', 'disk', 'network'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** The article's load levels, in its order. */
export const LEVELS = ['low', 'med', 'high'] as const;

/** Workloads whose Node load is scaled up to take about as long as Python's (the loops Node runs far faster). */
export const SCALABLE: readonly Workload[] = ['cpu', 'memory'];

/** The parameter holding each workload's argument per level (the article's config.json). */
export const LOAD_PARAM: Record<Workload, string> = { cpu: 'cpu_n', memory: 'memory_n', io: 'io_mb', disk: 'disk_mb', network: 'network_requests' };

/** The parameter holding each scalable workload's Node scale factor. */
export const SCALE_PARAM: Record<string, string> = { cpu: 'cpu_node_scale', memory: 'memory_node_scale' };

/** The article's own loads: iterations, list length, megabytes, requests. */
export const ARTICLE_LOADS: Record<ArticleWorkload, readonly number[]> = {
  cpu: [5_000_000, 20_000_000, 80_000_000],
  memory: [5_000_000, 10_000_000, 30_000_000],
  io: [10, 50, 200],
  network: [1, 3, 5],
};

/**
 * The disk workload's loads: MiB written per task, one durable 1 MiB record at a
 * time (about 3 ms each on the reference machine's virtual disk, which writes
 * about 400 MB/s whatever the number of writers), sized so that a task's fixed
 * cost (a page-aligned record to fill, a folder to make and remove: about 5 ms
 * of CPU) stays small beside its waits at the heaviest load, where the CPU
 * share is measured, and its cells add about 3 minutes to the full run on 2 cores.
 */
export const DISK_LOADS: readonly number[] = [16, 32, 64];

/** Every workload's default loads, per level. */
export const DEFAULT_LOADS: Record<Workload, readonly number[]> = { ...ARTICLE_LOADS, disk: DISK_LOADS };

export const DEFAULTS = {
  seed: 0,
  levels: [...LEVELS],
  cpu_n: [...ARTICLE_LOADS.cpu],
  memory_n: [...ARTICLE_LOADS.memory],
  io_mb: [...ARTICLE_LOADS.io],
  disk_mb: [...DISK_LOADS],
  network_requests: [...ARTICLE_LOADS.network],
  /** The article's pool: 4 workers running 4 tasks. */
  workers: 4,
  tasks: 4,
  /** Beyond the article: tasks = workers at each of these sizes, at `sweep_level`. */
  sweep_workers: [1, 2, 4, 8],
  sweep_level: 'low',
  /**
   * The level whose Node load is also run scaled up, by these factors (1 = not
   * scaled): Node's multiply loop runs ~15–60× faster than CPython's, its array
   * building only ~1–1.5×, so only cpu is scaled by default. At med × 30 a Node
   * task (600 M iterations, ~0.5 s) takes about as long as CPython's med task
   * (20 M, ~0.7 s): long enough that a pool's speed-up stands above the noise.
   */
  scaled_level: 'med',
  cpu_node_scale: 30,
  memory_node_scale: 1,
  /** The local page: fixed latency per request and the size of example.com's page. */
  network_latency_ms: 100,
  network_body_bytes: 1256,
  /** For the grid and the scaled loads: what the verdicts and the headline read. */
  repetitions: 3,
  /**
   * For each runtime's baseline (Node's event loop, Python's thread pool) running one task on one
   * worker at the heaviest level: the run whose CPU share (whole-tree CPU ÷ wall) the report and
   * the decision guide state for each workload; 3 so that its interval can decide (lib/report/guide.ts).
   */
  share_repetitions: 3,
  /** Whether every pool runs its own single task (the corrected speed-up's denominator); false keeps only the runtimes' baselines'. */
  own_single_tasks: true,
  /** For the one-task points at the article's loads and the sweep's other sizes (figures and corrected speed-ups only). */
  side_repetitions: 3,
  /** For the grid points named in `few_reps_points` ("strategy workload load workers"); the verdicts skip them. */
  few_repetitions: 3,
  few_reps_points: [] as string[],
  /** The levels at which the system's CPython 3.11 thread and process pools run beside 3.14's (the article's grid and their own single task). */
  python311_levels: ['low'],
  /** The size of the large value the sharing probes hand to a worker (a bytes in Python, a Buffer in Node). */
  sharing_bytes: 10_000_000,
  /** The fixed cost of a pool (the `payload` cells): pool sizes whose start-up and idle memory are measured, sending the smallest payload. */
  fixed_workers: [1, 2, 4, 8],
  /** Payload sizes in bytes, each sent to a task on a pool of one and returned. */
  payload_bytes: [1_000, 100_000, 1_000_000, 10_000_000],
  /** Round trips per payload trial, one after another: a round trip's time is the work's wall time over this. */
  payload_rounds: 10,
  /** How long a payload trial holds its started pool idle before the work, so that the outside sampler (which looks for new processes every few reads) has seen every worker. */
  payload_idle_ms: 250,
  /** Where io_heavy's CPU goes (the `io_steps` side table): the MiB of one task whose steps are timed apart, and how many times. */
  io_steps_mb: ARTICLE_LOADS.io[1]!,
  io_steps_rounds: 3,
  warmup: 1,
} satisfies Params;

/**
 * The full profile's cuts, to fit under 8 minutes on 2 cores: CPython's thread
 * pool at the high cpu and memory loads takes 11–14 s a trial, 4 tasks under one
 * GIL; Node's event loop on the memory loads is read by no verdict. The
 * verdicts judge only points with enough repetitions.
 */
export const FULL_FEW_REPS_POINTS = ['python-threads cpu high 4', 'python-threads memory high 4', 'node-event-loop memory med 4', 'node-event-loop memory high 4'];

export const PROFILES: Record<ProfileName, Profile> = {
  smoke: {
    description: 'A minute or two: every workload at one tiny load (the disk workload at 64 MiB, where its CPU share is low), pools of 2 running 2 tasks, one repetition; each runtime’s baseline running one task 3 times (the CPU share); the 3.14 and 3.11 Python pools and the sharing probes (a 1 MB value); io_heavy’s steps at 2 MiB; the fixed cost of pools of 1 and 2, and 3 round trips of 1 KB and 100 KB. For tests and CI.',
    params: {
      ...DEFAULTS,
      levels: ['low'],
      cpu_n: [200_000],
      memory_n: [200_000],
      io_mb: [2],
      disk_mb: DISK_LOADS.slice(-1),
      network_requests: [2],
      io_steps_mb: 2,
      workers: 2,
      tasks: 2,
      sweep_workers: [],
      sweep_level: 'low',
      scaled_level: 'low',
      cpu_node_scale: 10,
      memory_node_scale: 2,
      side_repetitions: 1,
      few_repetitions: 1,
      network_latency_ms: 5,
      sharing_bytes: 1_000_000,
      fixed_workers: [1, 2],
      payload_bytes: [1_000, 100_000],
      payload_rounds: 3,
      repetitions: 1,
      warmup: 0,
    },
  },
  quick: {
    description:
      'About a minute on 2 cores: every workload at the article’s low load (memory at a fifth of it, 1 000 000 integers; the disk workload at 64 MiB, where its CPU share is low) on pools of 2 running 2 tasks, one repetition, the runtimes’ baselines alone running one task on one worker (3 times: the CPU share), Python on 3.14 only, io_heavy’s steps at 10 MiB and the sharing probes once; no warm-up, no scaled Node load, no sweep and no fixed-cost trials. A first look: no verdict decides at one repetition.',
    params: {
      ...DEFAULTS,
      levels: ['low'],
      cpu_n: ARTICLE_LOADS.cpu.slice(0, 1),
      memory_n: [1_000_000],
      io_mb: ARTICLE_LOADS.io.slice(0, 1),
      disk_mb: DISK_LOADS.slice(-1),
      network_requests: ARTICLE_LOADS.network.slice(0, 1),
      io_steps_mb: ARTICLE_LOADS.io[0]!,
      workers: 2,
      tasks: 2,
      sweep_workers: [],
      sweep_level: 'low',
      scaled_level: 'low',
      cpu_node_scale: 1,
      python311_levels: [],
      own_single_tasks: false,
      fixed_workers: [],
      sharing_bytes: 1_000_000,
      repetitions: 1,
      side_repetitions: 1,
      few_repetitions: 1,
      warmup: 0,
    },
  },
  full: {
    description:
      'The article’s scale, on CPython 3.14 (its version): its three loads of all four workloads with 4 workers and 4 tasks on the thread, process and interpreter pools and Node’s three analogs, the Node cpu load scaled to Python’s time, a sweep of 1, 2, 4 and 8 workers at the low load; the system’s 3.11 thread and process pools beside them at the low load; the sharing probes once; the fixed cost of a pool (start-up and idle memory of 1, 2, 4 and 8 workers, and 10 round trips of 1 KB, 100 KB, 1 MB and 10 MB to a task and back, 3 repetitions each: 126 trials, about 3 minutes on 2 cores, estimated from a quick run with these sizes). Beyond the article, the disk workload at 16, 32 and 64 MiB on the same pools, sweep and 3.11 pools (96 trials), each runtime’s baseline running one task on one worker at the high load 3 times in place of once (the CPU share the report and the guide state: 20 more trials) and io_heavy’s steps at 50 MiB, 3 rounds per runtime (2 trials): together about 3 minutes on 2 cores, estimated from the committed run’s per-trial costs and a quick run. About 494 trials besides the fixed cost’s. The whole run takes about 25 minutes on 2 cores (the reference machine’s run before the disk workload took 21 min 55 s; the environment section gives this run’s start and end): each trial is a fresh process with its pool’s start-up, the pause before the work and the speed probes around it, calibration adds up to 0.3 × the planned trials’ time (parameter `calibrate_budget`, 0.3 in place of 0.5), and disturbed trials are run again, which a busy host makes longer. Also scaled down to fit: parameter `side_repetitions`, 1 in place of 3 (the one-task points at the article’s loads and the sweep’s 2 and 8 workers), and `few_repetitions`, 1 in place of 3 for the points in `few_reps_points` (Python’s thread pool at the high cpu and memory loads, Node’s event loop at the medium and high memory loads); the verdicts show those points but judge only points with 3 repetitions, which every other point has, the interpreter pool’s included.',
    params: { ...DEFAULTS, side_repetitions: 1, few_repetitions: 1, few_reps_points: FULL_FEW_REPS_POINTS, calibrate_budget: 0.3 },
  },
};

/** One load of one workload: its level name, the argument n, and whether it is the Node-only scaled one. */
export interface Load {
  workload: Workload;
  load: string;
  n: number;
  /** The article's level this load is based on. */
  level: string;
  /** n over the level's n: 1 for the article's loads. */
  scale: number;
}

export interface LoadTable {
  /** The article's loads, per workload, in level order. */
  article: Load[];
  /** The Node-only loads scaled from `scaled_level` (cpu and memory). */
  scaled: Load[];
}

const fail = (what: string): never => {
  throw new Error(`interpreter-pools: ${what}`);
};

function numbers(params: Params, key: string): number[] {
  const value = params[key];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
    fail(`parameter ${key} must be a list of non-negative numbers, one per level (got ${JSON.stringify(value)})`);
  }
  return value as number[];
}

/** The load name of a scaled load: "med-x60". */
export function scaledName(level: string, scale: number): string {
  return `${level}-x${scale}`;
}

/** Check the parameters and list every load the plan may use. */
export function resolveLoads(params: Params): LoadTable {
  const levels = params.levels;
  if (!Array.isArray(levels) || levels.length === 0 || levels.some((l) => !(LEVELS as readonly unknown[]).includes(l))) {
    fail(`parameter levels must be a non-empty list of ${LEVELS.join(', ')} (got ${JSON.stringify(levels)})`);
  }
  const names = levels as string[];
  const article: Load[] = [];
  for (const workload of WORKLOADS) {
    const values = numbers(params, LOAD_PARAM[workload]);
    if (values.length !== names.length) fail(`parameter ${LOAD_PARAM[workload]} has ${values.length} values for ${names.length} levels (${names.join(', ')}): give one per level`);
    names.forEach((level, i) => article.push({ workload, load: level, n: values[i]!, level, scale: 1 }));
  }
  const scaled: Load[] = [];
  const level = String(params.scaled_level);
  if (!names.includes(level)) fail(`parameter scaled_level must be one of the run's levels ${names.join(', ')} (got ${JSON.stringify(level)})`);
  for (const workload of SCALABLE) {
    const scale = Number(params[SCALE_PARAM[workload]!]);
    if (!Number.isInteger(scale) || scale < 1) fail(`parameter ${SCALE_PARAM[workload]} must be a positive integer (got ${JSON.stringify(params[SCALE_PARAM[workload]!])})`);
    if (scale === 1) continue;
    const base = article.find((l) => l.workload === workload && l.load === level)!;
    scaled.push({ workload, load: scaledName(level, scale), n: base.n * scale, level, scale });
  }
  return { article, scaled };
}
