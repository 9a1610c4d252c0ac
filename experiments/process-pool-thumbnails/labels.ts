// How a point reads in tables, figures and prose. Strategy labels, order and
// colours are declared once (experiment.ts, lib/report/strategies.ts); this
// file adds the point's own columns to them.

import type { Experiment } from '../../lib/experiment/types.ts';
import { count, plural } from '../../lib/report/format.ts';
import { MODEL_LABELS, modelScale, strategyLabel, strategyRank } from '../../lib/report/strategies.ts';
import type { ThumbPoint } from './context.ts';

/** Display order: the declaration order, then workers, batch and transport. */
export const byDisplayOrder = (experiment: Experiment) => (a: ThumbPoint, b: ThumbPoint) =>
  strategyRank(experiment, a.strategy) - strategyRank(experiment, b.strategy) || a.workers - b.workers || a.batch - b.batch || a.transport.localeCompare(b.transport);

/** The models' colour scale over the strategies a figure draws, legend by model. */
export const scaleOf = (experiment: Experiment, strategies: readonly string[]) => modelScale({ strategies: experiment.strategies.filter((s) => strategies.includes(s.name)) });

/** The legend name of a strategy's model (what scaleOf's domain holds). */
export const modelOf = (experiment: Experiment, strategy: string): string => {
  const model = experiment.strategies.find((s) => s.name === strategy)?.model;
  return model ? MODEL_LABELS[model] : strategy;
};

/** "child processes · 2", "child processes · 2 · batch 10", "worker threads · 2 · bytes"; the serial loops bare. */
export function pointLabel(experiment: Experiment, p: ThumbPoint): string {
  const name = strategyLabel(experiment, p.strategy);
  if (p.strategy.endsWith('-serial')) return name;
  const parts = [name, String(p.workers)];
  if (p.strategy !== 'node-split' && p.batch !== 1) parts.push(`batch ${p.batch}`);
  if (p.transport !== 'paths') parts.push(p.transport);
  return parts.join(' · ');
}

/** The strategy in words: "2 child processes", "Pillow's serial loop", "sharp with 2 photos in flight". */
export function phrase(p: ThumbPoint): string {
  switch (p.strategy) {
    case 'node-serial':
      return 'the pure-JavaScript serial loop';
    case 'node-threads':
      return plural(p.workers, 'worker thread');
    case 'node-processes':
      return p.workers === 1 ? '1 child process' : `${count(p.workers)} child processes`;
    case 'node-split':
      return `the static split over ${count(p.workers)} child processes (one share each)`;
    case 'node-sharp':
      return p.workers === 1 ? 'sharp, one photo at a time' : `sharp with ${count(p.workers)} photos in flight`;
    case 'node-sharp-buffers':
      return `sharp through buffers, ${p.workers === 1 ? 'one photo at a time' : `${count(p.workers)} photos in flight`}`;
    case 'node-sharp-tuned':
      return `sharp tuned as Pillow (buffers, bicubic, plain Huffman), ${p.workers === 1 ? 'one photo at a time' : `${count(p.workers)} photos in flight`}`;
    case 'node-sharp-workers':
      return `sharp in ${plural(p.workers, 'worker thread')}`;
    case 'python-serial':
      return 'Pillow’s serial loop';
    case 'python-processes':
      return `a ${count(p.workers)}-process ProcessPoolExecutor`;
    case 'python-threads':
      return `a ${count(p.workers)}-thread ThreadPoolExecutor`;
    default:
      return p.strategy;
  }
}
