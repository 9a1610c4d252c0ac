// The article's metrics beside the corrected ones, for every point of its grid:
// CPU counted both ways over the same span, "GIL efficiency", speed-up and
// efficiency as it defined them and as corrected, and what the article itself
// reported, in its own column (the interpreter pool's only figures here when
// the Python present cannot run it).

import type { Table } from '../../lib/report/doc.ts';
import { ms } from '../../lib/report/format.ts';
import { denominatorNote, fallbackNote, type Point } from './analysis.ts';
import { ARTICLE_MACHINE, ARTICLE_REPORTED } from './article-figures.ts';
import type { Context } from './context.ts';
import { label, loadLabel, strategyRank } from './labels.ts';
import { WORKLOADS } from './params.ts';

const two = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const star = (oneTask: string) => (oneTask === 'runtime' ? ' *' : '');

function row(ctx: Context, p: Point) {
  const m = ctx.points.metrics(p);
  return {
    workload: p.workload,
    load: loadLabel(p.load),
    strategy: label(p.strategy),
    span: ms(p.span.median),
    wall: ms(p.wall.median),
    cpuArticle: ms(p.articleCpu.median),
    cpuTree: ms(p.treeCpu.median),
    gilArticle: two(m.articleGil.median),
    gilCorrected: two(m.correctedGil.median),
    speedupArticle: two(m.articleSpeedup.median),
    speedupCorrected: two(m.correctedSpeedup.median) + star(m.oneTask),
    effArticle: two(m.articleEfficiency.median),
    effCorrected: two(m.correctedEfficiency.median) + star(m.oneTask),
    reported: p.scale === 1 ? (ARTICLE_REPORTED[p.strategy]?.[p.workload] ?? '') : '',
    n: p.wall.n,
  };
}

export function metricTable(ctx: Context): Table | undefined {
  const rows = WORKLOADS.flatMap((w) => {
    const points = ctx.points.grid(w, ctx.workers, ctx.tasks);
    const measured = points.sort((a, b) => a.scale - b.scale || ctx.points.loads(w).indexOf(a.load) - ctx.points.loads(w).indexOf(b.load) || strategyRank(a.strategy) - strategyRank(b.strategy)).map((p) => row(ctx, p));
    const interp = ctx.interpretersMissing && points.length > 0
      ? [{ workload: w, load: 'all', strategy: `${label('python-interpreters')}: ${ctx.interpretersMissing}`, span: '–', wall: '–', cpuArticle: '–', cpuTree: '–', gilArticle: '–', gilCorrected: '–', speedupArticle: '–', speedupCorrected: '–', effArticle: '–', effCorrected: '–', reported: ARTICLE_REPORTED['python-interpreters']?.[w] ?? '', n: 0 }]
      : [];
    return [...measured, ...interp];
  });
  if (rows.length === 0) return undefined;
  const grid = WORKLOADS.flatMap((w) => ctx.points.grid(w, ctx.workers, ctx.tasks));
  return {
    id: 'article-vs-corrected',
    title: `The article’s metrics beside the corrected ones (${ctx.workers} workers, ${ctx.tasks} tasks)`,
    caption:
      `Medians of the repetitions. Span: the article’s window (pool start-up, work, shutdown); wall: the work alone. CPU over the span, the article’s way (process + live children) and the whole tree’s. ` +
      `GIL efficiency: article = its CPU ÷ (span × workers); corrected = whole-tree CPU of the work ÷ (wall × min(workers, ${ctx.cores} cores)). ` +
      `Speed-up: article = span of 1 task on 1 worker ÷ span (perfect parallelism reads 1); corrected = ${ctx.tasks} × wall of the same strategy’s 1 task on 1 worker ÷ wall (perfect reads ${Math.min(ctx.workers, ctx.cores)} here). Efficiency: article = speed-up ÷ workers; corrected = speed-up ÷ min(workers, ${ctx.cores} cores).` +
      `${denominatorNote(ctx.points, grid)}${fallbackNote(ctx.points, grid, (p) => `${label(p.strategy)}, ${p.workload} ${loadLabel(p.load)}`)} ` +
      `The last column is what the article reported on its own machine (${ARTICLE_MACHINE}), from its prose.`,
    columns: [
      { key: 'workload', label: 'Workload' },
      { key: 'load', label: 'Load' },
      { key: 'strategy', label: 'Strategy' },
      { key: 'span', label: 'Span', align: 'right' },
      { key: 'wall', label: 'Wall', align: 'right' },
      { key: 'cpuArticle', label: 'CPU, article', align: 'right' },
      { key: 'cpuTree', label: 'CPU, tree', align: 'right' },
      { key: 'gilArticle', label: 'GIL eff., article', align: 'right' },
      { key: 'gilCorrected', label: 'GIL eff., corrected', align: 'right' },
      { key: 'speedupArticle', label: 'Speed-up, article', align: 'right' },
      { key: 'speedupCorrected', label: 'Speed-up, corrected', align: 'right' },
      { key: 'effArticle', label: 'Eff., article', align: 'right' },
      { key: 'effCorrected', label: 'Eff., corrected', align: 'right' },
      { key: 'reported', label: `Article reported (${ARTICLE_MACHINE})` },
      { key: 'n', label: 'Reps' },
    ],
    rows,
  };
}
