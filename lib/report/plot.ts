// Observable Plot rendered on the server into inline SVG (or Plot's <figure>
// when the chart has a legend), through one shared jsdom document.

import { createHash } from 'node:crypto';
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import type { Figure } from './doc.ts';
import { html, raw } from './html.ts';
import { renderMarkdown } from './markdown.ts';

/** Defaults a chart gets unless its options say otherwise: sized for a wide figure column. */
export const PLOT_DEFAULTS = {
  width: 720,
  style: { overflow: 'visible' },
} as const satisfies Plot.PlotOptions;

// One document for every chart: a jsdom window costs ~30 ms, a chart ~5 ms.
let sharedDocument: Document | undefined;
function plotDocument(): Document {
  sharedDocument ??= new JSDOM('').window.document;
  return sharedDocument;
}

// Plot numbers clip paths, patterns and markers with process-wide counters
// (plot-clip-1, plot-clip-2, ...), so the same chart gets other ids depending on
// what was drawn before. Renumber them per chart and prefix them with a hash of
// the chart: ids are then stable across runs and unique in a page (two identical
// charts share ids, which is harmless because their definitions are identical too).
const PLOT_ID = /\bplot-(clip|pattern|marker)-(\d+)\b/g;

function stableIds(markup: string): string {
  const local = new Map<string, string>();
  const renumbered = markup.replace(PLOT_ID, (id, kind: string) => {
    if (!local.has(id)) local.set(id, `${kind}-${local.size + 1}`);
    return `plot-${local.get(id)}`;
  });
  if (local.size === 0) return renumbered;
  const prefix = 'p' + createHash('sha256').update(renumbered).digest('hex').slice(0, 10);
  return renumbered.replace(PLOT_ID, (_id, kind: string, n: string) => `${prefix}-${kind}-${n}`);
}

/**
 * Render a chart to HTML markup: an <svg>, or a <figure> holding the legend and
 * the <svg>. Deterministic: the same options give the same string in any process.
 */
export function renderPlot(options: Plot.PlotOptions): string {
  const resolved: Plot.PlotOptions = {
    ...PLOT_DEFAULTS,
    ...options,
    style: mergeStyle(options.style),
    document: plotDocument(),
  };
  return namedGroups(stableIds(Plot.plot(resolved).outerHTML));
}

// Plot names each mark's <g> with aria-label ("rule", "dot") but gives it no role, and ARIA forbids a
// name on an element without one (axe: aria-prohibited-attr). A named group is what Plot means.
function namedGroups(markup: string): string {
  return markup.replace(/<g aria-label=/g, '<g role="group" aria-label=');
}

/** Plain text of a markdown caption's first sentence: a figure's accessible description. */
export function firstSentence(markdown: string): string {
  const text = markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const end = /[.!?](\s|$)/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

function mergeStyle(style: Plot.PlotOptions['style']): Plot.PlotOptions['style'] {
  if (style === undefined || style === null) return { ...PLOT_DEFAULTS.style };
  if (typeof style === 'string') return style; // a CSS string replaces the defaults
  return { ...PLOT_DEFAULTS.style, ...style };
}

/** A report figure: anchor, title, the chart and its markdown caption. */
export function renderFigure(fig: Figure, options: { scrolls?: boolean } = {}): string {
  // A chart that keeps its width and scrolls in its box on a phone must be reachable from the keyboard.
  return html`<figure class="figure" id="${fig.id}">
<figcaption class="figure-title"><a class="anchor" href="#${fig.id}">${fig.title}</a></figcaption>
<div class="figure-chart"${options.scrolls ? raw(' tabindex="0"') : ''}>${raw(renderPlot({ ariaLabel: fig.title, ariaDescription: firstSentence(fig.caption), ...fig.plot }))}</div>
<div class="figure-caption">${renderMarkdown(fig.caption)}</div>
</figure>`.toString();
}
