// The upload twist (G5): time to gzip and upload a bundle with each way of
// using connections, with its interval, and how many TCP connections the store accepted.

import * as Plot from '@observablehq/plot';
import type { Figure } from '../../lib/report/doc.ts';
import { count, ms } from '../../lib/report/format.ts';
import { wallInterval } from '../../lib/report/points.ts';
import { MODEL_COLORS } from '../../lib/report/strategies.ts';
import { bundleLabel, bundlesOf, nameOf, sweep, UPLOAD, type Context } from './context.ts';
import { FACET_TITLE_PX, facetRows } from './chart-parts.ts';

const MODES = [UPLOAD.serial, UPLOAD.shared, UPLOAD.perRequest] as const;

export function uploadFigure(ctx: Context): Figure | undefined {
  const data = bundlesOf(ctx, (p) => (MODES as readonly string[]).includes(p.strategy)).flatMap((b) =>
    MODES.flatMap((s) => {
      const p = sweep(ctx, s, b.bundle)[0];
      if (!p) return [];
      const i = wallInterval(p);
      const [lo, hi] = Number.isFinite(i.lo) && Number.isFinite(i.hi) ? [i.lo, i.hi] : [i.value, i.value];
      return [{ bundle: bundleLabel(b), name: nameOf(ctx, s), wall: i.value, lo, hi, text: `${ms(i.value)} (${ms(lo).replace(/ ms$/, '')}–${ms(hi)}), ${count(p.connections)} connection${p.connections === 1 ? '' : 's'}` }];
    }),
  );
  if (data.length === 0) return undefined;
  const facets = facetRows([...new Set(data.map((d) => d.bundle))]);
  return {
    id: 'upload',
    title: 'Gzip and upload: shared connections against a connection per request',
    caption: `Time to gzip every file (async zlib), HEAD its key and PUT it to the local S3-like store, geometric mean of the repetitions with its 95 % interval (the whisker), and the TCP connections the store accepted. Every answer waits ${ms(ctx.latencyMs)}, the first on a new connection ${ms(ctx.handshakeMs)} more: the handshakes to a remote S3, **assumed values**, so the times are a model and only the connection counts are measured as such. The shared agent holds up to ${ctx.maxSockets} keep-alive connections, like botocore’s pool.`,
    plot: {
      height: data.length * 30 + 110,
      marginTop: FACET_TITLE_PX,
      marginLeft: 260,
      marginRight: 250,
      x: { label: 'time (ms) →', grid: true },
      y: { label: null, domain: MODES.map((s) => nameOf(ctx, s)).filter((n) => data.some((d) => d.name === n)) },
      fy: facets.fy,
      marks: [
        facets.title,
        Plot.barX(data, { fy: 'bundle', y: 'name', x: 'wall', fill: MODEL_COLORS['event-loop'] }),
        Plot.ruleY(data, { fy: 'bundle', y: 'name', x1: 'lo', x2: 'hi', stroke: 'black' }),
        Plot.text(data, { fy: 'bundle', y: 'name', x: 'hi', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
