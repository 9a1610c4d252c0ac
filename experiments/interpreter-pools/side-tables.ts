// Two small tables: what each model does with a function passed to its workers
// (the isolation rule), and how much Node's n had to grow to take as long as
// Python's on the loops.

import type { Table } from '../../lib/report/doc.ts';
import { count, ms, ratio } from '../../lib/report/format.ts';
import { ARTICLE_ISOLATION } from './article-figures.ts';
import type { Context } from './context.ts';
import { label, loadLabel, STRATEGY_ORDER } from './labels.ts';
import { BASELINE } from './plan.ts';
import { SCALABLE } from './params.ts';

// ---- isolation ----------------------------------------------------------------------------

/** A message as inline code, so that `__main__` stays itself in the rendered table. */
const code = (text: string) => (text ? `\`${text.replace(/`/g, "'")}\`` : '');

export function isolationTable(ctx: Context): Table | undefined {
  const rows = STRATEGY_ORDER.flatMap((strategy) => {
    const seen = ctx.points.all.find((p) => p.strategy === strategy && p.isolation)?.isolation;
    const article = ARTICLE_ISOLATION[strategy] ?? '–';
    if (seen) return [{ strategy: label(strategy), outcome: seen.outcome === 'passed' ? 'passed' : `refused: \`${seen.outcome}\``, message: code(seen.message), article }];
    if (strategy === 'python-interpreters' && ctx.interpretersMissing) return [{ strategy: label(strategy), outcome: ctx.interpretersMissing, message: '', article }];
    return [];
  });
  if (rows.length === 0) return undefined;
  return {
    id: 'isolation',
    title: 'Passing a function to the workers',
    caption:
      'After its work, each trial hands its pool one more task whose argument is a function (Node: an arrow function; Python: a lambda defined in `__main__`), outside every timed window. Threads and the event loop share one heap and take it; worker threads refuse it with `DataCloneError`, the analog of the interpreter pool’s `NotShareableError`; a child process’s structured-clone channel refuses it too; a Python process pool cannot pickle it.',
    columns: [
      { key: 'strategy', label: 'Strategy' },
      { key: 'outcome', label: 'What happened here' },
      { key: 'message', label: 'Message' },
      { key: 'article', label: 'The article (Python 3.14)' },
    ],
    rows,
  };
}

// ---- Node at Python's pace ---------------------------------------------------------------------

export interface ScaleRow {
  workload: string;
  level: string;
  n: number;
  python_ms: number;
  node_ms: number;
  /** Python's time over Node's at the same n: how much n must grow for Node to take as long (linear in n). */
  growth: number;
  scaled?: { load: string; n: number; node_ms: number };
}

/** One-task times of both runtimes at each cpu and memory level, and the scaled Node load where run. */
export function scaleRows(ctx: Context): ScaleRow[] {
  const one = (strategy: string, workload: string, load: string) => ctx.points.get(strategy, workload, load, 1, 1)?.wall.median ?? NaN;
  return SCALABLE.flatMap((workload) =>
    ctx.points.loads(workload).flatMap((load) => {
      const python = ctx.points.get(BASELINE.python, workload, load, 1, 1);
      const node = ctx.points.get(BASELINE.node, workload, load, 1, 1);
      if (!python || !node) return [];
      const scaled = ctx.points.all.find((p) => p.strategy === BASELINE.node && p.workload === workload && p.level === load && p.scale > 1 && p.workers === 1 && p.tasks === 1);
      return [{
        workload, level: load, n: python.n, python_ms: python.wall.median, node_ms: node.wall.median, growth: python.wall.median / node.wall.median,
        ...(scaled ? { scaled: { load: scaled.load, n: scaled.n, node_ms: one(BASELINE.node, workload, scaled.load) } } : {}),
      }];
    }),
  );
}

export function scaleTable(ctx: Context, rows: readonly ScaleRow[]): Table | undefined {
  if (rows.length === 0) return undefined;
  return {
    id: 'node-scale',
    title: 'How much n had to grow for Node to take as long as Python',
    caption: 'One task on one worker (Python’s one-thread pool, Node’s event loop), median of the work alone. “n must grow” is Python’s time over Node’s at the same n: the factor by which Node’s n would have to grow to take as long, if its time grows in proportion. Where a scaled Node load ran, its time is beside Python’s at the article’s n.',
    columns: [
      { key: 'workload', label: 'Workload' },
      { key: 'level', label: 'Level' },
      { key: 'n', label: 'n', align: 'right' },
      { key: 'python', label: 'Python, one task', align: 'right' },
      { key: 'node', label: 'Node, one task', align: 'right' },
      { key: 'growth', label: 'n must grow', align: 'right' },
      { key: 'scaled', label: 'Node at the scaled n', align: 'right' },
      { key: 'versus', label: 'against Python at n', align: 'right' },
    ],
    rows: rows.map((r) => ({
      workload: r.workload,
      level: r.level,
      n: count(r.n),
      python: ms(r.python_ms),
      node: ms(r.node_ms),
      growth: ratio(r.growth),
      scaled: r.scaled ? `${ms(r.scaled.node_ms)} (${loadLabel(r.scaled.load)}, n = ${count(r.scaled.n)})` : '–',
      versus: r.scaled ? ratio(r.scaled.node_ms / r.python_ms) : '–',
    })),
  };
}
