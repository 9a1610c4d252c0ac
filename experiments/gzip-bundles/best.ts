// Node's fastest path against Python's on the article's largest bundle, cold as the
// article timed it (the pool created inside the call), each against the machine's
// limit (lib/report/best-against-best.ts). pigz is an external tool, not a Node path.

import { bestAgainstBest, type BestAgainstBest } from '../../lib/report/best-against-best.ts';
import { ARTICLE_BUNDLES, bundleLabel, bundlesOf, NODE, pointLabel, PY, type Context, type GzipPoint } from './context.ts';

export function best(ctx: Context): BestAgainstBest | undefined {
  const b = bundlesOf(ctx).filter((x) => (ARTICLE_BUNDLES as readonly string[]).includes(x.bundle)).at(-1);
  if (!b) return undefined;
  return bestAgainstBest<GzipPoint>({
    work: `gzip’ing ${bundleLabel(b)} at level ${ctx.level}, cold`,
    cores: ctx.cores,
    points: ctx.points.all.filter((p) => p.bundle === b.bundle && !p.strategy.startsWith('node-upload')),
    serial: (p) => p.strategy === NODE.serial || p.strategy === PY.serial,
    label: (p) => pointLabel(ctx, p),
    times: (p) => p.colds,
    figure: 'time-per-bundle',
  });
}
