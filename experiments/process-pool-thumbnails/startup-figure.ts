// What a pool costs before it does any work: start-up by pool kind and size,
// over every trial of that kind and size (the photos play no part in it).

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { ms } from '../../lib/report/format.ts';
import { strategyLabel, strategyRank } from '../../lib/report/strategies.ts';
import { groupBy } from '../../lib/stats/group.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { SPLIT, type Context } from './context.ts';
import { modelOf, scaleOf } from './labels.ts';

export interface Startup {
  strategy: string;
  model: string;
  workers: number;
  median: number;
  q1: number;
  q3: number;
}

export function startups(ctx: Context): Startup[] {
  // The static split starts the same child-process pool: drawn once, as child processes.
  const rows = ctx.points.all.filter((p) => p.strategy !== SPLIT).flatMap((p) => p.rows.filter((r) => r.startup_ms !== null).map((r) => ({ strategy: p.strategy, workers: p.workers, startup_ms: r.startup_ms! })));
  return [...groupBy(rows, (r) => `${r.strategy}|${r.workers}`).values()]
    .map((g) => {
      const s = summarize(g.map((r) => r.startup_ms));
      return { strategy: g[0]!.strategy, model: modelOf(ctx.experiment, g[0]!.strategy), workers: g[0]!.workers, median: s.median, q1: s.q1, q3: s.q3 };
    })
    .filter((s) => Number.isFinite(s.median))
    .sort((a, b) => strategyRank(ctx.experiment, a.strategy) - strategyRank(ctx.experiment, b.strategy) || a.workers - b.workers);
}

export function startupFigure(ctx: Context): Figure | undefined {
  const data = startups(ctx);
  if (data.length === 0) return undefined;
  const workers = [...new Set(data.map((d) => d.workers))].sort((a, b) => a - b);
  const lines = ['node-threads', 'node-processes', 'python-processes'].flatMap((s) => {
    const d = data.find((x) => x.strategy === s && x.workers === ctx.poolWorkers);
    return d ? [`${strategyLabel(ctx.experiment, s)} ${ms(d.median)}`] : [];
  });
  return {
    id: 'startup-cost',
    title: 'Start-up before any work',
    caption: `Median time from creating the pool to every worker being ready (Python: its executor after a first no-op map; sharp: importing the library), over every trial of that pool; the line spans the interquartile range. At ${ctx.poolWorkers} workers: ${lines.join(', ') || 'none measured'}. The article’s \`time\` counted this inside its 2.274 s.`,
    plot: {
      height: 320,
      x: { axis: null, domain: [...new Set(data.map((d) => d.strategy))] },
      fx: { label: 'workers', domain: workers },
      y: { label: '↑ start-up (ms)', grid: true, domain: [0, Math.max(...data.map((d) => d.q3)) * 1.3] },
      color: { legend: true, ...scaleOf(ctx.experiment, data.map((d) => d.strategy)) },
      marks: [
        Plot.barY(data, { fx: 'workers', x: 'strategy', y: 'median', fill: 'model' }),
        Plot.ruleX(data, { fx: 'workers', x: 'strategy', y1: 'q1', y2: 'q3', stroke: 'black' }),
        // Upright above each bar's interquartile line: side by side, the bars are narrower than their labels.
        Plot.text(data, { fx: 'workers', x: 'strategy', y: 'q3', text: (d: Startup) => ms(d.median), rotate: -90, textAnchor: 'start', dx: 4, fontSize: 9 }),
        Plot.ruleY([0]),
      ],
    },
  };
}
