// Node's fastest way to fetch the article's 100 dates against Python's, each
// against the cores limit (lib/report/best-against-best.ts), which this waiting
// work is not bound by: the note says what bounds it instead.

import { bestAgainstBest, type BestAgainstBest } from '../../lib/report/best-against-best.ts';
import { count } from '../../lib/report/format.ts';
import { articlePoints, NODE, PY, type Context } from './context.ts';
import { pointName } from './labels.ts';

export function best(ctx: Context): BestAgainstBest | undefined {
  const points = articlePoints(ctx).filter((p) => p.requests === ctx.plan.days);
  if (points.length === 0) return undefined;
  return bestAgainstBest({
    work: `fetching ${count(ctx.plan.days)} dates from the local price API`,
    cores: ctx.cores,
    points,
    serial: (p) => p.strategy === NODE.sequential || p.strategy === PY.sequential,
    label: pointName,
    figure: 'peak-vs-wall',
    limitNote: 'This work waits on the network: the cores do not bound it, the slowest answer does (see the performance checks), so a path far beyond the cores’ limit is expected here.',
  });
}
