// Node's fastest pool against Python's on CPU work at the heaviest of the article's
// loads, each against the machine's limit (lib/report/best-against-best.ts). The
// serial path of a runtime is its baseline running the same tasks one after
// another: one task on one worker, times the tasks.

import { bestAgainstBest, type BestAgainstBest } from '../../lib/report/best-against-best.ts';
import { plural } from '../../lib/report/format.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { grid, loadRank, pointOf, type Context, type PoolPoint } from './context.ts';
import { BASELINE } from './plan.ts';
import { loadLabel } from './labels.ts';

const SERIAL = '#serial';

export function best(ctx: Context): BestAgainstBest | undefined {
  const pools = grid(ctx, 'cpu', (p) => p.scale === 1);
  const load = pools.map((p) => p.load).sort((a, b) => loadRank(b) - loadRank(a))[0];
  if (!load) return undefined;
  const serials = [BASELINE.node, BASELINE.python].flatMap((strategy) => {
    const one = pointOf(ctx, strategy, 'cpu', load, 1, 1);
    return one ? [{ ...one, key: `${one.key}${SERIAL}`, walls: one.walls.map((w) => w * ctx.tasks) }] : [];
  });
  const label = (p: PoolPoint) =>
    p.key.endsWith(SERIAL) ? `${strategyLabel(ctx.experiment, p.strategy)}, one task at a time (one task × ${ctx.tasks})` : `${strategyLabel(ctx.experiment, p.strategy)}, ${plural(p.workers, 'worker')}`;
  return bestAgainstBest<PoolPoint>({
    work: `${ctx.tasks} cpu tasks at the ${loadLabel(load)} load`,
    cores: ctx.cores,
    points: [...pools.filter((p) => p.load === load), ...serials],
    serial: (p) => p.key.endsWith(SERIAL),
    eligible: (p) => !p.key.endsWith(SERIAL),
    label,
    figure: 'throughput-cpu',
  });
}
