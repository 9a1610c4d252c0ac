// The first screen's figure: the article's chart (serial, threads and processes, as
// speed-ups over the serial loop) beside the same bars from this machine, with the
// fastest Node pool under them. The article printed one number (3.1× with 8
// processes); its other bars are shown by what it said of them.

import type { Figure } from '../../lib/report/doc.ts';
import { glanceFigure, herePanelTitle, type GlanceBar } from '../../lib/report/glance.ts';
import { count } from '../../lib/report/format.ts';
import { fastest, speedup } from '../../lib/report/points.ts';
import { largestSetWith, pointAt, sweepOf, POOLS, PY_PROCESSES, PY_THREADS, SERIAL, type Context } from './context.ts';
import { poolPhrase } from './labels.ts';

// The article: Core i7-2820MQ, 4 physical cores; the one speed-up it printed.
const ARTICLE_CORES = 4;
const ARTICLE_PROCESSES = { workers: 8, speedup: 3.1 };

export function glance(ctx: Context): Figure | undefined {
  const set = largestSetWith(ctx, PY_PROCESSES, SERIAL.python);
  const pySerial = set ? pointAt(ctx, SERIAL.python, set, 1) : undefined;
  const nodeSet = ctx.largest;
  const nodeSerial = nodeSet ? pointAt(ctx, SERIAL.node, nodeSet.set, 1) : undefined;
  const nodeBest = nodeSet ? fastest(POOLS.flatMap((n) => sweepOf(ctx, n, nodeSet.set))) : undefined;
  if (!pySerial && !(nodeSerial && nodeBest)) return undefined;
  const py = (strategy: string, workers: number) => (set && pySerial ? pointAt(ctx, strategy, set, workers) : undefined);
  const threads = py(PY_THREADS, ctx.cores) ?? (set ? sweepOf(ctx, PY_THREADS, set)[0] : undefined);
  const procsAtCores = py(PY_PROCESSES, ctx.cores);
  const procs8 = py(PY_PROCESSES, ARTICLE_PROCESSES.workers);
  const here: GlanceBar[] = [];
  const bar = (label: string, p: typeof threads, runtime: GlanceBar['runtime'], base = pySerial) => {
    if (!p || !base) return;
    const s = speedup(base, p);
    here.push({ label, value: s.value, interval: s, runtime });
  };
  bar(`Python, ${threads?.workers ?? ctx.cores} threads`, threads, 'python');
  bar(`Python, ${ctx.cores} processes`, procsAtCores, 'python');
  bar(`Python, ${ARTICLE_PROCESSES.workers} processes`, procs8, 'python');
  bar(`Node, ${nodeBest ? poolPhrase(nodeBest).replace(/ with .*/, '') : ''}`, nodeBest, 'node', nodeSerial);
  return glanceFigure({
    id: 'glance',
    title: 'Speed-up over the serial loop: the article against this machine',
    caption: `Threads do not speed the factorizer up and processes do, on the article’s 4 cores and on this machine’s ${ctx.cores}; the dashed line is the ideal, one times the cores. Python’s bars here factor ${set ? count(pointAt(ctx, SERIAL.python, set, 1)?.numbers ?? NaN) : 'no'} numbers, Node’s ${nodeSet ? count(nodeSet.numbers) : 'no'}${nodeBest ? ` (Node’s bar is its fastest pool: ${poolPhrase(nodeBest)})` : ''}; the black line on a bar is its 95 % interval. The article printed one speed-up; its other bars are shown by what it said of them.`,
    measure: 'Speed-up over the same runtime’s serial loop (×)',
    article: {
      title: `The article: ${ARTICLE_CORES} cores, Python 2`,
      bars: [
        { label: here[0]?.label ?? `Python, ${ctx.cores} threads`, value: null, said: 'slower than serial', runtime: 'python' },
        { label: `Python, ${ctx.cores} processes`, value: null, said: 'faster (no value printed)', runtime: 'python' },
        { label: `Python, ${ARTICLE_PROCESSES.workers} processes`, value: ARTICLE_PROCESSES.speedup, runtime: 'python' },
      ],
      reference: { value: ARTICLE_CORES, label: `ideal on ${ARTICLE_CORES} cores` },
    },
    here: { title: herePanelTitle(ctx.run), bars: here, reference: { value: ctx.cores, label: `ideal on ${ctx.cores} cores` } },
  });
}
