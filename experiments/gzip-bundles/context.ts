// What every part of the gzip report reads, worked out once from the report
// input: the measured points, this machine's cores, the run's parameters,
// which optional parts (the Python peers, pigz) ran, and the bundles' files.

import type { ReportInput } from '../../lib/report/doc.ts';
import { measuredRows, Points, summarizePoints, type Point } from './analysis.ts';
import { bundleFiles, bundleSpec, BUNDLE_NAMES, type BundleFile } from './bundles.ts';
import { NODE } from './labels.ts';

export interface Context {
  points: Points;
  profile: string;
  cores: number;
  level: number;
  scale: number;
  /** Node's default UV_THREADPOOL_SIZE as the run used it. */
  libuvDefault: number;
  maxSockets: number;
  latencyMs: number;
  handshakeMs: number;
  blockKb: number;
  /** Why the Python peers have no rows here, or null when they ran. */
  pythonMissing: string | null;
  /** Why pigz has no rows here, or null when it ran. */
  pigzMissing: string | null;
  /** The fewest repetitions any measured point has (0 when none). */
  reps: number;
  disturbed: number;
  /** Each bundle's files as generated for this run (sizes in submission order). */
  files: Record<string, BundleFile[]>;
}

const num = (value: unknown, fallback: number) => (Number.isFinite(Number(value)) && value !== null && value !== '' ? Number(value) : fallback);

export function buildContext(input: ReportInput): Context {
  const run = input.meta.runs[input.machineId];
  if (!run) throw new Error(`no run for machine ${input.machineId} in meta.json of gzip-bundles (runs: ${Object.keys(input.meta.runs).join(', ') || 'none'})`);
  const rows = measuredRows(input.rows, input.machineId);
  const points = new Points(summarizePoints(rows));
  const mine = input.rows.filter((r) => r.machine_id === input.machineId);
  const params = run.params;
  const scale = num(params.scale, 1);
  const seed = num(params.seed, 0);
  const files: Record<string, BundleFile[]> = {};
  for (const name of BUNDLE_NAMES) files[name] = bundleFiles(bundleSpec(name), { seed, scale });
  return {
    points,
    profile: run.profile,
    cores: run.machine.cores,
    level: num(params.level, 9),
    scale,
    libuvDefault: num(params.default_libuv_workers, 4),
    maxSockets: num(params.max_sockets, 10),
    latencyMs: num(params.request_latency_ms, 0),
    handshakeMs: num(params.handshake_ms, 0),
    blockKb: num(params.block_kb, 1024),
    pythonMissing: missing(rows.some((r) => r.runtime === 'python'), run.software.python === null, mine.filter((r) => r.runtime === 'python'), 'python3 missing', 'no Python rows'),
    pigzMissing: missing(rows.some((r) => r.strategy === 'pigz'), (run.software.tools ?? {}).pigz === null, mine.filter((r) => r.strategy === 'pigz'), 'pigz is not installed: apt-get install pigz', 'no pigz rows'),
    reps: points.all.length ? Math.min(...points.all.map((p) => p.wall.n)) : 0,
    disturbed: rows.filter((r) => r.disturbed === 1).length,
    files,
  };
}

/** Why a part has no measured rows: absent from the machine, skipped with a reason, or simply not run. */
function missing(ran: boolean, absent: boolean, rows: { status: string; error: string }[], absentText: string, noneText: string): string | null {
  if (ran) return null;
  if (absent) return `not run here (${absentText})`;
  const skipped = rows.find((r) => r.status !== 'ok' && r.error);
  if (skipped) return `not run here (${skipped.status}: ${skipped.error.split('\n')[0]!.slice(0, 100)})`;
  return `not run here (${noneText})`;
}

/** The Node pools at their default sizes: libuv at Node's default, worker threads and child processes at the core count. */
export function nodeDefault(ctx: Context, strategy: string, bundle: string): Point | undefined {
  const workers = strategy === NODE.libuv ? ctx.libuvDefault : strategy === NODE.serial ? 1 : ctx.cores;
  return ctx.points.one(strategy, bundle, workers);
}

/** A strategy's point on a bundle as the article's comparison uses it: Python's one point, Node's default. */
export function articlePoint(ctx: Context, strategy: string, bundle: string): Point | undefined {
  return strategy.startsWith('python-') ? ctx.points.one(strategy, bundle) : nodeDefault(ctx, strategy, bundle);
}
