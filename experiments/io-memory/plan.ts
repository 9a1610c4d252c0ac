// Which strategy runs at which point, as a pure function of the parameters.
// Two phases: the article's own comparison (100 dates, its thread counts) and,
// beyond it, a sweep of the concurrency level where every level runs the same
// number of waves of requests, so each point takes about as long as another.

import type { Cell, Params } from '../../lib/experiment/types.ts';

export type Phase = 'article' | 'sweep';

/** Names of the strategies, shared by the plan, the strategies and the report. */
export const NODE = {
  sequential: 'node-sequential',
  eventLoop: 'node-event-loop',
  threads: 'node-worker-threads',
  processes: 'node-child-processes',
} as const;

export const PY = {
  sequential: 'python-sequential',
  threads: 'python-threads',
  asyncio: 'python-asyncio',
  streams: 'python-asyncio-streams',
  gevent: 'python-gevent',
} as const;

/** The HTTP client each Python strategy uses, recorded in the `client` column. */
export const PY_CLIENT: Record<string, string> = {
  [PY.sequential]: 'urllib',
  [PY.threads]: 'urllib',
  [PY.asyncio]: 'aiohttp',
  [PY.streams]: 'asyncio-streams',
  [PY.gevent]: 'urllib',
};

export interface PlanParams {
  days: number;
  clients: string[];
  thread_levels: number[];
  process_levels: number[];
  sweep_levels: number[];
  sweep_thread_cap: number;
  sweep_process_cap: number;
  sweep_waves: number;
  sweep_client: string;
  sweep_repetitions: number;
}

const ints = (params: Params, key: string): number[] => {
  const v = params[key];
  const list = Array.isArray(v) ? v.map(Number) : [];
  if (!Array.isArray(v) || list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`io-memory: parameter ${key} must be a list of positive integers (got ${JSON.stringify(v)})`);
  return [...new Set(list)].sort((a, b) => a - b);
};

const int = (params: Params, key: string): number => {
  const n = Number(params[key]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`io-memory: parameter ${key} must be a positive integer (got ${JSON.stringify(params[key])})`);
  return n;
};

export function planParams(params: Params): PlanParams {
  const clients = Array.isArray(params.clients) ? params.clients.map(String) : [];
  for (const c of [...clients, String(params.sweep_client)]) {
    if (c !== 'fetch' && c !== 'http') throw new Error(`io-memory: unknown client ${JSON.stringify(c)} in clients/sweep_client (valid: fetch, http)`);
  }
  return {
    days: int(params, 'days'),
    clients,
    thread_levels: ints(params, 'thread_levels'),
    process_levels: ints(params, 'process_levels'),
    sweep_levels: ints(params, 'sweep_levels'),
    sweep_thread_cap: int(params, 'sweep_thread_cap'),
    sweep_process_cap: int(params, 'sweep_process_cap'),
    sweep_waves: int(params, 'sweep_waves'),
    sweep_client: String(params.sweep_client),
    sweep_repetitions: int(params, 'sweep_repetitions'),
  };
}

export function planCells(params: Params): Cell[] {
  const p = planParams(params);
  const cells: Cell[] = [];
  const article = (strategy: string, concurrency: number, client: string) =>
    cells.push({ strategy, point: { phase: 'article', requests: p.days, concurrency: Math.min(concurrency, p.days), client } });

  // The article's comparison: 100 dates; thread pools of 20 and 100; everything-at-once for the coroutines.
  const threadLevels = p.thread_levels.filter((c) => c <= p.days);
  const loopLevels = [...new Set([...threadLevels, p.days])];
  for (const client of p.clients) {
    article(NODE.sequential, 1, client);
    for (const c of loopLevels) article(NODE.eventLoop, c, client);
    for (const c of threadLevels) article(NODE.threads, c, client);
    for (const c of p.process_levels.filter((l) => l <= p.days)) article(NODE.processes, c, client);
  }
  article(PY.sequential, 1, PY_CLIENT[PY.sequential]!);
  for (const c of threadLevels) article(PY.threads, c, PY_CLIENT[PY.threads]!);
  for (const name of [PY.asyncio, PY.streams, PY.gevent]) article(name, p.days, PY_CLIENT[name]!);

  // Beyond the article: each level runs `sweep_waves` requests per concurrent slot.
  const sweep = (strategy: string, levels: number[], client: string) => {
    for (const c of levels) cells.push({ strategy, point: { phase: 'sweep', requests: c * p.sweep_waves, concurrency: c, client }, repetitions: p.sweep_repetitions });
  };
  sweep(NODE.eventLoop, p.sweep_levels, p.sweep_client);
  sweep(NODE.threads, p.sweep_levels.filter((c) => c <= p.sweep_thread_cap), p.sweep_client);
  sweep(NODE.processes, p.sweep_levels.filter((c) => c <= p.sweep_process_cap), p.sweep_client);
  for (const name of [PY.threads, PY.asyncio, PY.streams, PY.gevent]) sweep(name, p.sweep_levels, PY_CLIENT[name]!);
  return cells;
}
