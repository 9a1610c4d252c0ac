// The verdicts on F1–F4. Each claim is first judged on the article's Python as
// it runs here and on the Node analog, each as a "finding" with a level; one
// rule then turns the pair into the verdict. Every threshold is a named constant
// and every verdict's `basis` states its rule.

import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { combine, judgeAlone, repsNote, sideNote, type Finding, type Level } from '../../lib/report/verdict.ts';
export { combine, type Finding, type Level } from '../../lib/report/verdict.ts';
import { COMPARE_DEFAULTS } from '../../lib/stats/compare.ts';
import { compare, fastest, imbalanceOf, speedup, EVENT_LOOP, PY_PROCESSES, PY_THREADS, SERIAL, type Comparison, type Point } from './analysis.ts';
import type { Context } from './context.ts';
import { count, percent, ratio, slowerFaster } from '../../lib/report/format.ts';

/** F2: the share of the ideal speed-up that counts as "processes pay off as in the article" (it reached 3.1/4 = 78 %). */
export const F2_SHARE = 0.6;
/** F4: a static speed-up below this share of the ideal leaves a gap for load balancing to close. */
export const F4_NEAR = 0.95;

const absent = (text: string): Finding => ({ level: 'absent', text });
const { tolerance: TOLERANCE, minReps: MIN_REPS } = COMPARE_DEFAULTS;
const pct = percent(TOLERANCE);

/** All comparisons agree on `order`: 'yes'; one contradicts it: 'no'; otherwise 'unclear'. */
function all(comparisons: Comparison[], order: 'slower' | 'faster'): 'yes' | 'no' | 'unclear' {
  if (comparisons.some((c) => c.order !== order && c.order !== 'unclear')) return 'no';
  return comparisons.every((c) => c.order === order) ? 'yes' : 'unclear';
}

function onSet(ctx: Context, set: string): string {
  return `${count(ctx.points.sets().find((s) => s.set === set)?.numbers ?? NaN)} numbers`;
}

// ---- F1: threads slower than serial, slower still with more -------------------------

function threadsFinding(ctx: Context, strategy: string, serialName: string, unit: string): Finding {
  const set = ctx.points.largestSetWith(strategy, serialName);
  if (!set) return absent(`not measured (no ${strategy} and ${serialName} rows on a common set)`);
  const sweep = ctx.points.sweep(strategy, set);
  const serial = ctx.points.get(serialName, set, 1)!;
  const vsSerial = sweep.map((p) => compare(p.wall, serial.wall));
  const growth = sweep.slice(1).map((p, i) => compare(p.wall, sweep[i]!.wall));
  const slower = all(vsSerial, 'slower');
  const grows = growth.length === 0 ? 'unclear' : all(growth, 'slower');
  const level: Level = slower === 'no' ? 'none' : slower === 'unclear' ? 'unclear' : grows === 'yes' ? 'full' : 'partial';
  const parts = sweep.map((p, i) => `${p.workers} ${unit}: ${slowerFaster(vsSerial[i]!.ratio, 'serial')}`);
  const growthText = growth.length === 0 ? 'one count only' : grows === 'yes' ? 'slower with each extra' : grows === 'no' ? 'not slower with more' : 'trend within the noise';
  return { level, text: `${onSet(ctx, set)}: ${parts.join('; ')} (${growthText}).` };
}

// ---- F2: processes speed it up, near the core count --------------------------------

function processesFinding(ctx: Context, strategy: string, serialName: string): Finding {
  const set = ctx.points.largestSetWith(strategy, serialName);
  if (!set) return absent(`not measured (no ${strategy} and ${serialName} rows on a common set)`);
  const serial = ctx.points.get(serialName, set, 1)!;
  // The article split over 2, 4 and 8 processes: one process is no split at all.
  const best = fastest(ctx.points.sweep(strategy, set).filter((p) => p.workers >= 2));
  if (!best) return absent(`not measured (no ${strategy} rows with 2 or more processes)`);
  const c = compare(best.wall, serial.wall);
  const s = speedup(serial, best);
  const ideal = Math.min(best.workers, ctx.cores);
  const level: Level = c.order === 'faster' ? (s >= F2_SHARE * ideal ? 'full' : 'partial') : c.order === 'unclear' ? 'unclear' : 'none';
  return { level, text: `${ratio(s)} with ${best.workers} processes, ${percent(s / ideal)} of the ideal ${ratio(ideal)} (${onSet(ctx, set)}).` };
}

/** The dynamic pool's best, as an aside to the static chunks' F2 finding. */
function dynamicAside(ctx: Context): string {
  const set = ctx.largest?.set;
  const serial = set ? ctx.points.get(SERIAL.node, set, 1) : undefined;
  const best = set ? fastest(ctx.points.sweep('node-processes-dynamic', set).filter((p) => p.workers >= 2)) : undefined;
  return serial && best ? ` With dynamic batches: ${ratio(speedup(serial, best))} with ${best.workers}.` : '';
}

// ---- F3: more processes than cores beat processes = cores ---------------------------

/** Judged on the largest set swept both above and up to the core count (the largest set may be swept more thinly). */
function oversubscribedFinding(ctx: Context, strategy: string): Finding {
  const sets = ctx.points.sets((p) => p.strategy === strategy).map((s) => s.set);
  if (sets.length === 0) return absent(`not measured (no ${strategy} rows)`);
  for (const set of sets.reverse()) {
    const sweep = ctx.points.sweep(strategy, set);
    const over = sweep.filter((p) => p.workers > ctx.cores).at(-1);
    const atCores = sweep.filter((p) => p.workers <= ctx.cores && p.workers >= Math.min(2, ctx.cores)).at(-1);
    if (!over || !atCores) continue;
    const c = compare(over.wall, atCores.wall);
    const level: Level = c.order === 'faster' ? 'full' : c.order === 'unclear' ? 'unclear' : 'none';
    return { level, text: `${over.workers} processes ${slowerFaster(c.ratio, String(atCores.workers))} (${onSet(ctx, set)}).` };
  }
  return absent(`not measured (needs process counts both above and up to ${ctx.cores} cores)`);
}

// ---- F4: uneven static chunks keep the speed-up below the cores ----------------------

/** The pool size F4 is judged at: the core count if measured, else the largest measured up to it. */
function balanceWorkers(ctx: Context, staticName: string, dynamicName: string, set: string): number | undefined {
  const common = ctx.points.sweep(staticName, set).map((p) => p.workers).filter((w) => w >= 2 && ctx.points.get(dynamicName, set, w));
  return common.filter((w) => w <= ctx.cores).at(-1) ?? common[0];
}

export interface Balance {
  set: string;
  workers: number;
  serial: Point;
  static: Point;
  dynamic: Point;
}

/** Static and dynamic dispatch of one pool kind at the F4 pool size on the largest set. */
export function balancePair(ctx: Context, kind: 'threads' | 'processes'): Balance | undefined {
  const [staticName, dynamicName] = [`node-${kind}-static`, `node-${kind}-dynamic`];
  const set = ctx.largest?.set;
  const serial = set ? ctx.points.get(SERIAL.node, set, 1) : undefined;
  const workers = set ? balanceWorkers(ctx, staticName, dynamicName, set) : undefined;
  if (!set || !serial || workers === undefined) return undefined;
  return { set, workers, serial, static: ctx.points.get(staticName, set, workers)!, dynamic: ctx.points.get(dynamicName, set, workers)! };
}

function balanceText(ctx: Context, b: Balance, label: string): string {
  const imb = imbalanceOf(ctx.busy, b.static).median;
  const imbText = Number.isFinite(imb) ? `, busiest worker ${ratio(imb)} the mean` : '';
  return `${label} at ${b.workers}: static ${ratio(speedup(b.serial, b.static))}${imbText}; dynamic ${ratio(speedup(b.serial, b.dynamic))}`;
}

function balanceFinding(ctx: Context): Finding {
  const b = balancePair(ctx, 'processes');
  if (!b) return absent('not measured (needs node-serial and both process-pool dispatches at 2 or more workers on one set)');
  const ideal = Math.min(b.workers, ctx.cores);
  const gap = speedup(b.serial, b.static) < F4_NEAR * ideal;
  const c = compare(b.dynamic.wall, b.static.wall);
  const level: Level = !gap ? 'none' : c.order === 'faster' ? 'full' : c.order === 'unclear' ? 'unclear' : 'partial';
  const threads = balancePair(ctx, 'threads');
  const text = [balanceText(ctx, b, 'child processes'), threads ? balanceText(ctx, threads, 'worker threads') : ''].filter(Boolean).join('. ');
  return { level, text: `${text} (${onSet(ctx, b.set)}; ideal ${ratio(ideal)}).` };
}

function pythonBalanceText(ctx: Context): string {
  const set = ctx.points.largestSetWith(PY_PROCESSES, SERIAL.python);
  if (!set) return '';
  const sweep = ctx.points.sweep(PY_PROCESSES, set);
  const p = sweep.filter((q) => q.workers <= ctx.cores).at(-1) ?? sweep[0]!;
  const serial = ctx.points.get(SERIAL.python, set, 1)!;
  const imb = imbalanceOf(ctx.busy, p).median;
  const imbText = Number.isFinite(imb) ? `; its busiest process worked ${ratio(imb)} the mean` : '';
  return `${ratio(speedup(serial, p))} with ${p.workers} static chunks, ideal ${ratio(Math.min(p.workers, ctx.cores))}${imbText} (${onSet(ctx, set)}).`;
}

// ---- from findings to verdicts ---------------------------------------------------------

function pythonText(ctx: Context, f: Finding): string {
  return ctx.pythonMissing ?? f.text;
}

/** The comparison rule every verdict uses, in words. */
const RULE = `Slower or faster: medians over ${pct} apart and interquartile ranges apart, with at least ${MIN_REPS} repetitions; within ${pct} is the same.`;

export function claimVerdicts(ctx: Context, claims: readonly { id: string; text: string }[]): ClaimVerdict[] {
  const text = (id: string) => claims.find((c) => c.id === id)?.text ?? id;

  const f1py = threadsFinding(ctx, PY_THREADS, SERIAL.python, 'threads');
  const f1node = threadsFinding(ctx, EVENT_LOOP, SERIAL.node, 'chunks');
  const f2py = processesFinding(ctx, PY_PROCESSES, SERIAL.python);
  const f2node = processesFinding(ctx, 'node-processes-static', SERIAL.node);
  const f3py = oversubscribedFinding(ctx, PY_PROCESSES);
  const f3node = oversubscribedFinding(ctx, 'node-processes-static');
  const f4node = balanceFinding(ctx);

  return [
    {
      id: 'F1',
      claim: text('F1'),
      article: 'Slower than serial with 2 threads, slower again with 4 and 8 (Python 2, 4 cores).',
      python: pythonText(ctx, f1py),
      node: `Event loop (the GIL analog): ${f1node.text}`,
      verdict: combine(f1py, f1node),
      basis: `Reproduced if every thread count is slower than serial and each extra thread slower still, partly if only the first holds; 'differs in Node' if Python shows it and the event loop does not. ${RULE}${sideNote(ctx, f1py, f1node)}`,
    },
    {
      id: 'F2',
      claim: text('F2'),
      article: '3.1× with 8 processes on 4 physical cores: 78 % of the ideal 4×.',
      python: pythonText(ctx, f2py),
      node: `Child processes, static chunks: ${f2node.text}${dynamicAside(ctx)}`,
      verdict: combine(f2py, f2node),
      basis: `Reproduced if the fastest count of 2 or more processes is faster than serial and reaches ${percent(F2_SHARE)} of the ideal min(processes, ${ctx.cores} cores), partly if faster by less. ${RULE}${sideNote(ctx, f2py, f2node)}`,
    },
    {
      id: 'F3',
      claim: text('F3'),
      article: '8 processes faster than 4 on 4 physical cores (8 hardware threads).',
      python: pythonText(ctx, f3py),
      node: `Child processes, static chunks: ${f3node.text}`,
      verdict: combine(f3py, f3node),
      basis: `Reproduced if the most processes above this machine's ${ctx.cores} cores are faster than the most up to ${ctx.cores}. ${RULE}${sideNote(ctx, f3py, f3node)}`,
    },
    {
      id: 'F4',
      claim: text('F4'),
      article: 'Below 4× on 4 cores; attributed to uneven chunks, load balancing left untried.',
      python: ctx.pythonMissing ?? (pythonBalanceText(ctx) || 'not measured here'),
      node: f4node.text,
      verdict: judgeAlone(f4node),
      basis: `Judged on Node, which runs both dispatches: reproduced if child processes with static chunks stay under ${percent(F4_NEAR)} of the ideal speed-up and dynamic batches are faster, partly if under it but dynamic is not faster, not reproduced if static is within ${percent(1 - F4_NEAR)} of the ideal. ${RULE}${repsNote(ctx)}`,
    },
  ];
}
