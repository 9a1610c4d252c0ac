// The first screen's figure: the article's "GIL efficiency" on CPU work (threads
// ~0.25, interpreters ~0.99, processes "artificially low") beside the same pools
// on this machine, with Node's analogs under them. Here the CPU counted is the
// whole process tree's and the cores are the ones a pool can use, the article's
// own definition once its two flaws are taken out (see the claims I1–I3): on its
// 8 cores a pool of 4 could use all 4, so its numbers read on the same scale.

import type { Figure } from '../../lib/report/doc.ts';
import { glanceFigure, herePanelTitle, type GlanceBar } from '../../lib/report/glance.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { correctedGil } from './analysis.ts';
import { grid, type Context } from './context.ts';

const ROWS = [
  { strategy: 'python-threads', said: 0.25, runtime: 'python' },
  { strategy: 'python-processes', said: '“artificially low”', runtime: 'python' },
  { strategy: 'python-interpreters', said: 0.99, runtime: 'python' },
  { strategy: 'node-event-loop', runtime: 'node' },
  { strategy: 'node-worker-threads', runtime: 'node' },
  { strategy: 'node-child-processes', runtime: 'node' },
] as const;

export function glance(ctx: Context): Figure | undefined {
  const label = (strategy: string, _runtime: string) => strategyLabel(ctx.experiment, strategy);
  const here: GlanceBar[] = ROWS.flatMap((r) => {
    // The heaviest of the article's cpu loads (Node's scaled loads left out), at the run's pool size.
    const p = grid(ctx, 'cpu', (q) => q.strategy === r.strategy && q.scale === 1).at(-1);
    if (!p) return [];
    const e = correctedGil(ctx, p);
    return Number.isFinite(e.value) ? [{ label: label(r.strategy, r.runtime), value: e.value, interval: e, runtime: r.runtime }] : [];
  });
  if (here.length === 0) return undefined;
  return glanceFigure({
    id: 'glance',
    title: '“GIL efficiency” on CPU work: the article against this machine',
    caption: `Each pool of ${ctx.workers} running ${ctx.tasks} CPU tasks at the heaviest load: CPU time ÷ (wall time × the cores the pool can use), so 1 is every usable core busy, with its 95 % interval (none where a point has one repetition). Here the CPU of the whole process tree is counted; the article missed the CPU of pool processes that had exited, which is why it called its process pool’s figure artificially low without giving it.`,
    measure: 'CPU ÷ (wall × usable cores)',
    article: {
      title: 'The article: 8 cores, Python 3.14.0',
      bars: ROWS.filter((r) => r.runtime === 'python').map((r) =>
        typeof r.said === 'number'
          ? { label: label(r.strategy, r.runtime), value: r.said, runtime: 'python' as const }
          : { label: label(r.strategy, r.runtime), value: null, said: 'said' in r ? r.said : undefined, runtime: 'python' as const },
      ),
      reference: { value: 1, label: 'every core busy' },
    },
    here: { title: herePanelTitle(ctx.run), bars: here, reference: { value: 1, label: 'every core busy' } },
    format: (v) => v.toFixed(2),
    unitLine: false,
  });
}
