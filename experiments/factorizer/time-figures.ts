// The factorizer report's time charts (time bars, speed-up, Node against Python): pure functions from the measured points to a
// Figure (Plot options, title and a caption with the numbers to look at), or
// undefined when the run has no rows for that chart.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { fastest, speedup, EVENT_LOOP, POOLS, PY_PROCESSES, PY_THREADS, SERIAL, type Point } from './analysis.ts';
import type { Context } from './context.ts';
import { count, ms, plural, ratio, slowerFaster } from '../../lib/report/format.ts';
import { GROUP_COLORS, GROUPS, groupOf, pointLabel, poolPhrase, strategyRank } from './labels.ts';

const BAR_ROW_PX = 24;
const groupColor = { legend: true, domain: [...GROUPS], range: GROUP_COLORS };
const byDisplayOrder = (a: Point, b: Point) => strategyRank(a.strategy) - strategyRank(b.strategy) || a.workers - b.workers;

// ---- the article's time bars --------------------------------------------------------

/** Median wall time of every strategy and worker count on one set, as horizontal bars with the min as a tick. */
export function timeBars(ctx: Context, set: string, title: string): Figure | undefined {
  const points = ctx.points.all.filter((p) => p.set === set).sort(byDisplayOrder);
  if (points.length === 0) return undefined;
  const data = points.map((p) => ({ label: pointLabel(p), group: groupOf(p.model), median: p.wall.median, min: p.wall.min, text: ms(p.wall.median) }));
  const present = GROUPS.filter((g) => data.some((d) => d.group === g));
  const pySerial = ctx.points.get(SERIAL.python, set, 1);
  const pyThreads = ctx.points.sweep(PY_THREADS, set);
  const nodeSerial = ctx.points.get(SERIAL.node, set, 1);
  const best = fastest(points.filter((p) => (POOLS as readonly string[]).includes(p.strategy)));
  const lines = [
    pySerial && pyThreads.length
      ? `Python threads take ${pyThreads.map((p) => `${ms(p.wall.median)} with ${p.workers}`).join(', ')} against ${ms(pySerial.wall.median)} serial.`
      : '',
    nodeSerial && best ? `The fastest Node pool, ${poolPhrase(best)}, takes ${ms(best.wall.median)}: ${slowerFaster(best.wall.median / nodeSerial.wall.median, `Node's serial ${ms(nodeSerial.wall.median)}`)}.` : '',
  ];
  const numbers = points[0]!.numbers;
  return {
    id: `time-bars-${set}`,
    title: `${title}: ${count(numbers)} numbers, median wall time`,
    caption: `Shorter is faster. Bars are medians of the repetitions, the black tick the fastest one. ${lines.filter(Boolean).join(' ')} Node pool start-up is not included (see below); ${
      points.some((p) => p.runtime === 'python') ? "Python's thread and process creation is, as in the article." : "the article's Python did not run on this set."
    }`,
    plot: {
      height: data.length * BAR_ROW_PX + 80,
      marginLeft: 190,
      marginRight: 70,
      x: { label: 'median wall time (ms) →', grid: true },
      y: { label: null, domain: data.map((d) => d.label) },
      color: { ...groupColor, domain: present, range: present.map((g) => GROUP_COLORS[GROUPS.indexOf(g)]!) },
      marks: [
        Plot.barX(data, { y: 'label', x: 'median', fill: 'group' }),
        Plot.tickX(data, { y: 'label', x: 'min', stroke: 'black', strokeWidth: 2 }),
        Plot.text(data, { y: 'label', x: 'median', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
  };
}

// ---- speed-up against workers ---------------------------------------------------------

/** Speed-up of each pool against the worker count on the widest sweep, with the ideal and the core count. */
export function speedupByWorkers(ctx: Context): Figure | undefined {
  const set = ctx.sweep?.set;
  const serial = set ? ctx.points.get(SERIAL.node, set, 1) : undefined;
  if (!set || !serial) return undefined;
  const series: { series: string; workers: number; speedup: number }[] = [];
  for (const name of POOLS) for (const p of ctx.points.sweep(name, set)) series.push({ series: name, workers: p.workers, speedup: speedup(serial, p) });
  const pySet = ctx.points.largestSetWith(PY_PROCESSES, SERIAL.python);
  const pyLabel = pySet ? `${PY_PROCESSES} (${count(ctx.points.get(SERIAL.python, pySet, 1)!.numbers)} numbers)` : '';
  if (pySet) {
    const pySerial = ctx.points.get(SERIAL.python, pySet, 1)!;
    for (const p of ctx.points.sweep(PY_PROCESSES, pySet)) series.push({ series: pyLabel, workers: p.workers, speedup: speedup(pySerial, p) });
  }
  if (series.length === 0) return undefined;
  const workers = [...new Set([1, ...series.map((d) => d.workers), ctx.cores])].sort((a, b) => a - b);
  const ideal = workers.map((w) => ({ workers: w, speedup: Math.min(w, ctx.cores) }));
  const top = series.reduce((a, b) => (b.speedup > a.speedup ? b : a));
  const domain = [...POOLS.filter((n) => series.some((d) => d.series === n)), ...(pyLabel ? [pyLabel] : [])];
  const thin = ctx.largestWorkers.length > 0 && ctx.largestWorkers.join() !== ctx.workers.join();
  return {
    id: 'speedup-by-workers',
    title: `Speed-up against workers, ${count(ctx.sweep!.numbers)} numbers`,
    caption:
      `Speed-up is Node's serial median over the pool's median (work only). The dashed line is the ideal, min(workers, ${ctx.cores} cores); the vertical rule marks the cores. ` +
      `Best: ${top.series} at ${plural(top.workers, 'worker')}, ${ratio(top.speedup)}.` +
      (pySet && pySet !== set ? ` The Python line is on its own, smaller set, against Python's serial loop.` : '') +
      (thin && set === ctx.largest?.set ? ` This set was swept at ${ctx.largestWorkers.join(', ')} workers only (the others at ${ctx.workers.join(', ')}).` : '') +
      (thin && set !== ctx.largest?.set ? ` The largest set, \`${ctx.largest?.set}\`, ran only ${ctx.largestWorkers.join(', ')} workers, so the sweep is shown on this one.` : ''),
    plot: {
      height: 360,
      x: { type: 'log', base: 2, ticks: workers, tickFormat: (d: number) => String(d), label: 'workers →', domain: [workers[0]!, workers.at(-1)!] },
      y: { label: '↑ speed-up over serial (×)', grid: true, domain: [0, Math.max(ctx.cores, top.speedup) * 1.1] },
      color: { legend: true, domain, range: ['#1f4e79', '#6fa8dc', '#2e7d32', '#8bc34a', '#f28e2b'].slice(0, domain.length) },
      marks: [
        Plot.ruleY([1], { stroke: '#999' }),
        Plot.ruleX([ctx.cores], { stroke: '#999', strokeDasharray: '2 3' }),
        Plot.text([ctx.cores], { x: (d: number) => d, frameAnchor: 'top', text: () => `${ctx.cores} cores`, dx: 4, textAnchor: 'start' }),
        Plot.line(ideal, { x: 'workers', y: 'speedup', stroke: '#666', strokeDasharray: '6 4' }),
        Plot.text(ideal.slice(-1), { x: 'workers', y: 'speedup', text: () => 'ideal', dy: -8, fill: '#666' }),
        Plot.line(series, { x: 'workers', y: 'speedup', stroke: 'series', z: 'series', strokeWidth: 2.5 }),
        // Dots too, so that a strategy measured at a single worker count still shows.
        Plot.dot(series, { x: 'workers', y: 'speedup', fill: 'series', r: 4 }),
      ],
    },
  };
}

// ---- Node against Python ---------------------------------------------------------------

/** The article's three functions next to their Node analogs on one set Python ran. */
export function nodeVsPython(ctx: Context, set: string): Figure | undefined {
  const pairs: { category: string; python?: Point; node?: Point }[] = [
    { category: 'serial', python: ctx.points.get(SERIAL.python, set, 1), node: ctx.points.get(SERIAL.node, set, 1) },
  ];
  const workers = [...new Set(ctx.points.all.filter((p) => p.set === set && p.runtime === 'python' && p.workers > 1).map((p) => p.workers))].sort((a, b) => a - b);
  for (const w of workers) pairs.push({ category: `threads · ${w}`, python: ctx.points.get(PY_THREADS, set, w), node: ctx.points.get(EVENT_LOOP, set, w) });
  for (const w of workers) pairs.push({ category: `processes · ${w}`, python: ctx.points.get(PY_PROCESSES, set, w), node: ctx.points.get('node-processes-static', set, w) });
  // Each label also gives the time against the runtime's own serial loop: the shape the article compares.
  const ownSerial = (p: Point) => {
    const serial = ctx.points.serialFor(p);
    return serial && serial !== p ? ` (${ratio(p.wall.median / serial.wall.median)} its serial)` : '';
  };
  const data = pairs.flatMap(({ category, python, node }) =>
    [python, node].filter((p): p is Point => p !== undefined).map((p) => ({ category, runtime: p.runtime === 'python' ? 'Python' : 'Node', median: p.wall.median, min: p.wall.min, text: `${ms(p.wall.median)} ${p.strategy}${ownSerial(p)}` })),
  );
  if (!data.some((d) => d.runtime === 'Python')) return undefined;
  const serial = pairs[0]!;
  const factor = serial.python && serial.node ? ` Node's serial loop is ${ratio(serial.python.wall.median / serial.node.wall.median)} faster than Python's.` : '';
  return {
    id: `node-vs-python-${set}`,
    title: `Node against Python, ${count(ctx.points.sets().find((s) => s.set === set)?.numbers ?? NaN)} numbers`,
    caption: `Median wall time of the article's three functions and their Node analogs: Python threads against the event loop, Python processes against child processes with the same static chunks. The tick is the fastest repetition; in brackets, the time as a multiple of the same runtime's serial loop.${factor} Python creates its threads and processes inside the timed call; the Node pool's start-up is left out.`,
    plot: {
      height: data.length * BAR_ROW_PX + 90,
      marginLeft: 100,
      marginRight: 260,
      x: { label: 'median wall time (ms) →', grid: true },
      y: { axis: null, domain: ['Python', 'Node'] },
      fy: { label: null, domain: pairs.map((p) => p.category) },
      color: { legend: true, domain: ['Python', 'Node'], range: ['#f28e2b', '#4e79a7'] },
      marks: [
        Plot.barX(data, { fy: 'category', y: 'runtime', x: 'median', fill: 'runtime' }),
        Plot.tickX(data, { fy: 'category', y: 'runtime', x: 'min', stroke: 'black', strokeWidth: 2 }),
        Plot.text(data, { fy: 'category', y: 'runtime', x: 'median', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
