// The large-file case (G3 and the readers' question): whole files on a pool
// against files cut into blocks (Node's parallel blocks, pigz), on each bundle
// where the block compressor ran, with the bounds a whole-file pool cannot
// beat: the bundle over the cores, and the largest file alone.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { percent } from '../../lib/report/format.ts';
import { fastest, timeRatio } from '../../lib/report/points.ts';
import { versus } from '../../lib/verdicts/wording.ts';
import { bundleLabel, bundlesOf, largestShare, NODE, nameOf, nodeDefault, PIGZ, pointLabel, sweep, type Context, type GzipPoint } from './context.ts';
import { FACET_TITLE_PX, facetRows, modelColor, modelOf, ratioBarMarks, ratioDomain, whisker, type RatioBar } from './chart-parts.ts';

export interface BlockResult {
  bundle: string;
  serial: GzipPoint;
  blocks: GzipPoint;
  /** Its output over serial gzip's, minus one (the same on every repetition). */
  size_overhead: number;
  /** The largest file's share of the bundle's bytes. */
  largest_share: number;
}

export function blockResults(ctx: Context): BlockResult[] {
  return bundlesOf(ctx, (p) => p.strategy === NODE.blocks).flatMap((b) => {
    const serial = nodeDefault(ctx, NODE.serial, b.bundle);
    const blocks = sweep(ctx, NODE.blocks, b.bundle).at(-1);
    return serial && blocks ? [{ bundle: b.bundle, serial, blocks, size_overhead: blocks.gzip_bytes / serial.gzip_bytes - 1, largest_share: largestShare(ctx, b.bundle) }] : [];
  });
}

export function largeFileFigure(ctx: Context, results: BlockResult[]): Figure | undefined {
  if (results.length === 0) return undefined;
  const rows: RatioBar[] = [];
  const bounds: { bundle: string; largest: boolean; relative: number }[] = [];
  for (const r of results) {
    const facet = bundleLabel(bundlesOf(ctx).find((x) => x.bundle === r.bundle)!);
    // Worker threads too: on 2 cores whole files on them can beat the blocks, and the figure should show it.
    const points = [nodeDefault(ctx, NODE.libuv, r.bundle), nodeDefault(ctx, NODE.threads, r.bundle), r.blocks, sweep(ctx, PIGZ, r.bundle).at(-1)].filter((p): p is GzipPoint => p !== undefined);
    for (const p of points) rows.push({ bundle: facet, label: pointLabel(ctx, p), model: modelOf(p), ...whisker(timeRatio(p, r.serial)) });
    bounds.push({ bundle: facet, largest: false, relative: 1 / ctx.cores }, { bundle: facet, largest: true, relative: r.largest_share });
  }
  const facets = facetRows([...new Set(rows.map((r) => r.bundle!))]);
  const lines = results.map((r) => {
    const whole = fastest([NODE.libuv, NODE.threads, NODE.processes].flatMap((s) => nodeDefault(ctx, s, r.bundle) ?? []));
    const wholeText = whole ? `; the fastest pool of whole files (${pointLabel(ctx, whole)}) ${versus(timeRatio(whole, r.serial), 'serial')}` : '';
    return `${r.bundle === 'typical' ? 'the typical bundle' : `bundle ${r.bundle}`}: blocks ${versus(timeRatio(r.blocks, r.serial), 'serial')}, output ${r.size_overhead >= 0 ? '+' : ''}${(r.size_overhead * 100).toFixed(2)} %, largest file ${percent(r.largest_share)} of the bytes${wholeText}`;
  });
  return {
    id: 'large-file',
    title: 'Whole files against files cut into blocks',
    caption: `Time of the work (pools pre-started) over ${nameOf(ctx, NODE.serial)}’s on the same bundle, a ratio of geometric means with its 95 % interval (the whisker). A pool that compresses whole files cannot finish before its largest file has been compressed alone (the red dashed rule, estimated from its share of the bytes) nor before the bundle divided over the ${ctx.cores} cores (the grey one); cutting files into ${ctx.blockKb} KiB blocks lifts the first bound. ${lines.join('. ')}.`,
    plot: {
      height: results.length * 150 + 80,
      marginTop: FACET_TITLE_PX,
      marginLeft: 260,
      marginRight: 130,
      x: { label: 'time ÷ serial time →', grid: true, domain: ratioDomain(rows) },
      y: { label: null, domain: [...new Set(rows.map((r) => r.label))] },
      fy: facets.fy,
      color: modelColor(rows.map((r) => r.model)),
      marks: [
        facets.title,
        ...ratioBarMarks(rows),
        Plot.ruleX(bounds.filter((d) => d.largest), { fy: 'bundle', x: 'relative', stroke: '#e15759', strokeDasharray: '5 3' }),
        Plot.ruleX(bounds.filter((d) => !d.largest), { fy: 'bundle', x: 'relative', stroke: '#666', strokeDasharray: '5 3' }),
        Plot.ruleX([0]),
      ],
    },
  };
}
