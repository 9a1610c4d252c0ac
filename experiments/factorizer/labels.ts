// Names and colours of the factorizer's strategies, shared by the charts, the
// tables and the prose so that a strategy looks the same everywhere.

import type { Point } from './analysis.ts';

/** Display order: the article's Python first (as in its chart), then Node from serial to the pools. */
export const STRATEGY_ORDER = [
  'python-serial',
  'python-threads',
  'python-processes',
  'node-serial',
  'node-event-loop',
  'node-threads-static',
  'node-threads-dynamic',
  'node-processes-static',
  'node-processes-dynamic',
];

export function strategyRank(strategy: string): number {
  const i = STRATEGY_ORDER.indexOf(strategy);
  return i < 0 ? STRATEGY_ORDER.length : i;
}

/** Model groups for colour: one per concurrency model and runtime. */
export const GROUPS = [
  'Python serial',
  'Python threads',
  'Python processes',
  'Node serial',
  'Node event loop',
  'Node worker threads',
  'Node child processes',
] as const;

/** Browns and reds for Python, greys, yellow, blue and green for Node. */
export const GROUP_COLORS = ['#9c755f', '#e15759', '#f28e2b', '#79706e', '#edc948', '#4e79a7', '#59a14f'];

const GROUP_OF: Record<string, (typeof GROUPS)[number]> = {
  'python-serial': 'Python serial',
  'python-threads': 'Python threads',
  'python-processes': 'Python processes',
  serial: 'Node serial',
  'event-loop': 'Node event loop',
  'worker-threads': 'Node worker threads',
  'child-processes': 'Node child processes',
};

export function groupOf(model: string): string {
  return GROUP_OF[model] ?? model;
}

/** "python-threads · 4", or the bare name for the serial loops. */
export function pointLabel(p: Point): string {
  return p.strategy.endsWith('-serial') ? p.strategy : `${p.strategy} · ${p.workers}`;
}

/** The pool in words: "2 worker threads with dynamic batches". */
export function poolPhrase(p: Point): string {
  const [one, many] = p.model === 'worker-threads' ? ['worker thread', 'worker threads'] : ['child process', 'child processes'];
  const dispatch = p.strategy.endsWith('-dynamic') ? ' with dynamic batches' : ' with static chunks';
  return `${p.workers} ${p.workers === 1 ? one : many}${dispatch}`;
}
