// Three small tables: what each model does with a function passed to its
// workers (the isolation rule), how much Node's n had to grow to take as long
// as Python's on the loops, and the CPython 3.11 pools beside 3.14's.

import type { Table } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { timeRatio, valuesOf } from '../../lib/report/points.ts';
import { geoMeanInterval, ratioInterval, scaleInterval, type Interval } from '../../lib/stats/interval.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { ARTICLE_ISOLATION } from './article-figures.ts';
import { loadRank, loads, num, pointOf, pythonName, type Context, type PoolPoint } from './context.ts';
import { loadLabel } from './labels.ts';
import { SCALABLE, WORKLOADS, type Workload } from './params.ts';
import { BASELINE } from './plan.ts';
import { columns } from '../../lib/report/columns.ts';

// ---- isolation ----------------------------------------------------------------------------

/** A message as inline code, so that `__main__` stays itself in the rendered table. */
const code = (text: string) => (text ? `\`${text.replace(/`/g, "'")}\`` : '');

export function isolationTable(ctx: Context): Table | undefined {
  const rows = ctx.experiment.strategies.flatMap(({ name }) => {
    const seen = ctx.rows.find((r) => r.strategy === name && r.isolation !== null && r.isolation !== '');
    const article = ARTICLE_ISOLATION[name] ?? '–';
    const label = strategyLabel(ctx.experiment, name);
    if (seen) return [{ strategy: label, outcome: seen.isolation === 'passed' ? 'passed' : `refused: \`${String(seen.isolation)}\``, message: code(String(seen.isolation_message ?? '')), article }];
    if (name === 'python-interpreters' && !ctx.interpreters.ran) return [{ strategy: label, outcome: `not run here: ${ctx.interpreters.reason}`, message: '', article }];
    return [];
  });
  if (rows.length === 0) return undefined;
  return {
    id: 'isolation',
    title: 'Passing a function to the workers',
    caption:
      'After its work, each trial hands its pool one more task whose argument is a function (Node: an arrow function; Python: a lambda defined in `__main__`), outside every timed window. Threads and the event loop share one heap and need not copy it; every other model must send it to another interpreter, isolate or process. What each did with it here, from the first trial that recorded it, beside what the article says; “Rules of sharing” below tries many more values.',
    columns: columns({ strategy: 'Strategy', outcome: 'What happened here', message: 'Message', article: 'The article (Python 3.14)' }),
    rows,
  };
}

// ---- Node at Python's pace ---------------------------------------------------------------------

export interface ScaleRow {
  workload: string;
  level: string;
  n: number;
  python: Interval;
  node: Interval;
  /** Python's time over Node's at the same n: how much n must grow for Node to take as long (linear in n). */
  growth: Interval;
  scaled?: { load: string; n: number; node: Interval; versus: Interval };
}

/** One-task times of both runtimes at each cpu and memory level, and the scaled Node load where run. */
export function scaleRows(ctx: Context): ScaleRow[] {
  return SCALABLE.flatMap((workload) =>
    loads(ctx, workload).flatMap((load) => {
      const python = pointOf(ctx, BASELINE.python, workload, load, 1, 1);
      const node = pointOf(ctx, BASELINE.node, workload, load, 1, 1);
      if (!python || !node) return [];
      const scaled = ctx.points.where(BASELINE.node, { workload, workers: 1, tasks: 1 }).find((p) => p.level === load && p.scale > 1);
      return [{
        workload, level: load, n: python.n, python: geoMeanInterval(python.walls), node: geoMeanInterval(node.walls), growth: ratioInterval(python.walls, node.walls),
        ...(scaled ? { scaled: { load: scaled.load, n: scaled.n, node: geoMeanInterval(scaled.walls), versus: ratioInterval(scaled.walls, python.walls) } } : {}),
      }];
    }),
  );
}

const MS = { digits: 1, suffix: ' ms' } as const;
const time = (i: Interval) => (i.value >= 1000 ? estimate(scaleInterval(i, 1 / 1000), { digits: 2, suffix: ' s' }) : estimate(i, MS));

export function scaleTable(rows: readonly ScaleRow[]): Table | undefined {
  if (rows.length === 0) return undefined;
  return {
    id: 'node-scale',
    title: 'How much n had to grow for Node to take as long as Python',
    caption: 'One task on one worker (Python’s one-thread pool, Node’s event loop), the work alone: geometric means of the repetitions, 95 % intervals (none where a point ran once). “n must grow” is Python’s time over Node’s at the same n: the factor by which Node’s n would have to grow to take as long, if its time grows in proportion. Where a scaled Node load ran, its time is beside Python’s at the article’s n.',
    columns: columns({ workload: 'Workload', level: 'Level', n: 'n >', python: 'Python, one task >', node: 'Node, one task >', growth: 'n must grow >', scaled: 'Node at the scaled n >', versus: 'against Python at n >' }),
    rows: rows.map((r) => ({
      workload: r.workload,
      level: r.level,
      n: count(r.n),
      python: time(r.python),
      node: time(r.node),
      growth: estimate(r.growth),
      scaled: r.scaled ? `${time(r.scaled.node)}, ${loadLabel(r.scaled.load)}, n = ${count(r.scaled.n)}` : '–',
      versus: r.scaled ? estimate(r.scaled.versus) : '–',
    })),
  };
}

// ---- CPython 3.11 beside 3.14 ------------------------------------------------------------------

/** Each 3.11 pool beside the same pool on 3.14, at every load and pool size both ran. */
const PAIRS = [
  { beside: 'python311-threads', article: 'python-threads' },
  { beside: 'python311-processes', article: 'python-processes' },
] as const;

const spans = (p: PoolPoint) => valuesOf(p, (r) => num(r.span_ms));
const startups = (p: PoolPoint) => valuesOf(p, (r) => num(r.startup_ms));

export function cpythonsTable(ctx: Context): Table | undefined {
  const old = ctx.pythonOf('python311-threads');
  const now = ctx.pythonOf('python-threads');
  const rows = PAIRS.flatMap(({ beside, article }) =>
    ctx.points
      .where(beside)
      .filter((p) => p.workers * p.tasks > 1)
      .sort((a, b) => WORKLOADS.indexOf(a.workload as Workload) - WORKLOADS.indexOf(b.workload as Workload) || loadRank(a.load) - loadRank(b.load))
      .flatMap((p) => {
        const q = pointOf(ctx, article, p.workload, p.load, p.workers, p.tasks);
        if (!q) return [];
        const method = (x: PoolPoint) => String(x.rows[0]?.start_method ?? '');
        return [{
          workload: p.workload,
          load: `${loadLabel(p.load)}, ${p.workers} × ${p.tasks}`,
          pool: strategyLabel(ctx.experiment, article).replace(/^Python /, ''),
          work: versus(timeRatio(p, q), 'on 3.14'),
          span: versus(ratioInterval(spans(p), spans(q)), 'on 3.14'),
          startup: `${time(geoMeanInterval(startups(q)))} → ${time(geoMeanInterval(startups(p)))}`,
          method: method(q) || method(p) ? `${method(q) || '–'} → ${method(p) || '–'}` : '–',
        }];
      }),
  );
  if (rows.length === 0) return undefined;
  return {
    id: 'cpythons-table',
    title: `${pythonName(old)} beside ${pythonName(now)}, the same pools`,
    caption: `The thread and process pools on the system’s ${pythonName(old)}, at the loads it ran, against the same pools on ${pythonName(now)} (the article’s version, which every claim reads). Work: the pool’s wall time on 3.11 over 3.14’s; the article’s window: start-up, work and shutdown. Ratios of geometric means with their 95 % intervals, worded by the same classification as the verdicts. Start-up: geometric means, 3.14 → 3.11; start method: the process pool’s, 3.14 → 3.11. Shown beside the article’s Python, never judged.`,
    columns: columns({ workload: 'Workload', load: 'Load, workers × tasks', pool: 'Pool', work: 'Work, 3.11 against 3.14 >', span: 'Article’s window, 3.11 against 3.14 >', startup: 'Start-up, 3.14 → 3.11 >', method: 'Start method' }),
    rows,
  };
}
