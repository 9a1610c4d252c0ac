// The figure on a report's first screen: the article's own chart rebuilt beside the
// same chart from this machine. Two panels share one scale, so a bar here reads
// against the article's bar at a glance. Where the article printed no value for a
// bar (most of them drew a chart or wrote a word, not a number), its panel says so
// in words instead of inventing one.

import * as Plot from '@observablehq/plot';
import type { Figure } from './doc.ts';
import { ratio } from './format.ts';
import { RUNTIME_COLORS, RUNTIME_NAMES } from './strategies.ts';
import type { Interval } from '../stats/interval.ts';

export interface GlanceBar {
  /** The row's label, the same in both panels, e.g. 'Python, 2 processes'. */
  label: string;
  /** null where the article gave no number for this row; `said` then shows what it gave instead. */
  value: number | null;
  /** In place of a missing value: the article's word for it, e.g. 'slower than serial'. */
  said?: string;
  /** The 95 % interval; absent for the article's values and for one-repetition points. */
  interval?: Interval | null;
  /** Colour group: which runtime the bar measures. */
  runtime: 'python' | 'node';
}

export interface GlancePanel {
  /** The machine in a few words: '4-core Mac (the article)', '2 cores, AMD EPYC (here)'. */
  title: string;
  bars: GlanceBar[];
  /** A vertical reference line, e.g. the ideal speed-up on this panel's cores. */
  reference?: { value: number; label: string };
}

export interface GlanceSpec {
  id: string;
  title: string;
  /** Markdown; its first sentence is the figure's accessible description. */
  caption: string;
  /** The x axis: what a bar measures, e.g. 'Speed-up over the serial loop (×)'. */
  measure: string;
  article: GlancePanel;
  here: GlancePanel;
  /** How a value is printed at the bar's end (default: '1.79×'). */
  format?: (value: number) => string;
  /** Draw the line at 1 (no change) — right for ratios, wrong for absolute values. Default true. */
  unitLine?: boolean;
  /** A log scale, bars drawn from 1: for ratios that span more than a decade. */
  log?: boolean;
}


// Rows are the union of both panels' labels in the order first seen (article's first), so a row the
// article never measured still lines up across the two panels.
function rowOrder(spec: GlanceSpec): string[] {
  return [...new Set([...spec.article.bars, ...spec.here.bars].map((b) => b.label))];
}

/** The first screen's figure: two panels, the article's values and this machine's, on one scale. */
export function glanceFigure(spec: GlanceSpec): Figure {
  const format = spec.format ?? ratio;
  const panels = [spec.article, spec.here];
  const all = panels.flatMap((p) => p.bars.map((b) => ({ ...b, panel: p.title })));
  // An interval with an open side (one repetition) is no interval: drawn without a whisker.
  const finite = (i: Interval | null | undefined) => (i && Number.isFinite(i.lo) && Number.isFinite(i.hi) ? i : undefined);
  const rows = all.flatMap((b) => (b.value === null ? [] : [{ ...b, value: b.value, interval: finite(b.interval), text: format(b.value) }]));
  const words = all.filter((b) => b.value === null).map((b) => ({ ...b, text: b.said ?? 'no value given' }));
  const withInterval = rows.filter((r) => r.interval);
  const references = panels.flatMap((p) => (p.reference ? [{ panel: p.title, ...p.reference }] : []));
  const order = rowOrder(spec);
  const top = Math.max(
    ...rows.map((r) => r.interval?.hi ?? r.value),
    ...references.map((r) => r.value),
    spec.unitLine === false ? 0 : 1,
  );
  const runtimes = [...new Set(rows.map((r) => r.runtime))];
  const bottom = Math.min(1, ...rows.map((r) => r.interval?.lo ?? r.value));
  const x = spec.log
    ? { type: 'log' as const, domain: [bottom / 1.15, top * 1.6], label: spec.measure, grid: true, ticks: 5, tickFormat: (v: number) => `${v}` }
    : { label: spec.measure, domain: [0, top * 1.12], nice: true, grid: true };
  const base = spec.log ? 1 : 0;
  return {
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    plot: {
      width: 960,
      height: Math.max(150, 56 + order.length * 30),
      marginLeft: 170,
      marginRight: 56,
      marginBottom: 40,
      fx: { domain: panels.map((p) => p.title), label: null, padding: 0.12 },
      x,
      y: { domain: order, label: null },
      color: { domain: runtimes.map((r) => RUNTIME_NAMES[r]), range: runtimes.map((r) => RUNTIME_COLORS[r]), legend: false },
      marks: [
        Plot.barX(rows, { fx: 'panel', y: 'label', x1: base, x2: 'value', fill: (d: (typeof rows)[number]) => RUNTIME_NAMES[d.runtime], fillOpacity: 0.8, inset: 4 }),
        Plot.ruleY(withInterval, { fx: 'panel', y: 'label', x1: (d: (typeof rows)[number]) => d.interval!.lo, x2: (d: (typeof rows)[number]) => d.interval!.hi, stroke: 'currentColor', strokeWidth: 1.5 }),
        Plot.text(rows, { fx: 'panel', y: 'label', x: (d: (typeof rows)[number]) => d.interval?.hi ?? d.value, text: 'text', textAnchor: 'start', dx: 4, fontSize: 11 }),
        ...(spec.unitLine === false ? [] : [Plot.ruleX([1], { stroke: 'currentColor', strokeOpacity: 0.6 })]),
        Plot.ruleX(references, { fx: 'panel', x: 'value', stroke: '#b5651d', strokeDasharray: '4 3' }),
        Plot.text(references, { fx: 'panel', x: 'value', text: 'label', frameAnchor: 'top', textAnchor: 'end', dx: -3, dy: -2, fill: '#8a4a12', fontSize: 10.5 }),
        Plot.text(words, { fx: 'panel', y: 'label', x: spec.log ? bottom / 1.15 : 0, text: 'text', textAnchor: 'start', dx: 4, fontSize: 11, fontStyle: 'italic', fill: 'currentColor', fillOpacity: 0.7 }),
      ],
    },
  };
}

/** "Here: 2 cores, AMD EPYC": the title of this machine's panel, from its recorded CPU model. */
export function herePanelTitle(run: { machine: { cores: number; cpu_model: string } }): string {
  const words = run.machine.cpu_model
    .replace(/\((R|TM|tm|r)\)/g, '')
    .split(/\s+/)
    .filter((w) => w && !/^(\d+-Core|Processor|CPU|@)$/i.test(w));
  return `Here: ${run.machine.cores} cores, ${words.slice(0, 2).join(' ')}`;
}
