// Thumbnails' rows of the decision guide: resizing in pure JavaScript (CPU on
// the JS thread), with sharp/libvips and with Pillow (native code that leaves
// the main thread or the GIL), and the transport of a large photo (paths
// against bytes). Each the fastest computed from the clean rows, its factor
// with its interval (lib/report/guide.ts).

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, paysFrom, race, scalingOf, type GuideEntry } from '../../lib/report/guide.ts';
import { samplingOf } from '../../lib/report/measured.ts';
import { buildContext, NODE_POOLS, PY_PROCESSES, PY_THREADS, SERIAL, SHARP, SHARP_WAYS } from './context.ts';

const CONFIG = ['workers', 'batch', 'transport'];

export default function guide(input: ReportInput): GuideEntry[] {
  const { rows, cores, full: images = NaN, sweep } = buildContext(input);
  const out: GuideEntry[] = [];
  // A strategy over worker counts on the sweep set: the guide's scaling overlay.
  const sweepOf = (strategy: string) => rows.filter((r) => r.strategy === strategy && r.images === sweep && r.batch === 1 && r.transport === 'paths');
  const perImages = (strategy: string, filter: (r: Row) => boolean = () => true) => (n: number) => medianOf(rows.filter((r) => r.strategy === strategy && r.images === n && filter(r)));

  const sides = [
    { runtime: 'node' as const, kind: 'pure-js-cpu' as const, serial: SERIAL.node, candidates: [...NODE_POOLS], what: 'pure JavaScript' },
    { runtime: 'python' as const, kind: 'native-cpu' as const, serial: SERIAL.python, candidates: [PY_PROCESSES, PY_THREADS], what: 'Pillow' },
  ];
  for (const s of sides) {
    const won = race({ rows, at: (r) => r.images === images, baseline: s.serial, candidates: s.candidates, config: CONFIG });
    if (!won) continue;
    const swept = sweepOf(won.strategy);
    const serial = perImages(s.serial);
    out.push(
      entryFrom(won, {
        kind: s.kind,
        runtime: s.runtime,
        work: `${count(images)} thumbnails, ${s.what}`,
        baselineLabel: 'the serial loop',
        figure: 'speedup-by-workers',
        paysFrom: paysFrom({ rows, baseline: s.serial, candidates: [won.strategy], config: CONFIG, size: (r) => Number(r.images), describe: (n) => `${count(n)} photos` }),
        idleBytesPerWorker: idlePerWorker(swept, 'workers', samplingOf(input)),
        scaling: swept.length ? scalingOf(swept, won.strategy, () => serial(sweep ?? NaN), cores, 'workers', `${won.strategy}, ${count(sweep ?? NaN)} thumbnails`) : undefined,
        ...(s.runtime === 'python' ? { article: claimText(input, 'T1') } : {}),
      }),
    );
  }

  // sharp: libvips off the main thread; the fastest way with it (photos in flight, buffers, tuned, worker threads) against one photo at a time.
  const sharp = race({ rows, at: (r) => r.images === images, baseline: (r) => r.strategy === SHARP && r.workers === 1, candidates: [...SHARP_WAYS], config: CONFIG });
  if (sharp) {
    const one = perImages(SHARP, (r) => r.workers === 1)(sweep ?? NaN);
    const scaling = scalingOf(sweepOf(SHARP), SHARP, () => one, cores, 'workers', `node-sharp, ${count(sweep ?? NaN)} thumbnails`);
    out.push(entryFrom(sharp, { kind: 'native-cpu', runtime: 'node', work: `${count(images)} thumbnails, sharp (libvips)`, baselineLabel: 'one photo at a time', figure: 'js-sharp-pillow', scaling }));
  }

  // Large payloads: the photo's bytes through the pool's channel against its path, at the same point.
  // The slower transport is the baseline, so the entry's factor, interval and words are the faster one's.
  for (const pool of NODE_POOLS) {
    const p = rows.find((r) => r.strategy === pool && r.transport === 'bytes');
    if (!p) continue;
    const here = rows.filter((r) => r.strategy === pool && r.images === p.images && r.workers === p.workers && r.batch === p.batch);
    const median = (transport: string) => medianOf(here.filter((r) => r.transport === transport));
    const [winner, loser] = median('bytes') < median('paths') ? ['bytes', 'paths'] : ['paths', 'bytes'];
    const raced = race({ rows: here, at: () => true, baseline: (r) => r.transport === loser, candidates: [pool], config: ['transport'] });
    if (!raced || raced.config.transport !== winner) continue;
    const work = `${count(Number(p.images))} photos to ${pool === 'node-threads' ? 'worker threads' : 'child processes'}: bytes or paths`;
    // The work's CPU share is one photo at a time's (the serial loop on the same photos), not the pool's.
    const serial = rows.filter((r) => r.strategy === SERIAL.node && r.images === p.images);
    const e = entryFrom(raced, { kind: 'large-payloads', runtime: 'node', work, baselineLabel: `sending ${loser}`, figure: 'paths-vs-bytes', ...(serial.length ? { cpu: { rows: serial, where: `${SERIAL.node} (the serial loop), on the same photos` } } : {}) });
    out.push({ ...e, strategy: `${pool} (sending ${winner})` });
  }
  return out;
}
