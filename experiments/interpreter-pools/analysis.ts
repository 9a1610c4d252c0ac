// The rows reduced to what the report reads: one summary per (strategy,
// workload, load, workers, tasks) point, and each point's metrics computed two
// ways, the article's and the corrected, per trial so that every metric keeps
// the spread of its repetitions.

import type { Row } from '../../lib/data/schema.ts';
import { groupBy } from '../../lib/stats/group.ts';
import { summarize, type Summary } from '../../lib/stats/summarize.ts';
import { LEVELS } from './params.ts';
import { BASELINE } from './plan.ts';

export { compare, type Comparison, type Order } from '../../lib/stats/compare.ts';
export { measuredRows } from '../../lib/report/measured.ts';

/** One point's repetitions. */
export interface Point {
  strategy: string;
  runtime: string;
  model: string;
  workload: string;
  load: string;
  /** The article's level the load is based on ("med" for "med-x60"). */
  level: string;
  /** n over the level's article n: 1 for the article's loads. */
  scale: number;
  n: number;
  workers: number;
  tasks: number;
  rows: Row[];
  /** Work only. */
  wall: Summary;
  /** The article's window: start-up, work and shutdown. */
  span: Summary;
  startup: Summary;
  /** CPU of the whole tree during the work (the harness's count). */
  cpu: Summary;
  /** CPU over the span, the article's way (process + live children) and the whole tree's. */
  articleCpu: Summary;
  treeCpu: Summary;
  rssPeak: Summary;
  /** RSS of the tree just before the work: the started pool, idle. */
  rssBase: Summary;
  /** The article's memory figure: the trial process alone, after shutdown. */
  articleRss: Summary;
  isolation: { outcome: string; message: string } | undefined;
  /** Page requests the server counted per trial (network only). */
  serverRequests: Summary;
}

const num = (v: unknown): number => (v === null || v === undefined || v === '' ? NaN : Number(v));
const stat = (rows: readonly Row[], f: (r: Row) => number): Summary => summarize(rows.map(f).filter(Number.isFinite));

/** "med-x60" → { level: "med", scale: 60 }; an article level → scale 1. */
export function parseLoad(load: string): { level: string; scale: number } {
  const m = /^([a-z]+)-x(\d+)$/.exec(load);
  return m ? { level: m[1]!, scale: Number(m[2]) } : { level: load, scale: 1 };
}

export function summarizePoints(rows: readonly Row[]): Point[] {
  const groups = groupBy(rows, (r) => `${r.strategy}|${r.workload}|${r.load}|${r.workers}|${r.tasks}`);
  return [...groups.values()].map((g) => {
    const head = g[0]!;
    const load = String(head.load);
    const first = g.find((r) => r.isolation !== null && r.isolation !== '');
    return {
      strategy: head.strategy,
      runtime: head.runtime,
      model: head.model,
      workload: String(head.workload),
      load,
      ...parseLoad(load),
      n: Number(head.n),
      workers: Number(head.workers),
      tasks: Number(head.tasks),
      rows: g,
      wall: stat(g, (r) => num(r.wall_ms)),
      span: stat(g, (r) => num(r.span_ms)),
      startup: stat(g, (r) => num(r.startup_ms)),
      cpu: stat(g, (r) => num(r.cpu_user_ms) + num(r.cpu_sys_ms)),
      articleCpu: stat(g, (r) => num(r.article_cpu_ms)),
      treeCpu: stat(g, (r) => num(r.tree_cpu_ms)),
      rssPeak: stat(g, (r) => num(r.rss_peak_bytes)),
      rssBase: stat(g, (r) => num(r.rss_base_bytes)),
      articleRss: stat(g, (r) => num(r.article_rss_bytes)),
      isolation: first ? { outcome: String(first.isolation), message: String(first.isolation_message ?? '') } : undefined,
      serverRequests: stat(g, (r) => num(r.server_requests)),
    };
  });
}

/** The article's metrics and the corrected ones, per trial, summarized. */
export interface Metrics {
  /** Tasks per second of work (start-up apart). */
  throughput: Summary;
  /** Tasks per second over the article's window (start-up and shutdown included), as the article counted. */
  spanThroughput: Summary;
  /** The article's "GIL efficiency": its CPU count ÷ (span × workers). */
  articleGil: Summary;
  /** Whole-tree CPU of the work ÷ (wall × min(workers, cores)). */
  correctedGil: Summary;
  /** The article's: span of 1 task on 1 worker ÷ span of all tasks. */
  articleSpeedup: Summary;
  /** tasks × wall of 1 task ÷ wall of all tasks. */
  correctedSpeedup: Summary;
  /** articleSpeedup ÷ workers. */
  articleEfficiency: Summary;
  /** correctedSpeedup ÷ min(workers, cores). */
  correctedEfficiency: Summary;
  /** The article's CPU count over the whole tree's, on the same span: the share it sees. */
  seenShare: Summary;
  /** Whose single task the corrected speed-up divides by: the same strategy's, the runtime's baseline (fallback), or none. */
  oneTask: 'own' | 'runtime' | 'none';
}

/**
 * `baseline` is the runtime's one-task point (the article's speed-up divides by
 * its span); `own` the same strategy's one task on a pool of one, which the
 * corrected speed-up divides by, falling back to `baseline` where it is missing.
 */
export function metricsOf(p: Point, baseline: Point | undefined, cores: number, own?: Point): Metrics {
  const usable = Math.min(p.workers, cores);
  const per = (f: (r: Row) => number) => stat(p.rows, f);
  const wall = (r: Row) => num(r.wall_ms);
  const span = (r: Row) => num(r.span_ms);
  const one = own ?? baseline;
  const oneWall = one?.wall.median ?? NaN;
  const oneSpan = baseline?.span.median ?? NaN;
  return {
    throughput: per((r) => p.tasks / (wall(r) / 1000)),
    spanThroughput: per((r) => p.tasks / (span(r) / 1000)),
    articleGil: per((r) => num(r.article_cpu_ms) / (span(r) * p.workers)),
    correctedGil: per((r) => (num(r.cpu_user_ms) + num(r.cpu_sys_ms)) / (wall(r) * usable)),
    articleSpeedup: per((r) => oneSpan / span(r)),
    correctedSpeedup: per((r) => (p.tasks * oneWall) / wall(r)),
    articleEfficiency: per((r) => oneSpan / span(r) / p.workers),
    correctedEfficiency: per((r) => (p.tasks * oneWall) / wall(r) / usable),
    seenShare: per((r) => (num(r.tree_cpu_ms) > 0 ? num(r.article_cpu_ms) / num(r.tree_cpu_ms) : NaN)),
    oneTask: own ? 'own' : baseline ? 'runtime' : 'none',
  };
}

/** The measured points with lookups, and each point's metrics against its own and its runtime's single task. */
export class Points {
  readonly all: Point[];
  readonly cores: number;
  readonly #byKey: Map<string, Point>;
  readonly #metrics = new Map<Point, Metrics>();

  constructor(points: Point[], cores: number) {
    this.all = points;
    this.cores = cores;
    this.#byKey = new Map(points.map((p) => [key(p.strategy, p.workload, p.load, p.workers, p.tasks), p]));
  }

  get(strategy: string, workload: string, load: string, workers: number, tasks: number): Point | undefined {
    return this.#byKey.get(key(strategy, workload, load, workers, tasks));
  }

  /** The runtime's one-task-on-one-worker point at the same load: the article's baseline. */
  baselineOf(p: Point): Point | undefined {
    return this.get(p.runtime === 'python' ? BASELINE.python : BASELINE.node, p.workload, p.load, 1, 1);
  }

  /** The same strategy's one task on a pool of one at the same load: the corrected speed-up's denominator. */
  oneTaskOf(p: Point): Point | undefined {
    return this.get(p.strategy, p.workload, p.load, 1, 1);
  }

  metrics(p: Point): Metrics {
    let m = this.#metrics.get(p);
    if (!m) {
      m = metricsOf(p, this.baselineOf(p), this.cores, this.oneTaskOf(p));
      this.#metrics.set(p, m);
    }
    return m;
  }

  /** Points of the article's grid (`workers` workers, `tasks` tasks) for one workload, in level order. */
  grid(workload: string, workers: number, tasks: number, filter: (p: Point) => boolean = () => true): Point[] {
    return this.all
      .filter((p) => p.workload === workload && p.workers === workers && p.tasks === tasks && filter(p))
      .sort((a, b) => loadRank(a.load) - loadRank(b.load));
  }

  /** The loads measured for a workload, article levels first, then the scaled ones. */
  loads(workload: string): string[] {
    return [...new Set(this.all.filter((p) => p.workload === workload).map((p) => p.load))].sort((a, b) => loadRank(a) - loadRank(b));
  }

  /** tasks = workers points of one strategy and workload at one load, fewest workers first. */
  sweep(strategy: string, workload: string, load: string): Point[] {
    return this.all.filter((p) => p.strategy === strategy && p.workload === workload && p.load === load && p.workers === p.tasks).sort((a, b) => a.workers - b.workers);
  }
}

const key = (strategy: string, workload: string, load: string, workers: number, tasks: number) => `${strategy}|${workload}|${load}|${workers}|${tasks}`;

/** low < med < high < scaled loads (by their base level, then scale). */
export function loadRank(load: string): number {
  const { level, scale } = parseLoad(load);
  const i = (LEVELS as readonly string[]).indexOf(level);
  return (i < 0 ? LEVELS.length : i) + (scale > 1 ? 10 + Math.log10(scale) : 0);
}

/** How many repetitions the one-task points behind the shown corrected speed-ups have, in a sentence. */
export function denominatorNote(points: Points, shown: readonly Point[]): string {
  const reps = shown.filter((p) => p.workers * p.tasks > 1).map((p) => points.oneTaskOf(p)?.wall.n).filter((n): n is number => n !== undefined);
  if (reps.length === 0) return '';
  const lo = Math.min(...reps);
  const hi = Math.max(...reps);
  return ` The one-task points it divides by have ${lo === hi ? lo : `${lo}–${hi}`} repetition${hi === 1 ? '' : 's'} (their median is used).`;
}

/** Where the corrected speed-up fell back to the runtime's baseline, in a sentence ('' when nowhere). */
export function fallbackNote(points: Points, shown: readonly Point[], where: (p: Point) => string): string {
  const fell = shown.filter((p) => p.workers * p.tasks > 1 && points.metrics(p).oneTask === 'runtime');
  if (fell.length === 0) return '';
  return ` The strategy’s own single task was not measured at ${fell.map(where).join(', ')}: there the corrected speed-up divides by the runtime’s baseline instead (marked *).`;
}
