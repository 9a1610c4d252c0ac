// Claims as data, judged in one voice. An experiment says, for each claim and
// each runtime, which quantities it compares (checks: an estimate with its
// interval and what the claim expects of it); this file classifies every
// check, turns them into a level per runtime, the two levels into the verdict,
// and writes the cells and the rule sentence. Python leads, because the claim
// is the article's: a Python system that did not run here gives "not run in
// Python", never "reproduced" on the Node analog alone.

import type { ClaimVerdict, Verdict } from '../report/doc.ts';
import type { Interval } from '../stats/interval.ts';
import { orderOf, outcomeOf, thresholdsOf, tooThin, type ClassifyOptions, type Expectation, type Order, type Outcome } from './classify.ts';
import { estimate as estimateText, versus, type Unit } from './wording.ts';

export interface Check {
  /** What is measured, short: "2 threads", "speed-up over the ideal", "bundle b". */
  label: string;
  estimate: Interval;
  expect: Expectation;
  /** How the estimate prints (order checks always print as "1.04× slower than …"). Default 'ratio'. */
  unit?: Unit;
  /** For an order check: what the estimate is a ratio against ("serial"). */
  baseline?: string;
  /** 'core' checks decide whether the claim shows at all; 'extra' ones decide all of it or part. Default 'core'. */
  role?: 'core' | 'extra';
}

export interface JudgedCheck extends Check {
  side: 'python' | 'node';
  outcome: Outcome;
  /** The class of the ratio, for order checks (the word the text uses). */
  order?: Order;
  /** The thresholds the interval is decided against. */
  thresholds: number[];
  /** True when the check is one the side's level rests on. */
  decisive: boolean;
  /** The check in words, as the cell shows it. */
  text: string;
}

export type Side =
  /** Measured here: the checks, how core checks combine, and words before and after them. */
  | { kind: 'measured'; checks: Check[]; combine?: 'all' | 'each'; lead?: string; note?: string }
  /** The system this side stands for did not run here (Python missing, no interpreter pool). */
  | { kind: 'not-run'; reason: string }
  /** The claim has nothing to run on this side (the article gives no code): judged on the other. */
  | { kind: 'not-applicable'; reason: string }
  /** It ran, but not the points this claim needs. */
  | { kind: 'absent'; reason: string }
  /** It ran, but every trial of a point it needs stayed disturbed: it cannot be judged. */
  | { kind: 'too-noisy'; reason: string };

export type Level = 'full' | 'partial' | 'none' | 'unclear' | 'absent';

export interface ClaimSpec {
  id: string;
  /** The claim paraphrased (the experiment's Claim.text). */
  claim: string;
  /** The article's own figure. */
  article: string;
  /** When the claim counts as reproduced, in words: "every thread count is slower than serial". */
  full: string;
  /** When it counts as partly reproduced (omit when there is no partial case). */
  partial?: string;
  python: Side;
  node: Side;
  /** Set when a side's result comes from a model rather than a measurement: what the model assumes. */
  modelled?: string;
}

export interface JudgeOptions extends ClassifyOptions {}

const ALONE: Record<Level, Verdict> = { full: 'reproduced', partial: 'partly reproduced', none: 'not reproduced', unclear: 'inconclusive', absent: 'not measured' };

function judgeCheck(c: Check, side: 'python' | 'node', options: JudgeOptions): Omit<JudgedCheck, 'decisive'> {
  const outcome = outcomeOf(c.estimate, c.expect, options);
  const thresholds = thresholdsOf(c.expect, options);
  if ('order' in c.expect) {
    return { ...c, side, outcome, thresholds, order: orderOf(c.estimate, options), text: `${c.label}: ${versus(c.estimate, c.baseline, options)}` };
  }
  const unit = c.unit ?? 'ratio';
  const need = 'above' in c.expect ? `> ${estimateText({ value: c.expect.above, lo: NaN, hi: NaN, n: 0 }, unit)}` : 'below' in c.expect ? `< ${estimateText({ value: c.expect.below, lo: NaN, hi: NaN, n: 0 }, unit)}` : `within ${estimateText({ value: c.expect.within[0], lo: NaN, hi: NaN, n: 0 }, unit)}–${estimateText({ value: c.expect.within[1], lo: NaN, hi: NaN, n: 0 }, unit)}`;
  const verdictWord = outcome === 'undecided' ? (tooThin(c.estimate, options) ? 'too few repetitions' : 'undecided') : outcome;
  return { ...c, side, outcome, thresholds, text: `${c.label}: ${estimateText(c.estimate, unit)}, needs ${need}: ${verdictWord}` };
}

/** A side's level from its checks, and which checks it rests on. */
export function levelOf(side: Side, name: 'python' | 'node', options: JudgeOptions = {}): { level: Level; checks: JudgedCheck[] } {
  if (side.kind === 'too-noisy') return { level: 'unclear', checks: [] };
  if (side.kind !== 'measured' || side.checks.length === 0) return { level: 'absent', checks: [] };
  const judged = side.checks.map((c) => judgeCheck(c, name, options));
  const core = judged.filter((c) => (c.role ?? 'core') === 'core');
  const extra = judged.filter((c) => c.role === 'extra');
  const is = (o: Outcome) => (c: { outcome: Outcome }) => c.outcome === o;
  let level: Level;
  let decisive: (c: (typeof judged)[number]) => boolean;
  if (side.combine === 'each') {
    // Each core check is one case (a bundle, a load): all hold, all fail, or some of each.
    if (core.some(is('undecided'))) [level, decisive] = ['unclear', is('undecided')];
    else if (core.every(is('fails'))) [level, decisive] = ['none', () => true];
    else if (core.some(is('fails'))) [level, decisive] = ['partial', (c) => core.includes(c)];
    else [level, decisive] = extraLevel(extra, core);
  } else if (core.some(is('fails'))) [level, decisive] = ['none', (c) => core.includes(c) && c.outcome === 'fails'];
  else if (core.some(is('undecided'))) [level, decisive] = ['unclear', (c) => c.outcome === 'undecided' && core.includes(c)];
  else [level, decisive] = extraLevel(extra, core);
  return { level, checks: judged.map((c) => ({ ...c, decisive: decisive(c) })) };
}

type Decider = (c: Omit<JudgedCheck, 'decisive'>) => boolean;

function extraLevel(extra: Omit<JudgedCheck, 'decisive'>[], core: Omit<JudgedCheck, 'decisive'>[]): [Level, Decider] {
  // Every core check holds: the extras decide all of it or part.
  if (extra.some((c) => c.outcome === 'undecided')) return ['unclear', (c) => c.outcome === 'undecided'];
  if (extra.some((c) => c.outcome === 'fails')) return ['partial', (c) => core.includes(c) || c.outcome === 'fails'];
  return ['full', () => true];
}

function verdictOf(python: Side, py: Level, node: Side, nd: Level): Verdict {
  if (python.kind === 'not-run') return 'not run in Python';
  if (python.kind === 'not-applicable') return node.kind === 'not-run' ? 'not measured' : ALONE[nd];
  if (python.kind === 'absent') return 'not measured';
  if (python.kind === 'too-noisy') return 'inconclusive';
  if (py === 'full' || py === 'partial') return nd === 'none' ? 'differs in Node' : ALONE[py];
  return ALONE[py];
}

function sideText(side: Side, checks: JudgedCheck[]): string {
  if (side.kind !== 'measured') return side.reason;
  const body = checks.map((c) => c.text).join('; ');
  return [side.lead, body ? `${body}.` : '', side.note].filter(Boolean).join(' ');
}

/** The compact cell: what the side shows, then the check it rests on (its estimate and interval), and how many more. */
function shortText(side: Side, level: Level, checks: JudgedCheck[], options: JudgeOptions): string {
  if (side.kind !== 'measured') return side.reason.split(/(?<=[.;])\s/)[0]!.replace(/[.;]$/, '');
  if (checks.length === 0) return levelWords[level];
  const lead = checks.find((c) => c.decisive) ?? checks[0]!;
  const figure = 'order' in lead.expect ? versus(lead.estimate, lead.baseline, options) : estimateText(lead.estimate, lead.unit ?? 'ratio');
  const more = checks.length > 1 ? ` (+${checks.length - 1} more)` : '';
  return `${SHORT_LEVEL[level]} · ${lead.label}: ${figure}${more}`;
}

const SHORT_LEVEL: Record<Level, string> = { full: 'Shows it', partial: 'Shows part', none: 'Does not show it', unclear: 'Undecided', absent: 'Not measured' };

const levelWords: Record<Level, string> = { full: 'shows it', partial: 'shows part of it', none: 'does not show it', unclear: 'cannot tell yet', absent: 'was not measured' };

/** What would decide an undecided claim: the checks that straddle, with their intervals. */
function decideNote(checks: JudgedCheck[], options: JudgeOptions): string {
  const open = checks.filter((c) => c.decisive && c.outcome === 'undecided');
  if (open.length === 0) return '';
  const thin = open.filter((c) => tooThin(c.estimate, options));
  const straddle = open.filter((c) => !tooThin(c.estimate, options));
  const parts: string[] = [];
  if (straddle.length) {
    // The checks as their cells word them, so the bounds read the same way round (a "faster" ratio inverted).
    const list = straddle.map((c) => `${c.side === 'python' ? 'Python' : 'Node'} ${c.text}`).join('; ');
    parts.push(`Undecided: ${list}. ${straddle.length === 1 ? 'Its interval straddles its threshold' : 'Their intervals straddle their thresholds'}; more repetitions of those points would decide it.`);
  }
  if (thin.length) parts.push(`${thin.map((c) => `${c.side === 'python' ? 'Python' : 'Node'} ${c.label}`).join('; ')}: too few clean repetitions to judge.`);
  return parts.join(' ');
}

/** The claims table row: verdict, cells and rule sentence, all computed from the spec. */
export function judgeClaim(spec: ClaimSpec, options: JudgeOptions = {}): ClaimVerdict {
  const py = levelOf(spec.python, 'python', options);
  const nd = levelOf(spec.node, 'node', options);
  const verdict = verdictOf(spec.python, py.level, spec.node, nd.level);
  const rule = `Reproduced when ${spec.full}${spec.partial ? `; partly when ${spec.partial}` : ''}.`;
  const notes: string[] = [];
  if (spec.python.kind === 'not-run') notes.push(`Python: ${spec.python.reason}; the Node analog ${levelWords[nd.level]}, for what it is worth beside it.`);
  else if (spec.python.kind === 'not-applicable') notes.push(`Judged on Node alone: ${spec.python.reason}`);
  else if ((py.level === 'full' || py.level === 'partial') && (nd.level === 'unclear' || nd.level === 'absent')) notes.push(`The Node analog ${levelWords[nd.level]}: judged on Python.`);
  else if (py.level === 'unclear' && nd.level !== 'unclear' && nd.level !== 'absent') notes.push(`Python cannot tell yet, so the claim stays undecided; the Node analog alone ${levelWords[nd.level]}.`);
  // A check is decisive only on the side the verdict rests on: Python leads, and Node decides only
  // when it is judged alone or turns a Python result into 'differs in Node'.
  const nodeDecides = spec.python.kind === 'not-applicable' || verdict === 'differs in Node';
  const pythonDecides = spec.python.kind === 'measured';
  const checks = [...py.checks.map((c) => (pythonDecides ? c : { ...c, decisive: false })), ...nd.checks.map((c) => (nodeDecides ? c : { ...c, decisive: false }))];
  if (verdict === 'inconclusive') notes.push(decideNote(checks, options));
  if (spec.modelled) notes.push(`Modelled, not measured end to end: ${spec.modelled}`);
  return {
    id: spec.id,
    claim: spec.claim,
    article: spec.article,
    python: sideText(spec.python, py.checks),
    node: sideText(spec.node, nd.checks),
    verdict,
    basis: [rule, ...notes].filter(Boolean).join(' '),
    levels: { python: spec.python.kind === 'measured' ? py.level : spec.python.kind, node: spec.node.kind === 'measured' ? nd.level : spec.node.kind },
    checks,
    short: { python: shortText(spec.python, py.level, py.checks, options), node: shortText(spec.node, nd.level, nd.checks, options) },
    ...(spec.modelled ? { modelled: spec.modelled } : {}),
  };
}

/** A measured side from checks (the common case), with optional words around them. */
export function measured(checks: (Check | undefined | null | false)[], extra: { combine?: 'all' | 'each'; lead?: string; note?: string } = {}): Side {
  return { kind: 'measured', checks: checks.filter((c): c is Check => Boolean(c)), ...extra };
}
