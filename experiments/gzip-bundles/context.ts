// What every part of the gzip report reads: lib's report context (the clean
// rows, points, run, cores, missing peers) extended with each point's bundle,
// pool size, cold times and output size, the run's parameters the prose quotes,
// and the bundles' files as generated. Built once per report.

import { buildReportContext, type ReportContext } from '../../lib/report/context.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { bytes } from '../../lib/report/format.ts';
import { valuesOf, type Point } from '../../lib/report/points.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';
import { bundleFiles, bundleSpec, BUNDLE_NAMES, type BundleFile } from './bundles.ts';

export const PY = { serial: 'python-f1', pool: 'python-f2', threads: 'python-f3', executor: 'python-f4' } as const;
export const NODE = { serial: 'node-serial', libuv: 'node-libuv', threads: 'node-threads', processes: 'node-processes', blocks: 'node-blocks' } as const;
export const PIGZ = 'pigz';
export const UPLOAD = { serial: 'node-upload-serial', shared: 'node-upload-shared', perRequest: 'node-upload-per-request' } as const;

/** The article's four functions, and their Node analogs in the same order. */
export const PYTHON_FUNCTIONS = [PY.serial, PY.pool, PY.threads, PY.executor] as const;
export const NODE_ANALOGS = [NODE.serial, NODE.processes, NODE.libuv, NODE.threads] as const;

/** The article's bundles, by which its claims are judged; the typical one is the service's everyday case. */
export const ARTICLE_BUNDLES = ['a', 'b', 'c'] as const;
export const LARGE_FILE_BUNDLE = 'b';

export interface GzipPoint extends Point {
  bundle: string;
  files: number;
  bundle_bytes: number;
  workers: number;
  /** Start-up plus work per repetition: the article's timing, with the pool created inside the call (cold). */
  colds: number[];
  cold: Summary;
  /** Pool start-up alone; n = 0 for strategies without one. */
  startup: Summary;
  /** Total gzipped bytes (the same on every repetition). */
  gzip_bytes: number;
  /** TCP connections the store accepted (uploads), median. */
  connections: number;
}

export type Bundle = Pick<GzipPoint, 'bundle' | 'files' | 'bundle_bytes'>;

export interface Context extends ReportContext<GzipPoint> {
  level: number;
  scale: number;
  /** Node's default UV_THREADPOOL_SIZE as the run used it. */
  libuvDefault: number;
  maxSockets: number;
  latencyMs: number;
  handshakeMs: number;
  blockKb: number;
  /** Why pigz has no rows here, or null when it ran. */
  pigzMissing: string | null;
  /** Each bundle's files as generated for this run (sizes in submission order). */
  files: Record<string, BundleFile[]>;
}

const median = (values: number[]) => summarize(values).median;

function extend(p: Point): GzipPoint {
  const colds = valuesOf(p, (r) => (r.wall_ms === null ? null : r.wall_ms + (r.startup_ms ?? 0)));
  return {
    ...p,
    bundle: String(p.at.bundle),
    files: Number(p.at.files),
    bundle_bytes: Number(p.at.bundle_bytes),
    workers: Number(p.at.workers),
    colds,
    cold: summarize(colds),
    startup: summarize(valuesOf(p, (r) => r.startup_ms)),
    gzip_bytes: median(valuesOf(p, (r) => r.gzip_bytes as number | null)),
    connections: median(valuesOf(p, (r) => r.connections as number | null)),
  };
}

const num = (value: unknown, fallback: number) => (value !== null && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback);

export function buildContext(input: ReportInput): Context {
  const base = buildReportContext(input, { extend });
  const { params } = base;
  const scale = num(params.scale, 1);
  const seed = num(params.seed, 0);
  const files = Object.fromEntries(BUNDLE_NAMES.map((name) => [name, bundleFiles(bundleSpec(name), { seed, scale })]));
  const pigz = base.missing.get(PIGZ);
  return {
    ...base,
    level: num(params.level, 9),
    scale,
    libuvDefault: num(params.default_libuv_workers, 4),
    maxSockets: num(params.max_sockets, 10),
    latencyMs: num(params.request_latency_ms, 0),
    handshakeMs: num(params.handshake_ms, 0),
    blockKb: num(params.block_kb, 1024),
    pigzMissing: pigz === undefined ? null : (base.run.software.tools ?? {}).pigz === null ? 'not installed (apt-get install pigz)' : pigz,
    files,
  };
}

/** Bundles with rows (of points passing `filter`), smallest first. */
export function bundlesOf(ctx: Context, filter: (p: GzipPoint) => boolean = () => true): Bundle[] {
  const seen = new Map<string, Bundle>();
  for (const p of ctx.points.all) if (filter(p)) seen.set(p.bundle, { bundle: p.bundle, files: p.files, bundle_bytes: p.bundle_bytes });
  return [...seen.values()].sort((a, b) => a.bundle_bytes - b.bundle_bytes);
}

/** The article's bundles that have rows, in the article's order. */
export function articleBundles(ctx: Context): string[] {
  const have = new Set(bundlesOf(ctx).map((b) => b.bundle));
  return ARTICLE_BUNDLES.filter((b) => have.has(b));
}

/** Every point of a strategy on a bundle, fewest workers first. */
export function sweep(ctx: Context, strategy: string, bundle: string): GzipPoint[] {
  return ctx.points.sweep(strategy, { bundle }, 'workers');
}

/** The Node pools at their default sizes: libuv at Node's default, worker threads and child processes at the core count. */
export function nodeDefault(ctx: Context, strategy: string, bundle: string): GzipPoint | undefined {
  const workers = strategy === NODE.libuv ? ctx.libuvDefault : strategy === NODE.serial ? 1 : ctx.cores;
  return ctx.points.one(strategy, { bundle, workers });
}

/** A strategy's point on a bundle as the article's comparison uses it: Python's one point, Node's default. */
export function articlePoint(ctx: Context, strategy: string, bundle: string): GzipPoint | undefined {
  return strategy.startsWith('python-') ? ctx.points.one(strategy, { bundle }) : nodeDefault(ctx, strategy, bundle);
}

/** The upload twist's points on its bundle: one connection, the shared agent, a connection per request. */
export function uploadPoints(ctx: Context): { bundle: string; serial?: GzipPoint; shared: GzipPoint; fresh: GzipPoint } | undefined {
  const bundle = ctx.points.all.find((p) => p.strategy === UPLOAD.shared)?.bundle ?? '';
  const [serial, shared, fresh] = [UPLOAD.serial, UPLOAD.shared, UPLOAD.perRequest].map((s) => sweep(ctx, s, bundle)[0]);
  return shared && fresh ? { bundle, serial, shared, fresh } : undefined;
}

/** The largest file's share of a bundle's bytes, as generated for this run. */
export function largestShare(ctx: Context, bundle: string): number {
  const files = ctx.files[bundle] ?? [];
  return files.length ? Math.max(...files.map((f) => f.bytes)) / files.reduce((s, f) => s + f.bytes, 0) : NaN;
}

/** A strategy's label as experiment.ts declares it. */
export function nameOf(ctx: Context, strategy: string): string {
  return strategyLabel(ctx.experiment, strategy);
}

/** "f3 ThreadPoolExecutor · 6", or the bare label for the serial loops. */
export function pointLabel(ctx: Context, p: GzipPoint): string {
  return p.strategy === NODE.serial || p.strategy === PY.serial ? nameOf(ctx, p.strategy) : `${nameOf(ctx, p.strategy)} · ${p.workers}`;
}

/** "bundle b (103 files, 316 MiB)", "the typical bundle (15 files, 4.29 MiB)". */
export function bundleLabel(b: Bundle): string {
  return `${b.bundle === 'typical' ? 'the typical bundle' : `bundle ${b.bundle}`} (${b.files} files, ${bytes(b.bundle_bytes)})`;
}

/** The article's own figure for a size, as it wrote it: decimal megabytes ("331.57 MB"). */
export function articleMB(bytesValue: number): string {
  return `${(bytesValue / 1e6).toFixed(2)} MB`;
}
