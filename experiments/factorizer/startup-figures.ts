// The charts of the start-up section: what a pool costs to start, and from how
// much work on it pays for itself (the crossover), with 95 % intervals.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import type { Model } from '../../lib/experiment/types.ts';
import { count, ms } from '../../lib/report/format.ts';
import { fastest, speedup, valuesOf } from '../../lib/report/points.ts';
import { MODEL_LABELS } from '../../lib/report/strategies.ts';
import { groupBy } from '../../lib/stats/group.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { invertInterval, ratioInterval, type Interval } from '../../lib/stats/interval.ts';
import { orderOf } from '../../lib/verdicts/classify.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { pointAt, setsOf, POOLS, SERIAL, type Context, type FzPoint } from './context.ts';
import { modelColors, poolPhrase } from './labels.ts';

// ---- start-up cost ---------------------------------------------------------------------------------

export interface Startup {
  model: Model;
  kind: string;
  workers: number;
  median: number;
  q1: number;
  q3: number;
}

/** Start-up of each pool model by size, over every set (the input plays no part in it). */
export function startups(ctx: Context): Startup[] {
  const pools = ctx.points.all.filter((p) => p.runtime === 'node' && p.startups.length > 0);
  const order = Object.keys(MODEL_LABELS);
  return [...groupBy(pools, (p) => `${p.model}|${p.workers}`).values()]
    .map((g) => {
      const { model, workers } = g[0]!;
      const s = summarize(g.flatMap((p) => p.startups));
      return { model, kind: MODEL_LABELS[model], workers, median: s.median, q1: s.q1, q3: s.q3 };
    })
    .sort((a, b) => order.indexOf(a.model) - order.indexOf(b.model) || a.workers - b.workers);
}

export function startupFigure(ctx: Context, data: Startup[]): Figure | undefined {
  if (data.length === 0) return undefined;
  const color = modelColors(ctx.experiment, data.map((d) => d.model));
  const at = (model: Model, w: number) => data.find((d) => d.model === model && d.workers === w);
  const w = data.some((d) => d.workers === 2) ? 2 : data[0]!.workers;
  const threads = at('worker-threads', w);
  const procs = at('child-processes', w);
  const smallest = setsOf(ctx, (p) => p.strategy === SERIAL.node)[0];
  const serial = smallest ? pointAt(ctx, SERIAL.node, smallest.set, 1) : undefined;
  const lines = [
    threads && procs ? `At ${w} workers a worker-thread pool starts in ${ms(threads.median)}, a child-process pool in ${ms(procs.median)}.` : '',
    serial && smallest ? `For scale: the serial loop factors the ${count(smallest.numbers)} numbers of the smallest set in ${ms(serial.wall.median)}.` : '',
  ];
  return {
    id: 'startup-cost',
    title: 'Start-up cost of a pool',
    caption: `Median time from creating the pool to every worker having loaded the task module, over all sets; the line spans the interquartile range. ${lines.filter(Boolean).join(' ')} The event loop "pool" costs next to nothing. Python’s peers start their threads and processes inside the timed call, so they have no bar here.`,
    plot: {
      height: 340,
      x: { axis: null, domain: color.domain },
      fx: { label: 'workers', domain: [...new Set(data.map((d) => d.workers))].sort((a, b) => a - b) },
      y: { label: '↑ start-up (ms)', grid: true },
      color,
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

export interface CrossoverRow {
  set: string;
  numbers: number;
  /** Node's serial median on the set: the amount of work, in time. */
  serial_ms: number;
  /** Serial over the pool's work alone, and over its start-up plus work (per repetition), with intervals. */
  work: Interval;
  withStartup: Interval;
}

export interface Crossover {
  pool: FzPoint;
  /** One row per set, least work first. */
  rows: CrossoverRow[];
  /** The row from which the pool, start-up counted, is faster than serial (and on every larger one), or undefined. */
  paysFrom: CrossoverRow | undefined;
}

// Work is measured as serial time, not as a count of numbers: the article's 300
// numbers near 10^12 take longer than the reader's 10 000 near 10^9.
export function crossover(ctx: Context): Crossover | undefined {
  // The pool size: 2 workers if swept, else the smallest above 1.
  const ws = [...new Set(ctx.points.all.filter((p) => (POOLS as readonly string[]).includes(p.strategy)).map((p) => p.workers))].filter((n) => n > 1).sort((a, b) => a - b);
  const w = ws.includes(2) ? 2 : ws[0];
  const set = ctx.largest?.set;
  if (w === undefined || !set) return undefined;
  const pool = fastest(POOLS.map((n) => pointAt(ctx, n, set, w)).filter((p): p is FzPoint => p !== undefined));
  if (!pool) return undefined;
  const rows = setsOf(ctx, (p) => p.strategy === pool.strategy && p.workers === w)
    .flatMap(({ set: s, numbers }) => {
      const serial = pointAt(ctx, SERIAL.node, s, 1);
      const p = pointAt(ctx, pool.strategy, s, w)!;
      const totals = valuesOf(p, (r) => (r.wall_ms ?? NaN) + (r.startup_ms ?? 0));
      return serial ? [{ set: s, numbers, serial_ms: serial.wall.median, work: speedup(serial, p), withStartup: ratioInterval(serial.walls, totals) }] : [];
    })
    .sort((a, b) => a.serial_ms - b.serial_ms);
  // "Pays" is the verdicts' "faster": the pool's start-up plus work, over the serial loop, classed faster.
  const pays = (r: CrossoverRow) => orderOf(invertInterval(r.withStartup)) === 'faster';
  let from = rows.length;
  while (from > 0 && pays(rows[from - 1]!)) from--;
  return { pool, rows, paysFrom: rows[from] };
}

/** "it pays off from 354 ms of serial work on", or on every set, or on none. */
export function paysPhrase(c: Crossover): string {
  const at = (r: CrossoverRow) => `${ms(r.serial_ms)} of serial work (\`${r.set}\`, ${count(r.numbers)} numbers: ${estimate(r.withStartup)} with its start-up)`;
  if (!c.paysFrom) return 'it is faster than the serial loop on none of the sets measured';
  if (c.paysFrom === c.rows[0]) return `it is faster than the serial loop on every set measured, down to ${at(c.paysFrom)}`;
  return `it is faster than the serial loop from ${at(c.paysFrom)} upward`;
}

export function crossoverFigure(c: Crossover | undefined): Figure | undefined {
  if (!c || c.rows.length === 0) return undefined;
  const data = c.rows.flatMap((r) => [
    // The two modes side by side on the log axis, so that their intervals do not overlap.
    { serial_ms: r.serial_ms / 1.03, mode: 'work only', ...r.work },
    { serial_ms: r.serial_ms * 1.03, mode: 'start-up included', ...r.withStartup },
  ]);
  const least = c.rows[0]!;
  const tick = new Map(c.rows.map((r) => [r.serial_ms, `${ms(r.serial_ms)}\n${r.set}`]));
  const [lo, hi] = [least.serial_ms, c.rows.at(-1)!.serial_ms];
  const finite = data.filter((d) => Number.isFinite(d.lo) && Number.isFinite(d.hi) && d.lo > 0);
  return {
    id: 'crossover',
    title: `Speed-up against work size: ${poolPhrase(c.pool)}`,
    caption: `The pool that is fastest at ${c.pool.workers} workers on the largest set, run on every set; work size is how long Node’s serial loop takes on the set. With the least work (${ms(least.serial_ms)}, \`${least.set}\`) it is ${estimate(least.work)} for the work alone and ${estimate(least.withStartup)} once the pool’s start-up is added. With its start-up counted, ${paysPhrase(c)}. Vertical lines are 95 % intervals; above the rule at 1× the pool is worth starting.`,
    plot: {
      height: 340,
      marginBottom: 45,
      marginLeft: 50,
      marginRight: 50,
      x: { type: 'log', label: 'Node’s serial time on the set (log scale) →', ticks: c.rows.map((r) => r.serial_ms), tickFormat: (d: number) => tick.get(d) ?? '', domain: [lo / 1.3, hi * 1.3] },
      y: { label: '↑ speed-up over serial (×)', grid: true, domain: [0, Math.max(1.2, ...finite.map((d) => d.hi), ...data.map((d) => d.value)) * 1.1] },
      color: { legend: true, domain: ['work only', 'start-up included'], range: ['#4e79a7', '#e15759'] },
      marks: [
        Plot.ruleY([1], { stroke: 'black' }),
        Plot.ruleX(finite, { x: 'serial_ms', y1: 'lo', y2: 'hi', stroke: 'mode', strokeWidth: 1.5 }),
        Plot.line(data, { x: 'serial_ms', y: 'value', stroke: 'mode', z: 'mode', strokeWidth: 2.5 }),
        Plot.dot(data, { x: 'serial_ms', y: 'value', fill: 'mode', r: 4 }),
      ],
    },
  };
}
