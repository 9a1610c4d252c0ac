// Node against Python: each of the article's methods next to its Node analog,
// peak memory as bars with the time beside them.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { bytes, ms, ratio } from '../../lib/report/format.ts';
import type { Point } from './analysis.ts';
import { nodeAt, NODE, PY, type Context } from './context.ts';
import { pointLabel } from './labels.ts';

const MB = 1024 * 1024;
const BAR_PX = 22;

export function nodeVsPythonFigure(ctx: Context): Figure | undefined {
  const { low, high } = ctx;
  const py = (s: string, c: number) => ctx.points.article(s, c);
  const node = (s: string, c: number) => nodeAt(ctx, s, c);
  const pairs: { category: string; points: (Point | undefined)[] }[] = [
    { category: 'sequential', points: [py(PY.sequential, 1), node(NODE.sequential, 1)] },
    { category: `${low} threads`, points: [py(PY.threads, low), node(NODE.threads, low)] },
    { category: `${high} threads`, points: [py(PY.threads, high), node(NODE.threads, high)] },
    { category: `all ${high} at once`, points: [py(PY.gevent, high), py(PY.asyncio, high), py(PY.streams, high), node(NODE.eventLoop, high)] },
  ];
  const data = pairs.flatMap(({ category, points }) =>
    points
      .filter((p): p is Point => p !== undefined && Number.isFinite(p.peak.median))
      // A slot per bar within its category: facets share the y scale, so labels go in a text mark.
      .map((p, i) => ({ category, slot: String(i), label: pointLabel(p), runtime: p.runtime === 'python' ? 'Python' : 'Node', peak_mb: p.peak.median / MB, text: `${bytes(p.peak.median)} · ${ms(p.wall.median)}` })),
  );
  const slots = [...new Set(data.map((d) => d.slot))].sort();
  if (!data.some((d) => d.runtime === 'Python') || !data.some((d) => d.runtime === 'Node')) return undefined;
  const seqPy = py(PY.sequential, 1);
  const seqNode = node(NODE.sequential, 1);
  const base = seqPy && seqNode ? ` The sequential clients alone: Node ${bytes(seqNode.peak.median)}, Python ${bytes(seqPy.peak.median)} (${ratio(seqNode.peak.median / seqPy.peak.median)}): most of a runtime’s footprint is the runtime.` : '';
  return {
    id: 'memory-node-vs-python',
    title: 'Node against Python: peak memory of each method and its analog',
    caption: `Median peak RSS of the client’s process tree (bar) and median wall time (label), with Node’s \`${ctx.client}\` client. Python threads pair with worker threads; gevent and asyncio, one thread with many sockets, pair with the event loop.${base}`,
    plot: {
      height: data.length * BAR_PX + 100,
      marginLeft: 210,
      marginRight: 110,
      // Headroom so that the label of the longest bar stays inside the frame.
      x: { label: 'median peak RSS (MB) →', grid: true, domain: [0, Math.max(...data.map((d) => d.peak_mb)) * 1.4] },
      y: { axis: null, domain: slots },
      fy: { label: null, domain: pairs.map((p) => p.category).filter((c) => data.some((d) => d.category === c)), axis: 'right' },
      color: { legend: true, domain: ['Python', 'Node'], range: ['#f28e2b', '#4e79a7'] },
      marks: [
        Plot.barX(data, { fy: 'category', y: 'slot', x: 'peak_mb', fill: 'runtime' }),
        Plot.text(data, { fy: 'category', y: 'slot', x: 0, text: 'label', dx: -6, textAnchor: 'end', fontSize: 10 }),
        Plot.text(data, { fy: 'category', y: 'slot', x: 'peak_mb', text: 'text', dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
