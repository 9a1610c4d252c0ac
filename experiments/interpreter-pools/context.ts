// What every part of the report reads: lib's report context (clean rows, points
// keyed as the plan keys cells, missing peers) over the pool trials alone (the
// sharing probes' rows, workload 'sharing', and the fixed-cost trials',
// workload 'payload', are kept apart: the latter as points of their own), each point with
// its load parsed, the run's pool size, the points the profile ran too few
// times to judge, which Python each strategy ran on, and whether the
// interpreter pool ran here, or why not.

import type { Row } from '../../lib/data/schema.ts';
import { buildReportContext, NOISY, reasonOf, type ReportContext } from '../../lib/report/context.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { Points, summarizePoints, type Point } from '../../lib/report/points.ts';
import { measuredRows } from '../../lib/report/measured.ts';
import { strategyRank } from '../../lib/report/strategies.ts';
import { CLASSIFY_DEFAULTS } from '../../lib/verdicts/classify.ts';
import { LEVELS } from './params.ts';
import type { SharingRow } from './sharing.ts';
import type { IoStepRow } from './io-steps.ts';
import { BASELINE, IO_STEPS_WORKLOAD, PAYLOAD_WORKLOAD, pointName, PYTHON311_STRATEGIES, SHARING_WORKLOAD } from './plan.ts';

export interface PoolPoint extends Point {
  workload: string;
  load: string;
  /** The article's level the load is based on ("med" for "med-x30"); n over that level's n. */
  level: string;
  scale: number;
  n: number;
  workers: number;
  tasks: number;
}

/** The interpreter pool ran (under which Python), or why it did not. */
export type InterpreterPool = { ran: true; python: string } | { ran: false; reason: string; noisy?: boolean };

/** The Python a strategy asks for ('system' or '3.14') and what the run recorded of it. */
export interface PythonUsed {
  key: string;
  /** "3.14.10"; undefined when not found. */
  version?: string;
  /** Where it came from, in words: "fetched from Debian unstable", "the system's", "env PYTHON314". */
  origin?: string;
  /** Why it was not found. */
  missing?: string;
  /** The run predates `software.pythons`: every peer ran on the system's Python. */
  legacy: boolean;
}

/** The sharing probes' side: their table rows (this machine's) and how their trials went. */
export interface SharingData {
  rows: SharingRow[];
  /** Why python-sharing / node-sharing have no rows here, when they have none. */
  python: string | null;
  node: string | null;
}

export interface Context extends ReportContext<PoolPoint> {
  workers: number;
  tasks: number;
  latencyMs: number;
  interpreters: InterpreterPool;
  /** Points the profile ran fewer times on purpose (parameter `few_reps_points`): shown, never judged. */
  fewReps: ReadonlySet<string>;
  /** Which Python a strategy ran on. */
  pythonOf: (strategy: string) => PythonUsed;
  sharing: SharingData;
  /** The fixed-cost trials' clean points (workload 'payload'): n = payload bytes, tasks = round trips. */
  payload: Points;
  /** Where io_heavy's CPU goes: the io_steps table's rows of this machine, and why a side has none. */
  ioSteps: { rows: IoStepRow[]; python: string | null; node: string | null };
}

export const num = (v: Row[string] | undefined): number => (v === null || v === undefined || v === '' ? NaN : Number(v));

/** "med-x30" → { level: "med", scale: 30 }; an article level → scale 1. */
export function parseLoad(load: string): { level: string; scale: number } {
  const m = /^([a-z]+)-x(\d+)$/.exec(load);
  return m ? { level: m[1]!, scale: Number(m[2]) } : { level: load, scale: 1 };
}

/** low < med < high < scaled loads (by their base level, then scale). */
export function loadRank(load: string): number {
  const { level, scale } = parseLoad(load);
  const i = (LEVELS as readonly string[]).indexOf(level);
  return (i < 0 ? LEVELS.length : i) + (scale > 1 ? 10 + Math.log10(scale) : 0);
}

const below314 = (version: string) => {
  const [major, minor] = version.split('.').map(Number);
  return major! < 3 || (major === 3 && minor! < 14);
};

const FROM: Record<string, string> = { 'debian-unstable': 'Debian unstable' };

/**
 * The Python `strategy` ran on, from run.json `software.pythons` (keyed by the strategy's
 * `python`, 'system' by default). A run that predates that record ran every peer on the system's.
 */
function pythonUsed(input: ReportInput, run: ReportContext['run'], strategy: string): PythonUsed {
  const declared = input.experiment.strategies.find((s) => s.name === strategy) as { python?: string } | undefined;
  const key = declared?.python ?? 'system';
  const system = run.software.python;
  const pythons = run.software.pythons;
  if (!pythons) return { key, legacy: true, ...(system ? { version: system.version, origin: 'the system’s' } : { missing: 'python3 not found' }) };
  const own = pythons[key] ?? (key === 'system' && system ? { ...system, source: 'system' } : undefined);
  if (!own) return { key, legacy: false, missing: 'not recorded in run.json' };
  if ('missing' in own) return { key, legacy: false, missing: own.missing };
  const origin = own.fetched ? `fetched from ${FROM[own.fetched.from] ?? own.fetched.from}` : own.source === 'system' ? 'the system’s' : own.source;
  return { key, legacy: false, version: own.version, origin };
}

/** "CPython 3.14.10", or "CPython 3.14" when it was not found. */
export const pythonName = (p: PythonUsed) => `CPython ${p.version ?? p.key}`;

/** Why a Python was not found, naming it once: lib's "Python 3.14 not found (…)" as it is, anything else after "no Python 3.14 found". */
export const missingText = (p: PythonUsed) => (p.missing && /^Python \d/.test(p.missing) ? p.missing : `no Python ${p.key} found (${p.missing ?? 'not recorded'})`);

// Which Python the interpreter pool asks for ('3.14' once the strategy names one) and what the run recorded of it.
function interpreterPool(ctx: ReportContext<PoolPoint>, used: PythonUsed): InterpreterPool {
  const system = ctx.run.software.python?.version;
  const version = used.version ?? system;
  if (ctx.points.where('python-interpreters').length > 0) return { ran: true, python: version ? `Python ${version}` : 'Python' };
  // It ran, every trial disturbed: too noisy to judge, not "not run".
  if (ctx.missing.get('python-interpreters') === NOISY) return { ran: false, noisy: true, reason: 'every trial stayed disturbed' };
  const lacks = system && below314(system) ? `Python ${system} has no InterpreterPoolExecutor (needs 3.14)` : '';
  if (used.missing && !used.legacy) return { ran: false, reason: [missingText(used), lacks].filter(Boolean).join('; ') };
  if (version && below314(version)) return { ran: false, reason: `Python ${version} has no InterpreterPoolExecutor (needs 3.14)` };
  if (!version) return { ran: false, reason: 'python3 missing' };
  return { ran: false, reason: ctx.missing.get('python-interpreters') ?? 'no rows' };
}

/** Why a probe strategy has no rows here (skipped, failed, not in the plan), or null when it ran. */
function probeMissing(input: ReportInput, strategy: string): string | null {
  const own = input.rows.filter((r) => r.machine_id === input.machineId && r.strategy === strategy && r.warmup === 0);
  if (own.some((r) => r.status === 'ok')) return null;
  const bad = own.find((r) => r.status !== 'ok');
  return bad ? `${bad.status}: ${reasonOf(bad)}` : 'not in this run’s plan';
}

/** The sharing table's rows of this machine (a table read with every machine's rows keeps only its own). */
function sharingData(input: ReportInput): SharingData {
  const rows = (input.tables.sharing ?? []).filter((r) => r.machine_id === undefined || r.machine_id === input.machineId) as unknown as SharingRow[];
  return { rows, python: probeMissing(input, 'python-sharing'), node: probeMissing(input, 'node-sharing') };
}

/** The sharing probes', the fixed cost's and io_heavy's step probes' trials are not workload trials: every statistic, figure, table, claim and guide row reads the workloads alone. */
export const isPoolRow = (r: Row) => r.workload !== SHARING_WORKLOAD && r.workload !== PAYLOAD_WORKLOAD && r.workload !== IO_STEPS_WORKLOAD;

export function buildContext(input: ReportInput): Context {
  const pools = { ...input, rows: input.rows.filter(isPoolRow) };
  const base = buildReportContext<PoolPoint>(pools, {
    extend: (p) => ({ ...p, workload: String(p.at.workload), load: String(p.at.load), ...parseLoad(String(p.at.load)), n: Number(p.at.n), workers: Number(p.at.workers), tasks: Number(p.at.tasks) }),
  });
  return {
    ...base,
    workers: Number(base.params.workers),
    tasks: Number(base.params.tasks),
    latencyMs: Number(base.params.network_latency_ms),
    interpreters: interpreterPool(base, pythonUsed(input, base.run, 'python-interpreters')),
    fewReps: new Set((base.params.few_reps_points as string[] | undefined) ?? []),
    pythonOf: (strategy) => pythonUsed(input, base.run, strategy),
    sharing: sharingData(input),
    payload: new Points(summarizePoints(measuredRows(input.rows.filter((r) => r.workload === PAYLOAD_WORKLOAD), input.machineId), input.experiment)),
    ioSteps: {
      rows: (input.tables.io_steps ?? []).filter((r) => r.machine_id === undefined || r.machine_id === input.machineId) as unknown as IoStepRow[],
      python: probeMissing(input, 'python-io-steps'),
      node: probeMissing(input, 'node-io-steps'),
    },
  };
}

/** The point of a strategy at a load with a pool of `workers` running `tasks`. */
export function pointOf(ctx: Context, strategy: string, workload: string, load: string, workers = ctx.workers, tasks = ctx.tasks): PoolPoint | undefined {
  return ctx.points.one(strategy, { workload, load, workers, tasks });
}

/** The article's grid (the run's pool size) for one workload: load order, then declaration order. */
export function grid(ctx: Context, workload: string, filter: (p: PoolPoint) => boolean = () => true): PoolPoint[] {
  return ctx.points
    .where(null, { workload, workers: ctx.workers, tasks: ctx.tasks })
    .filter(filter)
    .sort((a, b) => loadRank(a.load) - loadRank(b.load) || strategyRank(ctx.experiment, a.strategy) - strategyRank(ctx.experiment, b.strategy));
}

/** The loads measured for a workload, article levels first, then the scaled ones. */
export function loads(ctx: Context, workload: string): string[] {
  return (ctx.points.values('load', (p) => p.workload === workload) as string[]).sort((a, b) => loadRank(a) - loadRank(b));
}

/**
 * Whether a verdict reads the point: an article load, unless the profile cut it to fewer
 * repetitions than a verdict needs on purpose (`few_reps_points`, to fit its time).
 */
export function judged(ctx: Context, p: PoolPoint): boolean {
  const cut = ctx.fewReps.has(pointName(p.strategy, p.workload, p.load, p.workers)) && p.wall.n < CLASSIFY_DEFAULTS.minReps;
  return p.scale === 1 && !cut;
}

/** The same strategy's one task on a pool of one at the same load: the corrected speed-up's denominator. */
export const oneTaskOf = (ctx: Context, p: PoolPoint) => pointOf(ctx, p.strategy, p.workload, p.load, 1, 1);

/** The strategies run on the system's CPython 3.11 beside the article's 3.14: shown, never judged. */
export const BESIDE: ReadonlySet<string> = new Set(PYTHON311_STRATEGIES);

/** The article's baseline for a strategy: its runtime's one-task thread-like pool, on the same Python (3.11's for the 3.11 pools). */
export const baselineFor = (strategy: string, runtime: string) => (runtime === 'python' ? (BESIDE.has(strategy) ? 'python311-threads' : BASELINE.python) : BASELINE.node);

/** The runtime's one-task point at the same load: the article's baseline. */
export const baselineOf = (ctx: Context, p: PoolPoint) => pointOf(ctx, baselineFor(p.strategy, p.runtime), p.workload, p.load, 1, 1);
