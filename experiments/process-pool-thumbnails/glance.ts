// The first screen's figure: the article's `time` output (real seconds of its
// for loop and its process pool on 1000 photos) beside the same job on this
// machine: Pillow's loop, process pool and thread pool, the pure-JavaScript
// loop and pool, and Node's fastest way (sharp). Geometric means of the
// repetitions with their 95 % intervals, as seconds for the article's 1000
// photos; one shared scale.

import type { Figure } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { glanceFigure, herePanelTitle, type GlanceBar } from '../../lib/report/glance.ts';
import { wallInterval } from '../../lib/report/points.ts';
import { scaleInterval } from '../../lib/stats/interval.ts';
import { ARTICLE } from './article.ts';
import { PY_PROCESSES, PY_THREADS, SERIAL, type Context, type ThumbPoint } from './context.ts';
import type { SizeComparison } from './ways.ts';

const seconds = (x: number) => `${x.toFixed(2)} s`;
const SERIAL_LOOP = 'Python, serial loop';
const PROCESS_POOL = 'Python, a process per core';

export function glance(ctx: Context, flickr: SizeComparison | undefined): Figure | undefined {
  const P = ctx.poolWorkers;
  const at = (strategy: string, workers = 1) => ctx.get(strategy, ctx.full, { workers });
  // Rows by role, so the article's two bars (its loop, its pool of one process per core) line up with this machine's.
  const rows: [string, ThumbPoint | undefined, GlanceBar['runtime']][] = [
    [SERIAL_LOOP, at(SERIAL.python), 'python'],
    [PROCESS_POOL, at(PY_PROCESSES, P), 'python'],
    ['Python, a thread per core', at(PY_THREADS, P), 'python'],
    ['Node, JS serial loop', at(SERIAL.node), 'node'],
    ['Node, JS process per core', at('node-processes', P), 'node'],
    ['Node, its fastest way', flickr?.nodeFastest, 'node'],
  ];
  const here: GlanceBar[] = rows.flatMap(([label, p, runtime]) => {
    if (!p) return [];
    // Seconds for the article's 1000 photos, from this run's time per photo: the same scale whatever the profile's photo count.
    const s = scaleInterval(wallInterval(p), ARTICLE.photos / p.images / 1000);
    return [{ label, value: s.value, interval: s, runtime }];
  });
  if (here.length === 0) return undefined;
  return glanceFigure({
    id: 'glance',
    title: `Real time for ${count(ARTICLE.photos)} thumbnails: the article against this machine`,
    caption: `Real (elapsed) seconds to make ${count(ARTICLE.photos)} thumbnails, as the article’s \`time\` printed them for its for loop and its process pool, beside this machine’s on ${count(ctx.full ?? NaN)} photos (scaled to ${count(ARTICLE.photos)} where fewer ran): the work only, without interpreter start-up or pool creation (the article’s \`time\` counted both). Here each bar is the geometric mean of the repetitions with its 95 % interval; Node’s fastest way is the fastest measured, with sharp or a pool of workers.`,
    measure: `Real time for ${count(ARTICLE.photos)} thumbnails (s)`,
    article: {
      title: `The article: ${ARTICLE.cores}-core Mac`,
      bars: [
        { label: SERIAL_LOOP, value: ARTICLE.serial.real_s, runtime: 'python' },
        { label: PROCESS_POOL, value: ARTICLE.pool.real_s, runtime: 'python' },
        ...here.filter((b) => b.label !== SERIAL_LOOP && b.label !== PROCESS_POOL).map((b) => ({ label: b.label, value: null, said: 'not measured', runtime: b.runtime })),
      ],
    },
    here: { title: herePanelTitle(ctx.run), bars: here },
    format: seconds,
    unitLine: false,
  });
}
