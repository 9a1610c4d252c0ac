// The article's Python on two CPythons: which versions ran (run.json
// `software.pythons`), each 3.14 point paired with the system Python's at the
// same set and worker count, and the measured parts of a pool's time that
// explain a change (start method, time outside the busiest worker's factoring).

import { valuesOf } from '../../lib/report/points.ts';
import { pointAt, PY314, PY_PROCESSES, PY_THREADS, SERIAL, type Context, type FzPoint } from './context.ts';

/** The article's three functions, each on the system CPython and on 3.14. */
export const CPYTHON_MODELS = [
  { kind: 'serial loop', old: SERIAL.python, now: PY314.serial },
  { kind: 'threads', old: PY_THREADS, now: PY314.threads },
  { kind: 'processes', old: PY_PROCESSES, now: PY314.processes },
] as const;

export type CPythonKind = (typeof CPYTHON_MODELS)[number]['kind'];

/** One model at one set and worker count, on both CPythons. */
export interface CPythonPair {
  kind: CPythonKind;
  set: string;
  numbers: number;
  workers: number;
  old: FzPoint;
  now: FzPoint;
}

export interface Versions {
  /** "3.11.2", or undefined when not recorded. */
  old: string | undefined;
  now: string | undefined;
  /** Short names for headers and prose: "3.11", "3.14". */
  oldShort: string;
  nowShort: string;
  /** Where the 3.14 came from, as lib/peers/python.ts recorded it. */
  nowOrigin: string | undefined;
}

const short = (version: string | undefined, fallback: string) => (version ? version.split('.').slice(0, 2).join('.') : fallback);

/** The interpreters the run recorded; a run from before `software.pythons` knows only the system's. */
export function versionsOf(ctx: Pick<Context, 'run'>): Versions {
  const pythons = ctx.run.software.pythons ?? {};
  const found = (key: string) => {
    const p = pythons[key];
    return p && !('missing' in p) ? p : undefined;
  };
  const old = found('system')?.version ?? ctx.run.software.python?.version;
  const now = found('3.14');
  return { old, now: now?.version, oldShort: short(old, 'the system’s'), nowShort: short(now?.version, '3.14'), nowOrigin: now?.source };
}

/** Every 3.14 point of the article's functions with its system-Python twin, by set, model and workers. */
export function cpythonPairs(ctx: Context): CPythonPair[] {
  return CPYTHON_MODELS.flatMap(({ kind, old, now }) =>
    ctx.points.where(now).flatMap((p) => {
      const twin = pointAt(ctx, old, p.set, p.workers);
      return twin ? [{ kind, set: p.set, numbers: p.numbers, workers: p.workers, old: twin, now: p }] : [];
    }),
  ).sort((a, b) => a.numbers - b.numbers || kindRank(a.kind) - kindRank(b.kind) || a.workers - b.workers);
}

const kindRank = (kind: CPythonKind) => CPYTHON_MODELS.findIndex((m) => m.kind === kind);

/**
 * Per repetition, the wall time not spent factoring in the busiest worker
 * (creating the workers, handing out the chunks, collecting and joining), in ms.
 * Meaningful only up to the core count: beyond it, busy time counts waiting for a core.
 */
export function outsideWork(ctx: Pick<Context, 'busy'>, p: FzPoint): number[] {
  const busiest = new Map(ctx.busy.filter((b) => b.point.key === p.key).map((b) => [b.trial, b.busy_ms[0] ?? NaN]));
  return valuesOf(p, (r) => (r.wall_ms !== null && busiest.has(r.trial) ? r.wall_ms - busiest.get(r.trial)! : null)).filter((v) => v > 0);
}

/** The distinct values of a string metric over the point's trials, joined ("fork", "forkserver"), or '' when none recorded it. */
function metricOf(p: FzPoint, column: string): string {
  return [...new Set(p.rows.map((r) => r[column]).filter((m): m is string => typeof m === 'string' && m !== ''))].join(', ');
}

/** The process pool's start method ("fork", "forkserver"), or '' when not recorded. */
export const startMethodOf = (p: FzPoint): string => metricOf(p, 'start_method');

/** True when the interpreter's standard library had no compiled bytecode (metric `stdlib_bytecode`). */
export const compilesStdlib = (p: FzPoint): boolean => metricOf(p, 'stdlib_bytecode') === 'missing';

/** Of the worker counts both points of a model ran, the largest up to the cores (else the smallest). */
export function workersNearCores(counts: readonly number[], cores: number): number | undefined {
  const sorted = [...new Set(counts)].filter((w) => w > 1).sort((a, b) => a - b);
  return sorted.filter((w) => w <= cores).at(-1) ?? sorted[0];
}
