// The verdicts on I1–I6. Each claim is judged point by point (every load the
// claim covers) on the article's Python as it runs here and on the Node analog;
// the points add up to a finding with a level, and one rule turns the Python
// and Node findings into the verdict. Every threshold is a named constant and
// every verdict's `basis` states its rule.

import type { ClaimVerdict, Verdict } from '../../lib/report/doc.ts';
import { COMPARE_DEFAULTS } from '../../lib/stats/compare.ts';
import type { Summary } from '../../lib/stats/summarize.ts';
import { compare, type Point } from './analysis.ts';
import type { Context } from './context.ts';
import { label, loadLabel } from './labels.ts';
import { percent, ratio } from '../../lib/report/format.ts';

/** I1: "about 0.25" is 1/workers within ±20 %. */
export const I1_BAND = 0.2;
/** I2: near-ideal parallelism is a corrected GIL efficiency of at least 0.9. */
export const I2_NEAR = 0.9;
/** I3: the article's count "loses" the pool's CPU when it sees under half of the whole tree's. */
export const I3_SEEN = 0.5;
/** I3: the pool runs in parallel when its corrected GIL efficiency is at least 0.8. */
export const I3_PARALLEL = 0.8;
/** I6: "noticeably more memory" is a peak at least 1.2× the other model's. */
export const I6_MORE = 1.2;

const { tolerance: TOLERANCE, minReps: MIN_REPS } = COMPARE_DEFAULTS;
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

/** How far a runtime shows a claim: all of it, part of it, none of it, can't tell, or not measured. */
export type Level = 'full' | 'partial' | 'none' | 'unclear' | 'absent';
type Test = 'yes' | 'no' | 'unclear';

export interface Finding {
  level: Level;
  text: string;
  /** Points with too few repetitions that were shown but left out, beside points with enough. */
  fewLeftOut: number;
  /** The fewest repetitions of a judged point (under MIN_REPS only when every point had too few: the verdict is then unclear). */
  judgedReps: number;
}

const absent = (text: string): Finding => ({ level: 'absent', text, fewLeftOut: 0, judgedReps: Infinity });

/** Inside [lo, hi] when the whole interquartile range is; outside when none of it is. */
export function inBand(s: Summary, lo: number, hi: number): Test {
  if (s.n < MIN_REPS || !Number.isFinite(s.median)) return 'unclear';
  if (s.q1 >= lo && s.q3 <= hi) return 'yes';
  if (s.q3 < lo || s.q1 > hi) return 'no';
  return 'unclear';
}

/** At least `t` when the whole interquartile range is; below when all of it is. */
export function atLeast(s: Summary, t: number): Test {
  if (s.n < MIN_REPS || !Number.isFinite(s.median)) return 'unclear';
  if (s.q1 >= t) return 'yes';
  if (s.q3 < t) return 'no';
  return 'unclear';
}

/** Every point yes: full; a no among yeses: partial; no yes and a no: none; otherwise unclear. */
export function aggregate(tests: readonly Test[]): Level {
  if (tests.length === 0) return 'absent';
  const yes = tests.filter((t) => t === 'yes').length;
  if (tests.includes('no')) return yes > 0 ? 'partial' : 'none';
  return yes === tests.length ? 'full' : 'unclear';
}

interface Part {
  test: Test;
  text: string;
  /** Shown but left out of the verdict (Node at the article's n where a time-matched load ran). */
  shownOnly?: boolean;
  /** The fewest repetitions of the points it reads. */
  reps: number;
}

const repsOf = (...points: Point[]) => Math.min(...points.map((p) => p.wall.n));

/**
 * A claim's points: each with its test and a few words; the verdict counts the
 * judged ones. Points with too few repetitions (a profile's cut to fit its time)
 * are shown but left out wherever points with enough remain.
 */
function finding(parts: Part[], prefix: string, none: string): Finding {
  const candidates = parts.filter((p) => !p.shownOnly);
  if (candidates.length === 0) return absent(none);
  const enough = candidates.filter((p) => p.reps >= MIN_REPS);
  const judged = enough.length > 0 ? enough : candidates;
  const tag = (p: Part) => (p.shownOnly ? ' [shown, not judged]' : judged.includes(p) ? '' : ` [under ${MIN_REPS} repetitions: shown, not judged]`);
  const text = parts.map((p) => `${p.text}${tag(p)}`).join('; ');
  return { level: aggregate(judged.map((p) => p.test)), text: `${prefix}${text}.`, fewLeftOut: candidates.length - judged.length, judgedReps: Math.min(...judged.map((p) => p.reps)) };
}

/** The grid points of one strategy on the given workloads. */
function gridOf(ctx: Context, strategy: string, workloads: readonly string[]): Point[] {
  return workloads.flatMap((w) => ctx.points.grid(w, ctx.workers, ctx.tasks, (p) => p.strategy === strategy));
}

/**
 * The cpu points of a strategy, each marked whether the verdict counts it.
 * Node is judged at its time-matched (scaled) cpu loads where any ran: at the
 * article's n its tasks last a few milliseconds, too short for any pool.
 */
function cpuPoints(ctx: Context, strategy: string): { p: Point; shownOnly: boolean }[] {
  const points = gridOf(ctx, strategy, ['cpu']);
  const scaled = strategy.startsWith('node-') && points.some((p) => p.scale > 1);
  return points.map((p) => ({ p, shownOnly: scaled && p.scale === 1 }));
}

const where = (p: Point, workloads: number) => (workloads > 1 ? `${p.workload} ${loadLabel(p.load)}` : loadLabel(p.load));

// ---- I1: threads ~0.25 on CPU work --------------------------------------------------------

function i1(ctx: Context, strategy: string): Finding {
  const target = 1 / ctx.workers;
  const parts = cpuPoints(ctx, strategy).map(({ p, shownOnly }) => {
    const m = ctx.points.metrics(p);
    return { shownOnly, reps: repsOf(p), test: inBand(m.articleGil, target * (1 - I1_BAND), target * (1 + I1_BAND)), text: `${loadLabel(p.load)} ${fmt(m.articleGil.median)} (corrected ${fmt(m.correctedGil.median)})` };
  });
  return finding(parts, `${label(strategy)}, cpu, article’s way: `, `not measured (no ${strategy} rows on the cpu workload)`);
}

// ---- I2: interpreters ~0.99 -----------------------------------------------------------------

function i2(ctx: Context, strategy: string): Finding {
  const parts = cpuPoints(ctx, strategy).map(({ p, shownOnly }) => {
    const m = ctx.points.metrics(p);
    return { shownOnly, reps: repsOf(p), test: atLeast(m.correctedGil, I2_NEAR), text: `${loadLabel(p.load)} ${fmt(m.correctedGil.median)} (article’s way ${fmt(m.articleGil.median)})` };
  });
  return finding(parts, `${label(strategy)}, cpu, corrected: `, `not measured (no ${strategy} rows on the cpu workload)`);
}

// ---- I3: processes parallel, their CPU lost by the count ---------------------------------------

function i3(ctx: Context, strategy: string): Finding {
  const parts = cpuPoints(ctx, strategy).map(({ p, shownOnly }) => {
    const m = ctx.points.metrics(p);
    const seen = atLeast(m.seenShare, I3_SEEN);
    const parallel = atLeast(m.correctedGil, I3_PARALLEL);
    const test: Test = seen === 'no' && parallel === 'yes' ? 'yes' : seen === 'yes' || parallel === 'no' ? 'no' : 'unclear';
    return { shownOnly, reps: repsOf(p), test, text: `${loadLabel(p.load)}: the article’s count sees ${percent(m.seenShare.median)} of the CPU, GIL efficiency ${fmt(m.articleGil.median)} its way, ${fmt(m.correctedGil.median)} corrected` };
  });
  return finding(parts, `${label(strategy)}, cpu: `, `not measured (no ${strategy} rows on the cpu workload)`);
}

// ---- I4: interpreters ≥ processes on CPU and memory -----------------------------------------------

function i4(ctx: Context, fast: string, slow: string): Finding {
  const parts = gridOf(ctx, fast, ['cpu', 'memory']).flatMap((p) => {
    const q = ctx.points.get(slow, p.workload, p.load, p.workers, p.tasks);
    if (!q) return [];
    const c = compare(p.span, q.span);
    const work = compare(p.wall, q.wall);
    const test: Test = c.order === 'faster' || c.order === 'same' ? 'yes' : c.order === 'slower' ? 'no' : 'unclear';
    return [{ test, reps: repsOf(p, q), text: `${where(p, 2)} ${ratio(1 / c.ratio)} (work alone ${ratio(1 / work.ratio)})` }];
  });
  return finding(parts, `${label(fast)} over ${label(slow)}, speed counted the article’s way (start-up included): `, `not measured (no ${fast} and ${slow} rows at the same cpu or memory load)`);
}

// ---- I5: threads best on IO and network ---------------------------------------------------------

function i5(ctx: Context, threads: string, others: readonly string[]): Finding {
  const parts = gridOf(ctx, threads, ['io', 'network']).flatMap((p) => {
    const rivals = others.map((o) => ctx.points.get(o, p.workload, p.load, p.workers, p.tasks)).filter((q): q is Point => q !== undefined);
    if (rivals.length === 0) return [];
    const cs = rivals.map((q) => compare(p.span, q.span));
    const test: Test = cs.some((c) => c.order === 'slower') ? 'no' : cs.every((c) => c.order === 'faster' || c.order === 'same') ? 'yes' : 'unclear';
    const against = rivals.map((q, i) => `${ratio(1 / cs[i]!.ratio)} ${q.model === 'python-processes' || q.model === 'child-processes' ? 'processes' : q.model === 'worker-threads' ? 'worker threads' : label(q.strategy)}`);
    return [{ test, reps: repsOf(p, ...rivals), text: `${where(p, 2)} ${against.join(', ')}` }];
  });
  return finding(parts, `Throughput of ${label(threads)} over the others’ (article’s window): `, `not measured (no ${threads} rows on the io or network workload with a rival)`);
}

// ---- I6: processes use more memory --------------------------------------------------------------

function i6(ctx: Context, processes: string, others: readonly string[]): Finding {
  const parts = ctx.points.all
    .filter((p) => p.strategy === processes && p.workers === ctx.workers && p.tasks === ctx.tasks && p.scale === 1)
    .flatMap((p) => {
      const rivals = others.map((o) => ctx.points.get(o, p.workload, p.load, p.workers, p.tasks)).filter((q): q is Point => q !== undefined);
      if (rivals.length === 0) return [];
      const cs = rivals.map((q) => compare(p.rssPeak, q.rssPeak));
      const more = (i: number) => cs[i]!.order === 'slower' && cs[i]!.ratio >= I6_MORE;
      const test: Test = cs.some((c) => c.order === 'unclear') ? 'unclear' : cs.every((_, i) => more(i)) ? 'yes' : 'no';
      return [{ test, reps: repsOf(p, ...rivals), text: `${p.workload} ${loadLabel(p.load)} ${cs.map((c) => ratio(c.ratio)).join(' / ')}` }];
    });
  const vs = others.map(label).join(' and ');
  return finding(parts, `Peak memory of ${label(processes)} over ${vs}: `, `not measured (no ${processes} rows beside ${vs})`);
}

// ---- from findings to verdicts -------------------------------------------------------------------

const ALONE: Record<Level, Verdict> = { full: 'reproduced', partial: 'partly reproduced', none: 'not reproduced', unclear: 'inconclusive', absent: 'not measured' };

/** Python leads; a Node analog showing none of a (partly) reproduced claim makes it 'differs in Node'; without Python, Node alone. */
export function combine(python: Finding, node: Finding): Verdict {
  if (python.level === 'absent') return ALONE[node.level];
  if (python.level === 'full' || python.level === 'partial') return node.level === 'none' ? 'differs in Node' : ALONE[python.level];
  return ALONE[python.level];
}

function repsNote(python: Finding, node: Finding): string {
  const notes: string[] = [];
  const reps = Math.min(python.judgedReps, node.judgedReps);
  if (reps < MIN_REPS) notes.push(`Some points here have ${reps === 1 ? 'a single repetition' : reps === 0 ? 'no repetitions' : `only ${reps} repetitions`}: too few to judge by (at least ${MIN_REPS} needed).`);
  const left = python.fewLeftOut + node.fewLeftOut;
  if (left > 0) notes.push(`${left === 1 ? 'One point has' : `${left} points have`} fewer than ${MIN_REPS} repetitions (the profile’s cut to fit its time; parameter \`few_reps_points\`): shown, not judged.`);
  return notes.join(' ');
}

function sideNote(python: Finding, node: Finding, pythonWhy: string | null): string {
  const notes = [repsNote(python, node)].filter(Boolean);
  if (pythonWhy) notes.push(`Judged on the Node analog alone: the Python side was ${pythonWhy}.`);
  else if (python.level === 'absent') notes.push('Python has no rows for this comparison: judged on the Node analog alone.');
  else if ((python.level === 'full' || python.level === 'partial') && (node.level === 'unclear' || node.level === 'absent')) {
    notes.push(`The Node analog is ${node.level === 'unclear' ? 'within the noise' : 'not measured'} here: judged on Python.`);
  }
  return notes.map((n) => ` ${n}`).join('');
}

const pct = percent(TOLERANCE);
const RULE = `Faster, slower or the same: medians over ${pct} apart and interquartile ranges apart (≥ ${MIN_REPS} repetitions), else the same or unclear; a threshold holds when the point’s whole interquartile range is on its side.`;
const POINTS = 'All points yes: reproduced; some: partly; none: not reproduced; undecided points and none against: inconclusive.';
const NODE_CPU = 'Node is judged at its cpu load scaled to Python’s task time where one ran (at the article’s n its tasks last milliseconds), the article’s n shown beside it.';

export function claimVerdicts(ctx: Context, claims: readonly { id: string; text: string }[]): ClaimVerdict[] {
  const text = (id: string) => claims.find((c) => c.id === id)?.text ?? id;
  const py = ctx.pythonMissing;
  const interp = ctx.interpretersMissing;
  const pick = (f: Finding, why: string | null) => (why ? absent(why) : f);
  const target = 1 / ctx.workers;
  const pool = `${ctx.workers} workers, ${ctx.tasks} tasks`;

  const i1py = pick(i1(ctx, 'python-threads'), py);
  const i1node = i1(ctx, 'node-event-loop');
  const i2py = pick(i2(ctx, 'python-interpreters'), interp);
  const i2node = i2(ctx, 'node-worker-threads');
  const i3py = pick(i3(ctx, 'python-processes'), py);
  const i3node = i3(ctx, 'node-child-processes');
  const i4py = pick(i4(ctx, 'python-interpreters', 'python-processes'), interp);
  const i4node = i4(ctx, 'node-worker-threads', 'node-child-processes');
  const i5py = pick(i5(ctx, 'python-threads', ['python-processes', 'python-interpreters']), py);
  const i5node = i5(ctx, 'node-event-loop', ['node-worker-threads', 'node-child-processes']);
  const i6py = pick(i6(ctx, 'python-processes', ['python-threads']), py);
  const i6node = i6(ctx, 'node-child-processes', ['node-worker-threads']);

  const row = (id: string, article: string, python: Finding, node: Finding, basis: string, pythonWhy: string | null): ClaimVerdict => ({
    id,
    claim: text(id),
    article,
    python: python.text,
    node: node.text,
    verdict: combine(python, node),
    basis: `${basis} ${RULE}${sideNote(python, node, pythonWhy)}`,
  });

  return [
    row('I1', '“GIL efficiency” ~0.25 for 4 threads at every CPU load (Python 3.14, 8-core macOS).', i1py, i1node,
      `Per cpu load (${pool}): yes if the article’s GIL efficiency (its CPU count ÷ (span × workers)) is within ±${percent(I1_BAND)} of 1/workers = ${fmt(target)}. ${POINTS} The Node analog is the event loop. ${NODE_CPU}`, py),
    row('I2', '“GIL efficiency” ~0.99 for 4 interpreters on CPU work.', i2py, i2node,
      `Per cpu load (${pool}): yes if the corrected GIL efficiency (whole-tree CPU ÷ (work wall × min(workers, ${ctx.cores} cores))) is at least ${fmt(I2_NEAR)}; the article’s own form cannot exceed ${fmt(Math.min(ctx.workers, ctx.cores) / ctx.workers)} with ${ctx.workers} workers on ${ctx.cores} cores. ${POINTS} The Node analog is worker threads. ${NODE_CPU}`, interp),
    row('I3', 'Process pool parallel, its efficiency “artificially low” from the CPU accounting (no figure given).', i3py, i3node,
      `Per cpu load (${pool}): yes if the article’s count (process + live children, over the span) sees under ${percent(I3_SEEN)} of the whole tree’s CPU on the same span, while the corrected GIL efficiency is at least ${fmt(I3_PARALLEL)}; no if the count sees it or the pool is not parallel. ${POINTS} The Node analog is child processes. ${NODE_CPU}`, py),
    row('I4', 'Interpreters slightly ahead of processes in most CPU and memory cases.', i4py, i4node,
      `Per cpu and memory load (${pool}): yes if the interpreter pool (Node: worker threads) is faster than or as fast as the process pool (Node: child processes) over the article’s window, start-up and shutdown included. ${POINTS}`, interp),
    row('I5', 'Threads well ahead in tasks per second on file and network work.', i5py, i5node,
      `Per io and network load (${pool}): yes if threads (Node: the event loop) are faster than or as fast as every other pool over the article’s window; no if slower than any. ${POINTS}`, py),
    row('I6', 'Processes use “noticeably” more memory (no figure given).', i6py, i6node,
      `Per workload and load (${pool}): yes if the process pool’s peak RSS of the whole tree is larger than the other pool’s (Python: threads; Node: worker threads) by at least ${ratio(I6_MORE)}, no if not. ${POINTS}`, py),
  ];
}
