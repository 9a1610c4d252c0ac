// One Node trial: the article's simulate() with the pool's start-up timed
// apart. Start a pool, run `tasks` copies of the workload's task on it, probe
// whether a function may cross into its workers, shut it down; around all of
// it, the article's window (span, and its CPU counted both ways).

import type { Point } from '../../lib/experiment/types.ts';
import { createExecutor, type Executor, type ExecutorKind } from '../../lib/executors/index.ts';
import type { TrialContext } from '../../lib/trial/context.ts';
import { SpanMeter } from './cpu-accounting.ts';
import { WORKLOADS, type Workload } from './params.ts';
import { tmpdir } from 'node:os';
import { fileSystemOf } from './file-system.ts';
import type { IoInput, NetworkInput } from './tasks.ts';
import { readWebStats } from './web-server.ts';

/** The task of each workload in tasks.ts. */
export const TASK_OF: Record<Workload, string> = { cpu: 'cpuHeavy', memory: 'memoryHeavy', io: 'ioHeavy', disk: 'diskHeavy', network: 'networkHeavy' };

/** The workloads that write temporary files (in the OS temp dir): their trials record its file system (metric `temp_fs`). */
export const FILE_WORKLOADS: readonly Workload[] = ['io', 'disk'];

export interface TrialPoint {
  workload: Workload;
  n: number;
  workers: number;
  tasks: number;
}

export function trialPoint(point: Point): TrialPoint {
  const workload = String(point.workload) as Workload;
  if (!WORKLOADS.includes(workload)) throw new Error(`interpreter-pools: unknown workload ${JSON.stringify(point.workload)} (valid: ${WORKLOADS.join(', ')})`);
  return { workload, n: Number(point.n), workers: Number(point.workers), tasks: Number(point.tasks) };
}

/** The input one task gets: n itself, or what the io and network tasks need around it. */
export function taskInput(workload: Workload, n: number, webUrl: string | undefined): number | IoInput | NetworkInput {
  if (workload === 'io' || workload === 'disk') return { mb: n };
  if (workload === 'network') {
    if (!webUrl) throw new Error('interpreter-pools: the network workload needs the web service (services: web), and none is running');
    return { url: `${webUrl}/page`, requests: n };
  }
  return n;
}

/** Every task's result, one per line: what the digest covers, in Python's str() form too. */
export function canonical(results: readonly (number | string)[]): string {
  return results.map(String).join('\n') + '\n';
}

export interface Isolation {
  /** 'passed' when the function reached the worker, else the error's name. */
  outcome: string;
  message: string;
}

/** Pass a function to the pool's workers, as the article's NotShareableError example does. */
export async function probeIsolation(pool: Executor): Promise<Isolation> {
  try {
    const [arrived] = await pool.map<unknown, string>('typeOf', [() => 0]);
    return { outcome: 'passed', message: `the function arrived in the worker as a ${arrived}` };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { outcome: e.name, message: e.message.split('\n')[0]!.slice(0, 120) };
  }
}

export async function runPoolTrial(t: TrialContext, kind: ExecutorKind): Promise<void> {
  const p = trialPoint(t.point);
  const web = t.services.web?.url;
  const input = taskInput(p.workload, p.n, web);
  const inputs = Array.from({ length: p.tasks }, () => input);
  const counted = p.workload === 'network' ? await readWebStats(web!) : null;

  const meter = new SpanMeter();
  const pool = await meter.segment(() => t.startup(() => createExecutor({ kind, workers: p.workers, tasksUrl: t.tasksUrl })));
  let results: number[];
  let isolation: Isolation;
  let shutdown_ms: number;
  try {
    results = await meter.wrapped((inner) => t.work(inner), () => pool.map<unknown, number>(TASK_OF[p.workload], inputs));
  } finally {
    // Outside the window: a probe the article did not make.
    isolation = await probeIsolation(pool);
    const c0 = performance.now();
    await meter.segment(() => pool.close());
    shutdown_ms = performance.now() - c0;
  }
  const span = meter.reading();

  t.digest(canonical(results));
  t.metric('span_ms', round(span.span_ms));
  t.metric('shutdown_ms', round(shutdown_ms));
  t.metric('article_cpu_ms', round(span.article_cpu_ms));
  t.metric('tree_cpu_ms', round(span.tree_cpu_ms));
  // The article's memory figure: this process's RSS once the pool is gone.
  t.metric('article_rss_bytes', process.memoryUsage.rss());
  t.metric('isolation', isolation.outcome);
  t.metric('isolation_message', isolation.message);
  if (counted) t.metric('server_requests', (await readWebStats(web!)).requests - counted.requests);
  if (FILE_WORKLOADS.includes(p.workload)) t.metric('temp_fs', fileSystemOf(tmpdir()));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
