// Names and colours of the strategies, shared by the charts, the tables and
// the prose, so that a strategy looks the same everywhere.

import { count } from '../../lib/report/format.ts';
import { parseLoad } from './analysis.ts';

/** Display order: the article's Python (threads, processes, interpreters), then their Node analogs in the same order. */
export const STRATEGY_ORDER = ['python-threads', 'python-processes', 'python-interpreters', 'node-event-loop', 'node-worker-threads', 'node-child-processes'];

export const STRATEGY_LABEL: Record<string, string> = {
  'python-threads': 'Python threads',
  'python-processes': 'Python processes',
  'python-interpreters': 'Python interpreters',
  'node-event-loop': 'Node event loop',
  'node-worker-threads': 'Node worker threads',
  'node-child-processes': 'Node child processes',
};

/** Reds and oranges for Python, yellow, blue and green for Node; purple for the interpreter pool that did not run here. */
const COLORS: Record<string, string> = {
  'python-threads': '#e15759',
  'python-processes': '#f28e2b',
  'python-interpreters': '#b07aa1',
  'node-event-loop': '#edc948',
  'node-worker-threads': '#4e79a7',
  'node-child-processes': '#59a14f',
};

export function strategyRank(strategy: string): number {
  const i = STRATEGY_ORDER.indexOf(strategy);
  return i < 0 ? STRATEGY_ORDER.length : i;
}

export const label = (strategy: string): string => STRATEGY_LABEL[strategy] ?? strategy;

/** A categorical colour scale over the strategies present, in display order. */
export function strategyColor(present: readonly string[]) {
  const strategies = STRATEGY_ORDER.filter((s) => present.includes(s));
  return { legend: true, domain: strategies.map(label), range: strategies.map((s) => COLORS[s]!) };
}

/** Which Node model stands for which Python one. */
export const ANALOG: Record<string, string> = {
  'python-threads': 'node-event-loop',
  'python-processes': 'node-child-processes',
  'python-interpreters': 'node-worker-threads',
};

/** The workloads' units, for captions: "5 000 000 iterations", "50 MiB". */
export function argument(workload: string, n: number): string {
  if (workload === 'cpu') return `${count(n)} iterations`;
  if (workload === 'memory') return `${count(n)} integers`;
  if (workload === 'io') return `${count(n)} MiB`;
  return `${count(n)} request${n === 1 ? '' : 's'}`;
}

/** "med" or "med ×60 (Node)" */
export function loadLabel(load: string): string {
  const { level, scale } = parseLoad(load);
  return scale > 1 ? `${level} ×${scale} (Node)` : level;
}
