// Article 004's report: the factorizer's rows in, a document out. Pure: it
// reads only its input. The points come from context.ts, the verdicts from
// claims.ts, the charts from *-figure(s).ts; this file writes the prose around
// them. Every ratio is a ratio of geometric means with its 95 % interval, and
// every "slower" or "faster" comes from lib/verdicts' classification.

import { aboveCoresFlag } from '../../lib/report/baseline.ts';
import type { Block, Figure, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { count, plural, spread } from '../../lib/report/format.ts';
import { cpuOf, fastest, speedup, timeRatio, valuesOf } from '../../lib/report/points.ts';
import { strategyLabel, strategyRank } from '../../lib/report/strategies.ts';
import { geoMeanInterval, ratioInterval, scaleInterval } from '../../lib/stats/interval.ts';
import { orderOf, outcomeOf } from '../../lib/verdicts/classify.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { busyFigure } from './balance-figure.ts';
import { balancePair, balanceText, caveat, claimVerdicts } from './claims.ts';
import { buildContext, largestSetWith, pointAt, serialFor, setsOf, sweepOf, POOLS, PY_PROCESSES, PY_THREADS, SERIAL, type Context, type FzPoint } from './context.ts';
import { cpythonsSection } from './cpythons-section.ts';
import { glance } from './glance.ts';
import { best } from './best.ts';
import { poolPhrase } from './labels.ts';
import { crossover, crossoverFigure, paysPhrase, startupFigure, startups } from './startup-figures.ts';
import { nodeVsPython, speedupByWorkers, timeBars } from './time-figures.ts';
import { columns } from '../../lib/report/columns.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });

// ---- headline ------------------------------------------------------------------------------

/** Python threads at the core count (or the nearest measured) and the fastest process count, against Python's serial loop. */
function pythonSentence(ctx: Context): string {
  if (ctx.pythonMissing) return 'The article’s Python did not run here.';
  const set = largestSetWith(ctx, PY_THREADS, SERIAL.python) ?? largestSetWith(ctx, PY_PROCESSES, SERIAL.python);
  if (!set) return `The article’s Python has no clean serial baseline and threads or processes on one set here${ctx.missing.has(SERIAL.python) ? ` (${SERIAL.python}: ${ctx.missing.get(SERIAL.python)})` : ''}.`;
  const serial = pointAt(ctx, SERIAL.python, set, 1)!;
  const threads = sweepOf(ctx, PY_THREADS, set).find((p) => p.workers === ctx.cores) ?? sweepOf(ctx, PY_THREADS, set)[0];
  const procs = fastest(sweepOf(ctx, PY_PROCESSES, set));
  const are = (n: number) => (n === 1 ? 'is' : 'are');
  const parts = [
    threads ? `${plural(threads.workers, 'thread')} ${are(threads.workers)} ${versus(timeRatio(threads, serial), 'its serial loop')}` : '',
    procs ? `${procs.workers} process${procs.workers === 1 ? '' : 'es'} ${are(procs.workers)} ${versus(timeRatio(procs, serial))}` : '',
  ].filter(Boolean);
  const flag = procs ? aboveCoresFlag(speedup(serial, procs), ctx.cores) : '';
  return `In the article’s Python, on ${count(serial.numbers)} numbers, ${parts.join('; ')}.${flag ? ` ${flag}` : ''}`;
}

export function headline(ctx: Context): string {
  const set = ctx.largest;
  const serial = set ? pointAt(ctx, SERIAL.node, set.set, 1) : undefined;
  const best = set ? fastest(POOLS.flatMap((n) => sweepOf(ctx, n, set.set))) : undefined;
  const cores = plural(ctx.cores, 'core');
  if (!set || !serial || !best) return `On ${cores}, no Node pool was measured against the serial loop${ctx.missing.has(SERIAL.node) ? ` (${SERIAL.node}: ${ctx.missing.get(SERIAL.node)})` : ''}. ${pythonSentence(ctx)}`;
  const flag = aboveCoresFlag(speedup(serial, best), ctx.cores);
  return [`On ${cores}, ${poolPhrase(best)} factor ${count(set.numbers)} numbers ${versus(timeRatio(best, serial), 'the serial loop')}.`, flag, pythonSentence(ctx)].filter(Boolean).join(' ');
}

// ---- findings --------------------------------------------------------------------------------

const setList = (ctx: Context) =>
  setsOf(ctx)
    .map((s) => `\`${s.set}\` (${count(s.numbers)})`)
    .join(', ');

function findingsIntro(ctx: Context): string {
  const sweep = ctx.largest && ctx.largestWorkers.join() !== ctx.workers.join() ? ` The largest set, \`${ctx.largest.set}\`, was swept at ${ctx.largestWorkers.join(', ')} workers only; the other sets at ${ctx.workers.join(', ')}.` : '';
  const set = largestSetWith(ctx, SERIAL.python, SERIAL.node);
  const py = set ? pointAt(ctx, SERIAL.python, set, 1) : undefined;
  const node = set ? pointAt(ctx, SERIAL.node, set, 1) : undefined;
  const cost = py && node ? ` (its serial loop is ${versus(timeRatio(py, node), 'Node’s')} on \`${set}\`)` : '';
  const python = ctx.pythonMissing
    ? ' The article’s Python did not run on this machine (python3 missing or skipped), so every Python column is empty.'
    : ` The article’s Python ran only on ${ctx.pythonSets.map((s) => `\`${s}\``).join(', ')}${cost}, so that the largest sets do not dominate the run.`;
  return [
    `Every strategy factored the same sets of numbers: ${setList(ctx)}. The table gives each point’s median, fastest repetition and spread on this machine’s ${plural(ctx.cores, 'core')}; every ratio in the text and the charts is a ratio of geometric means with its 95 % interval.${sweep}${python}`,
    'Python’s threads and processes are created inside the timed call, as the article timed them; the Node pools are started before the clock runs and their start-up is shown on its own in the next section.',
  ].join('\n\n');
}

/** The serial baseline's cost per number on each reader set, and whether it holds steady (lib/report/baseline.ts). */
function baselineBlocks(ctx: Context): Block[] {
  const b = ctx.baseline;
  if (b.outcome === 'single-size') return [];
  const per = b.sizes.map((s) => `${estimate(scaleInterval(geoMeanInterval(s.perUnit), 1000), { digits: 2, suffix: ' µs' })} at \`${String(s.size)}\``);
  const largest = String(b.sizes.at(-1)!.size);
  const against = b.against.map((a) => `${estimate(a.ratio)} as much as at \`${String(a.size)}\``).join(' and ');
  const verdict = { holds: 'steady', fails: 'not steady', undecided: 'not shown to be steady' }[b.outcome];
  const text = `**Baseline check.** Node’s serial loop costs, per number, ${per.join(', ')}; at \`${largest}\` it costs ${against}: ${verdict} within ${Math.round(b.tolerance * 100)} % at every size (the article’s own numbers, near 10¹², cost far more each and are left out).`;
  return [md(text), ...(b.flag ? [note(b.flag, 'warning')] : [])];
}

function medianTable(ctx: Context): Table {
  const points = [...ctx.points.all].sort((a, b) => a.numbers - b.numbers || strategyRank(ctx.experiment, a.strategy) - strategyRank(ctx.experiment, b.strategy) || a.workers - b.workers);
  const round = (x: number) => Math.round(x * 10) / 10;
  const row = (p: FzPoint) => {
    const serial = serialFor(ctx, p);
    const startup = geoMeanInterval(p.startups);
    return {
      set: p.set,
      strategy: strategyLabel(ctx.experiment, p.strategy),
      workers: p.workers,
      median: round(p.wall.median),
      min: round(p.wall.min),
      spread: spread(p.wall.rel_iqr),
      speedup: serial && serial !== p ? estimate(speedup(serial, p)) : '–',
      startup: p.startups.length > 0 ? round(startup.value) : null,
      n: p.wall.n,
    };
  };
  return {
    id: 'medians',
    title: 'Wall time of every point',
    caption: `Milliseconds of work; the sets hold ${setList(ctx)} numbers. Spread is half the interquartile range relative to the median. Speed-up is the serial loop of the same runtime on the same set over the point (geometric means), with its 95 % interval; start-up is the geometric mean.`,
    columns: columns({ set: 'Set', strategy: 'Strategy', workers: 'Workers', median: 'Median (ms)', min: 'Min (ms)', spread: 'Spread >', speedup: 'Speed-up (95 % interval) >', startup: 'Start-up (ms)', n: 'Reps' }, { median: 1, min: 1, startup: 1 }),
    rows: points.map(row),
  };
}

/**
 * Node pools whose speed-up reads above the ideal min(workers, cores), with the CPU
 * time that explains it: more cores than the machine has cannot be the reason, so the
 * serial loop must have spent more CPU on the same numbers than the pool's workers together.
 */
export function aboveIdeal(ctx: Context): string {
  const over = ctx.points.all
    .filter((p) => (POOLS as readonly string[]).includes(p.strategy))
    .flatMap((p) => {
      const serial = serialFor(ctx, p);
      if (!serial) return [];
      const s = speedup(serial, p);
      const ideal = Math.min(p.workers, ctx.cores);
      return s.value > ideal ? [{ p, serial, s, ideal, clear: outcomeOf(s, { above: ideal }) === 'holds' }] : [];
    })
    .sort((a, b) => b.s.value / b.ideal - a.s.value / a.ideal);
  const top = over[0];
  // Worth a note when a speed-up reads above the core count, or one is wholly above its ideal; not for noise at one worker.
  if (!top || !over.some((o) => o.clear || o.s.value > ctx.cores)) return '';
  const [serialCpu, poolCpu] = [valuesOf(top.serial, cpuOf), valuesOf(top.p, cpuOf)];
  const cpuRatio = ratioInterval(serialCpu, poolCpu);
  const seconds = (v: number[]) => `${(geoMeanInterval(v).value / 1000).toFixed(2)} s`;
  const more = outcomeOf(cpuRatio, { above: 1 }) === 'holds';
  const cpu = Number.isFinite(cpuRatio.value)
    ? ` The serial loop spent ${seconds(serialCpu)} of CPU on those numbers, the pool’s ${plural(top.p.workers, 'worker')} ${seconds(poolCpu)} together: ${estimate(cpuRatio)} as much. ${
        more
          ? 'One loop over the whole set did the same work at a higher cost per number than the workers did on their shares (one heap holding every result, or one long loop compiled on the fly: this run does not tell which).'
          : 'The interval does not show the serial loop spending more CPU, so these CPU times cannot tell why.'
      }`
    : '';
  const clear = over.filter((o) => o.clear).length;
  const range = top.serial.wall.n > 1 ? ` The serial loop’s own repetitions ranged from ${Math.round(top.serial.wall.min)} to ${Math.round(top.serial.wall.max)} ms.` : '';
  const why = more ? 'A speed-up above the ideal therefore measures a slow baseline, not more parallelism than the machine has.' : 'More parallelism than the machine has cannot explain a speed-up above the ideal: it is a finding about the baseline (see the baseline check above).';
  return `${plural(over.length, 'pool point')} read${over.length === 1 ? 's' : ''} above the ideal (${clear} with the whole interval above it); the highest, ${poolPhrase(top.p)} on \`${top.p.set}\`, is ${versus(timeRatio(top.p, top.serial), 'the serial loop')}, against an ideal of ${top.ideal}×.${cpu}${range} ${why}`;
}

/** What the time bars and the speed-up chart show: the pools stop at the core count, Python's threads do not move. */
function findingsLead(ctx: Context): string | undefined {
  const set = ctx.sweep?.set;
  const serial = set ? pointAt(ctx, SERIAL.node, set, 1) : undefined;
  if (!set || !serial) return undefined;
  const at = (w: number) => fastest(POOLS.flatMap((n) => sweepOf(ctx, n, set)).filter((p) => p.workers === w));
  const cores = at(ctx.cores);
  const most = Math.max(...POOLS.flatMap((n) => sweepOf(ctx, n, set)).map((p) => p.workers));
  const beyond = most > ctx.cores ? at(most) : undefined;
  if (!cores) return undefined;
  const gains = beyond ? orderOf(timeRatio(beyond, cores)) === 'faster' : false;
  const tail = beyond ? `; ${poolPhrase(beyond)} are ${versus(timeRatio(beyond, cores), `${ctx.cores}`)}${gains ? '' : ', so workers beyond the cores buy nothing'}` : '';
  return `Node’s pools gain up to the core count${beyond && !gains ? ' and no further' : ''}: on \`${set}\`, ${poolPhrase(cores)} are ${versus(timeRatio(cores, serial), 'the serial loop')} (ideal ${ctx.cores}×)${tail}.`;
}

function findings(ctx: Context): Section {
  const blocks: Block[] = [md(findingsIntro(ctx))];
  if (ctx.disturbed.length > 0) blocks.push(note(`${plural(ctx.disturbed.length, 'measured trial')} stayed disturbed after their re-runs (other processes took CPU): they are in \`results.csv\` and the run notes, and left out of every statistic here.`, 'warning'));
  blocks.push(...baselineBlocks(ctx));
  blocks.push(...fig(timeBars(ctx, 'original', 'The article’s own numbers')));
  blocks.push(...fig(timeBars(ctx, 'reader', 'A reader’s numbers')));
  blocks.push(...fig(speedupByWorkers(ctx)));
  const over = aboveIdeal(ctx);
  if (over) blocks.push(note(over));
  if (ctx.points.all.length > 0) blocks.push({ kind: 'table', table: medianTable(ctx) });
  else blocks.push(note('No measured rows for this machine: nothing to show.', 'warning'));
  return { id: 'findings', title: 'Findings', lead: findingsLead(ctx), blocks };
}

// ---- start-up and crossover ------------------------------------------------------------------

function startupSection(ctx: Context): Section {
  const c = crossover(ctx);
  const text = c
    ? `A pool costs time before it does any work. Whether that pays depends on how much work follows: the chart below runs ${poolPhrase(c.pool)} over every set. Counting its start-up, ${paysPhrase(c)}. The Python peers pay their creation cost inside the timed call, so their bars above already include it.`
    : 'No pool was measured at two or more workers together with the serial loop, so there is no crossover to show.';
  const lead = c ? `A pool pays for its start-up only on enough work: counting it, ${poolPhrase(c.pool)} — ${paysPhrase(c)}.` : undefined;
  return { id: 'startup-crossover', title: 'Start-up and crossover', lead, blocks: [md(text), ...fig(startupFigure(ctx, startups(ctx))), ...fig(crossoverFigure(c))] };
}

// ---- load balance ------------------------------------------------------------------------------

function balanceSection(ctx: Context): Section {
  const pairs = (['processes', 'threads'] as const).flatMap((kind) => {
    const b = balancePair(ctx, kind);
    return b ? [{ b, label: kind === 'processes' ? 'child processes' : 'worker threads' }] : [];
  });
  const lines = pairs.map(({ b, label }) => `- **${label}, ${b.workers} workers**: ${balanceText(ctx, b)}.`);
  const best = pairs.flatMap(({ b }) => [speedup(b.serial, b.static), speedup(b.serial, b.dynamic)]).reduce<ReturnType<typeof speedup> | undefined>((a, s) => (!a || s.value > a.value ? s : a), undefined);
  const flag = best && pairs[0] ? caveat(ctx, pairs[0].b.set, best, 'node') : '';
  const intro =
    'The article blames part of its shortfall from 4× on chunks of unequal work: each process gets one fixed slice of the list, and the slice with the hardest numbers finishes last. Node’s pools run both ways, the article’s static chunks and small batches handed to whichever worker is free, and record how long each worker was busy.';
  const body = lines.length ? `On the largest set, speed-up over Node’s serial loop and the busiest worker over the mean:\n\n${lines.join('\n')}` : 'No pool ran both dispatches at two or more workers on the largest set.';
  const b = pairs[0]?.b;
  const lead = b ? `Small batches against the article’s static chunks, ${pairs[0]!.label} on \`${b.set}\`: dynamic dispatch is ${versus(timeRatio(b.dynamic, b.static), 'static chunks')} at ${b.workers} workers.` : undefined;
  return { id: 'load-balance', title: 'Load balance', lead, blocks: [md(`${intro}\n\n${body}`), ...(flag ? [note(flag, 'warning')] : []), ...fig(busyFigure(ctx))] };
}

// ---- Node against Python -----------------------------------------------------------------------

/** Python's processes against Node's child processes with the same static chunks at the core count. */
function nodeVsPythonLead(ctx: Context, set: string | undefined): string | undefined {
  const py = set ? pointAt(ctx, PY_PROCESSES, set, ctx.cores) : undefined;
  const node = set ? pointAt(ctx, 'node-processes-static', set, ctx.cores) : undefined;
  const [pySerial, nodeSerial] = set ? [pointAt(ctx, SERIAL.python, set, 1), pointAt(ctx, SERIAL.node, set, 1)] : [];
  if (!py || !node || !pySerial || !nodeSerial) return undefined;
  const [pools, serials] = [timeRatio(node, py), timeRatio(nodeSerial, pySerial)];
  return `The same ${ctx.cores} processes with the same chunks on \`${set}\`: Node’s are ${versus(pools, 'Python’s')}, and Node’s serial loop is ${versus(serials, 'Python’s')}${pools.value <= serials.value ? ': the gap is in the cost of each number, not in the pools' : ''}.`;
}

function pythonSection(ctx: Context): Section {
  if (ctx.pythonMissing) {
    return { id: 'node-vs-python', title: 'Node against Python', blocks: [note(`The article’s Python is ${ctx.pythonMissing}; only the Node analogs are reported.`, 'warning')] };
  }
  const sets = setsOf(ctx, (p) => p.runtime === 'python').map((s) => s.set);
  const text =
    'The same numbers, the same static chunks, the two runtimes. Python threads take turns on the GIL; their Node analog, the event loop, takes turns on its one thread. Python processes and Node child processes both run in parallel. ' +
    `Python ran on ${sets.map((s) => `\`${s}\``).join(', ') || 'no set'} only (parameter \`python_sets\`).`;
  return { id: 'node-vs-python', title: 'Node against Python', lead: nodeVsPythonLead(ctx, sets.at(-1)), blocks: [md(text), ...sets.flatMap((s) => fig(nodeVsPython(ctx, s)))] };
}

// ---- the document --------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  return {
    headline: headline(ctx),
    glance: glance(ctx),
    best: best(ctx),
    claims: claimVerdicts(ctx),
    sections: [findings(ctx), startupSection(ctx), balanceSection(ctx), pythonSection(ctx), cpythonsSection(ctx)],
  };
};

export default report;
