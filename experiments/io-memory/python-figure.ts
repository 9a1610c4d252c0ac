// Node against Python: each of the article's methods next to its Node analog,
// peak memory as bars with their 95 % intervals and the time beside them.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { bytes, ms } from '../../lib/report/format.ts';
import { MODEL_LABELS } from '../../lib/report/strategies.ts';
import { geoMeanInterval, ratioInterval } from '../../lib/stats/interval.ts';
import { articleAt, NODE, PY, type Context, type MemPoint } from './context.ts';
import { memoryVersus, modelColors, pointLabel } from './labels.ts';

const MiB = 1024 * 1024;
const BAR_PX = 22;

export function nodeVsPythonFigure(ctx: Context): Figure | undefined {
  const { low, high } = ctx;
  const at = (s: string, c: number) => articleAt(ctx, s, c);
  const pairs: { category: string; points: (MemPoint | undefined)[] }[] = [
    { category: 'sequential', points: [at(PY.sequential, 1), at(NODE.sequential, 1)] },
    { category: `${low} threads`, points: [at(PY.threads, low), at(NODE.threads, low)] },
    { category: `${high} threads`, points: [at(PY.threads, high), at(NODE.threads, high)] },
    { category: `all ${high} at once`, points: [at(PY.gevent, high), at(PY.asyncio, high), at(PY.streams, high), at(NODE.eventLoop, high)] },
  ];
  const shown = pairs.flatMap(({ category, points }) =>
    points
      .filter((p): p is MemPoint => p !== undefined && p.peaks.length > 0)
      // A slot per bar within its category: facets share the y scale, so labels go in a text mark.
      .map((p, i) => ({ p, category, slot: String(i) })),
  );
  if (!shown.some((d) => d.p.runtime === 'python') || !shown.some((d) => d.p.runtime === 'node')) return undefined;
  const data = shown.map(({ p, category, slot }) => {
    const g = geoMeanInterval(p.peaks);
    return { category, slot, label: pointLabel(p), model: MODEL_LABELS[p.model], peak: g.value / MiB, lo: g.lo / MiB, hi: g.hi / MiB, text: `${bytes(p.peak.median)} · ${ms(p.wall.median)}` };
  });
  const slots = [...new Set(data.map((d) => d.slot))].sort();
  const seqPy = at(PY.sequential, 1);
  const seqNode = at(NODE.sequential, 1);
  const base = seqPy && seqNode ? ` The sequential clients alone: Node’s takes ${memoryVersus(ratioInterval(seqNode.peaks, seqPy.peaks), 'Python’s')}: most of a runtime’s footprint is the runtime.` : '';
  return {
    id: 'memory-node-vs-python',
    title: 'Node against Python: peak memory of each method and its analog',
    caption: `Geometric mean of the peak RSS of the client’s process tree (bar, with its 95 % interval) and, as the label, the median peak and wall time, with Node’s \`${ctx.client}\` client. Python threads pair with worker threads; gevent and asyncio, one thread with many sockets, pair with the event loop. A label names the requests really in flight where a pool fell short of its size.${base}`,
    plot: {
      height: data.length * BAR_PX + 100,
      marginLeft: 260,
      marginRight: 110,
      // Headroom so that the label of the longest bar stays inside the frame.
      x: { label: 'peak RSS (MiB) →', grid: true, domain: [0, Math.max(...data.map((d) => d.hi)) * 1.4] },
      y: { axis: null, domain: slots },
      fy: { label: null, domain: pairs.map((p) => p.category).filter((c) => data.some((d) => d.category === c)), axis: 'right' },
      color: modelColors(shown.map((d) => d.p.model)),
      marks: [
        Plot.barX(data, { fy: 'category', y: 'slot', x: 'peak', fill: 'model' }),
        Plot.ruleY(data, { fy: 'category', y: 'slot', x1: 'lo', x2: 'hi', stroke: 'black' }),
        Plot.text(data, { fy: 'category', y: 'slot', x: 0, text: 'label', dx: -6, textAnchor: 'end', fontSize: 10 }),
        Plot.text(data, { fy: 'category', y: 'slot', x: 'hi', text: 'text', dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
