// What a Node strategy sees inside its trial process. It times the work
// (and, apart, any start-up), reads the whole tree's CPU around the work, and
// collects the result digest, metrics and side-table rows.

import { createHash } from 'node:crypto';
import type { Params, Point, Scalar } from '../experiment/types.ts';
import { cpuBetween, readTreeCpu } from '../measure/tree-cpu.ts';
import { speedProbeMs } from '../measure/speed-probe.ts';
import type { TrialResult, TrialSpec } from './protocol.ts';
import type { ServiceAddress } from '../services/protocol.ts';

export interface TrialContext {
  readonly strategy: string;
  readonly point: Point;
  readonly params: Params;
  /** Input name → absolute path (from the experiment's prepare step). */
  readonly inputs: Record<string, string>;
  /** file: URL of the experiment's tasks (compiled to JavaScript), for executors. */
  readonly tasksUrl: string;
  /** The experiment's folder, for files it ships beside its code. */
  readonly experimentDir: string;
  /** The experiment's local services (name → address), started by the runner. */
  readonly services: Record<string, ServiceAddress>;
  /** Time a start-up step (pool creation, connection warm-up) apart from the work. */
  startup<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Time the work: wall clock and the CPU of the whole process tree. Call once. */
  work<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Record the digest of the result; every strategy at the same point must agree. */
  digest(canonical: string | Uint8Array): void;
  metric(name: string, value: Scalar): void;
  /** Append rows to a side table declared by the experiment. */
  table(name: string, rows: Record<string, Scalar>[]): void;
}

const epochNow = () => performance.timeOrigin + performance.now();

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function createTrialContext(spec: TrialSpec): { context: TrialContext; result: () => TrialResult } {
  const r: TrialResult = {
    ok: true,
    startup_ms: null,
    wall_ms: null,
    cpu_user_ms: null,
    cpu_sys_ms: null,
    work_start_epoch_ms: null,
    work_end_epoch_ms: null,
    digest: '',
    probe_before_ms: null,
    probe_after_ms: null,
    metrics: {},
    tables: {},
  };
  let worked = false;
  const context: TrialContext = {
    strategy: spec.strategy,
    point: spec.point,
    params: spec.params,
    inputs: spec.inputs,
    tasksUrl: spec.tasksUrl,
    experimentDir: spec.experimentDir,
    services: spec.services,
    async startup(fn) {
      const t0 = performance.now();
      const value = await fn();
      r.startup_ms = (r.startup_ms ?? 0) + (performance.now() - t0);
      return value;
    },
    async work(fn) {
      if (worked) throw new Error(`strategy ${spec.strategy} called t.work() twice: time the whole work in one call`);
      worked = true;
      // A pool that starts faster than the sampler's interval would otherwise be missing from the RSS before the work.
      if (r.startup_ms !== null && (spec.settleMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, spec.settleMs));
      r.probe_before_ms = speedProbeMs();
      const cpu0 = readTreeCpu();
      r.work_start_epoch_ms = epochNow();
      const t0 = performance.now();
      const value = await fn();
      const t1 = performance.now();
      r.work_end_epoch_ms = epochNow();
      const cpu = cpuBetween(cpu0, readTreeCpu());
      r.wall_ms = t1 - t0;
      r.cpu_user_ms = cpu.user_ms;
      r.cpu_sys_ms = cpu.sys_ms;
      r.probe_after_ms = speedProbeMs();
      return value;
    },
    digest(canonical) {
      r.digest = sha256(canonical);
    },
    metric(name, value) {
      r.metrics[name] = value;
    },
    table(name, rows) {
      (r.tables[name] ??= []).push(...rows);
    },
  };
  return {
    context,
    result: () => {
      if (!worked) return { ...r, ok: false, error: `strategy ${spec.strategy} never called t.work()` };
      return r;
    },
  };
}
