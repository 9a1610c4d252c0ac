// The factorizer report's time charts (time bars, speed-up against workers,
// Node against Python): pure functions from the context to a Figure, or
// undefined when the run has no rows for that chart. Ratios are ratios of
// geometric means, drawn and written with their 95 % intervals.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { aboveCoresFlag } from '../../lib/report/baseline.ts';
import { count, ms, plural } from '../../lib/report/format.ts';
import { fastest, speedup, timeRatio } from '../../lib/report/points.ts';
import { MODEL_LABELS, strategyLabel, strategyRank } from '../../lib/report/strategies.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { baselineFlagged, largestSetWith, numbersIn, pointAt, serialFor, sweepOf, EVENT_LOOP, POOLS, PY_PROCESSES, PY_THREADS, SERIAL, type Context, type FzPoint } from './context.ts';
import { modelColors, pointLabel, poolPhrase } from './labels.ts';

const BAR_ROW_PX = 24;

// ---- the article's time bars --------------------------------------------------------

/** Median wall time of every strategy and worker count on one set, as horizontal bars with the fastest repetition as a tick. */
export function timeBars(ctx: Context, set: string, title: string): Figure | undefined {
  const points = ctx.points.all.filter((p) => p.set === set).sort((a, b) => strategyRank(ctx.experiment, a.strategy) - strategyRank(ctx.experiment, b.strategy) || a.workers - b.workers);
  if (points.length === 0) return undefined;
  const data = points.map((p) => ({ label: pointLabel(ctx.experiment, p), model: MODEL_LABELS[p.model], median: p.wall.median, min: p.wall.min, text: ms(p.wall.median) }));
  const pySerial = pointAt(ctx, SERIAL.python, set, 1);
  const pyThreads = sweepOf(ctx, PY_THREADS, set);
  const nodeSerial = pointAt(ctx, SERIAL.node, set, 1);
  const best = fastest(points.filter((p) => (POOLS as readonly string[]).includes(p.strategy)));
  const lines = [
    pySerial && pyThreads.length ? `Python threads take ${pyThreads.map((p) => `${ms(p.wall.median)} with ${p.workers}`).join(', ')} (medians) against ${ms(pySerial.wall.median)} serial.` : '',
    nodeSerial && best ? `The fastest Node pool, ${poolPhrase(best)}, takes ${ms(best.wall.median)}: ${versus(timeRatio(best, nodeSerial), `Node’s serial ${ms(nodeSerial.wall.median)}`)}.` : '',
  ];
  return {
    id: `time-bars-${set}`,
    title: `${title}: ${count(points[0]!.numbers)} numbers, median wall time`,
    caption: `Shorter is faster. Bars are medians of the repetitions, the black tick the fastest one. ${lines.filter(Boolean).join(' ')} Node pool start-up is not included (see below); ${
      points.some((p) => p.runtime === 'python') ? 'Python’s thread and process creation is, as in the article.' : 'the article’s Python did not run on this set.'
    }`,
    plot: {
      height: data.length * BAR_ROW_PX + 80,
      marginLeft: 230,
      marginRight: 70,
      x: { label: 'median wall time (ms) →', grid: true },
      y: { label: null, domain: data.map((d) => d.label) },
      color: modelColors(ctx.experiment, points.map((p) => p.model)),
      marks: [
        Plot.barX(data, { y: 'label', x: 'median', fill: 'model' }),
        Plot.tickX(data, { y: 'label', x: 'min', stroke: 'black', strokeWidth: 2 }),
        Plot.text(data, { y: 'label', x: 'median', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
  };
}

// ---- speed-up against workers ---------------------------------------------------------

interface SpeedupDatum {
  series: string;
  model: string;
  dispatch: string;
  workers: number;
  /** Worker count nudged per series on the log axis, so that intervals at one count do not overlap. */
  x: number;
  speedup: number;
  lo: number;
  hi: number;
  text: string;
}

/** Speed-up of each pool against the worker count on the widest sweep, with 95 % intervals, the ideal and the core count. */
export function speedupByWorkers(ctx: Context): Figure | undefined {
  const set = ctx.sweep?.set;
  const serial = set ? pointAt(ctx, SERIAL.node, set, 1) : undefined;
  if (!set || !serial) return undefined;
  const sweeps: { name: string; series: string; serial: FzPoint; points: FzPoint[] }[] = POOLS.map((name) => ({ name, series: strategyLabel(ctx.experiment, name), serial, points: sweepOf(ctx, name, set) }));
  const pySet = largestSetWith(ctx, PY_PROCESSES, SERIAL.python);
  if (pySet) sweeps.push({ name: PY_PROCESSES, series: `${strategyLabel(ctx.experiment, PY_PROCESSES)} (${count(numbersIn(ctx, pySet))} numbers)`, serial: pointAt(ctx, SERIAL.python, pySet, 1)!, points: sweepOf(ctx, PY_PROCESSES, pySet) });
  const present = sweeps.filter((s) => s.points.length > 0);
  const data: SpeedupDatum[] = present.flatMap((s, i) =>
    s.points.map((p) => {
      const sp = speedup(s.serial, p);
      return { series: s.series, model: MODEL_LABELS[p.model], dispatch: s.name.endsWith('-dynamic') ? 'dynamic batches' : 'static chunks', workers: p.workers, x: p.workers * 2 ** ((i - (present.length - 1) / 2) * 0.05), speedup: sp.value, lo: sp.lo, hi: sp.hi, text: estimate(sp) };
    }),
  );
  if (data.length === 0) return undefined;
  const workers = [...new Set([1, ...data.map((d) => d.workers), ctx.cores])].sort((a, b) => a - b);
  const ideal = workers.map((w) => ({ x: w, speedup: Math.min(w, ctx.cores) }));
  const topAt = present.flatMap((s) => s.points.map((p) => ({ s, p, sp: speedup(s.serial, p) }))).reduce((a, b) => (b.sp.value > a.sp.value ? b : a));
  const flag = aboveCoresFlag(topAt.sp, ctx.cores, topAt.s.name !== PY_PROCESSES && baselineFlagged(ctx, set) ? ctx.baseline : undefined);
  const thin = ctx.largestWorkers.length > 0 && ctx.largestWorkers.join() !== ctx.workers.join();
  const yMax = Math.max(ctx.cores, ...data.map((d) => (Number.isFinite(d.hi) ? d.hi : d.speedup))) * 1.1;
  return {
    id: 'speedup-by-workers',
    title: `Speed-up against workers, ${count(ctx.sweep!.numbers)} numbers`,
    caption:
      `Speed-up is the serial loop’s time over the pool’s (geometric means, work only); each vertical line is its 95 % interval. Colour is the model, the mark the dispatch. The dashed line is the ideal, min(workers, ${ctx.cores} cores); the vertical rule marks the cores. ` +
      `Highest: ${topAt.s.series} at ${plural(topAt.p.workers, 'worker')}, ${estimate(topAt.sp)}.${flag ? ` ${flag}` : ''}` +
      (pySet && pySet !== set ? ' The Python line is on its own, smaller set, against Python’s serial loop.' : '') +
      (thin && set === ctx.largest?.set ? ` This set was swept at ${ctx.largestWorkers.join(', ')} workers only (the others at ${ctx.workers.join(', ')}).` : '') +
      (thin && set !== ctx.largest?.set ? ` The largest set, \`${ctx.largest?.set}\`, ran only ${ctx.largestWorkers.join(', ')} workers, so the sweep is shown on this one.` : ''),
    plot: {
      height: 380,
      x: { type: 'log', base: 2, ticks: workers, tickFormat: (d: number) => String(d), label: 'workers →', domain: [workers[0]! / 1.15, workers.at(-1)! * 1.15] },
      y: { label: '↑ speed-up over serial (×)', grid: true, domain: [0, yMax] },
      color: modelColors(ctx.experiment, present.flatMap((s) => s.points.map((p) => p.model))),
      symbol: { legend: true, domain: ['static chunks', 'dynamic batches'] },
      marks: [
        Plot.ruleY([1], { stroke: '#999' }),
        Plot.ruleX([ctx.cores], { stroke: '#999', strokeDasharray: '2 3' }),
        Plot.text([ctx.cores], { x: (d: number) => d, frameAnchor: 'top', text: () => `${ctx.cores} cores`, dx: 4, textAnchor: 'start' }),
        Plot.line(ideal, { x: 'x', y: 'speedup', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.text(ideal.slice(-1), { x: 'x', y: 'speedup', text: () => 'ideal', dy: -8, fill: '#666' }),
        Plot.ruleX(
          data.filter((d) => Number.isFinite(d.lo) && Number.isFinite(d.hi)),
          { x: 'x', y1: 'lo', y2: 'hi', stroke: 'model', strokeWidth: 1.5 },
        ),
        Plot.line(data, { x: 'x', y: 'speedup', stroke: 'model', z: 'series', strokeWidth: 2, strokeOpacity: 0.7 }),
        // Dots too, so that a strategy measured at a single worker count still shows.
        Plot.dot(data, { x: 'x', y: 'speedup', stroke: 'model', fill: 'white', symbol: 'dispatch', r: 4, strokeWidth: 2, title: (d: SpeedupDatum) => `${d.series} · ${d.workers}: ${d.text}` }),
      ],
    },
  };
}

// ---- Node against Python ---------------------------------------------------------------

/** The article's three functions next to their Node analogs on one set Python ran. */
export function nodeVsPython(ctx: Context, set: string): Figure | undefined {
  const pairs: { category: string; python?: FzPoint; node?: FzPoint }[] = [{ category: 'serial', python: pointAt(ctx, SERIAL.python, set, 1), node: pointAt(ctx, SERIAL.node, set, 1) }];
  const workers = [...new Set(ctx.points.all.filter((p) => p.set === set && p.runtime === 'python' && p.workers > 1).map((p) => p.workers))].sort((a, b) => a - b);
  for (const w of workers) pairs.push({ category: `threads · ${w}`, python: pointAt(ctx, PY_THREADS, set, w), node: pointAt(ctx, EVENT_LOOP, set, w) });
  for (const w of workers) pairs.push({ category: `processes · ${w}`, python: pointAt(ctx, PY_PROCESSES, set, w), node: pointAt(ctx, 'node-processes-static', set, w) });
  // Each label also gives the time against the runtime's own serial loop: the shape the article compares.
  const ownSerial = (p: FzPoint) => {
    const serial = serialFor(ctx, p);
    return serial && serial !== p ? ` (${estimate(timeRatio(p, serial))} its serial)` : '';
  };
  const data = pairs.flatMap(({ category, python, node }) =>
    [python, node].filter((p): p is FzPoint => p !== undefined).map((p) => ({ category, runtime: p.runtime === 'python' ? 'Python' : 'Node', model: MODEL_LABELS[p.model], median: p.wall.median, min: p.wall.min, text: `${ms(p.wall.median)} ${strategyLabel(ctx.experiment, p.strategy)}${ownSerial(p)}` })),
  );
  if (!data.some((d) => d.runtime === 'Python')) return undefined;
  const serial = pairs[0]!;
  const factor = serial.python && serial.node ? ` Node’s serial loop is ${versus(timeRatio(serial.node, serial.python), 'Python’s')}.` : '';
  return {
    id: `node-vs-python-${set}`,
    title: `Node against Python, ${count(numbersIn(ctx, set))} numbers`,
    caption: `Median wall time of the article’s three functions and their Node analogs: Python threads against the event loop, Python processes against child processes with the same static chunks. The tick is the fastest repetition; in brackets, the time as a multiple of the same runtime’s serial loop, with its 95 % interval.${factor} Python creates its threads and processes inside the timed call; the Node pool’s start-up is left out.`,
    plot: {
      height: data.length * BAR_ROW_PX + 90,
      marginLeft: 100,
      marginRight: 330,
      x: { label: 'median wall time (ms) →', grid: true },
      y: { axis: null, domain: ['Python', 'Node'] },
      fy: { label: null, domain: pairs.map((p) => p.category) },
      color: modelColors(ctx.experiment, pairs.flatMap((p) => [p.python, p.node]).filter((p): p is FzPoint => p !== undefined).map((p) => p.model)),
      marks: [
        Plot.barX(data, { fy: 'category', y: 'runtime', x: 'median', fill: 'model' }),
        Plot.tickX(data, { fy: 'category', y: 'runtime', x: 'min', stroke: 'black', strokeWidth: 2 }),
        Plot.text(data, { fy: 'category', y: 'runtime', x: 'median', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
