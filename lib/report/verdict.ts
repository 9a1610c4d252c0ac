// How a claim's verdict follows from what each runtime shows. The claim is the
// article's, so the Python peer leads: its level gives the verdict, and a Node
// analog that shows none of it turns a (partly) reproduced claim into
// 'differs in Node'. Without Python rows the Node analog is judged alone.

import type { Verdict } from './doc.ts';
import { COMPARE_DEFAULTS } from '../stats/compare.ts';

/** How far a runtime shows a claim: all of it, part of it, none of it, can't tell, or not measured. */
export type Level = 'full' | 'partial' | 'none' | 'unclear' | 'absent';

export interface Finding {
  level: Level;
  /** What the rows show, for the claims table. */
  text: string;
}

const ALONE: Record<Level, Verdict> = { full: 'reproduced', partial: 'partly reproduced', none: 'not reproduced', unclear: 'inconclusive', absent: 'not measured' };

/** The verdict from one runtime's finding, for a claim only one side can show. */
export function judgeAlone(finding: Finding): Verdict {
  return ALONE[finding.level];
}

export function combine(python: Finding, node: Finding): Verdict {
  if (python.level === 'absent') return ALONE[node.level];
  if (python.level === 'full' || python.level === 'partial') return node.level === 'none' ? 'differs in Node' : ALONE[python.level];
  return ALONE[python.level];
}

export interface JudgingContext {
  /** The fewest repetitions of any measured point. */
  reps: number;
  /** Why the Python peers have no rows here, or null when they ran. */
  pythonMissing: string | null;
}

/** What a basis says when some point has too few repetitions for the comparison rule ('' otherwise). */
export function repsNote(ctx: Pick<JudgingContext, 'reps'>): string {
  if (ctx.reps >= COMPARE_DEFAULTS.minReps) return '';
  return ` Some points here have ${ctx.reps === 1 ? 'a single repetition' : `only ${ctx.reps} repetitions`}: too few to judge by.`;
}

/** What a claim's basis adds when a side could not be judged, or the run is too thin to judge. */
export function sideNote(ctx: JudgingContext, python: Finding, node: Finding): string {
  const notes: string[] = [repsNote(ctx).trim()].filter(Boolean);
  if (ctx.pythonMissing) notes.push('Python did not run here: judged on the Node analog alone.');
  else if (python.level === 'absent') notes.push('Python has no rows for this comparison: judged on the Node analog alone.');
  else if ((python.level === 'full' || python.level === 'partial') && (node.level === 'unclear' || node.level === 'absent')) {
    notes.push(`The Node analog is ${node.level === 'unclear' ? 'within the noise' : 'not measured'} here: judged on Python.`);
  } else if (python.level === 'unclear' && node.level !== 'unclear' && node.level !== 'absent') {
    // The article's claim is about Python, so a clear Node side cannot decide it; say what it shows.
    notes.push(`Python’s side is within the noise, so the claim stays undecided; the Node analog alone would read “${ALONE[node.level]}”.`);
  }
  return notes.map((n) => ` ${n}`).join('');
}
