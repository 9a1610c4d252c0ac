// M1–M5 as data: for each claim and runtime, the quantities compared (each a
// ratio with its 95 % interval) and what the claim expects of them. lib judges
// them (lib/verdicts/claim.ts); this file only chooses the points.

import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { bytes } from '../../lib/report/format.ts';
import { speedup, timeRatio } from '../../lib/report/points.ts';
import { ratioInterval, type Interval } from '../../lib/stats/interval.ts';
import { CLASSIFY_DEFAULTS } from '../../lib/verdicts/classify.ts';
import { missingSide } from '../../lib/report/context.ts';
import { judgeClaim, measured, type Check, type Side } from '../../lib/verdicts/claim.ts';
import { versus } from '../../lib/verdicts/wording.ts';
import { articleAt, med, NODE, PY, reached, sweepOf, type Context, type MemPoint } from './context.ts';
import { memoryVersus, pointLabel } from './labels.ts';
import { maxInterval, spreadInterval } from './spread.ts';

/** M1: "about 40 %": the article's 29 s → 17 s saved 41 % of the time; this much counts as "as large". */
export const M1_SAVED = 0.35;
/** M2: the slowest parallel method under this much slower than the fastest is "negligibly" apart. */
export const M2_NEGLIGIBLE = 0.1;
/** M3: "much more": the larger thread pool's peak above this multiple of the smaller one's. */
export const M3_MUCH = 1.1;
/** M4: gevent's peak within ± this of the threads' is "very similar". */
export const M4_SIMILAR = 0.15;
/** M5: asyncio's peak within ± this of the sequential script's is "very close". */
export const M5_CLOSE = 0.15;
/** "More" or "less" memory: the whole interval beyond the band lib's classification calls the same. */
const MORE = 1 + CLASSIFY_DEFAULTS.tolerance;

/** A check's label without the runtime, which the cell (and lib's notes) already name: "threads · 100 over 20". */
const short = (p: MemPoint) => pointLabel(p).replace(/^(Node|Python) /, '');
const present = (points: (MemPoint | undefined)[]) => points.filter((p): p is MemPoint => p !== undefined);
const peakRatio = (a: MemPoint, b: MemPoint): Interval => ratioInterval(a.peaks, b.peaks);

/** A side whose points may be missing: Python not run (or the module skipped), points absent, or the checks. */
function side(ctx: Context, runtime: 'python' | 'node', needed: Record<string, MemPoint | undefined>, build: () => Side): Side {
  if (runtime === 'python' && ctx.pythonMissing) return { kind: 'not-run', reason: ctx.pythonMissing };
  const lacking = Object.entries(needed).filter(([, p]) => !p);
  if (lacking.length === 0) return build();
  const names = lacking.map(([n]) => n).join(', ');
  const strategies = [...new Set(lacking.map(([n]) => n.split(' · ')[0]!))];
  const skipped = strategies.map((s) => ctx.missing.get(s)).find((why) => why?.startsWith('skipped'));
  if (runtime === 'python' && skipped) return { kind: 'not-run', reason: `${names} ${skipped}` };
  return missingSide(ctx, strategies, `no clean rows for ${names}`);
}

// ---- M1: parallel saves about 40 % of the time ------------------------------------------

function m1(ctx: Context, runtime: 'python' | 'node', seq: MemPoint | undefined, par: MemPoint | undefined, names: [string, string], lead: string): Side {
  return side(ctx, runtime, { [names[0]]: seq, [`${names[1]} · ${ctx.low}`]: par }, () => {
    const s = speedup(seq!, par!);
    // The share of the sequential time saved, 1 − 1/speed-up: monotone, so its bounds are the speed-up's.
    const saved: Interval = { value: 1 - 1 / s.value, lo: 1 - 1 / s.lo, hi: 1 - 1 / s.hi, n: s.n };
    return measured(
      [
        { label: short(par!), estimate: timeRatio(par!, seq!), expect: { order: 'faster' }, baseline: 'sequential' },
        { label: 'time saved', estimate: saved, expect: { above: M1_SAVED }, unit: 'percent', role: 'extra' },
      ],
      { lead, note: `(${ctx.cores} cores: the requests wait on the network, so the waits overlap beyond the core count.)` },
    );
  });
}

// ---- M2: once parallel, the methods are negligibly apart --------------------------------------

/** One check per group of methods at one level: the slowest over the fastest, bounded over every pair. */
function spreadCheck(group: MemPoint[], label: string): { check: Check; words: string } {
  const fastest = group.reduce((a, b) => (ratioInterval(b.walls, a.walls).value < 1 ? b : a));
  const words = group
    .filter((p) => p !== fastest)
    .map((p) => `${pointLabel(p)}: ${versus(timeRatio(p, fastest), pointLabel(fastest))}`)
    .join(', ');
  return { check: { label, estimate: spreadInterval(group.map((p) => p.walls)), expect: { below: 1 + M2_NEGLIGIBLE } }, words };
}

function m2(ctx: Context, groups: { level: number; points: (MemPoint | undefined)[] }[], runtime: 'python' | 'node', strategies: string[]): Side {
  const judged = groups.map((g) => ({ level: g.level, points: present(g.points) })).filter((g) => g.points.length >= 2);
  if (runtime === 'python' && ctx.pythonMissing) return { kind: 'not-run', reason: ctx.pythonMissing };
  if (judged.length === 0) return missingSide(ctx, strategies, 'fewer than two parallel methods at one level');
  const checks = judged.map((g) => spreadCheck(g.points, `slowest over fastest at ${g.level}`));
  return measured(
    checks.map((c) => c.check),
    { combine: 'each', note: `${checks.map((c) => c.words).join('; ')}.` },
  );
}

// ---- M3: threads cost more than sequential, 100 much more than 20 ---------------------------------

function m3(ctx: Context, runtime: 'python' | 'node', seq: MemPoint | undefined, low: MemPoint | undefined, high: MemPoint | undefined, what: string): Side {
  return side(ctx, runtime, { [runtime === 'python' ? PY.sequential : NODE.sequential]: seq, [`${what} · ${ctx.low}`]: low, [`${what} · ${ctx.high}`]: high }, () =>
    measured(
      [
        { label: `${short(low!)} over sequential`, estimate: peakRatio(low!, seq!), expect: { above: MORE } },
        { label: `${short(high!)} over ${ctx.low}`, estimate: peakRatio(high!, low!), expect: { above: M3_MUCH } },
      ],
      { combine: 'each', lead: `Peak RSS ${bytes(seq!.peak.median)} sequential, ${bytes(low!.peak.median)} at ${ctx.low}, ${bytes(high!.peak.median)} at ${ctx.high} (medians).` },
    ),
  );
}

// ---- M4: gevent (or its analog) about as much memory as threads ------------------------------------

/** The highest sweep level both strategies reached, with b's peak over a's there. */
export function atEqualConcurrency(ctx: Context, a: string, b: string): { level: number; ratio: Interval } | undefined {
  const mine = new Map(sweepOf(ctx, a).filter(reached).map((p) => [p.concurrency, p]));
  const both = sweepOf(ctx, b).filter((p) => reached(p) && mine.has(p.concurrency));
  const top = both.at(-1);
  return top ? { level: top.concurrency, ratio: peakRatio(top, mine.get(top.concurrency)!) } : undefined;
}

function m4(ctx: Context, runtime: 'python' | 'node', a: MemPoint | undefined, b: MemPoint | undefined, names: [string, string]): Side {
  return side(ctx, runtime, { [names[0]]: a, [names[1]]: b }, () => {
    const equal = !reached(b!) || !reached(a!) ? atEqualConcurrency(ctx, a!.strategy, b!.strategy) : undefined;
    const note = equal ? `At equal concurrency (the sweep’s ${equal.level}, reached by both) ${b!.label} take ${memoryVersus(equal.ratio, a!.label)}.` : undefined;
    return measured([{ label: `${short(a!)} over ${short(b!)}, peak`, estimate: peakRatio(a!, b!), expect: { within: [1 / (1 + M4_SIMILAR), 1 + M4_SIMILAR] } }], { note });
  });
}

// ---- M5: asyncio (or the event loop) lowest of the parallel methods, near sequential ------------------

/** What a point added to its own base while the requests ran: the requests' cost, without the imports'. */
const growth = (p: MemPoint) => p.peak.median - med(p, 'rss_base_bytes');

function m5(ctx: Context, runtime: 'python' | 'node', coroutine: MemPoint | undefined, others: (MemPoint | undefined)[], seq: MemPoint | undefined, name: string): Side {
  const rivals = present(others);
  const seqName = runtime === 'python' ? PY.sequential : NODE.sequential;
  return side(ctx, runtime, { [name]: coroutine, [seqName]: seq, 'other parallel methods': rivals[0] }, () => {
    const c = coroutine!;
    const byRival = rivals.map((r) => ({ r, ratio: peakRatio(c, r) }));
    const leanest = byRival.reduce((a, b) => (b.ratio.value > a.ratio.value ? b : a)).r;
    const split = `Judged on the peak, as the article’s plots show the whole process; the growth over the base separates what the imports cost from what the requests cost. Before the first request it held ${bytes(med(c, 'rss_base_bytes'))}, the sequential script ${bytes(med(seq!, 'rss_base_bytes'))}; while the requests ran it grew ${bytes(growth(c))} over that base, against ${rivals.map((r) => `${bytes(growth(r))} for ${pointLabel(r)}`).join(', ')} (medians).`;
    const streams = runtime === 'python' && c.strategy === PY.streams ? ' aiohttp did not run here, so plain asyncio streams stand in for it.' : '';
    return measured(
      [
        { label: `${short(c)} over the leanest other parallel method (${short(leanest)}), peak`, estimate: maxInterval(byRival.map((x) => x.ratio)), expect: { below: 1 / MORE } },
        { label: `${short(c)} over sequential, peak`, estimate: peakRatio(c, seq!), expect: { within: [1 / (1 + M5_CLOSE), 1 + M5_CLOSE] } },
      ],
      { combine: 'each', note: split + streams },
    );
  });
}

// ---- the claims ----------------------------------------------------------------------------------------

export function claimVerdicts(ctx: Context, claims: readonly { id: string; text: string }[]): ClaimVerdict[] {
  const text = (id: string) => claims.find((c) => c.id === id)?.text ?? id;
  const py = (s: string, c: number) => articleAt(ctx, s, c);
  const node = py;
  const { low, high } = ctx;
  const pySeq = py(PY.sequential, 1);
  const nodeSeq = node(NODE.sequential, 1);
  const asyncioName = ctx.asyncio === PY.streams ? 'asyncio (plain streams)' : 'asyncio with aiohttp';
  return [
    judgeClaim({
      id: 'M1',
      claim: text('M1'),
      article: 'About 29 s sequential, about 17 s with 20 threads: 41 % less time (1.7×).',
      full: `${low} threads (Node: the event loop with ${low} in flight) are faster than sequential and save more than ${Math.round(M1_SAVED * 100)} % of its time`,
      partial: 'they are faster but save less',
      python: m1(ctx, 'python', pySeq, py(PY.threads, low), [PY.sequential, PY.threads], ''),
      node: m1(ctx, 'node', nodeSeq, node(NODE.eventLoop, low), [NODE.sequential, NODE.eventLoop], `The event loop with ${low} in flight (the thread pool’s concurrency), \`${ctx.client}\`.`),
    }),
    judgeClaim({
      id: 'M2',
      claim: text('M2'),
      article: 'Threads, gevent and asyncio “negligibly” apart once parallel (no time per method given).',
      full: `at each level the slowest parallel method is under ${Math.round(M2_NEGLIGIBLE * 100)} % slower than the fastest (Python: ${high} threads, gevent and asyncio at ${high}; Node: the event loop, worker threads and child processes at ${low} and at ${high}, pools started before the clock)`,
      partial: 'that holds at some levels and not at others',
      python: m2(ctx, [{ level: high, points: [py(PY.threads, high), py(ctx.asyncio, high), py(PY.gevent, high)] }], 'python', [PY.threads, ctx.asyncio, PY.gevent]),
      node: m2(ctx, [low, high].map((level) => ({ level, points: [node(NODE.eventLoop, level), node(NODE.threads, level), node(NODE.processes, level)] })), 'node', [NODE.eventLoop, NODE.threads, NODE.processes]),
    }),
    judgeClaim({
      id: 'M3',
      claim: text('M3'),
      article: 'Higher with 20 threads than sequential, “much higher” with 100 (plots, no figures).',
      full: `${low} threads peak above sequential (beyond ±${Math.round(CLASSIFY_DEFAULTS.tolerance * 100)} %) and ${high} threads above ${M3_MUCH.toFixed(2)}× ${low} threads (“much”)`,
      partial: 'only one of the two holds',
      python: m3(ctx, 'python', pySeq, py(PY.threads, low), py(PY.threads, high), PY.threads),
      node: m3(ctx, 'node', nodeSeq, node(NODE.threads, low), node(NODE.threads, high), NODE.threads),
    }),
    judgeClaim({
      id: 'M4',
      claim: text('M4'),
      article: '“Very similar to multithreading” (plot only).',
      full: `gevent’s peak at ${high} in flight is within ±${Math.round(M4_SIMILAR * 100)} % of ${high} threads’ (Node: the event loop, gevent’s analog of one thread with many sockets, against worker threads)`,
      python: m4(ctx, 'python', py(PY.gevent, high), py(PY.threads, high), [PY.gevent, PY.threads]),
      node: m4(ctx, 'node', node(NODE.eventLoop, high), node(NODE.threads, high), [NODE.eventLoop, NODE.threads]),
    }),
    judgeClaim({
      id: 'M5',
      claim: text('M5'),
      article: '“Significantly lower” than the other parallel methods, “very close” to sequential (plot only).',
      full: `${asyncioName} (Node: the event loop) peaks below every other parallel method (beyond ±${Math.round(CLASSIFY_DEFAULTS.tolerance * 100)} %) and within ±${Math.round(M5_CLOSE * 100)} % of sequential`,
      partial: 'only one of the two holds',
      python: m5(ctx, 'python', py(ctx.asyncio, high), [py(PY.threads, low), py(PY.threads, high), py(PY.gevent, high)], pySeq, ctx.asyncio),
      node: m5(ctx, 'node', node(NODE.eventLoop, high), [node(NODE.threads, low), node(NODE.threads, high), node(NODE.processes, low)], nodeSeq, NODE.eventLoop),
    }),
  ];
}
