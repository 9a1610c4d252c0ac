// F1–F4 as data: for each claim and each runtime, the quantities it compares
// (time ratios and shares of the ideal, each with its 95 % interval) and what
// the claim expects of them. lib/verdicts judges them in one voice. The
// system CPython is the article's side; CPython 3.14 is noted beside it, unjudged.

import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { missingSide } from '../../lib/report/context.ts';
import { aboveCoresFlag } from '../../lib/report/baseline.ts';
import { count, percent } from '../../lib/report/format.ts';
import { fastest, speedup, timeRatio } from '../../lib/report/points.ts';
import { scaleInterval, type Interval } from '../../lib/stats/interval.ts';
import { judgeClaim, measured, type Check, type Side } from '../../lib/verdicts/claim.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { imbalanceOf } from './busy.ts';
import { baselineFlagged, largestSetWith, numbersIn, pointAt, setsOf, sweepOf, EVENT_LOOP, PY314, PY_PROCESSES, PY_THREADS, SERIAL, type Context, type FzPoint } from './context.ts';
import { versionsOf } from './cpythons.ts';

/** F2: the share of the ideal speed-up that counts as "processes pay off as in the article" (it reached 3.1/4 = 78 %). */
export const F2_SHARE = 0.6;
/** F4: a static speed-up below this share of the ideal leaves a gap for load balancing to close. */
export const F4_NEAR = 0.95;

const onSet = (ctx: Context, set: string) => `${count(numbersIn(ctx, set))} numbers`;
const ideal = (ctx: Context, p: FzPoint) => Math.min(p.workers, ctx.cores);
/** Speed-up over the serial loop as a share of the ideal min(workers, cores). */
const shareOfIdeal = (ctx: Context, serial: FzPoint, p: FzPoint): Interval => scaleInterval(speedup(serial, p), 1 / ideal(ctx, p));

// candidate for lib: aboveCoresFlag plus the baseline's own flag where the speed-up is over the flagged size (lib/report/baseline.ts).
/** What a speed-up over Node's serial loop on `set` needs said: above the cores, or over a baseline not shown steady. */
export function caveat(ctx: Context, set: string, s: Interval, runtime: string): string {
  const flagged = runtime === 'node' && baselineFlagged(ctx, set);
  return aboveCoresFlag(s, ctx.cores, flagged ? ctx.baseline : undefined) || (flagged ? ctx.baseline.flag : '');
}

function pythonSide(ctx: Context, side: () => Side): Side {
  return ctx.pythonMissing ? { kind: 'not-run', reason: ctx.pythonMissing } : side();
}

// ---- F1: threads slower than serial, slower still with more --------------------------

function threadsSide(ctx: Context, strategy: string, serialName: string, unit: string, lead: string): Side {
  const set = largestSetWith(ctx, strategy, serialName);
  if (!set) return missingSide(ctx, [strategy, serialName], `no ${strategy} and ${serialName} rows on a common set`);
  const sweep = sweepOf(ctx, strategy, set);
  const serial = pointAt(ctx, serialName, set, 1)!;
  return measured(
    [
      ...sweep.map((p): Check => ({ label: `${p.workers} ${unit}`, estimate: timeRatio(p, serial), expect: { order: 'slower' }, baseline: 'serial' })),
      ...sweep.slice(1).map((p, i): Check => ({ label: `${p.workers} against ${sweep[i]!.workers} ${unit}`, estimate: timeRatio(p, sweep[i]!), expect: { order: 'slower' }, baseline: `${sweep[i]!.workers}`, role: 'extra' })),
    ],
    { lead: `${lead}${onSet(ctx, set)}:` },
  );
}

// ---- F2: processes speed it up, near the core count ----------------------------------

function processesSide(ctx: Context, strategy: string, serialName: string, lead: string): Side {
  const set = largestSetWith(ctx, strategy, serialName);
  if (!set) return missingSide(ctx, [strategy, serialName], `no ${strategy} and ${serialName} rows on a common set`);
  const serial = pointAt(ctx, serialName, set, 1)!;
  // The article split over 2, 4 and 8 processes: one process is no split at all.
  const best = fastest(sweepOf(ctx, strategy, set).filter((p) => p.workers >= 2));
  if (!best) return missingSide(ctx, [strategy], `no ${strategy} rows with 2 or more processes`);
  const dynamic = serialName === SERIAL.node ? fastest(sweepOf(ctx, 'node-processes-dynamic', set).filter((p) => p.workers >= 2)) : undefined;
  const aside = dynamic ? `With dynamic batches: ${estimate(speedup(serial, dynamic))} with ${dynamic.workers}.` : '';
  return measured(
    [
      { label: `${best.workers} processes`, estimate: timeRatio(best, serial), expect: { order: 'faster' }, baseline: 'serial' },
      { label: `its speed-up as a share of the ideal ${ideal(ctx, best)}×`, estimate: shareOfIdeal(ctx, serial, best), expect: { above: F2_SHARE }, unit: 'percent', role: 'extra' },
    ],
    { lead: `${lead}${onSet(ctx, set)}:`, note: [aside, caveat(ctx, set, speedup(serial, best), best.runtime)].filter(Boolean).join(' ') },
  );
}

// ---- F3: more processes than cores beat processes = cores ----------------------------

/** Judged on the largest set swept both above and up to the core count (the largest set may be swept more thinly). */
function oversubscribedSide(ctx: Context, strategy: string, lead: string): Side {
  const sets = setsOf(ctx, (p) => p.strategy === strategy).map((s) => s.set);
  for (const set of sets.reverse()) {
    const sweep = sweepOf(ctx, strategy, set);
    const over = sweep.filter((p) => p.workers > ctx.cores).at(-1);
    const atCores = sweep.filter((p) => p.workers <= ctx.cores && p.workers >= Math.min(2, ctx.cores)).at(-1);
    if (!over || !atCores) continue;
    return measured([{ label: `${over.workers} processes`, estimate: timeRatio(over, atCores), expect: { order: 'faster' }, baseline: `${atCores.workers}` }], { lead: `${lead}${onSet(ctx, set)}:` });
  }
  return missingSide(ctx, [strategy], `needs ${strategy} at process counts both above and up to ${ctx.cores} cores on one set`);
}

// ---- F4: uneven static chunks keep the speed-up below the cores -------------------------

export interface Balance {
  set: string;
  workers: number;
  serial: FzPoint;
  static: FzPoint;
  dynamic: FzPoint;
}

/** Static and dynamic dispatch of one pool kind on the largest set, at the core count if measured, else the largest up to it. */
export function balancePair(ctx: Context, kind: 'threads' | 'processes'): Balance | undefined {
  const [staticName, dynamicName] = [`node-${kind}-static`, `node-${kind}-dynamic`];
  const set = ctx.largest?.set;
  const serial = set ? pointAt(ctx, SERIAL.node, set, 1) : undefined;
  if (!set || !serial) return undefined;
  const common = sweepOf(ctx, staticName, set).map((p) => p.workers).filter((w) => w >= 2 && pointAt(ctx, dynamicName, set, w));
  const workers = common.filter((w) => w <= ctx.cores).at(-1) ?? common[0];
  if (workers === undefined) return undefined;
  return { set, workers, serial, static: pointAt(ctx, staticName, set, workers)!, dynamic: pointAt(ctx, dynamicName, set, workers)! };
}

/** "static chunks 1.92× (1.65–2.22), busiest worker 1.00× (0.99–1.01) the mean; dynamic batches …" */
export function balanceText(ctx: Context, b: Balance): string {
  const one = (p: FzPoint, name: string) => {
    const imb = imbalanceOf(ctx.busy, p);
    return `${name} ${estimate(speedup(b.serial, p))}${Number.isFinite(imb.value) ? `, busiest worker ${estimate(imb)} the mean` : ''}`;
  };
  return `${one(b.static, 'static chunks')}; ${one(b.dynamic, 'dynamic batches')}`;
}

function balanceSide(ctx: Context): Side {
  const b = balancePair(ctx, 'processes');
  if (!b) return missingSide(ctx, [SERIAL.node, 'node-processes-static', 'node-processes-dynamic'], 'needs node-serial and both process-pool dispatches at 2 or more workers on one set');
  const [imbStatic, imbDynamic] = [imbalanceOf(ctx.busy, b.static), imbalanceOf(ctx.busy, b.dynamic)];
  const busiest = Number.isFinite(imbStatic.value) ? `Busiest worker over the mean: static chunks ${estimate(imbStatic)}, dynamic batches ${estimate(imbDynamic)}.` : '';
  return measured(
    [
      { label: `static chunks, speed-up ${estimate(speedup(b.serial, b.static))} as a share of the ideal ${ideal(ctx, b.static)}×`, estimate: shareOfIdeal(ctx, b.serial, b.static), expect: { below: F4_NEAR }, unit: 'percent' },
      { label: 'dynamic batches', estimate: timeRatio(b.dynamic, b.static), expect: { order: 'faster' }, baseline: 'static chunks', role: 'extra' },
    ],
    { lead: `Child processes at ${b.workers}, ${onSet(ctx, b.set)}:`, note: [busiest, caveat(ctx, b.set, speedup(b.serial, b.static), 'node')].filter(Boolean).join(' ') },
  );
}

/** Python's static chunks at the core count, for context: the article's code has no dynamic dispatch. */
function pythonStatic(ctx: Context): string {
  const set = ctx.pythonMissing ? undefined : largestSetWith(ctx, PY_PROCESSES, SERIAL.python);
  if (!set) return '';
  const sweep = sweepOf(ctx, PY_PROCESSES, set);
  const p = sweep.filter((q) => q.workers <= ctx.cores).at(-1) ?? sweep[0]!;
  const imb = imbalanceOf(ctx.busy, p);
  const imbText = Number.isFinite(imb.value) ? `, its busiest process working ${estimate(imb)} the mean` : '';
  return `; here its static chunks give ${estimate(speedup(pointAt(ctx, SERIAL.python, set, 1)!, p))} with ${p.workers} processes against the ideal ${ideal(ctx, p)}×${imbText} (${onSet(ctx, set)})`;
}

// ---- CPython 3.14 beside the article's side ----------------------------------------------

/** The same comparison on 3.14, in words, appended to the Python side's note: shown, never judged. */
function beside314(ctx: Context, side: Side, texts: string[]): Side {
  const shown = texts.filter(Boolean);
  if (side.kind !== 'measured' || shown.length === 0) return side;
  const aside = `Beside it, on CPython ${versionsOf(ctx).nowShort} (not judged): ${shown.join('; ')}.`;
  return { ...side, note: [side.note, aside].filter(Boolean).join(' ') };
}

/** 3.14's threads against its serial loop, each count (F1). */
function threads314(ctx: Context): string[] {
  const set = largestSetWith(ctx, PY314.threads, PY314.serial);
  if (!set) return [];
  const serial = pointAt(ctx, PY314.serial, set, 1)!;
  return sweepOf(ctx, PY314.threads, set).map((p) => `${p.workers} threads: ${versus(timeRatio(p, serial), 'serial')}`);
}

/** 3.14's fastest process count and interpreter count of 2 or more against its serial loop (F2). */
function pools314(ctx: Context): string[] {
  return [
    { name: PY314.processes, unit: 'processes' },
    { name: PY314.interpreters, unit: 'interpreters' },
  ].flatMap(({ name, unit }) => {
    const set = largestSetWith(ctx, name, PY314.serial);
    const best = set ? fastest(sweepOf(ctx, name, set).filter((p) => p.workers >= 2)) : undefined;
    return set && best ? [`${best.workers} ${unit}: ${versus(timeRatio(best, pointAt(ctx, PY314.serial, set, 1)!), 'serial')}`] : [];
  });
}

/** 3.14's most processes above the cores against the most up to them (F3). */
function oversubscribed314(ctx: Context): string[] {
  const side = oversubscribedSide(ctx, PY314.processes, '');
  return side.kind === 'measured' ? side.checks.map((c) => `${c.label}: ${versus(c.estimate, c.baseline)}`) : [];
}

// ---- the claims ------------------------------------------------------------------------

export function claimVerdicts(ctx: Context): ClaimVerdict[] {
  const text = (id: string) => ctx.experiment.claims.find((c) => c.id === id)?.text ?? id;
  const cores = `${ctx.cores} core${ctx.cores === 1 ? '' : 's'}`;
  return [
    judgeClaim({
      id: 'F1',
      claim: text('F1'),
      article: 'Slower than serial with 2 threads, slower again with 4 and 8 (Python 2, 4 cores).',
      full: 'every thread count is slower than serial and each extra thread slower still (the event loop standing for threads in Node)',
      partial: 'every thread count is slower than serial but an extra thread is not slower still',
      python: pythonSide(ctx, () => beside314(ctx, threadsSide(ctx, PY_THREADS, SERIAL.python, 'threads', ''), threads314(ctx))),
      node: threadsSide(ctx, EVENT_LOOP, SERIAL.node, 'chunks', 'Event loop (the GIL analog), '),
    }),
    judgeClaim({
      id: 'F2',
      claim: text('F2'),
      article: '3.1× with 8 processes on 4 physical cores: 78 % of the ideal 4×.',
      full: `the fastest count of 2 or more processes is faster than serial and its speed-up is above ${percent(F2_SHARE)} of the ideal min(processes, ${cores})`,
      partial: 'it is faster than serial but not above that share',
      python: pythonSide(ctx, () => beside314(ctx, processesSide(ctx, PY_PROCESSES, SERIAL.python, ''), pools314(ctx))),
      node: processesSide(ctx, 'node-processes-static', SERIAL.node, 'Child processes, static chunks, '),
    }),
    judgeClaim({
      id: 'F3',
      claim: text('F3'),
      article: '8 processes faster than 4 on 4 physical cores (8 hardware threads).',
      full: `the most processes above this machine’s ${cores} are faster than the most up to ${ctx.cores}`,
      python: pythonSide(ctx, () => beside314(ctx, oversubscribedSide(ctx, PY_PROCESSES, ''), oversubscribed314(ctx))),
      node: oversubscribedSide(ctx, 'node-processes-static', 'Child processes, static chunks, '),
    }),
    judgeClaim({
      id: 'F4',
      claim: text('F4'),
      article: 'Below 4× on 4 cores; attributed to uneven chunks, load balancing left untried.',
      full: `child processes with static chunks stay below ${percent(F4_NEAR)} of the ideal speed-up and dynamic batches are faster than static chunks`,
      partial: 'static chunks stay below it but dynamic batches are not faster',
      python: { kind: 'not-applicable', reason: `the article’s Python splits static chunks only, so it has no dynamic dispatch to compare${pythonStatic(ctx)}.` },
      node: balanceSide(ctx),
    }),
  ];
}
