// The report's fixed-cost section from the `payload` trials: start-up against
// the pool size, the idle memory one more worker adds, and the round trip of a
// payload against its size, for every Python pool and Node model side by side.
// Every number in the prose and captions comes from payload-cost.ts.

import * as Plot from '@observablehq/plot';
import type { Figure, Table } from '../../lib/report/doc.ts';
import { columns } from '../../lib/report/columns.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { ratioInterval, scaleInterval, type Interval } from '../../lib/stats/interval.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import type { Context } from './context.ts';
import { colorOf, drawn } from './labels.ts';
import { poolCosts, type PoolCost } from './payload-cost.ts';
import { payloadLabel } from './plan.ts';

const MS = { digits: 2, suffix: ' ms' } as const;
const MIB = { digits: 1, suffix: ' MiB' } as const;
// A slope within rounding of zero prints as 0.0, not -0.0.
const mib = (i: Interval) => estimate(scaleInterval(i, 1 / 2 ** 20), MIB).replace(/-0\.0(?!\d)/g, '0.0');
const visible = (i: Interval) => i.lo > 0 && Number.isFinite(i.hi);
/** A log axis's tick in plain decimals ("0.4", not Plot's SI "400m"). */
const plain = (d: number) => String(Number(d.toPrecision(2)));

/** Start-up against the pool size, log–log, each strategy a line with its intervals. */
export function startupSweepFigure(ctx: Context, costs: readonly PoolCost[]): Figure | undefined {
  const data = costs.flatMap((c) => c.startup.filter((s) => Number.isFinite(s.ms.value)).map((s) => ({ workers: s.workers, ...s.ms, ...drawn(ctx.experiment, c.strategy) })));
  const workers = [...new Set(data.map((d) => d.workers))].sort((a, b) => a - b);
  if (workers.length < 2) return undefined;
  const most = workers.at(-1)!;
  const atMost = costs.flatMap((c) => c.startup.filter((s) => s.workers === most).map((s) => `${strategyLabel(ctx.experiment, c.strategy)} ${estimate(s.ms, MS)}`));
  return {
    id: 'pool-startup-workers',
    title: 'Start-up against the pool size',
    caption: `Time from creating the pool to every worker running (as in every trial here), geometric mean of the repetitions; the vertical line is its 95 % interval (none where a point ran once). Both axes logarithmic. With ${most} workers: ${atMost.join(', ')}. Node’s event loop starts nothing: its “pool” is a limit on tasks in flight.`,
    plot: {
      height: 320,
      marginLeft: 60,
      x: { type: 'log', base: 2, ticks: workers, tickFormat: (d: number) => String(d), label: 'workers →', domain: [workers[0]!, most] },
      y: { type: 'log', label: '↑ start-up (ms)', grid: true, tickFormat: plain },
      color: colorOf(ctx.experiment, costs.map((c) => c.strategy)),
      marks: [
        Plot.ruleX(data.filter(visible), { x: 'workers', y1: 'lo', y2: 'hi', stroke: 'model' }),
        Plot.line(data.filter((d) => d.value > 0), { x: 'workers', y: 'value', stroke: 'model', z: 'strategy', strokeWidth: 2 }),
        Plot.dot(data.filter((d) => d.value > 0), { x: 'workers', y: 'value', fill: 'model', r: 3 }),
      ],
    },
  };
}

/** One round trip against the payload's size, log–log, on a pool of one. */
export function roundTripFigure(ctx: Context, costs: readonly PoolCost[]): Figure | undefined {
  const data = costs.flatMap((c) => c.roundTrip.filter((r) => r.ms.value > 0).map((r) => ({ bytes: r.bytes, ...r.ms, ...drawn(ctx.experiment, c.strategy) })));
  const sizes = [...new Set(data.map((d) => d.bytes))].sort((a, b) => a - b);
  if (sizes.length < 2) return undefined;
  const largest = sizes.at(-1)!;
  const atLargest = costs.flatMap((c) => c.roundTrip.filter((r) => r.bytes === largest).map((r) => `${strategyLabel(ctx.experiment, c.strategy)} ${estimate(r.ms, MS)}`));
  return {
    id: 'payload-round-trip',
    title: 'A payload to a task and back, against its size',
    caption: `One round trip on a pool of one: the work’s wall time over its ${ctx.payload.all[0]?.at.tasks ?? ''} round trips, one after another, geometric mean of the repetitions; the vertical line is its 95 % interval. Both axes logarithmic. At ${payloadLabel(largest)}: ${atLargest.join(', ')}. A thread pool and the event loop pass a reference; every other model copies the payload both ways.`,
    plot: {
      height: 320,
      marginLeft: 60,
      x: { type: 'log', ticks: sizes, tickFormat: (d: number) => payloadLabel(d), label: 'payload →', domain: [sizes[0]!, largest] },
      y: { type: 'log', label: '↑ one round trip (ms)', grid: true, tickFormat: plain },
      color: colorOf(ctx.experiment, costs.map((c) => c.strategy)),
      marks: [
        Plot.ruleX(data.filter(visible), { x: 'bytes', y1: 'lo', y2: 'hi', stroke: 'model' }),
        Plot.line(data, { x: 'bytes', y: 'value', stroke: 'model', z: 'strategy', strokeWidth: 2 }),
        Plot.dot(data, { x: 'bytes', y: 'value', fill: 'model', r: 3 }),
      ],
    },
  };
}


export function payloadTable(ctx: Context, costs: readonly PoolCost[]): Table | undefined {
  if (costs.length === 0) return undefined;
  const fewest = Math.min(...costs.flatMap((c) => c.startup.map((s) => s.workers)));
  const most = Math.max(...costs.flatMap((c) => c.startup.map((s) => s.workers)));
  const smallest = Math.min(...costs.flatMap((c) => c.roundTrip.map((r) => r.bytes)));
  const largest = Math.max(...costs.flatMap((c) => c.roundTrip.map((r) => r.bytes)));
  const at = <T extends { values: number[] }>(list: readonly T[], key: (x: T) => number, k: number) => list.find((x) => key(x) === k);
  return {
    id: 'fixed-cost-sizes',
    title: 'Fixed cost of each model: start-up, idle memory, round trips',
    caption: `Start-up: pool creation until every worker runs, geometric mean with its 95 % interval; “${most} ÷ ${fewest}”: the ratio of the two, with its interval (ratio of geometric means). Idle memory per worker: the RSS of the whole tree just before the work (the pool started and held idle), its least-squares slope against the pool size over every trial, with its t-interval: what one more worker holds. RSS counts a page shared by two processes twice, as the article’s psutil does. Round trip: one payload to a task and back on a pool of one, the work’s wall time over the round trips; “${payloadLabel(largest)} ÷ ${payloadLabel(smallest)}”: the ratio of the two, with its interval.`,
    columns: columns({ strategy: 'Strategy', one: `Start-up, ${fewest} >`, many: `Start-up, ${most} >`, grow: `${most} ÷ ${fewest} >`, idle: 'Idle memory per worker >', small: `Round trip, ${payloadLabel(smallest)} >`, large: `Round trip, ${payloadLabel(largest)} >`, copy: `${payloadLabel(largest)} ÷ ${payloadLabel(smallest)} >` }),
    rows: costs.map((c) => {
      const one = at(c.startup, (s) => s.workers, fewest);
      const many = at(c.startup, (s) => s.workers, most);
      const small = at(c.roundTrip, (r) => r.bytes, smallest);
      const large = at(c.roundTrip, (r) => r.bytes, largest);
      return {
        strategy: strategyLabel(ctx.experiment, c.strategy),
        one: one ? estimate(one.ms, MS) : '–',
        many: many ? estimate(many.ms, MS) : '–',
        grow: one && many && most > fewest ? estimate(ratioInterval(many.values, one.values)) : '–',
        idle: c.idlePerWorker ? mib(c.idlePerWorker) : '–',
        small: small ? estimate(small.ms, MS) : '–',
        large: large ? estimate(large.ms, MS) : '–',
        copy: small && large && largest > smallest ? estimate(ratioInterval(large.values, small.values)) : '–',
      };
    }),
  };
}

/** How the prose names the models it compares. */
const PROSE_NAMES: Record<string, string> = {
  'python-interpreters': 'Python’s interpreter pool',
  'python-processes': 'the process pool',
  'python-threads': 'the thread pool',
  'node-worker-threads': 'Node’s worker threads',
  'node-child-processes': 'child processes',
};

/** The section's prose: the interpreter pool against the process and thread pools, worker threads against child processes, all computed. */
export function payloadText(ctx: Context, costs: readonly PoolCost[]): string {
  const of = (name: string) => costs.find((c) => c.strategy === name);
  const label = (name: string) => PROSE_NAMES[name] ?? strategyLabel(ctx.experiment, name);
  const most = Math.max(...costs.flatMap((c) => c.startup.map((s) => s.workers)));
  const largest = Math.max(...costs.flatMap((c) => c.roundTrip.map((r) => r.bytes)));
  const startAt = (c: PoolCost | undefined) => c?.startup.find((s) => s.workers === most);
  const tripAt = (c: PoolCost | undefined) => c?.roundTrip.find((r) => r.bytes === largest);
  const sentences: string[] = [];
  for (const [subject, rivals] of [['python-interpreters', ['python-processes', 'python-threads']], ['node-worker-threads', ['node-child-processes']]] as const) {
    const s = of(subject);
    if (!s) continue;
    const start = startAt(s);
    const starts = rivals.flatMap((r) => {
      const q = startAt(of(r));
      return start && q ? [`${versus(ratioInterval(start.values, q.values), label(r))}`] : [];
    });
    const trip = tripAt(s);
    const trips = rivals.flatMap((r) => {
      const q = tripAt(of(r));
      return trip && q ? [`${versus(ratioInterval(trip.values, q.values), label(r))}`] : [];
    });
    const idles = rivals.flatMap((r) => {
      const i = of(r)?.idlePerWorker;
      return i ? [`${label(r)} ${mib(i)}`] : [];
    });
    const parts = [
      start ? `a pool of ${most} starts in ${estimate(start.ms, MS)}${starts.length ? `, ${starts.join(' and ')}` : ''}` : '',
      s.idlePerWorker ? `each idle worker adds ${mib(s.idlePerWorker)} to the tree’s RSS${idles.length ? ` (${idles.join(', ')})` : ''}` : '',
      trip ? `a ${payloadLabel(largest)} round trip takes ${estimate(trip.ms, MS)}${trips.length ? `, ${trips.join(' and ')}` : ''}` : '',
    ].filter(Boolean);
    if (parts.length) sentences.push(`${label(subject)}: ${parts.join('; ')}.`);
  }
  return sentences.join(' ');
}

export function payloadBlocks(ctx: Context) {
  const costs = poolCosts(ctx);
  return { costs, startup: startupSweepFigure(ctx, costs), roundTrip: roundTripFigure(ctx, costs), table: payloadTable(ctx, costs), text: payloadText(ctx, costs) };
}

/** The fixed costs in one sentence: the interpreter pool's idle memory and its largest round trip against the process pool's. */
export function payloadLead(ctx: Context, costs: readonly PoolCost[]): string | undefined {
  const of = (name: string) => costs.find((c) => c.strategy === name);
  const [it, pp] = [of('python-interpreters'), of('python-processes')];
  const largest = Math.max(...costs.flatMap((c) => c.roundTrip.map((r) => r.bytes)));
  const trip = (c: PoolCost | undefined) => c?.roundTrip.find((r) => r.bytes === largest);
  const [a, b] = [trip(it), trip(pp)];
  if (!it || !pp || !it.idlePerWorker || !pp.idlePerWorker || !a || !b) return undefined;
  return `An interpreter costs less to keep and to talk to than a process: idle, each adds ${mib(it.idlePerWorker)} against ${mib(pp.idlePerWorker)}, and a ${payloadLabel(largest)} round trip is ${versus(ratioInterval(a.values, b.values), 'the process pool’s')}.`;
}
