// Cold and pre-started pools (a reader's question): what creating a pool
// inside the call costs against the work itself, on the everyday bundle where
// it matters most.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import type { Point } from './analysis.ts';
import type { Context } from './context.ts';
import { ms, percent } from '../../lib/report/format.ts';
import { NODE, PY, bundleLabel, pointLabel, strategyRank } from './labels.ts';

const POOLS = [PY.pool, PY.threads, PY.executor, NODE.libuv, NODE.threads, NODE.processes] as const;

/** The smallest bundle with pool start-ups: where start-up weighs most against the work. */
export function startupBundle(ctx: Context): string | undefined {
  return ctx.points.bundles((p) => p.startup.n > 0 && (POOLS as readonly string[]).includes(p.strategy))[0]?.bundle;
}

export function startupPoints(ctx: Context, bundle: string): Point[] {
  return POOLS.flatMap((s) => ctx.points.sweep(s, bundle)).filter((p) => p.startup.n > 0).sort((a, b) => strategyRank(a.strategy) - strategyRank(b.strategy) || a.workers - b.workers);
}

export function startupFigure(ctx: Context): Figure | undefined {
  const bundle = startupBundle(ctx);
  if (!bundle) return undefined;
  const points = startupPoints(ctx, bundle);
  if (points.length === 0) return undefined;
  const data = points.flatMap((p) => [
    { label: pointLabel(p), part: 'pool start-up', ms: p.startup.median },
    { label: pointLabel(p), part: 'work (pre-started)', ms: p.wall.median },
  ]);
  const worst = points.reduce((a, b) => (b.startup.median / b.cold.median > a.startup.median / a.cold.median ? b : a));
  const b = ctx.points.bundles().find((x) => x.bundle === bundle)!;
  return {
    id: 'cold-and-prestarted',
    title: `Cold and pre-started pools, ${bundleLabel(bundle, b.files, b.bundle_bytes)}`,
    caption: `Each bar is the cold time, as the article measured it: creating the pool (until every worker is up) plus the work; the blue part alone is what a pre-started pool, like a pre-forking web server, takes. Start-up weighs most for ${pointLabel(worst)}: ${ms(worst.startup.median)}, ${percent(worst.startup.median / worst.cold.median)} of its cold time.`,
    plot: {
      height: points.length * 26 + 90,
      marginLeft: 230,
      x: { label: 'median time (ms) →', grid: true },
      y: { label: null, domain: points.map(pointLabel) },
      color: { legend: true, domain: ['work (pre-started)', 'pool start-up'], range: ['#4e79a7', '#e15759'] },
      marks: [Plot.barX(data, Plot.stackX({ y: 'label', x: 'ms', fill: 'part', order: ['work (pre-started)', 'pool start-up'] })), Plot.ruleX([0])],
    },
  };
}
