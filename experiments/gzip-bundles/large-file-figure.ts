// The large-file case (G3 and the readers' question): whole files on a pool
// against files cut into blocks (Node's parallel blocks, pigz), on each bundle
// where the block compressor ran, with the bounds a whole-file pool cannot
// beat: the bundle over the cores, and the largest file alone.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { fastest, type Point } from './analysis.ts';
import { nodeDefault, type Context } from './context.ts';
import { percent, ratio, slowerFaster } from '../../lib/report/format.ts';
import { FACET_TITLE_PX, facetRows } from './facets.ts';
import { NODE, PIGZ, bundleLabel, pointLabel, strategyColor, strategyName, strategyRank } from './labels.ts';

export interface BlockResult {
  bundle: string;
  serial: Point;
  blocks: Point;
  /** Serial time over the block compressor's (work alone). */
  speedup: number;
  /** Its output over serial gzip's, minus one. */
  size_overhead: number;
  /** The largest file's share of the bundle's bytes. */
  largest_share: number;
}

export function blockResults(ctx: Context): BlockResult[] {
  return ctx.points.bundles((p) => p.strategy === NODE.blocks).flatMap((b) => {
    const serial = ctx.points.one(NODE.serial, b.bundle);
    const blocks = ctx.points.sweep(NODE.blocks, b.bundle).at(-1);
    const files = ctx.files[b.bundle] ?? [];
    if (!serial || !blocks || files.length === 0) return [];
    const total = files.reduce((s, f) => s + f.bytes, 0);
    return [{
      bundle: b.bundle, serial, blocks,
      speedup: serial.wall.median / blocks.wall.median,
      size_overhead: blocks.gzip_bytes / serial.gzip_bytes - 1,
      largest_share: Math.max(...files.map((f) => f.bytes)) / total,
    }];
  });
}

export function largeFileFigure(ctx: Context, results: BlockResult[]): Figure | undefined {
  if (results.length === 0) return undefined;
  const rows: { bundle: string; strategy: string; name: string; label: string; relative: number }[] = [];
  const bounds: { bundle: string; label: string; relative: number }[] = [];
  for (const r of results) {
    const b = ctx.points.bundles().find((x) => x.bundle === r.bundle)!;
    const facet = bundleLabel(r.bundle, b.files, b.bundle_bytes);
    // Worker threads too: on 2 cores whole files on them can beat the blocks, and the figure should show it.
    const points = [r.serial, nodeDefault(ctx, NODE.libuv, r.bundle), nodeDefault(ctx, NODE.threads, r.bundle), r.blocks, ctx.points.sweep(PIGZ, r.bundle).at(-1)].filter((p): p is Point => p !== undefined);
    points.sort((x, y) => strategyRank(x.strategy) - strategyRank(y.strategy));
    for (const p of points) rows.push({ bundle: facet, strategy: p.strategy, name: strategyName(p.strategy), label: `${strategyName(p.strategy)} · ${p.workers}`, relative: p.wall.median / r.serial.wall.median });
    bounds.push({ bundle: facet, label: `bundle ÷ ${ctx.cores} cores`, relative: 1 / ctx.cores }, { bundle: facet, label: 'largest file alone', relative: r.largest_share });
  }
  const facets = facetRows([...new Set(rows.map((r) => r.bundle))]);
  const lines = results.map((r) => {
    const whole = fastest([NODE.libuv, NODE.threads, NODE.processes].map((s) => nodeDefault(ctx, s, r.bundle)).filter((p): p is Point => p !== undefined));
    const wholeText = whole ? `, the fastest pool of whole files (${pointLabel(whole)}) ${slowerFaster(whole.wall.median / r.serial.wall.median, 'serial')}` : '';
    return `bundle ${r.bundle}: blocks ${slowerFaster(1 / r.speedup, 'serial')}, output ${r.size_overhead >= 0 ? '+' : ''}${(r.size_overhead * 100).toFixed(2)} %, largest file ${percent(r.largest_share)} of the bytes${wholeText}`;
  });
  return {
    id: 'large-file',
    title: 'Whole files against files cut into blocks',
    caption: `Median time of the work (pools pre-started) as a share of Node’s serial loop. A pool that compresses whole files cannot finish before its largest file has been compressed alone (the red dashed rule, estimated from its share of the bytes) nor before the bundle divided over the ${ctx.cores} cores (the grey one); cutting files into ${ctx.blockKb} KB blocks lifts the first bound. ${lines.join('; ')}.`,
    plot: {
      height: results.length * 150 + 80,
      marginTop: FACET_TITLE_PX,
      marginLeft: 260,
      x: { label: 'time ÷ serial time →', grid: true, domain: [0, Math.max(1.1, ...rows.map((r) => r.relative * 1.15))] },
      y: { label: null, domain: [...new Set(rows.map((r) => r.label))] },
      fy: facets.fy,
      color: strategyColor(rows.map((r) => r.strategy)),
      marks: [
        facets.title,
        Plot.barX(rows, { fy: 'bundle', y: 'label', x: 'relative', fill: 'name' }),
        Plot.text(rows, { fy: 'bundle', y: 'label', x: 'relative', text: (d: { relative: number }) => ratio(d.relative), dx: 4, textAnchor: 'start', fontSize: 10 }),
        Plot.ruleX(bounds.filter((d) => d.label.startsWith('largest')), { fy: 'bundle', x: 'relative', stroke: '#e15759', strokeDasharray: '5 3' }),
        Plot.ruleX(bounds.filter((d) => !d.label.startsWith('largest')), { fy: 'bundle', x: 'relative', stroke: '#666', strokeDasharray: '5 3' }),
        Plot.ruleX([0]),
      ],
    },
  };
}
