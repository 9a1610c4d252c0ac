// Gzip-bundles' rows of the decision guide: zlib off the main thread (native
// CPU), a bundle of many small files, a bundle with one huge file, and the
// upload twist (network IO), each the fastest model computed from the clean rows.

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { bytes, count } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, paysFrom, race, scalingOf, type GuideEntry, type WorkKind } from '../../lib/report/guide.ts';
import { buildContext, bundlesOf, NODE, PIGZ, PY, UPLOAD, type Bundle } from './context.ts';

const SIDES = {
  node: { serial: NODE.serial, candidates: [NODE.libuv, NODE.threads, NODE.processes, NODE.blocks, PIGZ] },
  python: { serial: PY.serial, candidates: [PY.pool, PY.threads, PY.executor] },
} as const;
const UPLOADS: string[] = [UPLOAD.serial, UPLOAD.shared, UPLOAD.perRequest];

// The small bundle's figure is the one every profile draws with that bundle in it: the throughput
// chart is drawn only where a pool was swept, and on a larger bundle.
const FIGURE: Partial<Record<WorkKind, string>> = { 'native-cpu': 'time-per-bundle', 'many-small-tasks': 'time-relative', 'large-payloads': 'large-file' };

export default function guide(input: ReportInput): GuideEntry[] {
  // The clean repetitions only: disturbed trials leave every statistic, as in the report.
  const ctx = buildContext(input);
  const rows = ctx.rows.filter((r) => !UPLOADS.includes(r.strategy));
  const uploads = ctx.rows.filter((r) => UPLOADS.includes(r.strategy));
  // Which bundle stands for which kind of work: the one of the smallest files, the one whose large
  // file the block compressor splits, and the largest of the rest (the most zlib work).
  const all = bundlesOf(ctx, (p) => p.strategy === NODE.serial || p.strategy === PY.serial);
  const small = [...all].sort((a, b) => a.bundle_bytes / a.files - b.bundle_bytes / b.files)[0];
  const large = bundlesOf(ctx, (p) => p.strategy === NODE.blocks).filter((b) => b.bundle !== small?.bundle && all.some((x) => x.bundle === b.bundle)).at(-1);
  const native = all.filter((b) => b.bundle !== small?.bundle && b.bundle !== large?.bundle).at(-1) ?? all.at(-1);
  const picked: [WorkKind, Bundle | undefined][] = [['native-cpu', native], ['many-small-tasks', small], ['large-payloads', large]];
  const out: GuideEntry[] = [];
  for (const runtime of ['node', 'python'] as const) {
    const side = SIDES[runtime];
    for (const [kind, bundle] of picked) {
      if (!bundle) continue;
      const on = (r: Row) => r.bundle === bundle.bundle;
      const won = race({ rows, at: on, baseline: side.serial, candidates: side.candidates, config: ['workers'] });
      if (!won) continue;
      const sweep = rows.filter((r) => on(r) && r.strategy === won.strategy);
      const serial = medianOf(rows.filter((r) => on(r) && r.strategy === side.serial));
      out.push(
        entryFrom(won, {
          kind,
          runtime,
          work: `gzip of ${count(bundle.files)} files, ${bytes(bundle.bundle_bytes)} (bundle ${bundle.bundle})`,
          baselineLabel: 'one file after another',
          figure: runtime === 'node' ? FIGURE[kind]! : 'time-per-bundle',
          paysFrom: kind === 'native-cpu' ? paysFrom({ rows, baseline: side.serial, candidates: [won.strategy], config: ['workers'], size: (r) => Number(r.bundle_bytes), describe: (s) => `${bytes(s)} of files` }) : null,
          idleBytesPerWorker: idlePerWorker(sweep, 'workers', ctx.sampling),
          scaling: scalingOf(sweep, won.strategy, () => serial, ctx.cores),
          ...(runtime === 'python' ? { article: claimText(input, kind === 'large-payloads' ? 'G3' : 'G2') } : {}),
        }),
      );
    }
  }
  const upload = race({ rows: uploads, at: (r) => r.bundle === uploads.find((u) => u.strategy === UPLOAD.serial)?.bundle, baseline: UPLOAD.serial, candidates: [UPLOAD.shared, UPLOAD.perRequest], config: ['workers'] });
  if (upload) {
    const u = upload.rows[0]!;
    out.push(entryFrom(upload, { kind: 'network-io', runtime: 'node', work: `gzip and upload ${count(Number(u.files))} files (bundle ${String(u.bundle)}; the store’s latency assumed)`, baselineLabel: 'uploading one file after another', figure: 'upload' }));
  }
  return out;
}
