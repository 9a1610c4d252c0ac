// The charts of the start-up section: what a pool costs to start, and from how
// much work on it pays for itself (the crossover).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { groupBy } from '../../lib/stats/group.ts';
import { fastest, speedup, POOLS, SERIAL, type Point } from './analysis.ts';
import type { Context } from './context.ts';
import { count, ms, ratio } from '../../lib/report/format.ts';
import { GROUP_COLORS, GROUPS, groupOf, poolPhrase } from './labels.ts';

// ---- start-up cost ---------------------------------------------------------------------------------

export interface Startup {
  kind: string;
  workers: number;
  median: number;
  q1: number;
  q3: number;
}

/** Start-up of each pool kind by size, over every set (the input plays no part in it). */
export function startups(ctx: Context): Startup[] {
  const rows = ctx.points.all.filter((p) => p.runtime === 'node' && p.startup.n > 0).flatMap((p) => p.rows.map((r) => ({ kind: groupOf(p.model), workers: p.workers, startup_ms: r.startup_ms })));
  return [...groupBy(rows, (r) => `${r.kind}|${r.workers}`).values()]
    .map((g) => {
      const s = summarize(g.map((r) => r.startup_ms).filter((v): v is number => v !== null));
      return { kind: g[0]!.kind, workers: g[0]!.workers, median: s.median, q1: s.q1, q3: s.q3 };
    })
    .filter((s) => Number.isFinite(s.median))
    .sort((a, b) => GROUPS.indexOf(a.kind as never) - GROUPS.indexOf(b.kind as never) || a.workers - b.workers);
}

export function startupFigure(ctx: Context, data: Startup[]): Figure | undefined {
  if (data.length === 0) return undefined;
  const kinds = GROUPS.filter((g) => data.some((d) => d.kind === g));
  const at = (kind: string, w: number) => data.find((d) => d.kind === kind && d.workers === w);
  const w = data.some((d) => d.workers === 2) ? 2 : data[0]!.workers;
  const threads = at('Node worker threads', w);
  const procs = at('Node child processes', w);
  const smallest = ctx.points.sets((p) => p.strategy === SERIAL.node)[0];
  const serial = smallest ? ctx.points.get(SERIAL.node, smallest.set, 1) : undefined;
  const lines = [
    threads && procs ? `At ${w} workers a worker-thread pool starts in ${ms(threads.median)}, a child-process pool in ${ms(procs.median)}.` : '',
    serial && smallest ? `For scale: the serial loop factors the ${count(smallest.numbers)} numbers of the smallest set in ${ms(serial.wall.median)}.` : '',
  ];
  const workers = [...new Set(data.map((d) => d.workers))].sort((a, b) => a - b);
  return {
    id: 'startup-cost',
    title: 'Start-up cost of a pool',
    caption: `Median time from creating the pool to every worker having loaded the task module, over all sets; the line spans the interquartile range. ${lines.filter(Boolean).join(' ')} The event loop "pool" costs next to nothing. Python's peers start their threads and processes inside the timed call, so they have no bar here.`,
    plot: {
      height: 340,
      x: { axis: null, domain: kinds },
      fx: { label: 'workers', domain: workers },
      y: { label: '↑ start-up (ms)', grid: true },
      color: { legend: true, domain: kinds, range: kinds.map((k) => GROUP_COLORS[GROUPS.indexOf(k)]!) },
      marks: [
        Plot.barY(data, { fx: 'workers', x: 'kind', y: 'median', fill: 'kind' }),
        Plot.ruleX(data, { fx: 'workers', x: 'kind', y1: 'q1', y2: 'q3', stroke: 'black' }),
        Plot.text(data, { fx: 'workers', x: 'kind', y: 'median', text: (d: Startup) => ms(d.median), dy: -8, fontSize: 11 }),
        Plot.ruleY([0]),
      ],
    },
  };
}

// ---- speed-up against work size: where the pool starts to pay -----------------------

/** The pool size for the crossover: 2 workers if swept, else the smallest above 1. */
function crossoverWorkers(ctx: Context): number | undefined {
  const ws = [...new Set(ctx.points.all.filter((p) => (POOLS as readonly string[]).includes(p.strategy)).map((p) => p.workers))].filter((w) => w > 1).sort((a, b) => a - b);
  return ws.includes(2) ? 2 : ws[0];
}

export interface CrossoverRow {
  set: string;
  numbers: number;
  /** Node's serial median on the set: the amount of work, in time. */
  serial_ms: number;
  work: number;
  withStartup: number;
}

export interface Crossover {
  pool: Point;
  /** One row per set, least work first. */
  rows: CrossoverRow[];
  /** The row from which the pool pays off with its start-up counted (and on every larger one), or undefined. */
  paysFrom: CrossoverRow | undefined;
}

// Work is measured as serial time, not as a count of numbers: the article's 300
// numbers near 10^12 take longer than the reader's 10 000 near 10^9.
export function crossover(ctx: Context): Crossover | undefined {
  const w = crossoverWorkers(ctx);
  const set = ctx.largest?.set;
  if (w === undefined || !set) return undefined;
  const pool = fastest(POOLS.map((n) => ctx.points.get(n, set, w)).filter((p): p is Point => p !== undefined));
  if (!pool) return undefined;
  const rows = ctx.points
    .sets((p) => p.strategy === pool.strategy && p.workers === w)
    .flatMap(({ set, numbers }) => {
      const serial = ctx.points.get(SERIAL.node, set, 1);
      const p = ctx.points.get(pool.strategy, set, w)!;
      return serial ? [{ set, numbers, serial_ms: serial.wall.median, work: speedup(serial, p), withStartup: serial.wall.median / p.total.median }] : [];
    })
    .sort((a, b) => a.serial_ms - b.serial_ms);
  let from = rows.length;
  while (from > 0 && rows[from - 1]!.withStartup > 1) from--;
  return { pool, rows, paysFrom: rows[from] };
}

/** "it pays off from 354 ms of serial work on", or on every set, or on none. */
export function paysPhrase(c: Crossover): string {
  const at = (r: CrossoverRow) => `${ms(r.serial_ms)} of serial work (\`${r.set}\`, ${count(r.numbers)} numbers)`;
  if (!c.paysFrom) return 'it pays off on none of the sets measured';
  if (c.paysFrom === c.rows[0]) return `it pays off on every set measured, down to ${at(c.paysFrom)}`;
  return `it pays off from ${at(c.paysFrom)} upward`;
}

export function crossoverFigure(c: Crossover | undefined): Figure | undefined {
  if (!c || c.rows.length === 0) return undefined;
  const data = c.rows.flatMap((r) => [
    { serial_ms: r.serial_ms, mode: 'work only', speedup: r.work },
    { serial_ms: r.serial_ms, mode: 'start-up included', speedup: r.withStartup },
  ]);
  const least = c.rows[0]!;
  const tick = new Map(c.rows.map((r) => [r.serial_ms, `${ms(r.serial_ms)}\n${r.set}`]));
  const [lo, hi] = [least.serial_ms, c.rows.at(-1)!.serial_ms];
  return {
    id: 'crossover',
    title: `Speed-up against work size: ${poolPhrase(c.pool)}`,
    caption: `The pool that is fastest at ${c.pool.workers} workers on the largest set, run on every set; work size is how long Node's serial loop takes on the set. With the least work (${ms(least.serial_ms)}, \`${least.set}\`) it is ${ratio(least.work)} for the work alone and ${ratio(least.withStartup)} once the pool's start-up is added. With its start-up counted, ${paysPhrase(c)}. Above the rule at 1× the pool is worth starting.`,
    plot: {
      height: 340,
      marginBottom: 45,
      marginLeft: 50,
      marginRight: 50,
      x: { type: 'log', label: "Node's serial time on the set (log scale) →", ticks: c.rows.map((r) => r.serial_ms), tickFormat: (d: number) => tick.get(d) ?? '', domain: [lo / 1.3, hi * 1.3] },
      y: { label: '↑ speed-up over serial (×)', grid: true, domain: [0, Math.max(1.2, ...data.map((d) => d.speedup)) * 1.1] },
      color: { legend: true, domain: ['work only', 'start-up included'], range: ['#4e79a7', '#e15759'] },
      marks: [
        Plot.ruleY([1], { stroke: 'black' }),
        Plot.line(data, { x: 'serial_ms', y: 'speedup', stroke: 'mode', z: 'mode', strokeWidth: 2.5 }),
        Plot.dot(data, { x: 'serial_ms', y: 'speedup', fill: 'mode', r: 4 }),
        Plot.text(data, { x: 'serial_ms', y: 'speedup', text: (d: { speedup: number }) => ratio(d.speedup), dy: -10, fill: 'mode', fontSize: 11 }),
      ],
    },
  };
}
