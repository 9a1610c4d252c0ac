// "Across machines": when a data folder holds runs from several machines, every
// claim's verdict on each machine with the intervals it rests on (disagreements
// marked, runs that are not like for like said so), the guide entries computed
// per machine side by side, and an overlay of speed-up against workers (one line
// per machine, its ideal min(workers, cores) dashed). Made in lib from each
// machine's own report and guide, so no report.ts needs to know. Pure.

import * as Plot from '@observablehq/plot';
import type { Params } from '../experiment/types.ts';
import type { Block, ClaimVerdict, Section, Verdict } from './doc.ts';
import { WORK_KINDS, type GuideEntry } from './guide.ts';

export const ACROSS_ID = 'across-machines';

export interface MachineGuide {
  machineId: string;
  cpu: string;
  cores: number;
  profile: string;
  /** The run's git commit and start date: machines may have run different versions of the experiment. */
  commit?: string | null;
  date?: string;
  entries: GuideEntry[];
  /** The machine's own verdicts, from its own rows. */
  claims?: ClaimVerdict[];
  /** The run's parameters: two runs with different plans are not like for like. */
  params?: Params;
}

/** Verdicts that assert opposite things about the same claim. */
const POSITIVE: readonly Verdict[] = ['reproduced', 'partly reproduced'];
const NEGATIVE: readonly Verdict[] = ['not reproduced'];
const DECIDED: readonly Verdict[] = ['reproduced', 'partly reproduced', 'not reproduced', 'differs in Node'];

/** How a claim's verdicts on several machines relate. */
export function agreement(verdicts: readonly (Verdict | undefined)[]): 'agree' | 'opposite' | 'one undecided' | 'differ' {
  const v = verdicts.filter((x): x is Verdict => x !== undefined);
  if (new Set(v).size <= 1) return 'agree';
  if (v.some((x) => POSITIVE.includes(x)) && v.some((x) => NEGATIVE.includes(x))) return 'opposite';
  if (v.some((x) => DECIDED.includes(x)) && v.some((x) => !DECIDED.includes(x))) return 'one undecided';
  return 'differ';
}

/** "reproduced: Node 2 threads 1.04× (1.01–1.07)": the verdict and the decisive intervals, short. */
function verdictCell(c: ClaimVerdict | undefined): string | null {
  if (!c) return null;
  const decisive = (c.checks ?? []).filter((k) => k.decisive).slice(0, 2);
  // Worded as the claims table words them, so a "faster" ratio reads the same way round.
  const parts = decisive.map((k) => `${k.side === 'python' ? 'Python' : 'Node'} ${k.text}`);
  return `**${c.verdict}**${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** What differs between the runs beside the hardware: commit, profile, parameters. */
export function likeForLike(machines: readonly MachineGuide[]): string[] {
  const out: string[] = [];
  const distinct = (f: (m: MachineGuide) => string) => new Set(machines.map(f)).size > 1;
  if (distinct((m) => m.commit ?? '')) out.push(`different commits (${machines.map((m) => `\`${m.machineId}\` ${m.commit ? m.commit.slice(0, 7) : 'unknown'}`).join(', ')})`);
  if (distinct((m) => m.profile)) out.push(`different profiles (${machines.map((m) => `${m.machineId}: ${m.profile}`).join(', ')})`);
  const keys = [...new Set(machines.flatMap((m) => Object.keys(m.params ?? {})))].sort();
  const differing = keys.filter((k) => distinct((m) => JSON.stringify(m.params?.[k] ?? null)));
  if (differing.length) out.push(`different parameters: ${differing.map((k) => `\`${k}\``).join(', ')}`);
  return out;
}

function verdictBlocks(machines: readonly MachineGuide[]): Block[] {
  const ids = [...new Set(machines.flatMap((m) => (m.claims ?? []).map((c) => c.id)))];
  if (ids.length === 0) return [];
  const rows = ids.map((id) => {
    const per = machines.map((m) => m.claims?.find((c) => c.id === id));
    const a = agreement(per.map((c) => c?.verdict));
    return { id, agreement: a === 'agree' ? 'same' : a, ...Object.fromEntries(machines.map((m, i) => [`m${i}`, verdictCell(per[i])])) };
  });
  const counts = (a: string) => rows.filter((r) => r.agreement === a).length;
  const unlike = likeForLike(machines);
  const summary = `${rows.length} claims: ${counts('same')} with the same verdict on every machine${counts('one undecided') ? `, ${counts('one undecided')} decided on one and undecided on another` : ''}${counts('differ') ? `, ${counts('differ')} with different verdicts` : ''}${counts('opposite') ? `, **${counts('opposite')} with opposite verdicts** (reproduced on one machine, not reproduced on another)` : ''}.`;
  const caveat = unlike.length ? ` The runs are not like for like: ${unlike.join('; ')}; a difference may come from the code or the plan as well as the hardware.` : ' The runs are like for like: same commit, profile and parameters.';
  return [
    { kind: 'markdown', text: `${summary}${caveat}` },
    {
      kind: 'table',
      table: {
        id: `${ACROSS_ID}-verdicts`,
        title: 'Verdicts per machine',
        caption: 'Each machine’s verdict from its own rows, with the intervals its decisive checks rest on.',
        columns: [{ key: 'id', label: 'Claim' }, ...machines.map((m, i) => ({ key: `m${i}`, label: `${m.machineId} (${m.cores} cores)` })), { key: 'agreement', label: 'Across machines' }],
        rows,
      },
    },
  ];
}

const runOf = (m: MachineGuide) => [`${m.profile} profile`, m.commit ? `commit ${m.commit.slice(0, 7)}` : '', m.date ?? ''].filter(Boolean).join(', ');

const kindLabel = (kind: GuideEntry['kind']) => WORK_KINDS.find((k) => k.kind === kind)?.label ?? kind;

// The same row on two machines: same kind, runtime and supporting figure (the nth such).
function keyed(entries: readonly GuideEntry[]): Map<string, GuideEntry> {
  const out = new Map<string, GuideEntry>();
  for (const e of entries) {
    const base = `${e.runtime}|${e.kind}|${e.figure}`;
    let n = 0;
    while (out.has(`${base}|${n}`)) n++;
    out.set(`${base}|${n}`, e);
  }
  return out;
}

function overlay(id: string, title: string, series: { machine: string; cores: number; points: { workers: number; speedup: number }[] }[]): Block {
  const measured = series.flatMap((s) => s.points.map((p) => ({ machine: s.machine, workers: p.workers, speedup: p.speedup })));
  const ideal = series.flatMap((s) => s.points.map((p) => ({ machine: s.machine, workers: p.workers, speedup: Math.min(p.workers, s.cores) })));
  return {
    kind: 'figure',
    figure: {
      id,
      title,
      caption: `Speed-up against workers on each machine (solid), and each machine’s ideal, min(workers, cores) (dashed): ${series.map((s) => `\`${s.machine}\` has ${s.cores} cores`).join(', ')}.`,
      plot: {
        height: 320,
        color: { legend: true, domain: series.map((s) => s.machine) },
        x: { label: 'workers', type: 'log', base: 2, ticks: [...new Set(measured.map((d) => d.workers))] },
        y: { label: 'speed-up', grid: true, zero: true },
        marks: [
          Plot.line(ideal, { x: 'workers', y: 'speedup', stroke: 'machine', strokeDasharray: '4 4', strokeOpacity: 0.7 }),
          Plot.line(measured, { x: 'workers', y: 'speedup', stroke: 'machine', strokeWidth: 2 }),
          Plot.dot(measured, { x: 'workers', y: 'speedup', fill: 'machine', r: 3 }),
        ],
      },
    },
  };
}

/** The section, or null when fewer than two machines have guide entries. */
export function acrossMachinesSection(machines: readonly MachineGuide[]): Section | null {
  if (machines.length < 2) return null;
  const perMachine = machines.map((m) => keyed(m.entries));
  const keys = [...new Set(perMachine.flatMap((m) => [...m.keys()]))];
  const first = (key: string) => perMachine.map((m) => m.get(key)).find((e) => e)!;
  const cell = (e: GuideEntry | undefined) => (e ? `\`${e.model}\`, ${e.phrase}` : null);
  const rows = keys.map((key) => {
    const e = first(key);
    return {
      kind: kindLabel(e.kind),
      runtime: e.runtime,
      work: e.work,
      ...Object.fromEntries(machines.map((m, i) => [`m${i}`, cell(perMachine[i]!.get(key))])),
    };
  });
  const blocks: Block[] = [
    {
      kind: 'markdown',
      text: `This data folder holds runs from ${machines.length} machines: ${machines.map((m) => `\`${m.machineId}\` (${m.cpu}, ${m.cores} cores; ${runOf(m)})`).join('; ')}.`,
    },
    ...verdictBlocks(machines),
  ];
  if (keys.length > 0) blocks.push(
    { kind: 'markdown', text: 'Each machine’s winner per kind of work, computed from its own rows the same way.' },
    {
      kind: 'table',
      table: {
        id: `${ACROSS_ID}-winners`,
        title: 'Winners per machine',
        columns: [
          { key: 'kind', label: 'Kind of work' },
          { key: 'runtime', label: 'Runtime' },
          { key: 'work', label: 'Work' },
          ...machines.map((m, i) => ({ key: `m${i}`, label: `${m.machineId} (${m.cores} cores)` })),
        ],
        rows,
      },
    },
  );
  keys.forEach((key, n) => {
    // Each machine sweeps its own winner: the legend names the strategy beside the machine when they differ.
    const winners = new Set(perMachine.map((m) => m.get(key)?.strategy).filter(Boolean));
    const series = machines.flatMap((m, i) => {
      const e = perMachine[i]!.get(key);
      const s = e?.scaling;
      return s ? [{ machine: winners.size > 1 ? `${m.machineId} · ${e!.strategy}` : m.machineId, cores: s.cores, points: s.points }] : [];
    });
    // An overlay needs two machines' sweeps of the same work; one line alone is already in the report.
    if (series.length < 2) return;
    const e = first(key);
    const swept = perMachine.map((m) => m.get(key)?.scaling?.work).find((w) => w);
    blocks.push(overlay(`${ACROSS_ID}-scaling-${n + 1}`, `Speed-up against workers: ${swept ?? e.work} (${e.runtime})`, series));
  });
  const shared = keys.filter((key) => perMachine.every((m) => m.has(key)));
  const agree = shared.filter((key) => new Set(perMachine.map((m) => m.get(key)!.model)).size === 1).length;
  const all = machines.length === 2 ? 'both machines' : `all ${machines.length} machines`;
  const lead = shared.length
    ? `The same model wins on ${agree} of the ${shared.length} kinds of work that ${all} measured${agree < shared.length ? '; the table shows where they part' : ''}.`
    : `The ${machines.length} machines measured no kind of work in common, so their winners cannot be compared.`;
  return { id: ACROSS_ID, title: 'Across machines', lead, blocks };
}
