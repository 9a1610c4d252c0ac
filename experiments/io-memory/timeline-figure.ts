// The article's figures rebuilt: memory over time, one small multiple per
// strategy of the article's comparison, on shared axes, with the span of the
// requests shaded. One figure for the Python peers, one for Node.

import * as Plot from '@observablehq/plot';
import type { Row } from '../../lib/data/schema.ts';
import type { Figure } from '../../lib/report/doc.ts';
import { bytes, ms } from '../../lib/report/format.ts';
import { MODEL_LABELS } from '../../lib/report/strategies.ts';
import { articlePoints, type Context, type MemPoint } from './context.ts';
import { modelColors, pointLabel } from './labels.ts';

const COLUMNS = 3;
const PANEL_PX = 110;
const MiB = 1024 * 1024;

/** The repetition whose peak is nearest the point's median peak: a typical run, not the best or worst. */
export function typicalRow(p: MemPoint): Row | undefined {
  const target = p.peak.median;
  return [...p.rows]
    .filter((r) => r.rss_peak_bytes !== null)
    .sort((a, b) => Math.abs(a.rss_peak_bytes! - target) - Math.abs(b.rss_peak_bytes! - target) || a.trial - b.trial)[0];
}

// The chart's default width (lib/report/plot.ts), less the margins, shared by the columns; minus a little padding.
const PANEL_EMS = Math.floor((720 - 50 - 20) / COLUMNS / 10) - 2;

export function timelineFigure(ctx: Context, runtime: 'python' | 'node'): Figure | undefined {
  const points = articlePoints(ctx).filter((p) => p.runtime === runtime);
  const panels = points.flatMap((p) => {
    const row = typicalRow(p);
    const samples = row ? (ctx.timelines.get(row.trial) ?? []) : [];
    return row && samples.length > 0 ? [{ p, row, samples }] : [];
  });
  if (panels.length === 0) return undefined;
  const place = (i: number) => ({ col: i % COLUMNS, line: Math.floor(i / COLUMNS) });
  const lines = panels.flatMap(({ p, samples }, i) => samples.map((s) => ({ ...place(i), panel: pointLabel(p), model: MODEL_LABELS[p.model], t_s: s.t_ms / 1000, rss_mib: s.rss_bytes / MiB })));
  const spans = panels
    .map(({ row }, i) => ({ ...place(i), x1: (row.work_start_ms ?? NaN) / 1000, x2: (row.work_end_ms ?? NaN) / 1000 }))
    .filter((s) => Number.isFinite(s.x1) && Number.isFinite(s.x2));
  const labels = panels.map(({ p }, i) => ({ ...place(i), text: `${pointLabel(p)}\npeak ${bytes(p.peak.median)} · ${ms(p.wall.median)}` }));
  const rows = Math.ceil(panels.length / COLUMNS);
  const top = [...panels].sort((a, b) => b.p.peak.median - a.p.peak.median)[0]!.p;
  const low = [...panels].sort((a, b) => a.p.peak.median - b.p.peak.median)[0]!.p;
  const who = runtime === 'python' ? 'the article’s Python, as it runs here' : 'Node, with fetch and with node:http';
  return {
    id: `memory-timeline-${runtime}`,
    title: `Memory over time: ${who}`,
    caption:
      `RSS of the client’s whole process tree, sampled every 10 ms from spawn to exit, one panel per strategy (a typical repetition: the one whose peak is nearest the median). The grey band is the work, from the first request to the last answer; before it, the process (and any pool) starts. All panels share both axes. ` +
      `Highest: ${pointLabel(top)} at ${bytes(top.peak.median)}; lowest: ${pointLabel(low)} at ${bytes(low.peak.median)}.`,
    plot: {
      height: rows * PANEL_PX + 80,
      marginLeft: 50,
      x: { label: 'seconds since the process started →', grid: true },
      y: { label: '↑ RSS (MiB)', grid: true, domain: [0, Math.max(...lines.map((l) => l.rss_mib)) * 1.05] },
      fx: { axis: null, domain: Array.from({ length: COLUMNS }, (_, i) => i) },
      fy: { axis: null, domain: Array.from({ length: rows }, (_, i) => i) },
      color: modelColors(panels.map(({ p }) => p.model)),
      marks: [
        Plot.rect(spans, { x1: 'x1', x2: 'x2', fx: 'col', fy: 'line', fill: '#e8e8e8' }),
        Plot.line(lines, { x: 't_s', y: 'rss_mib', fx: 'col', fy: 'line', z: 'panel', stroke: 'model', strokeWidth: 1.5 }),
        // Wrapped to the panel's width (lineWidth is in ems), so that a long label never runs into the next panel.
        Plot.text(labels, { fx: 'col', fy: 'line', text: 'text', frameAnchor: 'top-left', dx: 4, dy: 4, fontSize: 10, lineWidth: PANEL_EMS }),
        Plot.ruleY([0]),
        Plot.frame({ stroke: '#ccc' }),
      ],
    },
  };
}
