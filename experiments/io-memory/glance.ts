// The first screen's figure: the article's memory comparison (each method's
// footprint against the sequential script) beside the same bars from this machine,
// with Node's event loop and worker threads under Python's methods. The article
// showed memory as plots without numbers; its panel gives what it said of each.

import type { Figure } from '../../lib/report/doc.ts';
import { glanceFigure, herePanelTitle, type GlanceBar } from '../../lib/report/glance.ts';
import { ratioInterval } from '../../lib/stats/interval.ts';
import { articleAt, NODE, PY, type Context, type MemPoint } from './context.ts';

export function glance(ctx: Context): Figure | undefined {
  const pySeq = articleAt(ctx, PY.sequential, 1);
  const nodeSeq = articleAt(ctx, NODE.sequential, 1);
  const rows: { label: string; strategy: string; level: number; said?: string; runtime: GlanceBar['runtime'] }[] = [
    { label: `Python, ${ctx.low} threads`, strategy: PY.threads, level: ctx.low, said: 'higher than sequential', runtime: 'python' },
    { label: `Python, ${ctx.high} threads`, strategy: PY.threads, level: ctx.high, said: 'much higher', runtime: 'python' },
    { label: `Python, gevent`, strategy: PY.gevent, level: ctx.high, said: 'similar to threads', runtime: 'python' },
    { label: `Python, asyncio`, strategy: ctx.asyncio, level: ctx.high, said: 'lowest, close to sequential', runtime: 'python' },
    { label: `Node, event loop`, strategy: NODE.eventLoop, level: ctx.high, runtime: 'node' },
    { label: `Node, ${ctx.high} worker threads`, strategy: NODE.threads, level: ctx.high, runtime: 'node' },
  ];
  const here: GlanceBar[] = rows.flatMap((r) => {
    const p: MemPoint | undefined = articleAt(ctx, r.strategy, r.level);
    const base = r.runtime === 'python' ? pySeq : nodeSeq;
    if (!p || !base) return [];
    const m = ratioInterval(p.peaks, base.peaks);
    return [{ label: r.label, value: m.value, interval: m, runtime: r.runtime }];
  });
  if (here.length === 0) return undefined;
  return glanceFigure({
    id: 'glance',
    title: 'Peak memory against the sequential script: the article against this machine',
    caption: `Each method’s peak memory (the client’s whole process tree) over its runtime’s sequential loop, fetching the same ${ctx.plan.days} dates, with its 95 % interval; 1 is no more than sequential. The article plotted memory over time without printing values, so its panel gives what it said of each method.`,
    measure: 'Peak memory ÷ the same runtime’s sequential loop (×)',
    article: {
      title: 'The article: 4 cores, Python 3',
      bars: rows.filter((r) => r.said).map((r) => ({ label: r.label, value: null, said: r.said, runtime: r.runtime })),
    },
    here: { title: herePanelTitle(ctx.run), bars: here },
    log: true,
  });
}
