import { describe, expect, it } from 'vitest';
import type { Meta } from '../../lib/data/provenance.ts';
import type { Row } from '../../lib/data/schema.ts';
import type { Experiment } from '../../lib/experiment/types.ts';
import type { Block, ReportDoc, ReportInput, Verdict } from '../../lib/report/doc.ts';
import experiment from './experiment.ts';
import { buildContext } from './context.ts';
import guide from './guide.ts';
import { filingOf } from '../../lib/report/guide.ts';
import { payloadLabel } from './plan.ts';
import { ARTICLE_LOADS, DEFAULTS, DISK_LOADS } from './params.ts';
import report from './report.ts';

// A synthetic run on 2 cores: 4 workers, 4 tasks, the low and med loads, a
// Node-only scaled cpu load and a sweep of 1, 2, 4. Each strategy's wall, CPU
// and memory follow a simple model of how the article says it behaves (threads
// one core at a time, pools using both cores, processes counted badly by the
// article); options change one part of the model. Five repetitions spread by
// about ±3 %, so that the intervals decide where the model is clear of a threshold.

const MACHINE = 'fixture-2c';
const CORES = 2;
const JITTER = [0.97, 0.99, 1, 1.01, 1.03];
/** A wide spread, for intervals that straddle a threshold. */
const WIDE = [0.8, 1.15, 0.95, 1.2, 0.9];
const MiB = 1024 * 1024;

/** One task on one worker, ms: Python far slower on the loops, the same on the page. */
const ONE_TASK: Record<string, Record<string, { python: number; node: number; n: number }>> = {
  cpu: { low: { python: 150, node: 5, n: 5_000_000 }, med: { python: 600, node: 11, n: 20_000_000 } },
  memory: { low: { python: 200, node: 150, n: 5_000_000 }, med: { python: 400, node: 300, n: 10_000_000 } },
  io: { low: { python: 30, node: 50, n: 10 }, med: { python: 130, node: 180, n: 50 } },
  disk: { low: { python: 40, node: 42, n: 8 }, med: { python: 100, node: 105, n: 24 } },
  network: { low: { python: 102, node: 101, n: 1 }, med: { python: 305, node: 303, n: 3 } },
};
const SCALED = { workload: 'cpu', load: 'med-x60', n: 1_200_000_000, node: 640 };
/** Whole-tree CPU over wall of the work that waits: io_heavy keeps a core busy (as measured here), disk and network wait. */
const WAIT_CPU: Record<string, number> = { io: 0.98, disk: 0.08, network: 0.03 };

interface Model {
  /** Wall of `tasks` tasks on `workers` over one task's wall. */
  wall: (w: number, k: number) => number;
  /** CPU of the whole tree over one task's wall, per task. */
  cpuPerTask: number;
  /** Share of the tree's CPU the article's count sees. */
  seen: number;
  startup_ms: number;
  rss_mib: number;
  /** Per-repetition factors on wall and RSS, and on CPU (default: the same as on wall). */
  jitter?: number[];
  cpuJitter?: number[];
  /** Work that waits (io, network): wall of the pool over one task's. */
  waiting: number;
}

const parallel = (k: number, w: number) => Math.ceil(k / Math.min(w, CORES)) * Math.min(1, k / Math.min(w, CORES));
const MODELS: Record<string, Model> = {
  'python-threads': { wall: (_w, k) => k, cpuPerTask: 1, seen: 1, startup_ms: 1, rss_mib: 25, waiting: 1.05 },
  'python-processes': { wall: (w, k) => parallel(k, w) * 1.02, cpuPerTask: 1, seen: 0.03, startup_ms: 15, rss_mib: 60, waiting: 1.3 },
  'python-interpreters': { wall: (w, k) => parallel(k, w) * 1.01, cpuPerTask: 1, seen: 1, startup_ms: 5, rss_mib: 40, waiting: 1.25 },
  'python311-threads': { wall: (_w, k) => k, cpuPerTask: 1, seen: 1, startup_ms: 1, rss_mib: 22, waiting: 1.05 },
  'python311-processes': { wall: (w, k) => parallel(k, w) * 1.02, cpuPerTask: 1, seen: 0.03, startup_ms: 8, rss_mib: 50, waiting: 1.3 },
  'node-event-loop': { wall: (_w, k) => k, cpuPerTask: 1, seen: 1, startup_ms: 2, rss_mib: 50, waiting: 1.05 },
  'node-worker-threads': { wall: (w, k) => parallel(k, w) * 1.02, cpuPerTask: 1, seen: 1, startup_ms: 60, rss_mib: 75, waiting: 1.2 },
  'node-child-processes': { wall: (w, k) => parallel(k, w) * 1.05, cpuPerTask: 1, seen: 0.05, startup_ms: 200, rss_mib: 150, waiting: 1.4 },
};
const NODE = ['node-event-loop', 'node-worker-threads', 'node-child-processes'];

interface FixtureOptions {
  reps?: number;
  noPython?: boolean;
  /** Whether the interpreter pool ran (Python 3.14) or was skipped (Python 3.11). */
  interpreters?: boolean;
  /** Overrides of a strategy's model, everywhere or at one load only. */
  models?: Record<string, Partial<Model>>;
  loadModels?: Record<string, Record<string, Partial<Model>>>;
  /** A strategy's one task on one worker, over the model's one-task time. */
  oneTask?: Record<string, number>;
  /** Strategies whose own one-task points are not measured. */
  withoutOneTask?: string[];
  /** Repetitions of single points, by "strategy workload load workers". */
  pointReps?: Record<string, number>;
  params?: Record<string, unknown>;
  software?: Record<string, unknown>;
  machineId?: string;
  /** A run that records `software.pythons` (the 3.14 peers fetched from Debian unstable, the system's 3.11 beside them); false: a run from before. */
  modern?: boolean;
  /** A modern run without a CPython 3.14: its pools and the sharing probes skipped. */
  no314?: boolean;
  /** The CPython 3.11 thread and process pools at the low load. */
  py311?: boolean;
  /** The sharing probes' trials and side table. */
  sharing?: Record<string, string | number | null>[];
  /** The fixed-cost trials (workload 'payload'): pools of 1, 2, 4 and 8 with 1 KB, and 1 KB to 10 MB on a pool of one. */
  payload?: boolean;
  /** io_heavy's step probes: their trials and the io_steps side table (3 rounds, 50 MiB). */
  ioSteps?: boolean;
  /** The file system the io and disk trials recorded (metric temp_fs). */
  tempFs?: string;
}

/** One io task's steps, ms of CPU per runtime (user, sys) and wall: the read side dominates, as measured here. */
const STEPS: Record<string, Record<string, [number, number, number]>> = {
  node: { encode: [15, 3, 18], write: [5, 5, 10], read: [45, 25, 72], decode: [160, 100, 265], join: [45, 1, 46], task: [250, 250, 500] },
  python: { encode: [2, 0, 2], write: [1, 8, 9], read: [75, 70, 145], decode: [110, 80, 190], join: [90, 80, 170], task: [200, 190, 400] },
};

/** The payload trials' model: start-up of a pool of w (ms), idle RSS one more worker adds (MiB), one round trip (ms) of b bytes. */
const PAYLOAD: Record<string, { startup: (w: number) => number; perWorkerMiB: number; trip: (b: number) => number }> = {
  'node-event-loop': { startup: () => 0.5, perWorkerMiB: 0, trip: () => 0.01 },
  'node-worker-threads': { startup: (w) => 40 * w, perWorkerMiB: 9, trip: (b) => 0.05 + b / 2e6 },
  'node-child-processes': { startup: (w) => 150 * w, perWorkerMiB: 45, trip: (b) => 0.2 + b / 5e5 },
  'python-threads': { startup: (w) => 0.2 * w, perWorkerMiB: 0, trip: () => 0.02 },
  'python-processes': { startup: (w) => 100 + 20 * w, perWorkerMiB: 25, trip: (b) => 0.3 + b / 1e6 },
  'python-interpreters': { startup: (w) => 80 * w, perWorkerMiB: 12, trip: (b) => 0.1 + b / 3e6 },
};

function baseRow(machine: string, trial: number, strategy: string, rep: number): Row {
  const python = strategy.startsWith('python');
  return {
    machine_id: machine, trial, strategy, runtime: python ? 'python' : 'node', model: experiment.strategies.find((s) => s.name === strategy)!.model,
    rep, warmup: 0, status: 'ok', error: '', wall_ms: null, startup_ms: null, cpu_user_ms: null, cpu_sys_ms: null, cpu_process_ms: null,
    rss_base_bytes: null, rss_peak_bytes: null, rss_mean_bytes: null, work_start_ms: 100, work_end_ms: 200, process_ms: 300, samples: 10,
    host_other_cpu_ms: 0, steal_ms: 0, probe_ms: 5, disturbed: 0, attempts: 1, digest: 'd',
    span_ms: null, shutdown_ms: null, article_cpu_ms: null, tree_cpu_ms: null, article_rss_bytes: null, isolation: null, isolation_message: null, server_requests: null,
  };
}

const ISOLATION: Record<string, [string, string]> = {
  'python311-threads': ['passed', 'the function arrived in the worker as a function'],
  'python311-processes': ['PicklingError', "Can't pickle <function <lambda>>: attribute lookup <lambda> on __main__ failed"],
  'python-threads': ['passed', 'the function arrived in the worker as a function'],
  'python-processes': ['PicklingError', "Can't pickle <function <lambda>>: attribute lookup <lambda> on __main__ failed"],
  'python-interpreters': ['NotShareableError', 'args not shareable'],
  'node-event-loop': ['passed', 'the function arrived in the worker as a function'],
  'node-worker-threads': ['DataCloneError', '() => 0 could not be cloned.'],
  'node-child-processes': ['Error', '() => 0 could not be cloned.'],
};

function fixture(o: FixtureOptions = {}): ReportInput {
  const { reps = 5, noPython = false, models = {}, loadModels = {}, oneTask = {}, withoutOneTask = [], pointReps = {} } = o;
  const interpreters = o.modern ? !o.no314 : (o.interpreters ?? false);
  const skip314 = (strategy: string) => Boolean(o.no314) && PY314.includes(strategy);
  const machine = o.machineId ?? MACHINE;
  const rows: Row[] = [];
  const add = (strategy: string, workload: string, load: string, n: number, taskMs: number, w: number, k: number) => {
    const one = w === 1 && k === 1;
    if (one && withoutOneTask.includes(strategy)) return;
    const skipped = (noPython && strategy.startsWith('python')) || (!interpreters && strategy === 'python-interpreters') || skip314(strategy);
    const m = { ...MODELS[strategy]!, ...models[strategy], ...loadModels[strategy]?.[load] };
    const waits = workload === 'io' || workload === 'disk' || workload === 'network';
    const factor = one ? (oneTask[strategy] ?? 1) : waits ? m.waiting * Math.max(1, k / (workload === 'network' ? w : Math.max(w, 4))) : m.wall(w, k);
    for (let rep = 0; rep < (pointReps[`${strategy} ${workload} ${load} ${w}`] ?? reps); rep++) {
      const r = baseRow(machine, rows.length, strategy, rep);
      Object.assign(r, { workload, load, n, workers: w, tasks: k });
      if (skipped) {
        rows.push(Object.assign(r, { status: 'skipped', error: noPython ? 'skipped: python3 not found' : o.no314 ? `skipped: ${NO_314}` : 'skipped: python module(s) concurrent.interpreters missing for /usr/bin/python3' }));
        continue;
      }
      const j = (m.jitter ?? JITTER)[rep % 5]!;
      const cj = (m.cpuJitter ?? m.jitter ?? JITTER)[rep % 5]!;
      const wall = taskMs * factor * j;
      const cpu = waits ? wall * WAIT_CPU[workload]! * (cj / j) : taskMs * k * m.cpuPerTask * cj;
      const startup = m.startup_ms * j;
      const tree = cpu + startup * 0.5;
      Object.assign(r, {
        wall_ms: wall, startup_ms: startup, cpu_user_ms: cpu * 0.9, cpu_sys_ms: cpu * 0.1,
        span_ms: startup + wall + m.startup_ms / 4, shutdown_ms: m.startup_ms / 4, tree_cpu_ms: tree, article_cpu_ms: tree * m.seen,
        rss_base_bytes: m.rss_mib * MiB, rss_peak_bytes: (m.rss_mib + (workload === 'memory' ? 10 * k : 5)) * j * MiB, rss_mean_bytes: m.rss_mib * MiB,
        article_rss_bytes: 25 * MiB, isolation: ISOLATION[strategy]![0], isolation_message: ISOLATION[strategy]![1],
        server_requests: workload === 'network' ? k * n : null,
        ...(o.tempFs && (workload === 'io' || workload === 'disk') ? { temp_fs: o.tempFs } : {}),
      });
      rows.push(r);
    }
  };
  const python = ['python-threads', 'python-processes', 'python-interpreters'];
  for (const [workload, levels] of Object.entries(ONE_TASK)) {
    for (const [load, t] of Object.entries(levels)) {
      for (const s of [...NODE, ...python]) {
        const ms = s.startsWith('python') ? t.python : t.node;
        add(s, workload, load, t.n, ms, 1, 1);
        add(s, workload, load, t.n, ms, 4, 4);
        if (load === 'low') add(s, workload, load, t.n, ms, 2, 2);
      }
      if (o.py311 && load === 'low') for (const s of ['python311-threads', 'python311-processes']) for (const w of [1, 4]) add(s, workload, load, t.n, t.python, w, w);
    }
  }
  if (o.sharing) {
    for (const strategy of ['python-sharing', 'node-sharing']) {
      const r = baseRow(machine, rows.length, strategy, 0);
      const skipped = strategy === 'python-sharing' && (noPython || o.no314);
      rows.push(Object.assign(r, { workload: 'sharing', load: 'rules', n: 1_000_000, workers: 1, tasks: 1, wall_ms: skipped ? null : 900, digest: '', ...(skipped ? { status: 'skipped', error: `skipped: ${NO_314}` } : {}) }));
    }
  }
  for (const s of NODE) for (const [w, k] of [[1, 1], [2, 2], [4, 4]] as const) add(s, SCALED.workload, SCALED.load, SCALED.n, SCALED.node, w, k);
  if (o.payload) {
    const cells = [...[1, 2, 4, 8].map((w) => [1_000, w] as const), ...[100_000, 1_000_000, 10_000_000].map((b) => [b, 1] as const)];
    for (const [strategy, m] of Object.entries(PAYLOAD)) {
      for (const [bytes, w] of cells) {
        for (let rep = 0; rep < 3; rep++) {
          const j = JITTER[rep]!;
          const r = baseRow(machine, rows.length, strategy, rep);
          rows.push(Object.assign(r, { workload: 'payload', load: payloadLabel(bytes), n: bytes, workers: w, tasks: 10, wall_ms: 10 * m.trip(bytes) * j, startup_ms: m.startup(w) * j, rss_base_bytes: (30 + m.perWorkerMiB * w) * MiB, digest: `payload-${bytes}` }));
        }
      }
    }
  }
  const sharing = (o.sharing ?? []).filter((r) => !(o.no314 && r.runtime === 'python')).map((r) => ({ machine_id: machine, trial: rows.length, ...r }));
  const ioSteps = o.ioSteps
    ? Object.entries(STEPS).flatMap(([runtime, steps]) =>
        [0, 1, 2].flatMap((round) => Object.entries(steps).map(([step, [user, sys, wall]]) => ({ machine_id: machine, trial: 0, runtime, step, round, mb: 50, wall_ms: wall * JITTER[round]!, user_ms: user * JITTER[round]!, sys_ms: sys * JITTER[round]! }))),
      )
    : [];
  if (o.ioSteps) for (const strategy of ['python-io-steps', 'node-io-steps']) rows.push(Object.assign(baseRow(machine, rows.length, strategy, 0), { workload: 'io-steps', load: 'steps', n: 50, workers: 1, tasks: 1, wall_ms: 3000, digest: '' }));
  return { experiment, rows, memory: [], tables: { ...(o.sharing ? { sharing } : {}), ...(o.ioSteps ? { io_steps: ioSteps } : {}) }, meta: meta(o, machine), machineId: machine };
}

/** The run's parameters: the defaults at the article's low and medium loads, 4 workers and 4 tasks, a sweep of 1, 2 and 4. */
const FIXTURE_PARAMS = {
  ...DEFAULTS,
  levels: ['low', 'med'],
  cpu_n: ARTICLE_LOADS.cpu.slice(0, 2),
  memory_n: ARTICLE_LOADS.memory.slice(0, 2),
  io_mb: ARTICLE_LOADS.io.slice(0, 2),
  disk_mb: DISK_LOADS.slice(0, 2),
  network_requests: ARTICLE_LOADS.network.slice(0, 2),
  sweep_workers: [1, 2, 4],
  fixed_workers: [1, 2],
  payload_bytes: [1_000, 1_000_000],
  payload_rounds: 3,
  repetitions: 2,
  side_repetitions: 1,
  few_repetitions: 2,
};

const PY314 = ['python-threads', 'python-processes', 'python-interpreters', 'python-sharing'];
const NO_314 = 'Python 3.14 not found (run make deps as root, or set PYTHON314=/path/to/python3.14)';
const SYSTEM = { path: '/usr/bin/python3', version: '3.11.2', modules: {} };
const FETCHED = {
  path: '/work/main/.cache/python3.14/prefix/usr/bin/python3.14', version: '3.14.10', source: 'debian-unstable cache (.cache/python3.14)', modules: { 'concurrent.interpreters': true },
  fetched: { from: 'debian-unstable', packages: { 'python3.14-minimal': '3.14.10-1' }, at: '2026-12-07T16:55:15+00:00' },
};

function meta(o: FixtureOptions, machine: string): Meta {
  const version = o.interpreters ? '3.14.0' : '3.11.2';
  const python = o.noPython ? null : o.modern ? SYSTEM : { path: '/usr/bin/python3', version, modules: { 'concurrent.interpreters': Boolean(o.interpreters) } };
  const pythons = o.modern ? { pythons: { system: { ...SYSTEM, source: 'system' }, '3.14': o.no314 ? { missing: NO_314 } : FETCHED } } : {};
  return {
    experiment: 'interpreter-pools',
    reference_machine: machine,
    runs: {
      [machine]: {
        machine: { machine_id: machine, hostname: 'box', cpu_model: 'Example CPU', cores: CORES, memory_bytes: 2 ** 34, os: 'Linux', kernel: '6.1', arch: 'x64' },
        software: { node: 'v20.20.2', v8: '11.3', python, ...pythons, packages: {}, tools: {}, ...o.software },
        git: { commit: null, dirty: null },
        profile: 'quick',
        params: { ...FIXTURE_PARAMS, ...(o.params as object) } as Meta['runs'][string]['params'],
        inputs: { seed: null, hashes: {} },
        code_hash: 'abc',
        started_at: '2024-01-01T00:00:00.000Z',
        ended_at: '2024-01-01T00:02:00.000Z',
        trials: { planned: 0, ok: 0, failed: 0, skipped: 0, disturbed: 0, warmup: 0 },
        notes: [],
        sampling: { interval_ms: 20, settle_ms: 40 },
      },
    },
  };
}

const claim = (doc: ReportDoc, id: string) => doc.claims.find((c) => c.id === id)!;
const verdict = (doc: ReportDoc, id: string): Verdict => claim(doc, id).verdict;
const blocks = (doc: ReportDoc): Block[] => doc.sections.flatMap((s) => s.blocks);
const table = (doc: ReportDoc, id: string) => blocks(doc).flatMap((b) => (b.kind === 'table' && b.table.id === id ? [b.table] : []))[0];
const serial = (_w: number, k: number) => k;
const check = (doc: ReportDoc, id: string, side: 'python' | 'node', label: string) => claim(doc, id).checks?.find((c) => c.side === side && c.label === label);
/** The checks a claim is undecided on because their interval straddles the threshold (enough repetitions, not enough margin). */
const straddling = (doc: ReportDoc, id: string) =>
  (claim(doc, id).checks ?? []).filter((c) => c.decisive && c.outcome === 'undecided' && c.estimate.n >= 3 && c.thresholds.some((t) => c.estimate.lo < t && c.estimate.hi > t)).map((c) => `${c.side} ${c.label}`);

describe('interpreter-pools claims I1, I3, I5, I6 on the article’s Python and the Node analogs', () => {
  const doc = report(fixture());

  it('I1: reproduced at 1/workers, not reproduced when threads use both cores, inconclusive when the interval straddles ±20 %', () => {
    expect(verdict(doc, 'I1')).toBe('reproduced');
    expect(check(doc, 'I1', 'python', 'low')).toMatchObject({ outcome: 'holds', estimate: { value: expect.closeTo(0.25, 2) } });
    expect(verdict(report(fixture({ models: { 'python-threads': { wall: (_w, k) => k / 2 } } })), 'I1')).toBe('not reproduced');
    const edge = report(fixture({ models: { 'python-threads': { cpuPerTask: 1.2, cpuJitter: WIDE } } }));
    expect(verdict(edge, 'I1')).toBe('inconclusive');
    expect(straddling(edge, 'I1')).toContain('python low');
  });

  it('I3: reproduced when the count sees a sliver of a parallel pool, partly when it sees it all, not when it sees it all of a serial pool', () => {
    expect(verdict(doc, 'I3')).toBe('reproduced');
    expect(check(doc, 'I3', 'python', 'low share the article’s count sees')).toMatchObject({ outcome: 'holds', estimate: { value: expect.closeTo(0.03, 2) } });
    const counted = { 'python-processes': { seen: 1 }, 'node-child-processes': { seen: 1 } };
    expect(verdict(report(fixture({ models: counted })), 'I3')).toBe('partly reproduced');
    expect(verdict(report(fixture({ models: { 'python-processes': { seen: 1, wall: serial } } })), 'I3')).toBe('not reproduced');
    const edge = report(fixture({ models: { 'python-processes': { cpuPerTask: 0.82, cpuJitter: WIDE } } }));
    expect(verdict(edge, 'I3')).toBe('inconclusive');
    expect(straddling(edge, 'I3')).toContain('python low corrected GIL efficiency');
  });

  it('I5: reproduced when threads lead on io and network, differs in Node when only Python’s do, not reproduced when they trail', () => {
    expect(verdict(doc, 'I5')).toBe('reproduced');
    expect(check(doc, 'I5', 'python', 'io low ÷ processes')).toMatchObject({ outcome: 'holds' });
    expect(verdict(report(fixture({ models: { 'node-event-loop': { waiting: 4 } } })), 'I5')).toBe('differs in Node');
    expect(verdict(report(fixture({ models: { 'python-threads': { waiting: 3 } } })), 'I5')).toBe('not reproduced');
  });

  it('I6: reproduced when processes hold far more memory, not when they hold the same, inconclusive near 1.2×', () => {
    expect(verdict(doc, 'I6')).toBe('reproduced');
    expect(verdict(report(fixture({ models: { 'python-processes': { rss_mib: 25 } } })), 'I6')).toBe('not reproduced');
    const edge = report(fixture({ models: { 'python-processes': { rss_mib: 31, jitter: WIDE } } }));
    expect(verdict(edge, 'I6')).toBe('inconclusive');
    expect(straddling(edge, 'I6')).toContain('python cpu low ÷ threads');
  });

  it('reads “not run in Python” with the Node analog beside it when python3 is missing', () => {
    const none = report(fixture({ noPython: true }));
    for (const id of ['I1', 'I2', 'I3', 'I4', 'I5', 'I6']) expect(verdict(none, id)).toBe('not run in Python');
    expect(claim(none, 'I1').levels?.node).toBe('full');
  });

  it('judges no point with too few repetitions: two repetitions leave every claim undecided', () => {
    const two = report(fixture({ reps: 2, interpreters: true }));
    for (const c of two.claims) expect(c.verdict).toBe('inconclusive');
  });

  it('shows a point the profile cut on purpose (few_reps_points) without judging it; a comparison with a cut rival too', () => {
    const cut = fixture({ params: { few_reps_points: ['python-threads cpu med 4'] }, pointReps: { 'python-threads cpu med 4': 1 }, loadModels: { 'python-threads': { med: { seen: 2 } } } });
    const doc = report(cut);
    // At med the thread pool would read 0.50 the article's way (not ~0.25), but it ran once by design: low alone is judged.
    expect(verdict(doc, 'I1')).toBe('reproduced');
    expect(claim(doc, 'I1').python).toContain('Shown, not judged: med 0.50 (one repetition: no interval) [Python threads: one repetition, cut by the profile');
    expect(claim(doc, 'I6').python).toContain('Shown, not judged: cpu med ÷ threads');
  });
});

describe('interpreter-pools claims I2 and I4, with and without the interpreter pool', () => {
  it('reads “not run in Python” when the interpreter pool has no rows, the worker threads judged at the article’s loads only', () => {
    // Worker threads serial at the article's loads, parallel at the Node-only scaled load.
    const doc = report(fixture({ models: { 'node-worker-threads': { wall: serial } }, loadModels: { 'node-worker-threads': { 'med-x60': { wall: (w, k) => parallel(k, w) } } } }));
    for (const id of ['I2', 'I4']) {
      expect(verdict(doc, id)).toBe('not run in Python');
      expect(claim(doc, id).python).toBe('Python 3.11.2 has no InterpreterPoolExecutor (needs 3.14)');
    }
    expect(claim(doc, 'I2').levels?.node).toBe('none');
    expect(check(doc, 'I2', 'node', 'low')).toMatchObject({ outcome: 'fails', estimate: { value: expect.closeTo(0.5, 2) } });
    expect(check(doc, 'I2', 'node', 'med ×60 (Node)')).toBeUndefined();
    expect(claim(doc, 'I2').node).toMatch(/Shown, not judged: med ×60 \(Node\) 1\.00 \(.*\) \[a Node-only load\]/);
    expect(verdict(report(fixture()), 'I2')).toBe('not run in Python');
  });

  it('reads the interpreter pool’s own Python from the run’s record of each interpreter, found or not', () => {
    const wants314: Experiment = { ...experiment, strategies: experiment.strategies.map((s) => (s.name === 'python-interpreters' ? { ...s, python: '3.14' } : s)) as Experiment['strategies'] };
    const input = fixture({ software: { pythons: { '3.14': { missing: 'no python3.14 on PATH or in PYTHON314' } } } });
    expect(claim(report({ ...input, experiment: wants314 }), 'I2').python).toBe('no Python 3.14 found (no python3.14 on PATH or in PYTHON314); Python 3.11.2 has no InterpreterPoolExecutor (needs 3.14)');
    const system = { path: '/usr/bin/python3', version: '3.11.2', modules: {} };
    const found = fixture({ interpreters: true, software: { python: system, pythons: { '3.14': { path: '/opt/python3.14', version: '3.14.2', source: 'env PYTHON314', modules: { 'concurrent.interpreters': true } } } } });
    const doc = report({ ...found, experiment: wants314 });
    expect(doc.headline).toMatch(/^On 2 cores, Python 3\.14\.2’s interpreter pool of 4/);
    expect(verdict(doc, 'I2')).toBe('reproduced');
  });

  it('I2 on the interpreter pool’s own rows: reproduced near 0.99, not reproduced when serial, inconclusive when the interval straddles 0.9', () => {
    const doc = report(fixture({ interpreters: true }));
    expect(verdict(doc, 'I2')).toBe('reproduced');
    expect(claim(doc, 'I2').python).toMatch(/^Python interpreter pool on CPython 3\.14\.0, corrected GIL efficiency on cpu/);
    expect(check(doc, 'I2', 'python', 'low')).toMatchObject({ outcome: 'holds', estimate: { value: expect.closeTo(0.99, 2) } });
    expect(verdict(report(fixture({ interpreters: true, models: { 'python-interpreters': { wall: serial } } })), 'I2')).toBe('not reproduced');
    const edge = report(fixture({ interpreters: true, models: { 'python-interpreters': { cpuPerTask: 0.92, cpuJitter: WIDE } } }));
    expect(verdict(edge, 'I2')).toBe('inconclusive');
    expect(straddling(edge, 'I2')).toContain('python low');
  });

  it('I4 on the interpreter pool’s own rows: reproduced when as fast as processes, not when slower, inconclusive when the interval straddles', () => {
    const doc = report(fixture({ interpreters: true }));
    expect(verdict(doc, 'I4')).toBe('reproduced');
    expect(check(doc, 'I4', 'python', 'cpu low ÷ processes')).toMatchObject({ outcome: 'holds' });
    expect(verdict(report(fixture({ interpreters: true, models: { 'python-interpreters': { wall: serial } } })), 'I4')).toBe('not reproduced');
    const edge = report(fixture({ interpreters: true, models: { 'python-interpreters': { startup_ms: 15, wall: (w, k) => parallel(k, w) * 1.02, jitter: WIDE } } }));
    expect(verdict(edge, 'I4')).toBe('inconclusive');
    expect(straddling(edge, 'I4')).toContain('python cpu low ÷ processes');
  });

  it('compares the interpreter pool in I5 and I6 once it ran', () => {
    const doc = report(fixture({ interpreters: true, models: { 'python-interpreters': { waiting: 1.01, startup_ms: 0.5 } } }));
    expect(check(doc, 'I5', 'python', 'network low ÷ interpreter pool')).toBeDefined();
    expect(report(fixture({ interpreters: true })).headline).toMatch(/^On 2 cores, Python 3\.14\.0’s interpreter pool of 4 reaches a corrected GIL efficiency of 0\.99 \(.*\) on the med cpu load, and over the article’s window it is .* than the process pool \(/);
  });
});

describe('interpreter-pools report: what it shows', () => {
  it('states the interpreter pool’s absence and the worker threads’ efficiency with its interval in the headline', () => {
    expect(report(fixture()).headline).toMatch(/^On 2 cores, the interpreter pool did not run: Python 3\.11\.2 has no InterpreterPoolExecutor \(needs 3\.14\); its Node analog, 4 worker threads, reaches a corrected GIL efficiency of 0\.98 \(0\.9\d–\d\.\d\d\) on the med cpu load/);
  });

  it('divides the corrected speed-up by the same strategy’s one task, and marks where it falls back to the runtime’s', () => {
    const slowLoop = fixture({ oneTask: { 'node-event-loop': 1.3 } });
    const row = (doc: ReportDoc) => table(doc, 'article-vs-corrected')!.rows.find((r) => r.strategy === 'Node worker threads' && r.workload === 'cpu' && r.load === 'med ×60 (Node)')!;
    expect(String(row(report(slowLoop)).speedupCorrected)).toMatch(/^1\.96× \(/);
    const fallback = report(fixture({ oneTask: { 'node-event-loop': 1.3 }, withoutOneTask: ['node-worker-threads'] }));
    expect(String(row(fallback).speedupCorrected)).toMatch(/^2\.55× \(.*\) \*$/);
    expect(table(fallback, 'article-vs-corrected')!.caption).toContain('The strategy’s own single task was not measured at Node worker threads, cpu low');
  });

  it('names in each machine’s guide cell the load it ran, not in the row shared across machines', () => {
    const entries = guide(fixture());
    const cpu = entries.find((e) => e.runtime === 'node' && e.kind === 'pure-js-cpu')!;
    expect(cpu.work).not.toMatch(/med|low|high/);
    expect(cpu.phrase).toMatch(/^\d\.\d\d× \(.*\) over the event loop alone, at load med ×60 \(Node\)$/);
    expect(cpu.scaling?.work).not.toMatch(/med|low|high/);
  });

  it('shows the article’s interpreter-pool figures beside rows that say why it did not run', () => {
    const interp = table(report(fixture()), 'article-vs-corrected')!.rows.find((r) => String(r.strategy).startsWith('Python interpreter pool') && r.workload === 'cpu')!;
    expect(interp.strategy).toContain('Python 3.11.2 has no InterpreterPoolExecutor');
    expect(interp.reported).toContain('~0.99');
    expect(table(report(fixture({ interpreters: true })), 'article-vs-corrected')!.rows.some((r) => String(r.strategy).includes('not run here'))).toBe(false);
  });

  it('says by how much Node’s n had to grow, with intervals', () => {
    const med = table(report(fixture()), 'node-scale')!.rows.find((r) => r.workload === 'cpu' && r.level === 'med')!;
    expect(med.growth).toMatch(/^54\.55× \(5\d\.\d\d–5\d\.\d\d\)$/);
    expect(med.versus).toMatch(/^1\.07× \(1\.0\d–1\.\d\d\)$/);
    expect(med.scaled).toContain('med ×60 (Node), n = 1 200 000 000');
  });

  it('checks each runtime’s one-task baseline per unit of work across loads', () => {
    const rows = table(report(fixture()), 'baseline-check')!.rows;
    expect(rows.find((r) => r.strategy === 'Python threads' && r.workload === 'cpu')).toMatchObject({ result: 'steady' });
    expect(rows.find((r) => r.strategy === 'Node event loop' && r.workload === 'cpu')).toMatchObject({ result: 'not steady' });
  });

  it('records the isolation rule from the data: DataCloneError for worker threads', () => {
    const rows = table(report(fixture()), 'isolation')!.rows;
    expect(rows.find((r) => r.strategy === 'Node worker threads')).toMatchObject({ outcome: 'refused: `DataCloneError`' });
    expect(rows.find((r) => r.strategy === 'Python interpreter pool')).toMatchObject({ outcome: 'not run here: Python 3.11.2 has no InterpreterPoolExecutor (needs 3.14)', article: 'NotShareableError: args not shareable' });
  });
});

// The sharing side table, compactly: [case, interpreter pool, process pool, thread pool, worker thread, child process];
// 'a' accepted, 's' shared, 'n' accepted and not shared, 'r:Type' refused (|cause), null: no such case.
const NSE = 'concurrent.interpreters.NotShareableError';
const SHARING_SPEC: [string, ...(string | null)[]][] = [
  ['main-function', 'a', 'a', 'a', 'r:DataCloneError', 'r:Error'],
  ['lambda', 'a', 'r:pickle.PicklingError', 'a', 'r:DataCloneError', 'r:Error'],
  ['closure', `r:${NSE}`, 'r:pickle.PicklingError', 'a', 'r:DataCloneError', 'r:Error'],
  ['large-bytes', 'a', 'a', 'a', 'a', 'a'],
  ['dict-of-lists', 'a', 'a', 'a', 'a', 'a'],
  ['module-state', 'n', 'n', 's', 'n', 'n'],
  ['generator', `r:${NSE}`, 'r:TypeError', 'a', 'r:DataCloneError', 'r:Error'],
  ['unimportable-class-instance', `r:${NSE}|Exception: AttributeError: module '__main__' has no attribute 'Box'`, 'r:concurrent.futures.process.BrokenProcessPool', 's', null, null],
];
const SHARING_COLS = [
  ['python', 'InterpreterPoolExecutor', 'python-interpreters'],
  ['python', 'ProcessPoolExecutor', 'python-processes'],
  ['python', 'ThreadPoolExecutor', 'python-threads'],
  ['node', 'worker_threads postMessage', 'worker-threads'],
  ['node', 'child_process send (advanced serialization)', 'child-processes'],
] as const;
const SHARING_ROWS = SHARING_SPEC.flatMap(([c, ...cells]) =>
  cells.flatMap((cell, i) => {
    if (cell === null) return [];
    const [runtime, executor, model] = SHARING_COLS[i]!;
    const [error, cause] = cell.startsWith('r:') ? cell.slice(2).split('|') : ['', ''];
    return [{
      runtime, executor, model, case: c, role: 'argument', value: `the value ${c} from __main__`, outcome: cell.startsWith('r:') ? 'refused' : 'accepted',
      error: error!, message: error ? 'args not shareable' : '', cause: cause ?? '', arrived_as: '', shared: cell === 's' ? 'yes' : cell === 'n' ? 'no' : '', ms: 0.5,
    }];
  }),
);

const section = (doc: ReportDoc, id: string) => doc.sections.find((s) => s.id === id);
const texts = (doc: ReportDoc) => [doc.headline, ...doc.claims.flatMap((c) => [c.python, c.node, c.basis]), ...blocks(doc).map((b) => JSON.stringify(b))];

describe('interpreter-pools on CPython 3.14, with 3.11 beside it and the rules of sharing', () => {
  const modern = { modern: true, py311: true, sharing: SHARING_ROWS } as const;

  it('keeps the sharing probes’ rows out of every pool figure, table, claim and the guide', () => {
    const probes = fixture(modern);
    // A disturbed probe trial too: the run notes count the pool trials alone.
    const withProbes: ReportInput = { ...probes, rows: probes.rows.map((r): Row => (r.strategy === 'node-sharing' ? { ...r, disturbed: 1 } : r)) };
    const without = fixture({ ...modern, sharing: undefined });
    expect(withProbes.rows.some((r) => r.workload === 'sharing')).toBe(true);
    const ctx = buildContext(withProbes);
    expect(ctx.points.all.filter((p) => p.workload === 'sharing')).toEqual([]);
    expect([...ctx.rows, ...ctx.disturbed].filter((r) => r.workload === 'sharing')).toEqual([]);
    const a = report(withProbes);
    const b = report(without);
    expect(a.claims).toEqual(b.claims);
    expect(a.headline).toBe(b.headline);
    expect(guide(withProbes)).toEqual(guide(without));
    // Plot marks hold closures: compare what the sections serialize to (every text, datum and option).
    for (const id of a.sections.map((s) => s.id).filter((id) => id !== 'sharing-rules')) expect(JSON.stringify(section(a, id)), id).toBe(JSON.stringify(section(b, id)));
    expect(texts(a).filter((t) => /(Python|Node) sharing probes|"workload":"sharing"|"load":"rules"/.test(t))).toEqual([]);
  });

  it('renders the sharing table: one row per value, each pool’s outcome, the Python version, and the article’s rules judged', () => {
    const doc = report(fixture(modern));
    const t = table(doc, 'sharing')!;
    expect(t.title).toContain('CPython 3.14.10');
    expect(t.caption).toContain('Python (CPython 3.14.10)');
    expect(t.columns.map((c) => c.label)).toEqual(['Value', 'Interpreter pool', 'Process pool', 'Thread pool', 'Worker thread', 'Child process']);
    expect(t.rows).toHaveLength(SHARING_SPEC.length);
    const NAMES: Record<string, string> = { closure: 'a closure', 'module-state': 'a module global the parent changed', 'unimportable-class-instance': 'an instance of a `python -c` class', 'main-function': 'a function from `__main__`' };
    const row = (c: string) => t.rows.find((r) => r.case === NAMES[c])!;
    expect(row('closure')).toMatchObject({ 'python-interpreters': 'refused: NotShareableError', 'python-processes': 'refused: PicklingError', 'python-threads': 'accepted', 'worker-threads': 'refused: DataCloneError' });
    expect(row('module-state')).toMatchObject({ 'python-interpreters': 'accepted, not shared', 'python-threads': 'shared' });
    expect(row('unimportable-class-instance')).toMatchObject({ 'python-interpreters': 'refused: NotShareableError from AttributeError', 'python-processes': 'refused: BrokenProcessPool', 'worker-threads': '–' });
    expect(row('main-function')).toMatchObject({ 'python-interpreters': 'accepted', 'child-processes': 'refused: Error' });
    const rules = blocks(doc).filter((b) => b.kind === 'markdown' && b.text.startsWith('The article’s rules')).map((b) => (b as { text: string }).text)[0]!;
    expect(rules).toContain('CPython 3.14.10’s interpreter pool');
    expect(rules).toMatch(/- A closure cannot be passed\. \*\*holds\*\*: accepted: none; refused: `closure` \(NotShareableError\)\./);
    expect(rules).toMatch(/- A lambda cannot be passed\. \*\*does not hold\*\*: accepted: `lambda`; refused: none\./);
    expect(rules).toMatch(/- A bound method cannot be passed\. \*\*not measured\*\*: no such value was tried\./);
    expect(rules).toMatch(/ints, floats, strings, bytes and simple dicts and lists are safe\. \*\*holds\*\*/);
  });

  it('says in one sentence why there is no sharing table: a run from before the probes, or one without a CPython 3.14', () => {
    const old = section(report(fixture()), 'sharing-rules')!;
    expect(old.blocks).toEqual([{ kind: 'markdown', text: 'No table of what each pool accepts here: the run predates the sharing probes (no `sharing` side table).' }]);
    const none = section(report(fixture({ ...modern, no314: true })), 'sharing-rules')!;
    expect(none.blocks).toHaveLength(1);
    expect(none.blocks[0]).toMatchObject({ kind: 'markdown', text: expect.stringMatching(/^No table of what each pool accepts here: its Python probes did not run \(skipped: Python 3\.14 not found .*\)\.$/) });
  });

  it('judges I1 and I3 on 3.14, with 3.11 beside them in the cells, never deciding the verdict', () => {
    const doc = report(fixture(modern));
    expect(verdict(doc, 'I1')).toBe('reproduced');
    expect(claim(doc, 'I1').python).toMatch(/^Python threads on CPython 3\.14\.10, the article’s GIL efficiency on cpu: low: 0\.25 /);
    expect(claim(doc, 'I1').python).toMatch(/Beside it, not judged: Python 3\.11 threads on CPython 3\.11\.2, low 0\.25 \(.*\)\.$/);
    expect(claim(doc, 'I3').python).toMatch(/Beside it, not judged: Python 3\.11 processes on CPython 3\.11\.2, low sees 3 % \(.*\), corrected /);
    // A 3.11 thread pool that used both cores would fail I1: it changes the note, not the verdict.
    const both = report(fixture({ ...modern, models: { 'python311-threads': { wall: (_w, k) => k / 2 }, 'python311-processes': { seen: 1 } } }));
    expect(verdict(both, 'I1')).toBe('reproduced');
    expect(verdict(both, 'I3')).toBe('reproduced');
    expect((claim(both, 'I1').checks ?? []).every((c) => !c.label.includes('3.11'))).toBe(true);
  });

  it('reads “not run in Python” when the run found no CPython 3.14, with 3.11’s figures beside it', () => {
    const doc = report(fixture({ ...modern, no314: true }));
    for (const id of ['I1', 'I2', 'I3', 'I4', 'I5', 'I6']) expect(verdict(doc, id), id).toBe('not run in Python');
    expect(claim(doc, 'I1').python).toMatch(/^Python threads did not run: Python 3\.14 not found \(run make deps as root.*\); beside it, not judged: Python 3\.11 threads on CPython 3\.11\.2, low 0\.25 /);
    expect(claim(doc, 'I2').python).toMatch(/^Python 3\.14 not found .*; Python 3\.11\.2 has no InterpreterPoolExecutor \(needs 3\.14\)$/);
  });

  it('reads the interpreter pool too noisy to judge, not “not run”, when it ran and every trial stayed disturbed', () => {
    const input = fixture(modern);
    const doc = report({ ...input, rows: input.rows.map((r): Row => (r.strategy === 'python-interpreters' ? { ...r, disturbed: 1 } : r)) });
    for (const id of ['I2', 'I4']) {
      expect(verdict(doc, id), id).toBe('inconclusive');
      expect(claim(doc, id).python).toBe('too noisy to judge: every trial of Python interpreter pool stayed disturbed');
    }
    expect(doc.headline).toMatch(/^On 2 cores, the interpreter pool was too noisy to judge: every trial stayed disturbed; its Node analog/);
  });

  it('colours by model and tells the 3.11 pools apart by label and a lighter mark', () => {
    const f = blocks(report(fixture(modern))).flatMap((b) => (b.kind === 'figure' && b.figure.id === 'efficiency-cpu' ? [b.figure] : []))[0]!;
    const color = f.plot.color as { domain: string[]; range: string[] };
    expect(new Set(color.domain).size).toBe(color.domain.length);
    expect(color.domain).toContain('Python threads');
    expect((f.plot.x as { domain: string[] }).domain).toEqual(expect.arrayContaining(['Python threads', 'Python 3.11 threads', 'Python processes', 'Python 3.11 processes']));
    expect(f.caption).toContain('Lighter marks, same colour: the same pool on the system’s CPython 3.11');
    const t = table(report(fixture(modern)), 'cpythons-table')!;
    expect(t.rows.map((r) => `${r.workload} ${r.pool}`)).toEqual(expect.arrayContaining(['cpu threads', 'cpu processes', 'network processes']));
    expect(String(t.rows.find((r) => r.workload === 'cpu' && r.pool === 'threads')!.work)).toMatch(/^the same as on 3\.14|on 3\.14/);
  });

  it('names the Python versions the peers ran on', () => {
    const notes = (doc: ReportDoc) => blocks(doc).filter((b) => b.kind === 'note').map((b) => (b as { text: string }).text);
    expect(notes(report(fixture(modern)))).toContain('Versions: CPython 3.14.10 (fetched from Debian unstable) for the article’s pools and the sharing probes, CPython 3.11.2 (the system’s) beside them at the low load (Python 3.11 threads and processes, never judged); Node v20.20.2. The article ran CPython 3.14.0.');
    expect(notes(report(fixture()))).toContain('Versions: every Python pool ran on the system’s CPython 3.11.2 (this run predates the CPython 3.14 peers: run.json records no `software.pythons`); Node v20.20.2.');
    expect(report(fixture(modern)).headline).toMatch(/^On 2 cores, Python 3\.14\.10’s interpreter pool of 4 .*; Python 3\.14\.10’s process pool reads/);
  });

  it('states the interpreter pool’s corrected efficiency on cpu at the heaviest load, and what holds it back when below 0.9', () => {
    const intro = (doc: ReportDoc) => (section(doc, 'workload-cpu')!.blocks.find((b) => b.kind === 'markdown') as { text: string }).text;
    expect(intro(report(fixture(modern)))).toMatch(/The interpreter pool itself \(Python 3\.14\.10, 4 interpreters, 4 tasks\) at med, the heaviest load this run has \(the article’s high load did not run\): corrected speed-up efficiency 0\.9\d \(0\.\d\d–\d\.\d\d\) against min\(4 workers, 2 cores\) .*: above it\. Target/);
    const slow = intro(report(fixture({ ...modern, models: { 'python-interpreters': { wall: serial } } })));
    expect(slow).toMatch(/corrected speed-up efficiency 0\.50 \(.*\) against min\(4 workers, 2 cores\) .*: below it\. Measured, per repetition: the usable cores were busy 0\.50 \(.*\) of the work’s wall time/);
    expect(slow).toContain('What holds it back, by those intervals: its cores stood idle part of the time (busy below 0.90).');
    expect(intro(report(fixture()))).not.toContain('The interpreter pool itself');
  });
});

describe('interpreter-pools: the fixed cost of each model (the payload trials)', () => {
  const withPayload = fixture({ modern: true, payload: true });

  it('keeps the payload trials out of every workload figure, table, claim and the guide', () => {
    const without = fixture({ modern: true });
    expect(buildContext(withPayload).points.all.filter((p) => p.workload === 'payload')).toEqual([]);
    const a = report(withPayload);
    const b = report(without);
    expect(a.claims).toEqual(b.claims);
    expect(a.headline).toBe(b.headline);
    expect(guide(withPayload)).toEqual(guide(without));
    for (const id of a.sections.map((s) => s.id).filter((id) => id !== 'fixed-costs')) expect(JSON.stringify(section(a, id)), id).toBe(JSON.stringify(section(b, id)));
  });

  it('draws start-up against the pool size and the round trip against the payload, for every Python pool and Node model', () => {
    const doc = report(withPayload);
    const figures = section(doc, 'fixed-costs')!.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : []));
    expect(figures).toEqual(['pool-startup-workers', 'payload-round-trip']);
    const rows = table(doc, 'fixed-cost-sizes')!.rows;
    expect(rows.map((r) => r.strategy)).toEqual(['Node event loop', 'Node worker threads', 'Node child processes', 'Python threads', 'Python processes', 'Python interpreter pool']);
  });

  it('gives each worker’s idle memory as the slope over pool sizes, and every ratio with its interval', () => {
    const rows = table(report(withPayload), 'fixed-cost-sizes')!.rows;
    const interpreters = rows.find((r) => r.strategy === 'Python interpreter pool')!;
    // RSS grows by exactly 12 MiB a worker in the fixture: a zero-width interval around it.
    expect(interpreters.idle).toBe('12.0 MiB (12.0–12.0 MiB)');
    // 8 interpreters take 8 × 80 ms against 80: 8.00× with the repetitions' jitter cancelling in the ratio's estimate.
    expect(interpreters.grow).toMatch(/^8\.00× \(\d\.\d\d–\d+\.\d\d\)$/);
    expect(interpreters.many).toMatch(/^6\d\d\.\d\d ms \(/);
    expect(rows.find((r) => r.strategy === 'Python threads')!.copy).toMatch(/^1\.00× \(/);
  });

  it('words the interpreter pool against the process and thread pools, and worker threads against child processes, from the data', () => {
    const intro = section(report(withPayload), 'fixed-costs')!.blocks[0]!;
    expect(intro.kind).toBe('markdown');
    const text = (intro as { text: string }).text;
    // A pool of 8: 640 ms against the process pool's 260 ms, and a 10 MB round trip 3.43 ms against 10.3 ms (geometric means of the jittered repetitions).
    expect(text).toMatch(/Python’s interpreter pool: a pool of 8 starts in 6\d\d\.\d\d ms \([^)]*\), 2\.\d\d× slower than the process pool \([^)]*\) and [\d.]+× slower than the thread pool/);
    expect(text).toContain('each idle worker adds 12.0 MiB (12.0–12.0 MiB) to the tree’s RSS (the process pool 25.0 MiB (25.0–25.0 MiB), the thread pool 0.0 MiB');
    expect(text).toMatch(/a 10 MB round trip takes 3\.\d\d ms \([^)]*\), 3\.\d\d× faster than the process pool/);
    expect(text).toMatch(/Node’s worker threads: a pool of 8 starts in .*3\.75× faster than child processes/);
  });

  it('falls back to the pools of the article’s grid when a run has no payload trials', () => {
    const doc = report(fixture({ modern: true }));
    expect(section(doc, 'fixed-costs')!.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : []))).toEqual(['pool-startup']);
    expect(table(doc, 'fixed-cost')).toBeDefined();
  });
});

describe('interpreter-pools: the kind of work each workload measured', () => {
  const section = (doc: ReportDoc, id: string) => doc.sections.find((s) => s.id === id);
  const text = (doc: ReportDoc, id: string) => section(doc, id)!.blocks.flatMap((b) => (b.kind === 'markdown' || b.kind === 'note' ? [b.text] : [])).join('\n');

  it('leads every workload’s section with its CPU share and the kind it measured, and states the share in full in its text', () => {
    const doc = report(fixture({ modern: true }));
    for (const workload of ['cpu', 'memory', 'io', 'disk', 'network']) {
      const lead = section(doc, `workload-${workload}`)!.lead!;
      expect(lead, workload).toMatch(/one task keeps \d\.\d\d \(.*\) cores busy in Node’s event loop and \d\.\d\d \(.*\) in Python’s thread pool/i);
      expect(lead.split(/\s+/).length, workload).toBeLessThanOrEqual(60);
      const t = text(doc, `workload-${workload}`);
      expect(t, workload).toContain(`Node’s event loop, one ${workload} task on one worker at load med: `);
      expect(t, workload).toMatch(/Python’s thread pool, one \w+ task on one worker at load med: \d\.\d\d cores \(.*cores\), \d+ % \(.*%\) of the 2 cores — /);
    }
    expect(section(doc, 'workload-cpu')!.lead).toBe('One task keeps 1.00 (1.00–1.00) cores busy in Node’s event loop and 1.00 (1.00–1.00) in Python’s thread pool: CPU-bound.');
    expect(section(doc, 'workload-disk')!.lead).toBe('File work that waits on the disk: one task keeps 0.08 (0.08–0.08) cores busy in Node’s event loop and 0.08 (0.08–0.08) in Python’s thread pool: IO-bound: it waits.');
    expect(section(doc, 'workload-network')!.lead).toContain(': IO-bound: it waits.');
    expect(text(doc, 'workload-io')).toContain('0.98 cores (0.98–0.98 cores), 49 % (49–49 %) of the 2 cores — CPU-bound after all (above 0.5 of a core)');
    expect(text(doc, 'workload-disk')).toContain('0.08 cores (0.08–0.08 cores), 4 % (4–4 %) of the 2 cores — waits: IO-bound (below 0.25 of a core)');
    expect(text(doc, 'workload-memory')).toContain('— CPU-bound after all');
  });

  it('files io_heavy, which keeps a core busy, as CPU work in the guide, and rests its File IO rows on the disk workload', () => {
    const entries = guide(fixture({ modern: true }));
    for (const runtime of ['node', 'python'] as const) {
      const io = entries.filter((e) => e.runtime === runtime && /io_heavy/.test(e.work));
      const disk = entries.filter((e) => e.runtime === runtime && /\bdisk tasks?\b/.test(e.work));
      expect(io.length, runtime).toBeGreaterThan(0);
      expect(disk.length, runtime).toBeGreaterThan(0);
      for (const e of io) expect([e.kind, e.measuredKind, filingOf(e).label]).toEqual(['file-io', 'cpu-bound', 'CPU work (the article’s file IO)']);
      for (const e of disk) {
        expect([e.kind, e.measuredKind, filingOf(e).label]).toEqual(['file-io', 'io-bound', 'File IO']);
        expect(e.cpuShare!.where).toBe(`${runtime === 'node' ? 'Node’s event loop' : 'Python’s thread pool'}, one disk task on one worker at load med`);
        expect(e.cpuShare!.cores.value).toBeCloseTo(0.08, 3);
      }
    }
    // Every row states its share; at one repetition it decides nothing and the row stays under its own kind.
    const thin = guide(fixture({ modern: true, reps: 1 }));
    expect(thin.every((e) => e.cpuShare !== null && e.measuredKind === 'undecided')).toBe(true);
    expect(thin.filter((e) => /io_heavy/.test(e.work)).every((e) => filingOf(e).label === 'File IO')).toBe(true);
  });

  it('leads the file-work section with what io_heavy measured and where its CPU goes, from the io_steps table', () => {
    const doc = report(fixture({ modern: true, ioSteps: true, tempFs: 'ext4 on /dev/vda (mounted at /)' }));
    const lead = section(doc, 'workload-io')!.lead!;
    // Node: read + decode + join = 70 + 260 + 46 of 404 ms; Python: 145 + 190 + 170 of 515 ms.
    expect(lead).toBe(
      'The article’s file work is CPU work here, not waiting on a disk: one task keeps 0.98 (0.98–0.98) cores busy in Node’s event loop and 0.98 (0.98–0.98) in Python’s thread pool: CPU-bound; ' +
        'reading it back, decoding it and joining its one line take 93 % (93–93 %) of its steps’ CPU in Node and 98 % (98–98 %) in Python.',
    );
    expect(lead.split(/\s+/).length).toBeLessThanOrEqual(60);
    expect(text(doc, 'workload-io')).toContain('the largest step is decoding 64 % (64–64 %) in Node and decoding 37 % (37–37 %) in Python of the steps’ CPU; encoding and writing into the page cache take 7 % (7–7 %) in Node and 2 % (2–2 %) in Python.');
    const steps = table(doc, 'io-steps')!;
    expect(steps.rows.map((r) => `${r.runtime} ${r.step}`)).toEqual(['node', 'python'].flatMap((rt) => ['encode', 'write', 'read', 'decode', 'join', 'whole task'].map((s) => `${rt === 'node' ? 'Node' : 'Python'} ${s}`)));
    expect(steps.rows.find((r) => r.runtime === 'Node' && r.step === 'decode')!.cpu).toMatch(/^256\.5 ms \(/);
    expect(text(doc, 'workload-disk')).toContain('The temporary files went to the OS temp dir, on ext4 on /dev/vda (mounted at /)');
    // The probes' rows are not workload trials.
    expect(guide(fixture({ modern: true, ioSteps: true }))).toEqual(guide(fixture({ modern: true })));
  });

  it('warns where the temporary files went to a file system in memory', () => {
    const doc = report(fixture({ modern: true, tempFs: 'tmpfs on tmpfs (mounted at /tmp)' }));
    expect(section(doc, 'workload-disk')!.blocks.some((b) => b.kind === 'note' && b.tone === 'warning' && b.text.includes('file system in memory'))).toBe(true);
    expect(section(doc, 'workload-cpu')!.blocks.some((b) => b.kind === 'note' && b.text.includes('file system in memory'))).toBe(false);
  });
});

describe('interpreter-pools guide: the interpreter pool in the Python table wherever it ran', () => {
  const python = (input: ReportInput) => guide(input).filter((e) => e.runtime === 'python');
  const ownRow = (e: { work: string }) => e.work.endsWith(': the interpreter pool against the thread pool');

  it('adds a row for the interpreter pool against the thread pool where the process pool won and it was not named', () => {
    const slower = fixture({ modern: true, models: { 'python-interpreters': { wall: (w, k) => parallel(k, w) * 1.3 } } });
    const entries = python(slower);
    const cpu = entries.filter((e) => e.kind === 'pure-js-cpu');
    expect(cpu.map((e) => [e.strategy, ownRow(e)])).toEqual([['python-processes', false], ['python-interpreters', true]]);
    expect(cpu[1]!.phrase).toMatch(/over the thread pool/);
    expect(cpu[1]!.factor).toBeGreaterThan(1);
    // On io and network the thread pool won with the interpreter pool as its best alternative: named already, no second row.
    expect(entries.filter((e) => e.kind === 'network-io').map((e) => e.phrase)).toEqual([expect.stringContaining('the best alternative, python-interpreters')]);
  });

  it('adds none where the interpreter pool won, or where it did not run', () => {
    expect(python(fixture({ modern: true })).filter(ownRow)).toEqual([]);
    expect(python(fixture({ modern: true, no314: true })).filter(ownRow)).toEqual([]);
  });
});
