// Cold and pre-started pools (a reader's question): what creating a pool
// inside the call costs against the work itself, on the everyday bundle where
// it matters most.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { ms } from '../../lib/report/format.ts';
import { valuesOf } from '../../lib/report/points.ts';
import { meanInterval, type Interval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { bundleLabel, bundlesOf, NODE, pointLabel, PY, sweep, type Context, type GzipPoint } from './context.ts';

const POOLS = [PY.pool, PY.threads, PY.executor, NODE.libuv, NODE.threads, NODE.processes] as const;
const PARTS = { domain: ['work (pre-started)', 'pool start-up'], range: ['#4e79a7', '#e15759'] };

/** Start-up's share of the cold time, per trial, with its interval. */
export function startupShare(p: GzipPoint): Interval {
  return meanInterval(valuesOf(p, (r) => (r.wall_ms !== null && r.startup_ms !== null ? r.startup_ms / (r.wall_ms + r.startup_ms) : null)));
}

/** The pool whose start-up weighs most in its cold time on the smallest bundle with pools, in one sentence. */
export function startupLead(ctx: Context): string | undefined {
  const b = bundlesOf(ctx, (p) => p.startup.n > 0 && (POOLS as readonly string[]).includes(p.strategy))[0];
  const points = b ? POOLS.flatMap((s) => sweep(ctx, s, b.bundle)).filter((p) => p.startup.n > 0) : [];
  if (!b || points.length === 0) return undefined;
  const worst = points.reduce((a, p) => (startupShare(p).value > startupShare(a).value ? p : a));
  return `On the smallest bundle, ${bundleLabel(b)}, creating the pool inside the call is ${estimate(startupShare(worst), 'percent')} of the cold time for ${pointLabel(ctx, worst)}, the most of any pool: a cost that a pool started once, before the requests, never pays again.`;
}

export function startupFigure(ctx: Context): Figure | undefined {
  const b = bundlesOf(ctx, (p) => p.startup.n > 0 && (POOLS as readonly string[]).includes(p.strategy))[0];
  if (!b) return undefined;
  const points = POOLS.flatMap((s) => sweep(ctx, s, b.bundle)).filter((p) => p.startup.n > 0);
  const data = points.flatMap((p) => [
    { label: pointLabel(ctx, p), part: 'pool start-up', ms: p.startup.median },
    { label: pointLabel(ctx, p), part: 'work (pre-started)', ms: p.wall.median },
  ]);
  const worst = points.reduce((a, p) => (startupShare(p).value > startupShare(a).value ? p : a));
  return {
    id: 'cold-and-prestarted',
    title: `Cold and pre-started pools, ${bundleLabel(b)}`,
    caption: `Each bar is the median cold time, as the article measured it: creating the pool (until every worker is up) plus the work; the blue part alone is what a pre-started pool, like a pre-forking web server, takes. Start-up weighs most for ${pointLabel(ctx, worst)}: ${ms(worst.startup.median)}, ${estimate(startupShare(worst), 'percent')} of its cold time (mean over the trials, 95 % interval).`,
    plot: {
      height: points.length * 26 + 90,
      marginLeft: 230,
      x: { label: 'median time (ms) →', grid: true },
      y: { label: null, domain: points.map((p) => pointLabel(ctx, p)) },
      color: { legend: true, ...PARTS },
      marks: [Plot.barX(data, Plot.stackX({ y: 'label', x: 'ms', fill: 'part', order: PARTS.domain })), Plot.ruleX([0])],
    },
  };
}
