// Thumbnails' rows of the decision guide: resizing in pure JavaScript (CPU on
// the JS thread), with sharp/libvips and with Pillow (native code that leaves
// the main thread or the GIL), and the transport of a large photo (paths
// against bytes). Each the fastest computed from the rows.

import type { Row } from '../../lib/data/schema.ts';
import { ratioInterval } from '../../lib/stats/interval.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, paysFrom, race, scalingOf, winPhrase, type GuideEntry } from '../../lib/report/guide.ts';
import { measuredRows, samplingOf } from '../../lib/report/measured.ts';

const walls = (rows: readonly Row[]) => rows.map((r) => r.wall_ms).filter((v): v is number => typeof v === 'number');

const POOLS = ['node-threads', 'node-processes'];
const PYTHON = { serial: 'python-serial', candidates: ['python-processes', 'python-threads'] };
const CONFIG = ['workers', 'batch', 'transport'];

const most = (rows: readonly Row[], strategy: string) => Math.max(...rows.filter((r) => r.strategy === strategy).map((r) => Number(r.images)));

// The image count where a strategy ran at the most worker counts: its sweep.
function sweepOf(rows: readonly Row[], strategy: string): Row[] {
  const at = (n: unknown) => rows.filter((r) => r.strategy === strategy && r.images === n && r.batch === 1 && r.transport === 'paths');
  const sizes = [...new Set(rows.filter((r) => r.strategy === strategy).map((r) => r.images))];
  const best = sizes.sort((a, b) => new Set(at(b).map((r) => r.workers)).size - new Set(at(a).map((r) => r.workers)).size)[0];
  return at(best);
}

export default function guide(input: ReportInput): GuideEntry[] {
  const rows = measuredRows(input.rows, input.machineId);
  const cores = input.meta.runs[input.machineId]?.machine.cores ?? NaN;
  const out: GuideEntry[] = [];
  const perImages = (strategy: string, filter: (r: Row) => boolean = () => true) => (n: number) => medianOf(rows.filter((r) => r.strategy === strategy && r.images === n && filter(r)));

  const sides = [
    { runtime: 'node' as const, kind: 'pure-js-cpu' as const, serial: 'node-serial', candidates: POOLS, label: 'the serial loop', what: 'pure JavaScript', figure: 'speedup-by-workers' },
    { runtime: 'python' as const, kind: 'native-cpu' as const, serial: PYTHON.serial, candidates: PYTHON.candidates, label: 'the serial loop', what: 'Pillow', figure: 'speedup-by-workers' },
  ];
  for (const s of sides) {
    const images = most(rows, s.serial);
    const won = race({ rows, at: (r) => r.images === images, baseline: s.serial, candidates: s.candidates, config: CONFIG });
    if (!won) continue;
    const sweep = sweepOf(rows, won.strategy);
    const serial = perImages(s.serial);
    out.push(
      entryFrom(won, {
        kind: s.kind,
        runtime: s.runtime,
        work: `${count(images)} thumbnails, ${s.what}`,
        baselineLabel: s.label,
        figure: s.figure,
        paysFrom: paysFrom({ rows, baseline: s.serial, candidates: [won.strategy], config: CONFIG, size: (r) => Number(r.images), describe: (n) => `${count(n)} photos` }),
        idleBytesPerWorker: idlePerWorker(sweep, 'workers', samplingOf(input)),
        scaling: sweep.length ? scalingOf(sweep, won.strategy, () => serial(Number(sweep[0]!.images)), cores, 'workers', `${won.strategy}, ${count(Number(sweep[0]!.images))} thumbnails`) : undefined,
        ...(s.runtime === 'python' ? { article: claimText(input, 'T1') } : {}),
      }),
    );
  }

  // sharp: libvips off the main thread; more photos in flight against one at a time.
  const sharpImages = most(rows, 'node-sharp');
  const sharp = race({ rows, at: (r) => r.images === sharpImages, baseline: (r) => r.strategy === 'node-sharp' && r.workers === 1, candidates: ['node-sharp'], config: CONFIG });
  if (sharp) {
    const sweep = sweepOf(rows, 'node-sharp');
    const one = perImages('node-sharp', (r) => r.workers === 1)(Number(sweep[0]?.images));
    out.push(entryFrom(sharp, { kind: 'native-cpu', runtime: 'node', work: `${count(sharpImages)} thumbnails, sharp (libvips)`, baselineLabel: 'one photo at a time', figure: 'js-sharp-pillow', scaling: scalingOf(sweep, 'node-sharp', () => one, cores, 'workers', `node-sharp, ${count(Number(sweep[0]?.images))} thumbnails`) }));
  }

  // Large payloads: the photo's bytes through the pool's channel against its path, at the same point.
  for (const pool of POOLS) {
    const withBytes = rows.filter((r) => r.strategy === pool && r.transport === 'bytes');
    const p = withBytes[0];
    if (!p) continue;
    const at = (r: Row) => r.strategy === pool && r.images === p.images && r.workers === p.workers && r.batch === p.batch;
    const paths = rows.filter((r) => at(r) && r.transport === 'paths');
    const sent = rows.filter((r) => at(r) && r.transport === 'bytes');
    const [pm, bm] = [medianOf(paths), medianOf(sent)];
    if (!Number.isFinite(pm) || !Number.isFinite(bm)) continue;
    // bytes is the challenger: when it loses, entryFrom makes paths the winner.
    const e = entryFrom(
      { strategy: pool, model: p.model, config: { transport: 'bytes' }, median: bm, baselineMedian: pm, factor: pm / bm, interval: ratioInterval(walls(paths), walls(sent)), rows: sent, baselineRows: paths },
      { kind: 'large-payloads', runtime: 'node', work: `${count(Number(p.images))} photos to ${pool === 'node-threads' ? 'worker threads' : 'child processes'}: bytes or paths`, baselineLabel: 'sending paths', figure: 'paths-vs-bytes' },
    );
    out.push({ ...e, strategy: `${pool} (${bm < pm ? 'sending bytes' : 'sending paths'})`, phrase: bm < pm ? e.phrase : winPhrase(ratioInterval(walls(sent), walls(paths)), 'sending bytes') });
  }
  return out;
}
