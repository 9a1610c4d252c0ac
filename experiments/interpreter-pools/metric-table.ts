// The article's metrics beside the corrected ones, for every point of its grid:
// CPU counted both ways over the same span, "GIL efficiency", speed-up and
// efficiency as it defined them and as corrected, each ratio with its 95 %
// interval, and what the article itself reported, in its own column (the
// interpreter pool's only figures here when the Python present cannot run it).

import type { Table } from '../../lib/report/doc.ts';
import { ms } from '../../lib/report/format.ts';
import { valuesOf } from '../../lib/report/points.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { median } from '../../lib/stats/quantile.ts';
import { scaleInterval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { articleGil, articleSpeedup, corrected, correctedGil } from './analysis.ts';
import { ARTICLE_MACHINE, ARTICLE_REPORTED } from './article-figures.ts';
import { grid, num, type Context, type PoolPoint } from './context.ts';
import { fallbackNote } from './efficiency-figure.ts';
import { loadLabel } from './labels.ts';
import { WORKLOADS } from './params.ts';
import { columns } from '../../lib/report/columns.ts';

const TWO = { digits: 2 } as const;
const medianMs = (p: PoolPoint, column: string) => {
  const v = valuesOf(p, (r) => num(r[column]));
  return ms(v.length ? median(v) : NaN);
};

function row(ctx: Context, p: PoolPoint) {
  const c = corrected(ctx, p);
  const star = c.over === 'runtime' ? ' *' : '';
  const speedup = articleSpeedup(ctx, p);
  return {
    workload: p.workload,
    load: loadLabel(p.load),
    strategy: strategyLabel(ctx.experiment, p.strategy),
    span: medianMs(p, 'span_ms'),
    wall: medianMs(p, 'wall_ms'),
    cpuArticle: medianMs(p, 'article_cpu_ms'),
    cpuTree: medianMs(p, 'tree_cpu_ms'),
    gilArticle: estimate(articleGil(p), TWO),
    gilCorrected: estimate(correctedGil(ctx, p), TWO),
    speedupArticle: estimate(speedup),
    speedupCorrected: estimate(c.speedup) + star,
    effArticle: estimate(scaleInterval(speedup, 1 / p.workers), TWO),
    effCorrected: estimate(c.efficiency, TWO) + star,
    reported: p.scale === 1 ? (ARTICLE_REPORTED[p.strategy]?.[p.workload] ?? '') : '',
    n: p.wall.n,
  };
}

export function metricTable(ctx: Context): Table | undefined {
  const dash = '–';
  const rows = WORKLOADS.flatMap((w) => {
    const points = grid(ctx, w);
    const interp = !ctx.interpreters.ran && points.length > 0
      ? [{ workload: w, load: 'all', strategy: `${strategyLabel(ctx.experiment, 'python-interpreters')}: not run here (${ctx.interpreters.reason})`, span: dash, wall: dash, cpuArticle: dash, cpuTree: dash, gilArticle: dash, gilCorrected: dash, speedupArticle: dash, speedupCorrected: dash, effArticle: dash, effCorrected: dash, reported: ARTICLE_REPORTED['python-interpreters']?.[w] ?? '', n: 0 }]
      : [];
    return [...points.map((p) => row(ctx, p)), ...interp];
  });
  if (rows.length === 0) return undefined;
  const shown = WORKLOADS.flatMap((w) => grid(ctx, w));
  return {
    id: 'article-vs-corrected',
    title: `The article’s metrics beside the corrected ones (${ctx.workers} workers, ${ctx.tasks} tasks)`,
    caption:
      `Times and CPU: medians of the repetitions. Span: the article’s window (pool start-up, work, shutdown); wall: the work alone. CPU over the span, the article’s way (process + live children) and the whole tree’s. ` +
      `GIL efficiency (mean of the repetitions’ values, 95 % interval): article = its CPU ÷ (span × workers); corrected = whole-tree CPU of the work ÷ (wall × min(workers, ${ctx.cores} cores)). ` +
      `Speed-up (ratio of geometric means, 95 % interval): article = span of 1 task on 1 worker ÷ span (perfect parallelism reads 1); corrected = ${ctx.tasks} × wall of the same strategy’s 1 task on 1 worker ÷ wall (perfect reads ${Math.min(ctx.workers, ctx.cores)} here; no interval where that one-task point ran once). Efficiency: article = speed-up ÷ workers; corrected = speed-up ÷ min(workers, ${ctx.cores} cores).` +
      `${fallbackNote(ctx, shown).replace(/\.$/, ' (marked *).')} ` +
      `The last column is what the article reported on its own machine (${ARTICLE_MACHINE}), from its prose.`,
    columns: columns({ workload: 'Workload', load: 'Load', strategy: 'Strategy', span: 'Span >', wall: 'Wall >', cpuArticle: 'CPU, article >', cpuTree: 'CPU, tree >', gilArticle: 'GIL eff., article >', gilCorrected: 'GIL eff., corrected >', speedupArticle: 'Speed-up, article >', speedupCorrected: 'Speed-up, corrected >', effArticle: 'Eff., article >', effCorrected: 'Eff., corrected >', reported: `Article reported (${ARTICLE_MACHINE})`, n: 'Reps' }),
    rows,
  };
}
