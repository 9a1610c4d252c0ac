import { describe, expect, it } from 'vitest';
import type { Row } from '../data/schema.ts';
import { buildReportContext } from './context.ts';
import { fixtureExperiment, fixtureMeta, FIXTURE_MACHINE } from './fixtures.ts';
import { speedup } from './points.ts';

function row(strategy: string, workers: number, wall: number, extra: Partial<Row> = {}): Row {
  return {
    machine_id: FIXTURE_MACHINE, trial: 0, strategy, runtime: strategy.startsWith('py') ? 'python' : 'node', model: strategy.startsWith('py') ? 'python-threads' : 'worker-threads',
    rep: 0, warmup: 0, status: 'ok', error: '', wall_ms: wall, startup_ms: null, cpu_user_ms: wall, cpu_sys_ms: 0, cpu_process_ms: null, rss_base_bytes: null, rss_peak_bytes: null,
    rss_mean_bytes: null, work_start_ms: null, work_end_ms: null, process_ms: null, samples: 0, host_other_cpu_ms: null, steal_ms: null, probe_ms: null, disturbed: 0, attempts: 1, digest: '',
    workers, ...extra,
  } as Row;
}

const input = (rows: Row[]) => ({ experiment: fixtureExperiment(), rows, memory: [], tables: {}, meta: fixtureMeta(), machineId: FIXTURE_MACHINE });

describe('buildReportContext', () => {
  const rows = [
    row('worker-pool', 1, 100), row('worker-pool', 1, 102), row('worker-pool', 1, 98),
    row('worker-pool', 2, 50), row('worker-pool', 2, 51), row('worker-pool', 2, 49),
    row('worker-pool', 2, 500, { disturbed: 1 }),
    row('worker-pool', 2, 1, { warmup: 1 }),
    row('py-threads', 2, NaN, { status: 'skipped', error: 'skipped: python module(s) x missing', wall_ms: null }),
    row('worker-pool', 4, 1, { machine_id: 'other-box' }),
  ];
  const ctx = buildReportContext(input(rows));

  it('groups the clean repetitions by the plan’s point key; disturbed and warm-up trials leave the statistics', () => {
    expect(ctx.points.all.map((p) => [p.strategy, p.at.workers, p.wall.n])).toEqual([
      ['worker-pool', 1, 3],
      ['worker-pool', 2, 3],
    ]);
    expect(ctx.disturbed).toHaveLength(1);
    expect(ctx.reps).toBe(3);
  });

  it('keeps the reason a strategy has no rows, and says why Python is missing', () => {
    expect(ctx.missing.get('py-threads')).toBe('skipped: python module(s) x missing');
    expect(ctx.pythonMissing).toBe('not run here (skipped: python module(s) x missing)');
  });

  it('finds points by strategy and columns, and gives speed-ups with intervals', () => {
    const one = ctx.points.at('worker-pool', { workers: 1 })!;
    const two = ctx.points.at('worker-pool', { workers: 2 })!;
    const s = speedup(one, two);
    expect(s.value).toBeCloseTo(2, 1);
    expect(s.lo).toBeLessThan(s.value);
    expect(ctx.points.sweep('worker-pool', {}, 'workers').map((p) => p.at.workers)).toEqual([1, 2]);
  });

  it('reads a strategy whose every trial stayed disturbed as too noisy to judge', () => {
    const noisy = buildReportContext(input([row('worker-pool', 1, 100, { disturbed: 1 })]));
    expect(noisy.missing.get('worker-pool')).toMatch(/too noisy to judge/);
  });

  it('names the file and the machine when the run is missing', () => {
    expect(() => buildReportContext({ ...input([]), machineId: 'nobody' })).toThrow(/data\/fixture-io\/: no run for machine nobody/);
  });
});
