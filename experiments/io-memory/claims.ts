// The verdicts on M1–M5. Each claim is judged on the article's Python as it
// runs here and on the Node analog, each as a "finding" with a level; one rule
// turns the pair into the verdict. Every threshold is a named constant and
// every verdict's `basis` states its rule.

import type { ClaimVerdict, Verdict } from '../../lib/report/doc.ts';
import { COMPARE_DEFAULTS } from '../../lib/stats/compare.ts';
import { bytes, ms, percent, ratio } from '../../lib/report/format.ts';
import { compare, comparePeak, type MemoryOrder, type Point } from './analysis.ts';
import { nodeAt, NODE, PY, type Context } from './context.ts';
import { pointLabel } from './labels.ts';

/** M1: "about 40 %": the article's 29 s → 17 s saved 41 % of the time; this much counts as "as large". */
export const M1_SAVED = 0.35;
/** M2: parallel methods whose median times lie within this of the fastest are "negligibly" apart. */
export const M2_NEGLIGIBLE = 0.1;
/** M3: "much more": the larger thread pool's peak at least this multiple of the smaller one's. */
export const M3_MUCH = 1.1;
/** M4: gevent's peak within this of the threads' is "very similar". */
export const M4_SIMILAR = 0.15;
/** M5: asyncio's peak within this of the sequential script's is "very close". */
export const M5_CLOSE = 0.15;

/** How far a runtime shows a claim: all of it, part, none, can't tell, or not measured. */
export type Level = 'full' | 'partial' | 'none' | 'unclear' | 'absent';

export interface Finding {
  level: Level;
  text: string;
}

const { tolerance: TOLERANCE, minReps: MIN_REPS } = COMPARE_DEFAULTS;
const absent = (text: string): Finding => ({ level: 'absent', text });
const enough = (points: Point[]) => points.every((p) => p.wall.n >= MIN_REPS);
const within = (r: number, share: number) => Number.isFinite(r) && Math.abs(Math.log(r)) <= Math.log(1 + share);
const missing = (names: string[]) => `not measured (no rows for ${names.join(', ')})`;

// ---- M1: parallel saves about 40 % of the time -------------------------------------------

function speedupFinding(seq: Point | undefined, par: Point | undefined, names: string[]): Finding {
  if (!seq || !par) return absent(missing(names));
  const c = compare(par.wall, seq.wall);
  const saved = 1 - par.wall.median / seq.wall.median;
  const level: Level = c.order === 'faster' ? (saved >= M1_SAVED ? 'full' : 'partial') : c.order === 'unclear' ? 'unclear' : 'none';
  return { level, text: `${pointLabel(par)}: ${ms(par.wall.median)} against ${ms(seq.wall.median)} sequential, ${percent(saved)} less time (${ratio(seq.wall.median / par.wall.median)} faster).` };
}

// ---- M2: once parallel, the methods are negligibly apart -------------------------------------

function groupLevel(group: Point[]): { level: Level; text: string } {
  const sorted = [...group].sort((a, b) => a.wall.median - b.wall.median);
  const fastest = sorted[0]!;
  const slowest = sorted.at(-1)!;
  const spread = slowest.wall.median / fastest.wall.median;
  const level: Level = !enough(group) ? 'unclear' : within(spread, M2_NEGLIGIBLE) ? 'full' : compare(slowest.wall, fastest.wall).order === 'slower' ? 'none' : 'unclear';
  const list = sorted.map((p) => `${pointLabel(p)} ${ms(p.wall.median)}`).join(', ');
  return { level, text: `${list}: the slowest ${ratio(spread)} the fastest` };
}

function sameSpeedFinding(groups: (Point | undefined)[][], names: string[]): Finding {
  const judged = groups.map((g) => g.filter((p): p is Point => p !== undefined)).filter((g) => g.length >= 2);
  if (judged.length === 0) return absent(missing(names));
  const levels = judged.map(groupLevel);
  const fulls = levels.filter((l) => l.level === 'full').length;
  const level: Level = fulls === levels.length ? 'full' : fulls > 0 ? 'partial' : levels.some((l) => l.level === 'none') ? 'none' : 'unclear';
  return { level, text: `${levels.map((l) => l.text).join('; ')}.` };
}

// ---- M3: threads cost more than sequential, 100 much more than 20 ---------------------------------

function threadMemoryFinding(seq: Point | undefined, low: Point | undefined, high: Point | undefined, names: string[]): Finding {
  if (!seq || !low || !high || low === high) return absent(missing(names));
  const a = comparePeak(low, seq);
  const b = comparePeak(high, low);
  const more = a.order === 'more';
  const much = b.order === 'more' && high.peak.median >= M3_MUCH * low.peak.median;
  const level: Level = a.order === 'unclear' || b.order === 'unclear' ? 'unclear' : more && much ? 'full' : more || much ? 'partial' : 'none';
  return {
    level,
    text: `peak ${bytes(seq.peak.median)} sequential, ${bytes(low.peak.median)} with ${pointLabel(low)} (${ratio(a.ratio)}), ${bytes(high.peak.median)} with ${pointLabel(high)} (${ratio(b.ratio)} the smaller pool).`,
  };
}

// ---- M4: gevent (or its analog) about as much memory as threads ------------------------------------

function similarFinding(a: Point | undefined, b: Point | undefined, names: string[]): Finding {
  if (!a || !b) return absent(missing(names));
  const c = comparePeak(a, b);
  const level: Level = !enough([a, b]) ? 'unclear' : within(c.ratio, M4_SIMILAR) ? 'full' : c.order === 'more' || c.order === 'less' ? 'none' : 'unclear';
  return { level, text: `peak ${bytes(a.peak.median)} with ${pointLabel(a)} against ${bytes(b.peak.median)} with ${pointLabel(b)} (${ratio(c.ratio)}).` };
}

// ---- M5: asyncio (or the event loop) lowest of the parallel methods, near sequential ------------------

/** What a point added to its own base while the requests ran: the requests' cost, without the imports'. */
const growth = (p: Point) => p.peak.median - p.base.median;

function lowestFinding(coroutine: Point | undefined, others: (Point | undefined)[], seq: Point | undefined, names: string[]): Finding {
  const rivals = others.filter((p): p is Point => p !== undefined && p !== coroutine);
  if (!coroutine || !seq || rivals.length === 0) return absent(missing(names));
  const orders: MemoryOrder[] = rivals.map((r) => comparePeak(coroutine, r).order);
  const lowest = orders.every((o) => o === 'less') ? 'yes' : orders.some((o) => o === 'more' || o === 'same') ? 'no' : 'unclear';
  const toSeq = coroutine.peak.median / seq.peak.median;
  const close = enough([coroutine, seq]) ? within(toSeq, M5_CLOSE) : null;
  const level: Level = lowest === 'unclear' || close === null ? 'unclear' : lowest === 'yes' && close ? 'full' : lowest === 'yes' || close ? 'partial' : 'none';
  const list = rivals.map((r) => `${pointLabel(r)} ${bytes(r.peak.median)}`).join(', ');
  const growths = rivals.map((r) => `${bytes(growth(r))} for ${pointLabel(r)}`).join(', ');
  const split = `Before the first request it held ${bytes(coroutine.base.median)}, the sequential script ${bytes(seq.base.median)}; while the requests ran it grew ${bytes(growth(coroutine))} over that base, against ${growths}.`;
  return { level, text: `peak ${bytes(coroutine.peak.median)} with ${pointLabel(coroutine)} against ${list}; ${ratio(toSeq)} the sequential ${bytes(seq.peak.median)}. ${split}` };
}

// ---- from findings to verdicts -------------------------------------------------------------------

const ALONE: Record<Level, Verdict> = { full: 'reproduced', partial: 'partly reproduced', none: 'not reproduced', unclear: 'inconclusive', absent: 'not measured' };

/**
 * The claim is the article's, so Python leads: its level gives the verdict, and a
 * Node analog that shows none of it turns a (partly) reproduced claim into
 * 'differs in Node'. Without Python rows the Node analog is judged alone.
 */
export function combine(python: Finding, node: Finding): Verdict {
  if (python.level === 'absent') return ALONE[node.level];
  if (python.level === 'full' || python.level === 'partial') return node.level === 'none' ? 'differs in Node' : ALONE[python.level];
  return ALONE[python.level];
}

function repsNote(ctx: Context): string {
  if (ctx.reps >= MIN_REPS) return '';
  return ` Some points here have ${ctx.reps <= 1 ? 'a single repetition' : `only ${ctx.reps} repetitions`}: too few to judge by.`;
}

function sideNote(ctx: Context, python: Finding, node: Finding): string {
  const notes: string[] = [repsNote(ctx).trim()].filter(Boolean);
  if (ctx.pythonMissing) notes.push('Python did not run here: judged on the Node analog alone.');
  else if (python.level === 'absent') notes.push('Python has no rows for this comparison: judged on the Node analog alone.');
  else if ((python.level === 'full' || python.level === 'partial') && (node.level === 'unclear' || node.level === 'absent')) {
    notes.push(`The Node analog is ${node.level === 'unclear' ? 'within the noise' : 'not measured'} here: judged on Python.`);
  }
  return notes.map((n) => ` ${n}`).join('');
}

const pct = percent(TOLERANCE);
/** The comparison rule every verdict uses, in words. */
const RULE = `More or less (time or peak memory): medians over ${pct} apart and interquartile ranges apart, with at least ${MIN_REPS} repetitions.`;
const CLAIMS_NOTE = 'Memory is the peak RSS of the client’s process tree while the requests run.';
const BASE_NOTE = 'Judged on the peak, as the article’s plots show the whole process’s memory; the growth over the base, beside it, separates what the imports cost (aiohttp’s, gevent’s) from what the requests cost.';

export function claimVerdicts(ctx: Context, claims: readonly { id: string; text: string }[]): ClaimVerdict[] {
  const text = (id: string) => claims.find((c) => c.id === id)?.text ?? id;
  const py = (strategy: string, c: number) => ctx.points.article(strategy, c);
  const node = (strategy: string, c: number) => nodeAt(ctx, strategy, c);
  const { low, high } = ctx;
  const pySeq = py(PY.sequential, 1);
  const nodeSeq = node(NODE.sequential, 1);
  const pyText = (f: Finding) => ctx.pythonMissing ?? f.text;

  const m1py = speedupFinding(pySeq, py(PY.threads, low), [PY.sequential, `${PY.threads} · ${low}`]);
  const m1node = speedupFinding(nodeSeq, node(NODE.eventLoop, low), [NODE.sequential, `${NODE.eventLoop} · ${low}`]);

  const m2py = sameSpeedFinding([[py(PY.threads, high), py(ctx.asyncio, high), py(PY.gevent, high)]], [`${PY.threads} · ${high}`, ctx.asyncio, PY.gevent]);
  const m2node = sameSpeedFinding(
    [[node(NODE.eventLoop, low), node(NODE.threads, low), node(NODE.processes, low)], [node(NODE.eventLoop, high), node(NODE.threads, high), node(NODE.processes, high)]],
    [NODE.eventLoop, NODE.threads, NODE.processes],
  );

  const m3py = threadMemoryFinding(pySeq, py(PY.threads, low), py(PY.threads, high), [PY.sequential, PY.threads]);
  const m3node = threadMemoryFinding(nodeSeq, node(NODE.threads, low), node(NODE.threads, high), [NODE.sequential, NODE.threads]);

  const m4py = similarFinding(py(PY.gevent, high), py(PY.threads, high), [PY.gevent, `${PY.threads} · ${high}`]);
  const m4node = similarFinding(node(NODE.eventLoop, high), node(NODE.threads, high), [`${NODE.eventLoop} · ${high}`, `${NODE.threads} · ${high}`]);

  const m5py = lowestFinding(py(ctx.asyncio, high), [py(PY.threads, low), py(PY.threads, high), py(PY.gevent, high)], pySeq, [ctx.asyncio, PY.threads, PY.gevent, PY.sequential]);
  const m5node = lowestFinding(node(NODE.eventLoop, high), [node(NODE.threads, low), node(NODE.threads, high), node(NODE.processes, low)], nodeSeq, [NODE.eventLoop, NODE.threads, NODE.processes, NODE.sequential]);
  const streamsNote = ctx.asyncio === PY.streams && !ctx.pythonMissing ? ' aiohttp did not run here, so plain asyncio streams stand in for it.' : '';

  return [
    {
      id: 'M1',
      claim: text('M1'),
      article: 'About 29 s sequential, about 17 s with 20 threads: 41 % less time (1.7×).',
      python: pyText(m1py),
      node: `Event loop with ${low} in flight (the thread pool’s concurrency): ${m1node.text}`,
      verdict: combine(m1py, m1node),
      basis: `Reproduced if ${low} threads (Node: the event loop with ${low} in flight) are faster than sequential and save at least ${percent(M1_SAVED)} of its time; partly if faster by less. ${RULE}${sideNote(ctx, m1py, m1node)}`,
    },
    {
      id: 'M2',
      claim: text('M2'),
      article: 'Threads, gevent and asyncio “negligibly” apart once parallel (no time per method given).',
      python: pyText(m2py),
      node: m2node.text,
      verdict: combine(m2py, m2node),
      basis: `Judged between methods at the same concurrency (Python: ${high} threads, asyncio and gevent at ${high} in flight; Node: the event loop, worker threads and child processes at ${low} and at ${high}). Reproduced if the slowest median is within ${percent(M2_NEGLIGIBLE)} of the fastest at every level, partly at some; not reproduced if it is slower beyond that by the comparison rule. Node's pools start before the clock. ${RULE}${sideNote(ctx, m2py, m2node)}`,
    },
    {
      id: 'M3',
      claim: text('M3'),
      article: 'Higher with 20 threads than sequential, “much higher” with 100 (plots, no figures).',
      python: pyText(m3py),
      node: `Worker threads: ${m3node.text}`,
      verdict: combine(m3py, m3node),
      basis: `Reproduced if ${low} threads peak higher than sequential and ${high} threads peak higher than ${low} by at least ${ratio(M3_MUCH)} (“much”); partly if only one holds. ${CLAIMS_NOTE} ${RULE}${sideNote(ctx, m3py, m3node)}`,
    },
    {
      id: 'M4',
      claim: text('M4'),
      article: '“Very similar to multithreading” (plot only).',
      python: pyText(m4py),
      node: `The event loop (gevent’s analog: one thread, many sockets) against worker threads: ${m4node.text}`,
      verdict: combine(m4py, m4node),
      basis: `Reproduced if gevent’s peak at ${high} in flight is within ${percent(M4_SIMILAR)} of ${high} threads’; not reproduced if it is more or less beyond that by the comparison rule. 'Differs in Node' if Python shows it and the event loop is not within ${percent(M4_SIMILAR)} of worker threads. ${CLAIMS_NOTE} ${RULE}${sideNote(ctx, m4py, m4node)}`,
    },
    {
      id: 'M5',
      claim: text('M5'),
      article: '“Significantly lower” than the other parallel methods, “very close” to sequential (plot only).',
      python: pyText(m5py) + streamsNote,
      node: `The event loop with all ${high} in flight: ${m5node.text}`,
      verdict: combine(m5py, m5node),
      basis: `Reproduced if ${ctx.asyncio === PY.streams ? 'asyncio (plain streams)' : 'asyncio with aiohttp'} peaks lower than ${low} and ${high} threads and gevent by the comparison rule, and within ${percent(M5_CLOSE)} of sequential; partly if only one of the two holds. ${CLAIMS_NOTE} ${BASE_NOTE} ${RULE}${sideNote(ctx, m5py, m5node)}`,
    },
  ];
}
