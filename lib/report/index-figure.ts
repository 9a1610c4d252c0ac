// The index's summary figure: for each kind of work, as measured, the best Node
// model's and the best Python model's gain over their own runtime's baseline, with
// its 95 % interval, against no gain (1×) and the ideal speed-up (the cores).
// Every mark links to the report figure the number comes from. Pure: guide
// entries in, a Figure out.

import * as Plot from '@observablehq/plot';
import type { Figure } from './doc.ts';
import { ratio } from './format.ts';
import { filingOf, type GuideEntry } from './guide.ts';
import { MODEL_LABELS, RUNTIME_COLORS, RUNTIME_NAMES } from './strategies.ts';
import type { Model } from '../experiment/types.ts';

/** One experiment's guide rows, where its report lives, and its reference machine's cores. */
export interface SummarySource {
  href: string;
  cores: number | null;
  guide?: GuideEntry[];
}

export interface SummaryMark {
  row: string;
  rank: number;
  runtime: 'Node' | 'Python';
  model: string;
  factor: number;
  lo: number | null;
  hi: number | null;
  href: string;
  text: string;
}

// The two runtimes' marks share a row, one a little above its line and one below.
const OFFSET = { Node: -9, Python: 9 } as const;

/** Each kind of work's best entry per runtime (the largest factor), in the guide's order. */
export function summaryMarks(sources: readonly SummarySource[]): SummaryMark[] {
  const best = new Map<string, SummaryMark>();
  for (const src of sources) {
    for (const e of src.guide ?? []) {
      if (!Number.isFinite(e.factor) || e.factor <= 0) continue;
      const f = filingOf(e);
      const memory = e.measure === 'rss_peak_bytes';
      const row = memory ? `${f.label}: less peak memory` : f.label;
      const runtime = RUNTIME_NAMES[e.runtime];
      const key = `${row}\u0000${runtime}`;
      const open = !Number.isFinite(e.interval.lo) || !Number.isFinite(e.interval.hi);
      const mark: SummaryMark = {
        row,
        rank: f.rank + (memory ? 0.001 : 0),
        runtime,
        model: e.model,
        factor: e.factor,
        lo: open ? null : e.interval.lo,
        hi: open ? null : e.interval.hi,
        href: e.figure ? `${src.href}#${e.figure}` : src.href,
        text: `${ratio(e.factor)} ${MODEL_LABELS[e.model as Model] ?? e.model}`,
      };
      const held = best.get(key);
      if (!held || mark.factor > held.factor) best.set(key, mark);
    }
  }
  return [...best.values()].sort((a, b) => a.rank - b.rank || a.runtime.localeCompare(b.runtime));
}

/** The figure, or undefined when no experiment has guide rows yet. */
export function summaryFigure(sources: readonly SummarySource[]): Figure | undefined {
  const marks = summaryMarks(sources);
  if (marks.length === 0) return undefined;
  const rows = [...new Set(marks.map((m) => m.row))];
  const cores = Math.max(...sources.map((s) => s.cores ?? 0));
  const values = marks.flatMap((m) => [m.factor, m.lo ?? m.factor, m.hi ?? m.factor]);
  const domain = [Math.min(0.8, ...values) / 1.1, Math.max(cores || 2, ...values) * 2.2];
  const side = (runtime: 'Node' | 'Python') => {
    const data = marks.filter((m) => m.runtime === runtime);
    const dy = OFFSET[runtime];
    const ruled = data.filter((m) => m.lo !== null);
    return [
      Plot.ruleY(ruled, { y: 'row', x1: 'lo', x2: 'hi', dy, stroke: RUNTIME_COLORS[runtime === 'Node' ? 'node' : 'python'], strokeWidth: 2 }),
      Plot.dot(data, { y: 'row', x: 'factor', dy, r: 5, fill: RUNTIME_COLORS[runtime === 'Node' ? 'node' : 'python'], href: 'href', title: 'text' }),
      Plot.text(data, { y: 'row', x: (m: SummaryMark) => m.hi ?? m.factor, text: 'text', dy, dx: 8, textAnchor: 'start', fontSize: 10.5, href: 'href' }),
    ];
  };
  return {
    id: 'summary',
    title: 'The best model for each kind of work, Node and Python',
    caption: `For each kind of work, as its measured CPU share files it, the fastest (or leanest) model of each runtime against its own baseline, with its 95 % interval (none where a point had one repetition); a mark links to the report figure it comes from. At 1× a model gains nothing; the dashed line is the ideal speed-up on ${cores} cores, which bounds CPU work only: waiting work and memory ratios are not bound by it. The tables below give the baseline, the CPU share and the fixed costs of each row.`,
    plot: {
      width: 960,
      height: 60 + rows.length * 46,
      marginLeft: 250,
      marginRight: 150,
      x: { type: 'log', domain, label: 'Gain over the runtime’s own baseline (×, log scale)', grid: true, tickFormat: (v: number) => `${v}` },
      y: { domain: rows, label: null },
      marks: [
        Plot.ruleX([1], { stroke: 'currentColor', strokeOpacity: 0.7 }),
        ...(cores ? [Plot.ruleX([cores], { stroke: '#b5651d', strokeDasharray: '4 3' }), Plot.text([cores], { x: (d: number) => d, text: () => `ideal on ${cores} cores`, frameAnchor: 'top', dy: -4, textAnchor: 'middle', fill: '#8a4a12', fontSize: 10.5 })] : []),
        ...side('Node'),
        ...side('Python'),
      ],
    },
  };
}
