// The article's two time charts rebuilt, with the Node analogs beside the
// Python functions: the median time of each function on each bundle (grouped
// bars), each function's time relative to its runtime's serial loop per bundle
// with 95 % intervals, and the article's "bestest graph" as a geometric mean
// over the bundles, with intervals. Pure: context in, Figure (or undefined) out.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { ms } from '../../lib/report/format.ts';
import { BUNDLE_NAMES } from './bundles.ts';
import { ARTICLE_BUNDLES, articleBundles, articlePoint, bundleLabel, bundlesOf, NODE_ANALOGS, nameOf, pointLabel, PYTHON_FUNCTIONS, type Context } from './context.ts';
import { FACET_TITLE_PX, facetRows, modelColor, modelOf, ratioBarMarks, ratioDomain, whisker, type RatioBar } from './chart-parts.ts';
import { coldRatio, geoMeanOfRatios } from './ratios.ts';

const BAR_ROW_PX = 20;
const FUNCTIONS = [...PYTHON_FUNCTIONS, ...NODE_ANALOGS] as readonly string[];
const serialOf = (strategy: string) => (strategy.startsWith('python-') ? PYTHON_FUNCTIONS[0] : NODE_ANALOGS[0]);

/** Median cold time (start-up plus work) of the article's functions and Node's analogs on each bundle. */
export function articleBars(ctx: Context): Figure | undefined {
  const bundles = ARTICLE_BUNDLES.flatMap((name) => bundlesOf(ctx).filter((b) => b.bundle === name));
  const data = bundles.flatMap((b) =>
    FUNCTIONS.flatMap((s) => {
      const p = articlePoint(ctx, s, b.bundle);
      if (!p) return [];
      const startup = p.startup.n > 0 ? ` (${ms(p.wall.median)} pre-started)` : '';
      return [{ bundle: bundleLabel(b), label: pointLabel(ctx, p), model: modelOf(p), cold: p.cold.median, wall: p.wall.median, text: `${ms(p.cold.median)}${startup}` }];
    }),
  );
  if (data.length === 0) return undefined;
  const facets = facetRows([...new Set(data.map((d) => d.bundle))]);
  const labels = [...new Set(data.map((d) => d.label))];
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
      color: modelColor(data.map((d) => d.model)),
      marks: [
        facets.title,
        Plot.barX(data, { fy: 'bundle', y: 'label', x: 'cold', fill: 'model' }),
        Plot.tickX(data, { fy: 'bundle', y: 'label', x: 'wall', stroke: 'black', strokeWidth: 2 }),
        Plot.text(data, { fy: 'bundle', y: 'label', x: 'cold', text: 'text', dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}

/** Each pool's cold time over its runtime's serial loop on each bundle, the typical one included, with 95 % intervals. */
export function relativeBars(ctx: Context): Figure | undefined {
  const rows: RatioBar[] = BUNDLE_NAMES.flatMap((name) => bundlesOf(ctx).filter((b) => b.bundle === name)).flatMap((b) =>
    FUNCTIONS.filter((s) => s !== serialOf(s)).flatMap((s) => {
      const p = articlePoint(ctx, s, b.bundle);
      const serial = articlePoint(ctx, serialOf(s), b.bundle);
      return p && serial ? [{ bundle: bundleLabel(b), label: pointLabel(ctx, p), model: modelOf(p), ...whisker(coldRatio(p, serial)) }] : [];
    }),
  );
  if (rows.length === 0) return undefined;
  const labels = [...new Set(rows.map((r) => r.label))];
  const facets = facetRows([...new Set(rows.map((r) => r.bundle!))]);
  return {
    id: 'time-relative',
    title: 'Each pool’s time as a share of its serial loop, per bundle',
    caption: `Each pool’s cold time (start-up plus work) divided by its own runtime’s serial loop on the same bundle (f1 for Python, gzipSync for Node): a ratio of geometric means with its 95 % interval (the black whisker), so that bundles of very different sizes read on one scale, the typical upload included. Below 1 the pool is faster; the dashed line is 1 ÷ ${ctx.cores} cores.`,
    plot: {
      height: labels.length * new Set(rows.map((r) => r.bundle)).size * 20 + 120,
      marginTop: FACET_TITLE_PX,
      marginLeft: 230,
      marginRight: 130,
      x: { label: 'time ÷ serial time →', grid: true, domain: ratioDomain(rows) },
      y: { label: null, domain: labels },
      fy: facets.fy,
      color: modelColor(rows.map((r) => r.model)),
      marks: [
        facets.title,
        ...ratioBarMarks(rows),
        Plot.ruleX([1], { stroke: 'black' }),
        Plot.ruleX([1 / ctx.cores], { stroke: '#666', strokeDasharray: '4 3' }),
        Plot.ruleX([0]),
      ],
    },
  };
}

/** The "bestest graph": each function's cold time over its runtime's serial loop, geometric mean over the article's bundles. */
export function bestest(ctx: Context, strategies: readonly string[]) {
  const serial = strategies[0]!;
  const bundles = articleBundles(ctx).filter((b) => strategies.every((s) => articlePoint(ctx, s, b)));
  if (bundles.length === 0) return [];
  return strategies.slice(1).map((s) => {
    const ratio = geoMeanOfRatios(bundles.map((b) => [articlePoint(ctx, s, b)!.colds, articlePoint(ctx, serial, b)!.colds] as const));
    return { strategy: s, model: modelOf(articlePoint(ctx, s, bundles[0]!)!), ratio };
  });
}

export function bestestFigure(ctx: Context): Figure | undefined {
  const data: RatioBar[] = [...bestest(ctx, PYTHON_FUNCTIONS), ...bestest(ctx, NODE_ANALOGS)].map((r) => ({ label: nameOf(ctx, r.strategy), model: r.model, ...whisker(r.ratio) }));
  if (data.length === 0) return undefined;
  return {
    id: 'bestest',
    title: 'All the article’s bundles at once: time relative to serial',
    caption: `The article’s “bestest graph” (the mean of each function’s medians over its three bundles, relative to the slowest, f1) with intervals: here each pool’s cold time over its runtime’s serial loop, geometric mean over the article’s bundles, so each bundle weighs alike rather than the largest deciding, with its 95 % interval (the whisker). Lower is better; 1 is the serial loop.`,
    plot: {
      height: data.length * 26 + 90,
      marginLeft: 230,
      marginRight: 140,
      x: { label: 'time ÷ serial time, geometric mean over the bundles →', grid: true, domain: ratioDomain(data) },
      y: { label: null, domain: data.map((d) => d.label) },
      color: modelColor(data.map((d) => d.model)),
      marks: [
        ...ratioBarMarks(data),
        Plot.ruleX([1], { stroke: 'black' }),
        Plot.ruleX([0]),
      ],
    },
  };
}
