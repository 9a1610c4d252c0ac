// Names and colours of the strategies, shared by the charts, the tables and
// the prose so that a strategy reads and looks the same everywhere.

import type { Point } from './analysis.ts';
import { count, plural } from '../../lib/report/format.ts';

/** Display order: the article's Python first, then Node from the serial loop to sharp. */
export const STRATEGY_ORDER = ['python-serial', 'python-processes', 'python-threads', 'node-serial', 'node-threads', 'node-processes', 'node-split', 'node-sharp'];

export function strategyRank(strategy: string): number {
  const i = STRATEGY_ORDER.indexOf(strategy);
  return i < 0 ? STRATEGY_ORDER.length : i;
}

export const byDisplayOrder = (a: Point, b: Point) =>
  strategyRank(a.strategy) - strategyRank(b.strategy) || a.workers - b.workers || a.batch - b.batch || a.transport.localeCompare(b.transport);

/** One colour per strategy: browns and oranges for Python, grey, blues and greens for Node. */
export const STRATEGY_COLORS: Record<string, string> = {
  'python-serial': '#9c755f',
  'python-processes': '#f28e2b',
  'python-threads': '#e15759',
  'node-serial': '#79706e',
  'node-threads': '#4e79a7',
  'node-processes': '#59a14f',
  'node-split': '#8cd17d',
  'node-sharp': '#b07aa1',
};

export function colorsFor(strategies: readonly string[]): { domain: string[]; range: string[] } {
  const domain = STRATEGY_ORDER.filter((s) => strategies.includes(s));
  return { domain, range: domain.map((s) => STRATEGY_COLORS[s]!) };
}

/** "node-processes · 2", "node-processes · 2 · batch 10", "node-threads · 2 · bytes"; the serial loops bare. */
export function pointLabel(p: Point): string {
  if (p.strategy.endsWith('-serial')) return p.strategy;
  const parts = [p.strategy, String(p.workers)];
  if (p.strategy === 'node-split') parts.push('one share each');
  else if (p.batch !== 1) parts.push(`batch ${p.batch}`);
  if (p.transport !== 'paths') parts.push(p.transport);
  return parts.join(' · ');
}

/** The strategy in words: "2 child processes", "Pillow's serial loop", "sharp with 2 photos in flight". */
export function phrase(p: Point): string {
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
