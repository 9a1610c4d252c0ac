// The first screen's figure: the article's "bestest graph" (each function against
// the serial f1 over its three bundles) beside the same bars from this machine,
// with Node's analogs under them. As speed-ups, so that longer reads as better on
// both sides. The article drew its chart without printing a value: its panel says
// what it concluded for each function instead.

import type { Figure } from '../../lib/report/doc.ts';
import { glanceFigure, herePanelTitle, type GlanceBar } from '../../lib/report/glance.ts';
import { invertInterval } from '../../lib/stats/interval.ts';
import { nameOf, NODE_ANALOGS, PY, PYTHON_FUNCTIONS, type Context } from './context.ts';
import { bestest } from './time-figures.ts';

// What the article said of each pool against f1, on its 8-core laptop.
const ARTICLE_SAID: Record<string, string> = {
  [PY.pool]: 'faster than f1',
  [PY.threads]: 'fastest, by a small margin',
  [PY.executor]: 'faster than f1',
};

const labelOf = (ctx: Context, strategy: string) => `${strategy.startsWith('python-') ? 'Python' : 'Node'}, ${nameOf(ctx, strategy)}`;

export function glance(ctx: Context): Figure | undefined {
  const bars = (strategies: readonly string[], runtime: GlanceBar['runtime']): GlanceBar[] =>
    bestest(ctx, strategies).map((b) => {
      const s = invertInterval(b.ratio);
      return { label: labelOf(ctx, b.strategy), value: s.value, interval: s, runtime };
    });
  const here = [...bars(PYTHON_FUNCTIONS, 'python'), ...bars(NODE_ANALOGS, 'node')];
  if (here.length === 0) return undefined;
  return glanceFigure({
    id: 'glance',
    title: 'The article’s “bestest graph”, against this machine',
    caption: `Each pool against its runtime’s serial loop over the article’s three bundles (cold: the pool started inside the timed call, as the article timed it), as a speed-up with its 95 % interval; the dashed line is the ideal on ${ctx.cores} cores. The article drew this chart without printing its values, so its panel gives what it concluded.`,
    measure: 'Speed-up over the serial loop, geometric mean over the bundles (×)',
    article: {
      title: 'The article: 8-core laptop',
      bars: PYTHON_FUNCTIONS.slice(1).map((s) => ({ label: labelOf(ctx, s), value: null, said: ARTICLE_SAID[s], runtime: 'python' as const })),
    },
    here: { title: herePanelTitle(ctx.run), bars: here, reference: { value: ctx.cores, label: `ideal on ${ctx.cores} cores` } },
  });
}
