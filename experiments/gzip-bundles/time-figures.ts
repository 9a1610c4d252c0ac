// The article's two time charts rebuilt: the median time of each function on
// each bundle (grouped bars), and the mean of those medians relative to the
// slowest (the article's "bestest graph"), each with the Node analogs beside
// the Python functions. Pure functions from the context to a Figure, or
// undefined when the run has no rows for the chart.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { BUNDLE_NAMES } from './bundles.ts';
import { bestest } from './claims.ts';
import { FACET_TITLE_PX, facetRows } from './facets.ts';
import { articlePoint, type Context } from './context.ts';
import { ms, percent, ratio } from '../../lib/report/format.ts';
import { ARTICLE_BUNDLES, NODE_ANALOGS, PYTHON_FUNCTIONS, bundleLabel, pointLabel, strategyColor, strategyName } from './labels.ts';

const BAR_ROW_PX = 20;

/** Median cold time (start-up plus work) of the article's functions and Node's analogs on each bundle. */
export function articleBars(ctx: Context): Figure | undefined {
  const bundles = ARTICLE_BUNDLES.flatMap((name) => ctx.points.bundles().filter((b) => b.bundle === name));
  const strategies = [...PYTHON_FUNCTIONS, ...NODE_ANALOGS];
  const data = bundles.flatMap((b) =>
    strategies.flatMap((s) => {
      const p = articlePoint(ctx, s, b.bundle);
      if (!p) return [];
      const startup = p.startup.n > 0 ? ` (${ms(p.wall.median)} pre-started)` : '';
      return [{ bundle: bundleLabel(b.bundle, b.files, b.bundle_bytes), label: pointLabel(p), name: strategyName(s), strategy: s, cold: p.cold.median, wall: p.wall.median, text: `${ms(p.cold.median)}${startup}` }];
    }),
  );
  if (data.length === 0) return undefined;
  const facets = facetRows([...new Set(data.map((d) => d.bundle))]);
  const rankOf = (label: string) => strategies.indexOf(data.find((d) => d.label === label)!.strategy as (typeof strategies)[number]);
  const labels = [...new Set(data.map((d) => d.label))].sort((a, b) => rankOf(a) - rankOf(b));
  return {
    id: 'time-per-bundle',
    title: 'Median time per function per bundle',
    caption: `The article’s first chart, with the Node analogs under the Python functions: each bar is the median time of the whole bundle, the pool created inside the timed call as the article did (cold); the black tick is the same pool pre-started, the work alone. Python’s pools run at the sizes their defaults pick on ${ctx.cores} cores; Node’s at its default UV_THREADPOOL_SIZE (${ctx.libuvDefault}) and ${ctx.cores} workers. The three bundles share one time axis, as in the article. Level ${ctx.level}.`,
    plot: {
      height: bundles.length * (labels.length * BAR_ROW_PX + 40) + 60,
      marginTop: FACET_TITLE_PX,
      marginLeft: 230,
      marginRight: 190,
      x: { label: 'median time (ms) →', grid: true },
      y: { label: null, domain: labels },
      fy: facets.fy,
      color: strategyColor(data.map((d) => d.strategy)),
      marks: [
        facets.title,
        Plot.barX(data, { fy: 'bundle', y: 'label', x: 'cold', fill: 'name' }),
        Plot.tickX(data, { fy: 'bundle', y: 'label', x: 'wall', stroke: 'black', strokeWidth: 2 }),
        Plot.text(data, { fy: 'bundle', y: 'label', x: 'cold', text: 'text', dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}

/** Each bundle on its own scale, the typical one included: every median relative to the slowest on its bundle. */
export function relativeBars(ctx: Context): Figure | undefined {
  const rows = BUNDLE_NAMES.filter((name) => ctx.points.bundles().some((b) => b.bundle === name)).flatMap((bundle) => {
    const points = [...PYTHON_FUNCTIONS, ...NODE_ANALOGS].map((s) => articlePoint(ctx, s, bundle)).filter((p) => p !== undefined);
    if (points.length === 0) return [];
    const slowest = Math.max(...points.map((p) => p.cold.median));
    return points.map((p) => ({ bundle: bundleLabel(p.bundle, p.files, p.bundle_bytes), label: pointLabel(p), name: strategyName(p.strategy), strategy: p.strategy, share: p.cold.median / slowest }));
  });
  if (rows.length === 0) return undefined;
  const order = [...PYTHON_FUNCTIONS, ...NODE_ANALOGS] as readonly string[];
  const labels = [...new Set(rows.map((r) => r.label))].sort((a, b) => order.indexOf(rows.find((r) => r.label === a)!.strategy) - order.indexOf(rows.find((r) => r.label === b)!.strategy));
  const facets = facetRows([...new Set(rows.map((r) => r.bundle))]);
  return {
    id: 'time-relative',
    title: 'The same medians as a share of the slowest on each bundle',
    caption: 'Each bundle’s cold medians divided by the slowest one on that bundle (Python and Node together), so that bundles of very different sizes read on one scale, the typical upload included. Shorter is faster; 100 % is the slowest.',
    plot: {
      height: labels.length * new Set(rows.map((r) => r.bundle)).size * 18 + 120,
      marginTop: FACET_TITLE_PX,
      marginLeft: 230,
      x: { label: 'share of the slowest on the bundle →', grid: true, percent: true, domain: [0, 110] },
      y: { label: null, domain: labels },
      fy: facets.fy,
      color: strategyColor(rows.map((r) => r.strategy)),
      marks: [
        facets.title,
        Plot.barX(rows, { fy: 'bundle', y: 'label', x: 'share', fill: 'name' }),
        Plot.text(rows, { fy: 'bundle', y: 'label', x: 'share', text: (d: { share: number }) => percent(d.share), dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}

/** The "bestest graph": mean of each function's medians over the article's bundles, relative to the slowest. */
export function bestestFigure(ctx: Context): Figure | undefined {
  const python = bestest(ctx, PYTHON_FUNCTIONS).map((r) => ({ ...r, runtime: 'Python' }));
  const node = bestest(ctx, NODE_ANALOGS).map((r) => ({ ...r, runtime: 'Node' }));
  const data = [...python, ...node].map((r) => ({ ...r, name: strategyName(r.strategy), text: `${percent(r.relative)} (${ms(r.mean_ms)})` }));
  if (data.length === 0) return undefined;
  const best = (rows: typeof data) => rows.reduce<(typeof data)[number] | undefined>((a, b) => (!a || b.mean_ms < a.mean_ms ? b : a), undefined);
  const bp = best(data.filter((d) => d.runtime === 'Python'));
  const bn = best(data.filter((d) => d.runtime === 'Node'));
  const lines = [bp ? `Python’s best: ${bp.name}, ${ratio(1 / bp.relative)} faster than its slowest.` : '', bn ? `Node’s best: ${bn.name}, ${ratio(1 / bn.relative)} faster than its slowest.` : ''];
  return {
    id: 'bestest',
    title: 'Mean of the medians, relative to the slowest',
    caption: `The article’s “bestest graph”: for each function, the mean of its cold medians over the article’s three bundles, divided by the slowest function’s mean in the same runtime. Lower is better. ${lines.filter(Boolean).join(' ')}`,
    plot: {
      height: data.length * 26 + 90,
      marginLeft: 230,
      marginRight: 120,
      x: { label: 'mean of medians, share of the slowest in the runtime →', grid: true, percent: true, domain: [0, 110] },
      y: { label: null, domain: data.map((d) => d.name) },
      color: strategyColor(data.map((d) => d.strategy)),
      marks: [
        Plot.barX(data, { y: 'name', x: 'relative', fill: 'name' }),
        Plot.text(data, { y: 'name', x: 'relative', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
