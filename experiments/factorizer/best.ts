// Node's fastest path against Python's on the largest set both ran, each against
// the machine's limit (lib/report/best-against-best.ts). Every Python the run had
// counts, CPython 3.14's interpreter pool included: a reader picks the fastest.

import { bestAgainstBest, type BestAgainstBest } from '../../lib/report/best-against-best.ts';
import { count, plural } from '../../lib/report/format.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { largestSetWith, numbersIn, POOLS, PY314, SERIAL, type Context, type FzPoint } from './context.ts';
import { poolPhrase } from './labels.ts';

export function best(ctx: Context): BestAgainstBest | undefined {
  const set = largestSetWith(ctx, SERIAL.python, SERIAL.node);
  if (!set) return undefined;
  const label = (p: FzPoint) =>
    (POOLS as readonly string[]).includes(p.strategy) ? poolPhrase(p) : p.workers > 1 ? `${strategyLabel(ctx.experiment, p.strategy)}, ${plural(p.workers, 'worker')}` : strategyLabel(ctx.experiment, p.strategy);
  return bestAgainstBest({
    work: `factoring ${count(numbersIn(ctx, set))} numbers (set \`${set}\`)`,
    cores: ctx.cores,
    points: ctx.points.all.filter((p) => p.set === set),
    serial: (p) => p.strategy === SERIAL.node || p.strategy === SERIAL.python || p.strategy === PY314.serial,
    label,
    figure: `time-bars-${set}`,
  });
}
