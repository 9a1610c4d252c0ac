// "Across machines": when a data folder holds runs from several machines, the
// guide entries computed per machine side by side, and an overlay of speed-up
// against workers (one line per machine, its ideal min(workers, cores) dashed).
// Made in lib from the guide entries, so no report.ts needs to know. Pure.

import * as Plot from '@observablehq/plot';
import type { Block, Section } from './doc.ts';
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
      text: `This data folder holds runs from ${machines.length} machines: ${machines.map((m) => `\`${m.machineId}\` (${m.cpu}, ${m.cores} cores; ${runOf(m)})`).join('; ')}. Each machine’s winner per kind of work, computed from its own rows the same way. Where the commits differ, so may the plan of trials: each run’s parameters and notes are in \`meta.json\`.`,
    },
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
  ];
  keys.forEach((key, n) => {
    const series = machines.flatMap((m, i) => {
      const s = perMachine[i]!.get(key)?.scaling;
      return s ? [{ machine: m.machineId, cores: s.cores, points: s.points }] : [];
    });
    // An overlay needs two machines' sweeps of the same work; one line alone is already in the report.
    if (series.length < 2) return;
    const e = first(key);
    const swept = perMachine.map((m) => m.get(key)?.scaling?.work).find((w) => w);
    blocks.push(overlay(`${ACROSS_ID}-scaling-${n + 1}`, `Speed-up against workers: ${swept ?? e.work} (${e.runtime})`, series));
  });
  return { id: ACROSS_ID, title: 'Across machines', blocks };
}
