// Each workload's CPU share, the quantity that says what kind of work it is:
// the runtime's baseline (Node's event loop, Python's thread pool) running one
// task on one worker at the heaviest of the run's article levels — whole-tree
// CPU ÷ wall, in cores, with its 95 % interval (the plan gives that point
// `share_repetitions`). The report states it for every workload and the guide
// for every row; lib's rule (lib/report/guide.ts) names the kind it measured.

import type { Row } from '../../lib/data/schema.ts';
import { cpuShareOf, cpuShareText, measuredKindOf, measuredKindText, type CpuShare, type MeasuredKind, type WorkKind } from '../../lib/report/guide.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { parseLoad } from './context.ts';
import { loadLabel } from './labels.ts';
import { LEVELS } from './params.ts';
import { BASELINE } from './plan.ts';

/** The guide's kind of work for each workload, as the article names it (io is its file work), and the claim it concluded with. */
export const KINDS: Record<string, { kind: WorkKind; claim: string }> = {
  cpu: { kind: 'pure-js-cpu', claim: 'I4' },
  io: { kind: 'file-io', claim: 'I5' },
  disk: { kind: 'file-io', claim: 'I5' },
  network: { kind: 'network-io', claim: 'I5' },
  memory: { kind: 'memory-heavy', claim: 'I4' },
};

export const WHO = { node: 'Node’s event loop', python: 'Python’s thread pool' } as const;

export interface WorkloadShare {
  runtime: 'node' | 'python';
  workload: string;
  load: string;
  share: CpuShare | null;
  measured: MeasuredKind;
}

/** The heaviest article level at which the runtime's baseline ran one task on one worker. */
function shareLoad(rows: readonly Row[], runtime: 'node' | 'python', workload: string): string | undefined {
  const loads = new Set(rows.filter((r) => r.strategy === BASELINE[runtime] && r.workload === workload && r.workers === 1 && r.tasks === 1 && parseLoad(String(r.load)).scale === 1).map((r) => String(r.load)));
  return [...loads].sort((a, b) => LEVELS.indexOf(a as never) - LEVELS.indexOf(b as never)).at(-1);
}

/** A workload's CPU share in one runtime, from clean rows; undefined where its baseline's single task did not run. */
export function workloadShare(rows: readonly Row[], runtime: 'node' | 'python', workload: string, cores: number | null): WorkloadShare | undefined {
  const load = shareLoad(rows, runtime, workload);
  if (load === undefined) return undefined;
  const own = rows.filter((r) => r.strategy === BASELINE[runtime] && r.workload === workload && r.load === load && r.workers === 1 && r.tasks === 1);
  const share = cpuShareOf(own, `${WHO[runtime]}, one ${workload} task on one worker at load ${loadLabel(load)}`, cores);
  return { runtime, workload, load, share, measured: measuredKindOf(share?.cores) };
}

/** The measured kind in a lead's few words. */
const SHORT: Record<MeasuredKind, string> = { 'cpu-bound': 'CPU-bound', 'io-bound': 'IO-bound: it waits', between: 'part CPU, part waiting', undecided: 'too few trials, or too spread, to tell' };

/**
 * "keeps 1.00 (0.99–1.01) cores busy in Node’s event loop and 1.00 (0.99–1.00) in Python’s thread
 * pool: CPU-bound": a lead's words for one workload's shares (one kind when both measured the same).
 */
export function keepsBusy(shares: readonly WorkloadShare[]): string {
  const measured = shares.filter((s) => s.share);
  if (measured.length === 0) return 'recorded no CPU';
  const same = new Set(measured.map((s) => s.measured)).size === 1;
  const each = measured.map((s, i) => `${estimate(s.share!.cores, { digits: 2 })}${i === 0 ? ' cores busy' : ''} in ${WHO[s.runtime]}${same ? '' : ` (${SHORT[s.measured]})`}`);
  return `keeps ${each.join(' and ')}${same ? `: ${SHORT[measured[0]!.measured]}` : ''}`;
}

/**
 * The shares in full, for a section's text: where each was measured, in cores and of the machine, and
 * the kind it measured by the guide's rule ("Node’s event loop, one io task on one worker at load high:
 * 1.00 cores (0.99–1.01 cores), 50 % (…) of the 2 cores — CPU-bound after all (above 0.5 of a core)").
 */
export function shareDetails(shares: readonly WorkloadShare[]): string {
  const kind = (s: WorkloadShare) => measuredKindText(KINDS[s.workload]?.kind ?? 'file-io', s.measured, s.share);
  return shares.map((s) => (s.share ? `${s.share.where}: ${cpuShareText(s.share)} — ${kind(s)}` : `${WHO[s.runtime]}: ${kind(s)}`)).join('; ');
}

/** Both runtimes' shares of a workload, Node first; those whose baseline never ran one task are left out. */
export function sharesOf(rows: readonly Row[], workload: string, cores: number | null): WorkloadShare[] {
  return (['node', 'python'] as const).map((runtime) => workloadShare(rows, runtime, workload, cores)).filter((s): s is WorkloadShare => s !== undefined);
}
