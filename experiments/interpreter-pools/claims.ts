// I1–I6 as data for lib's verdict engine (lib/verdicts/claim.ts). Each claim is
// checked load by load at the article's loads with the article's pool, on the
// article's Python (the python-* pools, CPython 3.14 where the run recorded
// one) and on the Node analog; each load is its own case (combine 'each').
// Node-only scaled loads, the points a profile ran fewer times on purpose and
// the CPython 3.11 pools run beside 3.14's are shown beside the checks, never judged.

import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { ratioInterval, type Interval } from '../../lib/stats/interval.ts';
import { CLASSIFY_DEFAULTS } from '../../lib/verdicts/classify.ts';
import { judgeClaim, measured, type Check, type Side } from '../../lib/verdicts/claim.ts';
import { NOISY } from '../../lib/report/context.ts';
import { estimate, type Unit } from '../../lib/verdicts/wording.ts';
import { valuesOf } from '../../lib/report/points.ts';
import { articleGil, correctedGil, seenShare } from './analysis.ts';
import { grid, judged, missingText, num, pointOf, pythonName, type Context, type PoolPoint } from './context.ts';
import { loadLabel } from './labels.ts';

/** I1: "about 0.25" is 1/workers within ±20 %. */
export const I1_BAND = 0.2;
/** I2: near-ideal parallelism is a corrected GIL efficiency above 0.9. */
export const I2_NEAR = 0.9;
/** I3: the article's count "loses" the pool's CPU when it sees under half of the whole tree's. */
export const I3_SEEN = 0.5;
/** I3: the pool runs in parallel when its corrected GIL efficiency is above 0.8. */
export const I3_PARALLEL = 0.8;
/** I4, I5: "as fast or faster" is a time ratio whose whole interval is below the noise band of "the same". */
export const NOT_SLOWER = 1 + CLASSIFY_DEFAULTS.tolerance;
/** I6: "noticeably more memory" is a peak above 1.2× the other model's. */
export const I6_MORE = 1.2;

const SHARE: Unit = { digits: 2 };
const list = (xs: readonly string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? ''));
const where = (p: PoolPoint, workloads: number) => (workloads > 1 ? `${p.workload} ${loadLabel(p.load)}` : loadLabel(p.load));

/** The points a check at `p` reads: p, and for a comparison the rivals' points at the same load. */
type Partners = (p: PoolPoint) => PoolPoint[];

/** The claim's points of one strategy: judged when every point its check reads is; the rest (scaled, cut repetitions) shown in a note. */
function pointsOf(ctx: Context, strategy: string, workloads: readonly string[], partners: Partners) {
  const all = workloads.flatMap((w) => grid(ctx, w, (p) => p.strategy === strategy));
  const ok = (p: PoolPoint) => [p, ...partners(p)].every((q) => judged(ctx, q));
  return { judged: all.filter(ok), shown: all.filter((p) => !ok(p)) };
}

/** "Shown, not judged: high 0.25 (one repetition: no interval) [Python threads: one repetition, cut by the profile]; …". */
function shownNote(ctx: Context, shown: readonly PoolPoint[], partners: Partners, text: (p: PoolPoint) => string): string {
  if (shown.length === 0) return '';
  const why = (p: PoolPoint) => {
    if (p.scale > 1) return 'a Node-only load';
    const cut = [p, ...partners(p)].find((q) => !judged(ctx, q)) ?? p;
    return `${strategyLabel(ctx.experiment, cut.strategy)}: ${cut.wall.n === 1 ? 'one repetition' : `${cut.wall.n} repetitions`}, cut by the profile (\`few_reps_points\`)`;
  };
  return `Shown, not judged: ${shown.map((p) => `${text(p)} [${why(p)}]`).join('; ')}.`;
}

interface SideSpec {
  strategy: string;
  workloads: readonly string[];
  check: (p: PoolPoint, workloads: number) => Check[];
  lead: string;
  shownText: (p: PoolPoint) => string;
  partners?: Partners;
  extraNote?: (judged: PoolPoint[]) => string;
}

/** A side measured point by point (one check or more per point), or absent when it has no point to judge. */
function side(ctx: Context, { strategy, workloads, check, lead, shownText, partners = () => [], extraNote }: SideSpec): Side {
  const { judged: points, shown } = pointsOf(ctx, strategy, workloads, partners);
  const checks = points.flatMap((p) => check(p, workloads.length));
  const note = [shownNote(ctx, shown, partners, shownText), extraNote?.(points) ?? ''].filter(Boolean).join(' ');
  const name = strategyLabel(ctx.experiment, strategy);
  // As lib's missingSide words it, with the strategy's label.
  if (checks.length === 0 && ctx.missing.get(strategy) === NOISY) return { kind: 'too-noisy', reason: `too noisy to judge: every trial of ${name} stayed disturbed` };
  if (checks.length === 0) return { kind: 'absent', reason: [`no ${name} points at the article’s ${list(workloads)} loads.`, note].filter(Boolean).join(' ') };
  return measured(checks, { combine: 'each', lead: `${nameOn(ctx, strategy)}, ${lead}:`, note });
}

/** "Python threads on CPython 3.14.10"; a Node strategy by its label. */
function nameOn(ctx: Context, strategy: string): string {
  const name = strategyLabel(ctx.experiment, strategy);
  const used = ctx.experiment.strategies.find((s) => s.name === strategy)?.runtime === 'python' ? ctx.pythonOf(strategy) : undefined;
  return used?.version ? `${name} on ${pythonName(used)}` : name;
}

/** Why the Python pool a claim reads did not run here: no Python at all, or not the one it asks for (CPython 3.14); null when it ran. */
function notRun(ctx: Context, strategy: string): string | null {
  if (ctx.pythonMissing) return ctx.pythonMissing;
  if (ctx.points.where(strategy).length > 0) return null;
  const used = ctx.pythonOf(strategy);
  return used.missing && !used.legacy ? `${strategyLabel(ctx.experiment, strategy)} did not run: ${missingText(used)}` : null;
}

/** Python's side: not run when the Python this claim needs did not run here (with what ran beside it, never judged). */
const python = (why: string | null, make: () => Side, beside = ''): Side => (why ? { kind: 'not-run', reason: [why, beside.replace(/\.$/, '').replace(/^B/, 'b')].filter(Boolean).join('; ') } : make());

/** The same pool on CPython 3.11 at the loads it ran, beside the article's: "Beside it, not judged: Python 3.11 threads on CPython 3.11.2, low 0.23 (…)." */
function beside(ctx: Context, strategy: string, text: (p: PoolPoint) => string): string {
  const points = grid(ctx, 'cpu', (p) => p.strategy === strategy && p.scale === 1);
  return points.length ? `Beside it, not judged: ${nameOn(ctx, strategy)}, ${points.map(text).join('; ')}.` : '';
}

// ---- I1, I2, I3: CPU shares on the cpu workload ----------------------------------------------

const i1Text = (p: PoolPoint) => `${loadLabel(p.load)} ${estimate(articleGil(p), SHARE)}`;
const i3Text = (ctx: Context) => (p: PoolPoint) => `${loadLabel(p.load)} sees ${estimate(seenShare(p), 'percent')}, corrected ${estimate(correctedGil(ctx, p), SHARE)}`;

function i1(ctx: Context, strategy: string, besideIt?: string): Side {
  const target = 1 / ctx.workers;
  const band = [target * (1 - I1_BAND), target * (1 + I1_BAND)] as const;
  return side(ctx, {
    strategy,
    workloads: ['cpu'],
    check: (p) => [{ label: loadLabel(p.load), estimate: articleGil(p), expect: { within: band }, unit: SHARE }],
    lead: 'the article’s GIL efficiency on cpu',
    shownText: i1Text,
    ...(besideIt ? { extraNote: () => beside(ctx, besideIt, i1Text) } : {}),
  });
}

function i2(ctx: Context, strategy: string): Side {
  return side(ctx, {
    strategy,
    workloads: ['cpu'],
    check: (p) => [{ label: loadLabel(p.load), estimate: correctedGil(ctx, p), expect: { above: I2_NEAR }, unit: SHARE }],
    lead: `corrected GIL efficiency on cpu (whole-tree CPU ÷ (wall × min(${ctx.workers}, ${ctx.cores} cores)))`,
    shownText: (p) => `${loadLabel(p.load)} ${estimate(correctedGil(ctx, p), SHARE)}`,
  });
}

function i3(ctx: Context, strategy: string, besideIt?: string): Side {
  return side(ctx, {
    strategy,
    workloads: ['cpu'],
    check: (p) => [
      { label: `${loadLabel(p.load)} share the article’s count sees`, estimate: seenShare(p), expect: { below: I3_SEEN }, unit: 'percent' },
      { label: `${loadLabel(p.load)} corrected GIL efficiency`, estimate: correctedGil(ctx, p), expect: { above: I3_PARALLEL }, unit: SHARE },
    ],
    lead: 'on cpu, CPU over the article’s window',
    shownText: i3Text(ctx),
    ...(besideIt ? { extraNote: () => beside(ctx, besideIt, i3Text(ctx)) } : {}),
  });
}

// ---- I4, I5, I6: one pool against another, load by load -----------------------------------------

type Measure = 'span' | 'rss';
const valuesFor = (p: PoolPoint, m: Measure) => valuesOf(p, (r) => num(m === 'span' ? r.span_ms : r.rss_peak_bytes));

/** a ÷ the rival at the same point (the largest-measure rival when several: the hardest comparison for "more", the easiest for "less"). */
function against(ctx: Context, a: PoolPoint, rivals: readonly string[], m: Measure, pick: 'largest' | 'smallest'): { rival: PoolPoint; ratio: Interval } | undefined {
  const found = rivals.map((s) => pointOf(ctx, s, a.workload, a.load)).filter((q): q is PoolPoint => q !== undefined);
  const ratios = found.map((q) => ({ rival: q, ratio: ratioInterval(valuesFor(a, m), valuesFor(q, m)) })).filter((x) => Number.isFinite(x.ratio.value));
  // The rival with the largest measure gives a the smallest ratio.
  return ratios.sort((x, y) => (pick === 'largest' ? x.ratio.value - y.ratio.value : y.ratio.value - x.ratio.value))[0];
}

interface PairSpec {
  rivals: readonly string[];
  workloads: readonly string[];
  measure: Measure;
  expect: Check['expect'];
  /** Which rival a point is checked against: the one with the largest measure, or the smallest. */
  pick: 'largest' | 'smallest';
  lead: string;
  extraNote?: (judged: PoolPoint[]) => string;
}

function pair(ctx: Context, strategy: string, { rivals, workloads, measure, expect, pick, lead, extraNote }: PairSpec): Side {
  const short = (q: PoolPoint) => strategyLabel(ctx.experiment, q.strategy).replace(/^(Python|Node) /, '');
  const versus = (p: PoolPoint) => against(ctx, p, rivals, measure, pick);
  return side(ctx, {
    strategy,
    workloads,
    check: (p, n) => {
      const r = versus(p);
      return r ? [{ label: `${where(p, n)} ÷ ${short(r.rival)}`, estimate: r.ratio, expect }] : [];
    },
    lead,
    shownText: (p) => {
      const r = versus(p);
      return r ? `${where(p, workloads.length)} ÷ ${short(r.rival)} ${estimate(r.ratio)}` : where(p, workloads.length);
    },
    partners: (p) => rivals.map((s) => pointOf(ctx, s, p.workload, p.load)).filter((q): q is PoolPoint => q !== undefined),
    ...(extraNote ? { extraNote } : {}),
  });
}

/** Work alone beside the article's window: where start-up decides the comparison. */
function workAlone(ctx: Context, rival: string) {
  return (points: PoolPoint[]) => {
    const parts = points.flatMap((p) => {
      const q = pointOf(ctx, rival, p.workload, p.load);
      return q ? [`${where(p, 2)} ${estimate(ratioInterval(p.walls, q.walls))}`] : [];
    });
    return parts.length ? `The work alone, start-up left out: ${parts.join('; ')}.` : '';
  };
}

// ---- the claims -----------------------------------------------------------------------------------

export function claimVerdicts(ctx: Context): ClaimVerdict[] {
  const text = (id: string) => ctx.experiment.claims.find((c) => c.id === id)?.text ?? id;
  // Not run, unless it ran and stayed disturbed throughout: then its side reads too noisy to judge.
  const interp = ctx.interpreters.ran || ctx.interpreters.noisy ? null : ctx.interpreters.reason;
  const pyRivals = ctx.interpreters.ran ? ['python-processes', 'python-interpreters'] : ['python-processes'];
  const pool = `${ctx.workers} workers, ${ctx.tasks} tasks, at each of the article’s loads`;
  const target = 1 / ctx.workers;
  const window = 'time over the article’s window (pool start-up, work and shutdown)';
  const i4 = { workloads: ['cpu', 'memory'], measure: 'span', expect: { below: NOT_SLOWER }, pick: 'largest' } as const;
  const i5 = { workloads: ['io', 'network'], measure: 'span', expect: { below: NOT_SLOWER }, pick: 'smallest', lead: `${window}, over the fastest other pool’s (tasks per second is its inverse)` } as const;
  const i6 = { workloads: ['cpu', 'memory', 'io', 'network'], measure: 'rss', expect: { above: I6_MORE }, pick: 'largest' } as const;
  const specs = [
    {
      id: 'I1',
      article: '“GIL efficiency” ~0.25 for 4 threads at every CPU load (Python 3.14, 8-core macOS).',
      full: `the article’s GIL efficiency (its CPU count ÷ (span × workers)) of the thread pool (Node: the event loop) is within ±${I1_BAND * 100} % of 1/workers = ${target.toFixed(2)} at every cpu load (${pool})`,
      partial: 'it is at some loads and not at others',
      python: python(notRun(ctx, 'python-threads'), () => i1(ctx, 'python-threads', 'python311-threads'), beside(ctx, 'python311-threads', i1Text)),
      node: i1(ctx, 'node-event-loop'),
    },
    {
      id: 'I2',
      article: '“GIL efficiency” ~0.99 for 4 interpreters on CPU work.',
      full: `the interpreter pool’s (Node: worker threads’) corrected GIL efficiency is above ${I2_NEAR.toFixed(2)} at every cpu load (${pool}); the article’s own form cannot exceed ${(Math.min(ctx.workers, ctx.cores) / ctx.workers).toFixed(2)} with ${ctx.workers} workers on ${ctx.cores} cores`,
      partial: 'it is at some loads and not at others',
      python: python(interp, () => i2(ctx, 'python-interpreters')),
      node: i2(ctx, 'node-worker-threads'),
    },
    {
      id: 'I3',
      article: 'Process pool parallel, its efficiency “artificially low” from the CPU accounting (no figure given).',
      full: `at every cpu load (${pool}) the article’s count (process + live children, over the span) sees under ${I3_SEEN * 100} % of the whole tree’s CPU on the same span while the process pool’s (Node: child processes’) corrected GIL efficiency is above ${I3_PARALLEL.toFixed(2)}`,
      partial: 'some of these hold and some fail',
      python: python(notRun(ctx, 'python-processes'), () => i3(ctx, 'python-processes', 'python311-processes'), beside(ctx, 'python311-processes', i3Text(ctx))),
      node: i3(ctx, 'node-child-processes'),
    },
    {
      id: 'I4',
      article: 'Interpreters slightly ahead of processes in most CPU and memory cases.',
      full: `the interpreter pool (Node: worker threads) is as fast as the process pool (Node: child processes) or faster at every cpu and memory load (${pool}): its ${window} over theirs below ${NOT_SLOWER.toFixed(2)}×`,
      partial: 'it is at some loads and slower at others',
      python: python(interp, () => pair(ctx, 'python-interpreters', { ...i4, rivals: ['python-processes'], lead: `${window}, over the process pool’s`, extraNote: workAlone(ctx, 'python-processes') })),
      node: pair(ctx, 'node-worker-threads', { ...i4, rivals: ['node-child-processes'], lead: `${window}, over child processes’`, extraNote: workAlone(ctx, 'node-child-processes') }),
    },
    {
      id: 'I5',
      article: 'Threads well ahead in tasks per second on file and network work.',
      full: `threads (Node: the event loop) give as many tasks per second as the fastest other pool or more at every io and network load (${pool}): their ${window} over the fastest other pool’s below ${NOT_SLOWER.toFixed(2)}×`,
      partial: 'they do at some loads and not at others',
      python: python(notRun(ctx, 'python-threads'), () => pair(ctx, 'python-threads', { ...i5, rivals: pyRivals })),
      node: pair(ctx, 'node-event-loop', { ...i5, rivals: ['node-worker-threads', 'node-child-processes'] }),
    },
    {
      id: 'I6',
      article: 'Processes use “noticeably” more memory (no figure given).',
      full: `the process pool’s peak RSS of the whole tree is above ${I6_MORE.toFixed(2)}× the other pool’s (Python: threads${ctx.interpreters.ran ? ' and interpreters' : ''}, the larger; Node: worker threads) at every workload and load (${pool})`,
      partial: 'it is at some and not at others',
      python: python(notRun(ctx, 'python-processes'), () => pair(ctx, 'python-processes', { ...i6, rivals: ctx.interpreters.ran ? ['python-threads', 'python-interpreters'] : ['python-threads'], lead: 'peak RSS of the whole tree over the other pool’s' })),
      node: pair(ctx, 'node-child-processes', { ...i6, rivals: ['node-worker-threads'], lead: 'peak RSS of the whole tree over worker threads’' }),
    },
  ];
  return specs.map((s) => judgeClaim({ ...s, claim: text(s.id) }));
}
