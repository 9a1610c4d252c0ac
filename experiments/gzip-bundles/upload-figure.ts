// The upload twist (G5): time to gzip and upload a bundle with each way of
// using connections, and how many TCP connections the store accepted.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import type { Context } from './context.ts';
import { count, ms } from '../../lib/report/format.ts';
import { FACET_TITLE_PX, facetRows } from './facets.ts';
import { UPLOAD, bundleLabel, strategyName } from './labels.ts';

const MODES = [UPLOAD.serial, UPLOAD.shared, UPLOAD.perRequest] as const;
const MODE_COLORS = ['#79706e', '#4e79a7', '#f28e2b'];

export function uploadFigure(ctx: Context): Figure | undefined {
  const data = ctx.points.bundles((p) => p.strategy.startsWith('node-upload-')).flatMap((b) =>
    MODES.flatMap((s) => {
      const p = ctx.points.sweep(s, b.bundle)[0];
      if (!p) return [];
      return [{ bundle: bundleLabel(b.bundle, b.files, b.bundle_bytes), name: strategyName(s), wall: p.wall.median, min: p.wall.min, text: `${ms(p.wall.median)}, ${count(p.connections.median)} connection${p.connections.median === 1 ? '' : 's'}` }];
    }),
  );
  if (data.length === 0) return undefined;
  const facets = facetRows([...new Set(data.map((d) => d.bundle))]);
  const names = MODES.map(strategyName).filter((n) => data.some((d) => d.name === n));
  return {
    id: 'upload',
    title: 'Gzip and upload: shared connections against a connection per request',
    caption: `Median time to gzip every file (async zlib), HEAD its key and PUT it to the local S3-like store, and the TCP connections the store accepted. Every answer waits ${ms(ctx.latencyMs)}, the first on a new connection ${ms(ctx.handshakeMs)} more (the handshakes to a remote S3; assumed values). The shared agent holds up to ${ctx.maxSockets} keep-alive connections, like botocore’s pool; the tick is the fastest repetition.`,
    plot: {
      height: data.length * 30 + 110,
      marginTop: FACET_TITLE_PX,
      marginLeft: 260,
      marginRight: 190,
      x: { label: 'median time (ms) →', grid: true },
      y: { label: null, domain: names },
      fy: facets.fy,
      color: { legend: true, domain: names, range: MODE_COLORS.slice(0, names.length) },
      marks: [
        facets.title,
        Plot.barX(data, { fy: 'bundle', y: 'name', x: 'wall', fill: 'name' }),
        Plot.tickX(data, { fy: 'bundle', y: 'name', x: 'min', stroke: 'black', strokeWidth: 2 }),
        Plot.text(data, { fy: 'bundle', y: 'name', x: 'wall', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
