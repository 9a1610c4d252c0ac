// Strategies as every report shows them: the label and order they are declared
// with in experiment.ts, and one colour per concurrency model, the same in
// every report, so that "worker threads" is the same blue everywhere.

import type { Experiment, Model } from '../experiment/types.ts';

/** One colour per model: warm tones for the article's Python, cool ones for Node. */
export const MODEL_COLORS: Record<Model, string> = {
  'python-serial': '#9c755f',
  'python-threads': '#e15759',
  'python-processes': '#f28e2b',
  'python-asyncio': '#ff9da7',
  'python-gevent': '#b07aa1',
  'python-interpreters': '#d37295',
  serial: '#79706e',
  'event-loop': '#edc948',
  'libuv-pool': '#76b7b2',
  'worker-threads': '#4e79a7',
  'child-processes': '#59a14f',
  native: '#8cd17d',
  external: '#bab0ac',
};

/** Each runtime's colour and name where a chart sets the two runtimes side by side. */
export const RUNTIME_COLORS = { python: '#3b6fb6', node: '#2f8f5b' } as const;
export const RUNTIME_NAMES = { python: 'Python', node: 'Node' } as const;

/** How a model reads in a legend. */
export const MODEL_LABELS: Record<Model, string> = {
  'python-serial': 'Python serial',
  'python-threads': 'Python threads',
  'python-processes': 'Python processes',
  'python-asyncio': 'Python asyncio',
  'python-gevent': 'Python gevent',
  'python-interpreters': 'Python interpreter pool',
  serial: 'Node serial',
  'event-loop': 'Node event loop',
  'libuv-pool': 'Node libuv pool',
  'worker-threads': 'Node worker threads',
  'child-processes': 'Node child processes',
  native: 'native code',
  external: 'external tool',
};

/** A colour scale for Plot over the models the experiment declares, in declaration order. */
export function modelScale(experiment: Pick<Experiment, 'strategies'>): { domain: string[]; range: string[] } {
  const models = [...new Set(experiment.strategies.map((s) => s.model))];
  return { domain: models.map((m) => MODEL_LABELS[m]), range: models.map((m) => MODEL_COLORS[m]) };
}

/** A strategy's label: its declared `label`, else its name. */
export function strategyLabel(experiment: Pick<Experiment, 'strategies'>, name: string): string {
  return experiment.strategies.find((s) => s.name === name)?.label ?? name;
}

/** A strategy's place in the declaration order (unknown names last): tables and legends sort by it. */
export function strategyRank(experiment: Pick<Experiment, 'strategies'>, name: string): number {
  const i = experiment.strategies.findIndex((s) => s.name === name);
  return i < 0 ? experiment.strategies.length : i;
}
