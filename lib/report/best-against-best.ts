// The plain question a reader choosing a runtime asks: for this job, is Node's
// fastest path faster than Python's fastest path, and how close does each come
// to what the machine allows? The limit is each runtime's own fastest serial
// path spread over every core (its single-core time ÷ cores): a path at 1× the
// limit uses every core as well as one core runs the serial loop. Pure: points in,
// data out; the page renders it as a small table and the index collects them.

import type { Runtime } from '../experiment/types.ts';
import { geoMeanInterval, ratioInterval, scaleInterval, type Interval } from '../stats/interval.ts';
import type { Point } from './points.ts';
import type { Table } from './doc.ts';
import { ms } from './format.ts';
import { estimate, versus } from '../verdicts/wording.ts';
import { orderOf } from '../verdicts/classify.ts';

export interface BestSide {
  runtime: Runtime;
  /** The fastest path: its strategy and, in words, what it is ('2 worker threads with dynamic batches'). */
  strategy: string;
  label: string;
  /** Geometric mean of its times with the 95 % interval, ms. */
  time: Interval;
  /** The runtime's own fastest serial path, and its time. */
  serial: { strategy: string; label: string; time: Interval };
  /** time ÷ (serial time ÷ cores), with its interval: 1 is the machine's limit, above is short of it. */
  againstLimit: Interval;
}

/** Node's best against Python's best on one job: what a report's table and the index's column show. */
export interface BestAgainstBest {
  /** The job, in words: 'factoring 10 000 numbers (set `reader`)'. */
  work: string;
  cores: number;
  node?: BestSide;
  python?: BestSide;
  /** Node's time ÷ Python's, with its interval: below 1 Node is faster. */
  ratio?: Interval;
  /** Id of the report's figure or table this rests on (for the index's link); the table's own id by default. */
  figure?: string;
  /** Said where the limit does not bound the work (waiting on the network, say). */
  limitNote?: string;
}

export interface BestSpec<P extends Point> {
  work: string;
  cores: number;
  /** Every point that did the job, of either runtime, serial paths included. */
  points: readonly P[];
  /** Whether a point is a serial path (one core, one at a time): each runtime's fastest is its limit's base. */
  serial: (p: P) => boolean;
  /** What a point is, in words. */
  label: (p: P) => string;
  /** A point's time per repetition (default: its wall times). */
  times?: (p: P) => number[];
  /** Only these points may be a runtime's fastest path (default: every point but an external tool's). */
  eligible?: (p: P) => boolean;
  figure?: string;
  limitNote?: string;
}


/** Each runtime's fastest path and fastest serial path on one job, and the two runtimes against each other. */
export function bestAgainstBest<P extends Point>(spec: BestSpec<P>): BestAgainstBest {
  const times = spec.times ?? ((p: P) => p.walls);
  const fastest = (ps: readonly P[]) =>
    ps.filter((p) => times(p).length > 0).reduce<P | undefined>((best, p) => (!best || geoMeanInterval(times(p)).value < geoMeanInterval(times(best)).value ? p : best), undefined);
  const eligible = spec.eligible ?? ((p: P) => p.model !== 'external');
  const side = (runtime: Runtime): { side: BestSide; times: number[] } | undefined => {
    const mine = spec.points.filter((p) => p.runtime === runtime);
    const best = fastest(mine.filter(eligible));
    const serial = fastest(mine.filter(spec.serial));
    if (!best || !serial) return undefined;
    const side: BestSide = {
      runtime,
      strategy: best.strategy,
      label: spec.label(best),
      time: geoMeanInterval(times(best)),
      serial: { strategy: serial.strategy, label: spec.label(serial), time: geoMeanInterval(times(serial)) },
      againstLimit: scaleInterval(ratioInterval(times(best), times(serial)), spec.cores),
    };
    return { side, times: times(best) };
  };
  const node = side('node');
  const python = side('python');
  return {
    work: spec.work,
    cores: spec.cores,
    ...(node ? { node: node.side } : {}),
    ...(python ? { python: python.side } : {}),
    ...(node && python ? { ratio: ratioInterval(node.times, python.times) } : {}),
    ...(spec.figure ? { figure: spec.figure } : {}),
    ...(spec.limitNote ? { limitNote: spec.limitNote } : {}),
  };
}

/** The report's table: one row per runtime, and the two against each other in the caption. */
export function bestTable(b: BestAgainstBest, id = 'best-against-best'): Table {
  const time = (i: Interval) => (Number.isFinite(i.lo) && Number.isFinite(i.hi) && i.lo > 0 ? `${ms(i.value)} (${ms(i.lo)}–${ms(i.hi)})` : `${ms(i.value)} (one repetition: no interval)`);
  const row = (s: BestSide) => ({
    runtime: s.runtime === 'node' ? 'Node' : 'Python',
    path: s.label,
    time: time(s.time),
    serial: `${s.serial.label}: ${time(s.serial.time)}`,
    limit: b.limitNote ? `${estimate(s.againstLimit)} (waiting work: the cores do not bound it)` : `${estimate(s.againstLimit)}${limitWords(s.againstLimit)}`,
  });
  const between = b.ratio ? ` Node’s fastest path is ${versus(b.ratio, 'Python’s')}.` : ' Only one runtime has a fastest path on this job here.';
  return {
    id,
    title: `Node’s best against Python’s best: ${b.work.replace(/`/g, '')}`,
    caption: `Each runtime’s fastest measured path and its own fastest serial path, as geometric means of the repetitions with their 95 % intervals.${between} Against the limit: the path’s time over (the serial path’s time ÷ ${b.cores} cores), so 1× uses every core as well as one core runs the serial path.${b.limitNote ? ` ${b.limitNote}` : ''}`,
    columns: [
      { key: 'runtime', label: 'Runtime' },
      { key: 'path', label: 'Fastest path' },
      { key: 'time', label: 'Time (95 % interval)', align: 'right' },
      { key: 'serial', label: 'Fastest serial path' },
      { key: 'limit', label: 'Against the machine’s limit' },
    ],
    rows: [b.node, b.python].flatMap((s) => (s ? [row(s)] : [])),
  };
}

/** Where a path stands against the limit, in words, by its whole interval. */
function limitWords(i: Interval): string {
  if (!Number.isFinite(i.lo) || !Number.isFinite(i.hi)) return '';
  const o = orderOf(i);
  return o === 'same' ? ' (at the limit)' : o === 'slower' ? ' (short of it)' : o === 'faster' ? ' (beyond it: the serial path is the slow one)' : ' (within the noise of it)';
}

/** The finding in one sentence, for a lead or the index. */
export function bestSentence(b: BestAgainstBest): string | undefined {
  if (!b.node || !b.python || !b.ratio) return undefined;
  return `On ${b.work}, Node’s fastest path is ${b.node.label} and Python’s is ${b.python.label}: Node’s is ${versus(b.ratio, 'Python’s')}, and against the machine’s limit Node’s reads ${estimate(b.node.againstLimit)} and Python’s ${estimate(b.python.againstLimit)}.`;
}
