// How long each worker of a trial was busy, from the `workers` side table, and
// how uneven that was: the busiest worker over the mean (1 is a perfect balance).

import type { Point } from '../../lib/report/points.ts';
import { groupBy } from '../../lib/stats/group.ts';
import { geoMeanInterval, type Interval } from '../../lib/stats/interval.ts';

export interface BusyTrial {
  point: Point;
  trial: number;
  /** Busy time per worker, busiest first, padded with zeros to the pool size. */
  busy_ms: number[];
  /** Busiest worker over the mean of all workers. */
  imbalance: number;
}

export function busyTrials(points: readonly (Point & { workers: number })[], table: readonly Record<string, string | number | null>[], machineId: string): BusyTrial[] {
  const byTrial = groupBy(
    table.filter((r) => r.machine_id === machineId),
    (r) => String(r.trial),
  );
  const out: BusyTrial[] = [];
  for (const p of points) {
    for (const row of p.rows) {
      const workers = byTrial.get(String(row.trial));
      if (!workers) continue;
      const busy = workers.map((w) => Number(w.busy_ms)).filter(Number.isFinite).sort((a, b) => b - a);
      // A worker that got no task does not appear in the table: it was idle throughout.
      while (busy.length < p.workers) busy.push(0);
      const mean = busy.reduce((s, b) => s + b, 0) / busy.length;
      if (mean > 0) out.push({ point: p, trial: row.trial, busy_ms: busy, imbalance: busy[0]! / mean });
    }
  }
  return out;
}

/** The busiest worker over the mean, geometric mean over a point's repetitions, with its interval. */
export function imbalanceOf(busy: readonly BusyTrial[], p: Point): Interval {
  return geoMeanInterval(busy.filter((b) => b.point.key === p.key).map((b) => b.imbalance));
}
