// Article 004's report: the factorizer's rows in, a document out. Pure: it
// reads only its input. The numbers come from context.ts and analysis.ts, the
// verdicts from claims.ts, the charts from *-figure(s).ts; this file writes the
// prose around them and puts the sections in reading order.

import type { Block, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { fastest, imbalanceOf, speedup, POOLS, PY_PROCESSES, PY_THREADS, SERIAL, type Point } from './analysis.ts';
import { balancePair, claimVerdicts } from './claims.ts';
import { buildContext, type Context } from './context.ts';
import { busyFigure } from './balance-figure.ts';
import { nodeVsPython, speedupByWorkers, timeBars } from './time-figures.ts';
import { crossover, crossoverFigure, paysPhrase, startupFigure, startups } from './startup-figures.ts';
import { count, plural, ratio, slowerFaster, spread } from '../../lib/report/format.ts';
import { poolPhrase, strategyRank } from './labels.ts';
import { summarize } from '../../lib/stats/summarize.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const fig = (f: ReturnType<typeof timeBars>): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });

// ---- headline ------------------------------------------------------------------------------

/** Python threads at the core count (or the nearest measured), against Python's serial loop. */
function pythonPhrase(ctx: Context): string {
  if (ctx.pythonMissing) return 'the article’s Python did not run here';
  const set = ctx.points.largestSetWith(PY_THREADS, SERIAL.python) ?? ctx.points.largestSetWith(PY_PROCESSES, SERIAL.python);
  if (!set) return 'the article’s Python has no serial baseline here';
  const serial = ctx.points.get(SERIAL.python, set, 1)!;
  const pick = (name: string) => {
    const sweep = ctx.points.sweep(name, set);
    return sweep.find((p) => p.workers === ctx.cores) ?? sweep[0];
  };
  const threads = pick(PY_THREADS);
  const procs = fastest(ctx.points.sweep(PY_PROCESSES, set));
  const parts = [
    threads ? `${plural(threads.workers, 'Python thread')} ${threads.workers === 1 ? 'is' : 'are'} ${slowerFaster(threads.wall.median / serial.wall.median, 'Python’s serial loop')}` : '',
    procs ? `${procs.workers} Python process${procs.workers === 1 ? '' : 'es'} ${slowerFaster(procs.wall.median / serial.wall.median)}` : '',
  ].filter(Boolean);
  const on = set === ctx.largest?.set ? '' : ` (on ${count(serial.numbers)} numbers)`;
  return `${parts.join(', ')}${on}`;
}

export function headline(ctx: Context): string {
  const set = ctx.largest;
  const serial = set ? ctx.points.get(SERIAL.node, set.set, 1) : undefined;
  const best = set ? fastest(POOLS.flatMap((n) => ctx.points.sweep(n, set.set))) : undefined;
  const node =
    set && serial && best
      ? `On ${plural(ctx.cores, 'core')}, ${poolPhrase(best)} factor ${count(set.numbers)} numbers ${slowerFaster(best.wall.median / serial.wall.median, 'the serial loop')}`
      : `On ${plural(ctx.cores, 'core')}, no Node pool was measured against the serial loop`;
  return `${node}; ${pythonPhrase(ctx)}.`;
}

// ---- findings --------------------------------------------------------------------------------

function setList(ctx: Context): string {
  return ctx.points
    .sets()
    .map((s) => `\`${s.set}\` (${count(s.numbers)})`)
    .join(', ');
}

/** ": its serial loop is 19.1× slower than Node's" on the largest set both ran. */
function pythonCost(ctx: Context): string {
  const set = ctx.points.largestSetWith(SERIAL.python, SERIAL.node);
  const py = set ? ctx.points.get(SERIAL.python, set, 1) : undefined;
  const node = set ? ctx.points.get(SERIAL.node, set, 1) : undefined;
  return py && node ? ` (its serial loop is ${slowerFaster(py.wall.median / node.wall.median, 'Node’s')})` : '';
}

function findingsIntro(ctx: Context): string {
  const sweep = ctx.largest && ctx.largestWorkers.join() !== ctx.workers.join() ? ` The largest set, \`${ctx.largest.set}\`, was swept at ${ctx.largestWorkers.join(', ')} workers only; the other sets at ${ctx.workers.join(', ')}.` : '';
  const python = ctx.pythonMissing
    ? ' The article’s Python did not run on this machine (python3 missing or skipped), so every Python column is empty.'
    : ` The article’s Python ran only on ${ctx.pythonSets.map((s) => `\`${s}\``).join(', ')}${pythonCost(ctx)}, so that the largest sets do not dominate the run.`;
  return [
    `Every strategy factored the same sets of numbers: ${setList(ctx)}. Times are medians of the repetitions of each point on this machine’s ${plural(ctx.cores, 'core')}; the tables also give the fastest repetition and the spread.${sweep}${python}`,
    'Python’s threads and processes are created inside the timed call, as the article timed them; the Node pools are started before the clock runs and their start-up is shown on its own in the next section.',
  ].join('\n\n');
}

function medianTable(ctx: Context): Table {
  const points = [...ctx.points.all].sort((a, b) => a.numbers - b.numbers || strategyRank(a.strategy) - strategyRank(b.strategy) || a.workers - b.workers);
  const row = (p: Point) => {
    const serial = ctx.points.serialFor(p);
    return {
      set: p.set,
      strategy: `\`${p.strategy}\``,
      workers: p.workers,
      median: round(p.wall.median),
      min: round(p.wall.min),
      spread: spread(p.wall.rel_iqr),
      speedup: serial ? ratio(speedup(serial, p)) : '–',
      startup: p.startup.n > 0 ? round(p.startup.median) : null,
      n: p.wall.n,
    };
  };
  return {
    id: 'medians',
    title: 'Median wall time of every point',
    caption: `Milliseconds of work; the sets hold ${setList(ctx)} numbers. Spread is half the interquartile range relative to the median; speed-up is against the serial loop of the same runtime on the same set.`,
    columns: [
      { key: 'set', label: 'Set' },
      { key: 'strategy', label: 'Strategy' },
      { key: 'workers', label: 'Workers' },
      { key: 'median', label: 'Median (ms)', digits: 1 },
      { key: 'min', label: 'Min (ms)', digits: 1 },
      { key: 'spread', label: 'Spread', align: 'right' },
      { key: 'speedup', label: 'Speed-up', align: 'right' },
      { key: 'startup', label: 'Start-up (ms)', digits: 1 },
      { key: 'n', label: 'Reps' },
    ],
    rows: points.map(row),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Median CPU time (user + sys, the whole tree) of a point's trials. */
function cpuMedian(p: Point): number {
  return summarize(p.rows.map((r) => (r.cpu_user_ms ?? NaN) + (r.cpu_sys_ms ?? NaN)).filter(Number.isFinite)).median;
}

/**
 * Node pools whose median speed-up reads above the ideal min(workers, cores), with the CPU
 * time that explains it: more cores than the machine has cannot be the reason, so the serial
 * loop must have spent more CPU on the same numbers than the pool's workers together.
 */
export function aboveIdeal(ctx: Context): string {
  const over = ctx.points.all
    .filter((p) => (POOLS as readonly string[]).includes(p.strategy))
    .flatMap((p) => {
      const serial = ctx.points.serialFor(p);
      if (!serial) return [];
      const s = speedup(serial, p);
      const ideal = Math.min(p.workers, ctx.cores);
      return s > ideal * 1.02 ? [{ p, serial, s, ideal }] : [];
    })
    .sort((a, b) => b.s - a.s);
  const top = over[0];
  if (!top) return '';
  const serialCpu = cpuMedian(top.serial);
  const poolCpu = cpuMedian(top.p);
  const cpu = Number.isFinite(serialCpu) && Number.isFinite(poolCpu)
    ? ` The serial loop spent ${(serialCpu / 1000).toFixed(2)} s of CPU on those numbers, the pool’s ${plural(top.p.workers, 'worker')} ${(poolCpu / 1000).toFixed(2)} s together (${ratio(serialCpu / poolCpu)}): one loop over the whole set did the same work at a higher cost per number than the workers did on their shares (one heap holding every result, or one long loop compiled on the fly: this run does not tell which).`
    : '';
  const range = top.serial.wall.n > 1 ? ` The serial loop’s own repetitions ranged from ${round(top.serial.wall.min)} to ${round(top.serial.wall.max)} ms.` : '';
  return `${plural(over.length, 'pool point')} read${over.length === 1 ? 's' : ''} above the ideal; the highest, ${poolPhrase(top.p)} on \`${top.p.set}\`, is ${ratio(top.s)} faster than the serial loop against an ideal of ${ratio(top.ideal)}.${cpu}${range} A speed-up above the core count is therefore a slow baseline, not more parallelism than the machine has.`;
}

function findings(ctx: Context): Section {
  const blocks: Block[] = [md(findingsIntro(ctx))];
  if (ctx.disturbed > 0) blocks.push(note(`${plural(ctx.disturbed, 'measured trial')} ran while other processes took CPU (flagged disturbed); they are kept in the medians, and the interquartile ranges carry that noise into the verdicts.`, 'warning'));
  blocks.push(...fig(timeBars(ctx, 'original', 'The article’s own numbers')));
  blocks.push(...fig(timeBars(ctx, 'reader', 'A reader’s numbers')));
  blocks.push(...fig(speedupByWorkers(ctx)));
  const over = aboveIdeal(ctx);
  if (over) blocks.push(note(over));
  if (ctx.points.all.length > 0) blocks.push({ kind: 'table', table: medianTable(ctx) });
  else blocks.push(note('No measured rows for this machine: nothing to show.', 'warning'));
  return { id: 'findings', title: 'Findings', blocks };
}

// ---- start-up and crossover ------------------------------------------------------------------

function startupSection(ctx: Context): Section {
  const data = startups(ctx);
  const c = crossover(ctx);
  const text = c
    ? `A pool costs time before it does any work. Whether that pays depends on how much work follows: the chart below runs ${poolPhrase(c.pool)} over every set. Counting its start-up, ${paysPhrase(c)}. The Python peers pay their creation cost inside the timed call, so their bars above already include it.`
    : 'No pool was measured at two or more workers together with the serial loop, so there is no crossover to show.';
  return { id: 'startup-crossover', title: 'Start-up and crossover', blocks: [md(text), ...fig(startupFigure(ctx, data)), ...fig(crossoverFigure(c))] };
}

// ---- load balance ------------------------------------------------------------------------------

function balanceSection(ctx: Context): Section {
  const lines = (['processes', 'threads'] as const).flatMap((kind) => {
    const b = balancePair(ctx, kind);
    if (!b) return [];
    const label = kind === 'processes' ? 'child processes' : 'worker threads';
    const imb = (p: Point) => imbalanceOf(ctx.busy, p).median;
    return [
      `- **${label}, ${b.workers} workers**: static chunks ${ratio(speedup(b.serial, b.static))} (busiest worker ${ratio(imb(b.static))} the mean), dynamic batches ${ratio(speedup(b.serial, b.dynamic))} (${ratio(imb(b.dynamic))}).`,
    ];
  });
  const intro =
    'The article blames part of its shortfall from 4× on chunks of unequal work: each process gets one fixed slice of the list, and the slice with the hardest numbers finishes last. Node’s pools run both ways, the article’s static chunks and small batches handed to whichever worker is free, and record how long each worker was busy.';
  const body = lines.length ? `On the largest set, against Node’s serial loop:\n\n${lines.join('\n')}` : 'No pool ran both dispatches at two or more workers on the largest set.';
  return { id: 'load-balance', title: 'Load balance', blocks: [md(`${intro}\n\n${body}`), ...fig(busyFigure(ctx))] };
}

// ---- Node against Python -----------------------------------------------------------------------

function pythonSection(ctx: Context): Section {
  if (ctx.pythonMissing) {
    return { id: 'node-vs-python', title: 'Node against Python', blocks: [note(`The article’s Python is ${ctx.pythonMissing}; only the Node analogs are reported.`, 'warning')] };
  }
  const sets = ctx.points.sets((p) => p.runtime === 'python').map((s) => s.set);
  const figures = sets.flatMap((s) => fig(nodeVsPython(ctx, s)));
  const text =
    'The same numbers, the same static chunks, the two runtimes. Python threads take turns on the GIL; their Node analog, the event loop, takes turns on its one thread. Python processes and Node child processes both run in parallel. ' +
    `Python ran on ${sets.map((s) => `\`${s}\``).join(', ') || 'no set'} only (parameter \`python_sets\`).`;
  return { id: 'node-vs-python', title: 'Node against Python', blocks: [md(text), ...figures] };
}

// ---- the document --------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const doc: ReportDoc = {
    headline: headline(ctx),
    claims: claimVerdicts(ctx, input.experiment.claims),
    sections: [findings(ctx), startupSection(ctx), balanceSection(ctx), pythonSection(ctx)],
  };
  return doc;
};

export default report;
