// What the gzip charts share: facet titles above each facet's frame, on the
// left (Plot's own fy axis sits on the right, where the value labels of long
// bars run into it); the colour of a strategy by its model, from lib's
// palette; and a bar per ratio with its 95 % interval as a whisker.

import * as Plot from '@observablehq/plot';
import type { Model } from '../../lib/experiment/types.ts';
import { MODEL_COLORS, MODEL_LABELS } from '../../lib/report/strategies.ts';
import type { Interval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';

/** Vertical facet options and the title mark for `domain`, in that order. */
export function facetRows(domain: readonly string[]): { fy: Plot.ScaleOptions; title: Plot.Markish } {
  return {
    fy: { label: null, axis: null, domain: [...domain], padding: 0.18 },
    title: Plot.text([...domain], { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dy: -14, fontWeight: 'bold', fontSize: 12 }),
  };
}

/** Room above the first facet for its title. */
export const FACET_TITLE_PX = 26;

/** A point's model as the legend names it. */
export const modelOf = (p: { model: Model }): string => MODEL_LABELS[p.model];

// candidate for lib: modelScale() over the models a chart shows, so its legend lists only those.
/** A colour scale over the models present (as `modelOf` names them), in lib's palette order. */
export function modelColor(present: readonly string[]): { legend: true; domain: string[]; range: string[] } {
  const models = (Object.keys(MODEL_COLORS) as Model[]).filter((m) => present.includes(MODEL_LABELS[m]));
  return { legend: true, domain: models.map((m) => MODEL_LABELS[m]), range: models.map((m) => MODEL_COLORS[m]) };
}

/** An interval as a chart draws it: the whisker's ends (the estimate where a side is unbounded) and its words. */
export function whisker(i: Interval): { value: number; lo: number; hi: number; text: string } {
  return { value: i.value, lo: Number.isFinite(i.lo) ? i.lo : i.value, hi: Number.isFinite(i.hi) ? i.hi : i.value, text: estimate(i) };
}

export interface RatioBar {
  /** The facet, when the chart has one. */
  bundle?: string;
  label: string;
  model: string;
  value: number;
  lo: number;
  hi: number;
  text: string;
}

/** Horizontal bars of ratios with their whiskers and words; whiskers stop at `cap`. */
export function ratioBarMarks(rows: RatioBar[], cap = 3): Plot.Markish[] {
  const fy = rows.some((r) => r.bundle !== undefined) ? { fy: 'bundle' } : {};
  const hi = (d: RatioBar) => Math.min(d.hi, cap);
  return [
    Plot.barX(rows, { ...fy, y: 'label', x: 'value', fill: 'model' }),
    Plot.ruleY(rows, { ...fy, y: 'label', x1: 'lo', x2: hi, stroke: 'black' }),
    Plot.text(rows, { ...fy, y: 'label', x: hi, text: 'text', dx: 4, textAnchor: 'start', fontSize: 10 }),
  ];
}

/** The x domain that holds every bar and whisker, 1 included. */
export const ratioDomain = (rows: RatioBar[], cap = 3): [number, number] => [0, Math.max(1.1, ...rows.map((r) => Math.min(r.hi, cap) * 1.05))];
