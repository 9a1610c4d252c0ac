// Names and colours of the io-memory strategies, shared by the charts, the
// tables and the prose, so that a strategy looks the same everywhere.

import type { Point } from './analysis.ts';
import { NODE, PY } from './plan.ts';

/** Display order: the article's Python first, as in its figures, then Node. */
export const STRATEGY_ORDER: string[] = [PY.sequential, PY.threads, PY.gevent, PY.asyncio, PY.streams, NODE.sequential, NODE.eventLoop, NODE.threads, NODE.processes];

export function strategyRank(strategy: string): number {
  const i = STRATEGY_ORDER.indexOf(strategy);
  return i < 0 ? STRATEGY_ORDER.length : i;
}

/** One colour group per strategy (asyncio's two clients apart). */
export const GROUPS = [
  'Python sequential',
  'Python threads',
  'Python gevent',
  'Python asyncio (aiohttp)',
  'Python asyncio (streams)',
  'Node sequential',
  'Node event loop',
  'Node worker threads',
  'Node child processes',
] as const;

/** Warm colours for Python, cool ones and grey for Node. */
export const GROUP_COLORS = ['#9c755f', '#e15759', '#f28e2b', '#b07aa1', '#ff9da7', '#79706e', '#edc948', '#4e79a7', '#59a14f'];

const GROUP_OF: Record<string, (typeof GROUPS)[number]> = {
  [PY.sequential]: 'Python sequential',
  [PY.threads]: 'Python threads',
  [PY.gevent]: 'Python gevent',
  [PY.asyncio]: 'Python asyncio (aiohttp)',
  [PY.streams]: 'Python asyncio (streams)',
  [NODE.sequential]: 'Node sequential',
  [NODE.eventLoop]: 'Node event loop',
  [NODE.threads]: 'Node worker threads',
  [NODE.processes]: 'Node child processes',
};

export function groupOf(strategy: string): string {
  return GROUP_OF[strategy] ?? strategy;
}

export function groupColor(group: string): string {
  const i = GROUPS.indexOf(group as (typeof GROUPS)[number]);
  return i < 0 ? '#999999' : GROUP_COLORS[i]!;
}

/** A categorical colour scale over the groups present, in display order. */
export function colorScale(groups: readonly string[]) {
  const present = GROUPS.filter((g) => groups.includes(g));
  return { legend: true, domain: present, range: present.map(groupColor) };
}

/** "python-threads · 20", "node-event-loop · 100 · fetch"; sequential ones without a count. */
export function pointLabel(p: Point): string {
  const parts = [p.strategy];
  if (!p.strategy.endsWith('-sequential')) parts.push(String(p.concurrency));
  if (p.runtime === 'node') parts.push(p.client);
  return parts.join(' · ');
}

export function byDisplayOrder(a: Point, b: Point): number {
  return strategyRank(a.strategy) - strategyRank(b.strategy) || a.concurrency - b.concurrency || a.client.localeCompare(b.client);
}

/** The model in words, for prose: "100 worker threads", "the event loop with 100 in flight". */
export function modelPhrase(p: Point): string {
  const n = p.concurrency;
  switch (p.strategy) {
    case NODE.sequential:
    case PY.sequential:
      return p.runtime === 'node' ? 'Node’s sequential loop' : 'Python’s sequential script';
    case NODE.eventLoop:
      return `the event loop with ${n} in flight`;
    case NODE.threads:
      return `${n} worker thread${n === 1 ? '' : 's'}`;
    case NODE.processes:
      return `${n} child process${n === 1 ? '' : 'es'}`;
    case PY.threads:
      return `${n} Python thread${n === 1 ? '' : 's'}`;
    case PY.asyncio:
      return 'asyncio with aiohttp';
    case PY.streams:
      return 'asyncio with plain streams';
    case PY.gevent:
      return 'gevent';
    default:
      return p.strategy;
  }
}
