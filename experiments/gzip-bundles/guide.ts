// Gzip-bundles' rows of the decision guide: zlib off the main thread (native
// CPU), a bundle of many small files, a bundle with one huge file, and the
// upload twist (network IO), each the fastest model computed from the rows.

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { bytes, count } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, paysFrom, race, scalingOf, type GuideEntry, type WorkKind } from '../../lib/report/guide.ts';
import { measuredRows, samplingOf } from '../../lib/report/measured.ts';

const NODE = { serial: 'node-serial', candidates: ['node-libuv', 'node-threads', 'node-processes', 'node-blocks', 'pigz'] };
const PYTHON = { serial: 'python-f1', candidates: ['python-f2', 'python-f3', 'python-f4'] };
const UPLOAD = { serial: 'node-upload-serial', candidates: ['node-upload-shared', 'node-upload-per-request'] };

interface Bundle {
  name: string;
  files: number;
  bytes: number;
}

function bundles(rows: readonly Row[]): Bundle[] {
  const out = new Map<string, Bundle>();
  for (const r of rows) if (r.strategy === NODE.serial || r.strategy === PYTHON.serial) out.set(String(r.bundle), { name: String(r.bundle), files: Number(r.files), bytes: Number(r.bundle_bytes) });
  return [...out.values()].sort((a, b) => a.bytes - b.bytes);
}

// Which bundle stands for which kind of work: the one whose large file the block compressor
// splits, the one of the smallest files, and the largest of the rest (the most zlib work).
function pick(rows: readonly Row[], all: Bundle[]): Partial<Record<WorkKind, Bundle>> {
  const blocks = new Set(rows.filter((r) => r.strategy === 'node-blocks').map((r) => String(r.bundle)));
  const small = [...all].sort((a, b) => a.bytes / a.files - b.bytes / b.files)[0];
  const large = all.filter((b) => blocks.has(b.name) && b !== small).at(-1);
  const native = all.filter((b) => b !== small && b !== large).at(-1) ?? all.at(-1);
  return { 'native-cpu': native, 'many-small-tasks': small, 'large-payloads': large };
}

// The small bundle's figure is the one every profile draws with that bundle in it: the throughput
// chart is drawn only where a pool was swept, and on a larger bundle.
const FIGURE: Record<string, string> = { 'native-cpu': 'time-per-bundle', 'many-small-tasks': 'time-relative', 'large-payloads': 'large-file' };

export default function guide(input: ReportInput): GuideEntry[] {
  const rows = measuredRows(input.rows, input.machineId).filter((r) => !UPLOAD.candidates.includes(r.strategy) && r.strategy !== UPLOAD.serial);
  const uploads = measuredRows(input.rows, input.machineId).filter((r) => UPLOAD.candidates.includes(r.strategy) || r.strategy === UPLOAD.serial);
  const cores = input.meta.runs[input.machineId]?.machine.cores ?? NaN;
  const all = bundles(rows);
  const picked = pick(rows, all);
  const out: GuideEntry[] = [];
  for (const runtime of ['node', 'python'] as const) {
    const side = runtime === 'node' ? NODE : PYTHON;
    for (const [kind, bundle] of Object.entries(picked) as [WorkKind, Bundle | undefined][]) {
      if (!bundle) continue;
      const won = race({ rows, at: (r) => r.bundle === bundle.name, baseline: side.serial, candidates: side.candidates, config: ['workers'] });
      if (!won) continue;
      const sweep = rows.filter((r) => r.bundle === bundle.name && r.strategy === won.strategy);
      const serial = medianOf(rows.filter((r) => r.bundle === bundle.name && r.strategy === side.serial));
      out.push(
        entryFrom(won, {
          kind,
          runtime,
          work: `gzip of ${count(bundle.files)} files, ${bytes(bundle.bytes)} (bundle ${bundle.name})`,
          baselineLabel: 'one file after another',
          figure: runtime === 'node' ? FIGURE[kind]! : 'time-per-bundle',
          paysFrom: kind === 'native-cpu' ? paysFrom({ rows, baseline: side.serial, candidates: [won.strategy], config: ['workers'], size: (r) => Number(r.bundle_bytes), describe: (s) => `${bytes(s)} of files` }) : null,
          idleBytesPerWorker: idlePerWorker(sweep, 'workers', samplingOf(input)),
          scaling: scalingOf(sweep, won.strategy, () => serial, cores),
          ...(runtime === 'python' ? { article: claimText(input, kind === 'large-payloads' ? 'G3' : 'G2') } : {}),
        }),
      );
    }
  }
  const upload = race({ rows: uploads, at: (r) => r.bundle === uploads.find((u) => u.strategy === UPLOAD.serial)?.bundle, baseline: UPLOAD.serial, candidates: UPLOAD.candidates, config: ['workers'] });
  if (upload) {
    const u = upload.rows[0]!;
    out.push(entryFrom(upload, { kind: 'network-io', runtime: 'node', work: `gzip and upload ${count(Number(u.files))} files (bundle ${String(u.bundle)})`, baselineLabel: 'uploading one file after another', figure: 'upload' }));
  }
  return out;
}
