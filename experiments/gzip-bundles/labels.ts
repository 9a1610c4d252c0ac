// Names and colours of the gzip strategies, shared by the charts, the tables
// and the prose so that a strategy looks the same everywhere.

import type { Point } from './analysis.ts';
import { decimalSize } from './sizes-format.ts';

export const SERIAL = { node: 'node-serial', python: 'python-f1' } as const;
export const PY = { serial: 'python-f1', pool: 'python-f2', threads: 'python-f3', executor: 'python-f4' } as const;
export const NODE = { serial: 'node-serial', libuv: 'node-libuv', threads: 'node-threads', processes: 'node-processes', blocks: 'node-blocks' } as const;
export const PIGZ = 'pigz';
export const UPLOAD = { serial: 'node-upload-serial', shared: 'node-upload-shared', perRequest: 'node-upload-per-request' } as const;

/** The article's four functions, and their Node analogs in the same order. */
export const PYTHON_FUNCTIONS = [PY.serial, PY.pool, PY.threads, PY.executor] as const;
export const NODE_ANALOGS = [NODE.serial, NODE.processes, NODE.libuv, NODE.threads] as const;

/** The article's bundles, by which its claims are judged; the typical one is the service's everyday case. */
export const ARTICLE_BUNDLES = ['a', 'b', 'c'] as const;
export const LARGE_FILE_BUNDLE = 'b';

const NAMES: Record<string, string> = {
  'python-f1': 'f1 serial',
  'python-f2': 'f2 multiprocessing.Pool',
  'python-f3': 'f3 ThreadPoolExecutor',
  'python-f4': 'f4 ProcessPoolExecutor',
  'node-serial': 'Node serial (gzipSync)',
  'node-libuv': 'Node async zlib on the libuv pool',
  'node-threads': 'Node worker threads',
  'node-processes': 'Node child processes',
  'node-blocks': 'Node parallel blocks',
  pigz: 'pigz',
  'node-upload-serial': 'one connection, one file at a time',
  'node-upload-shared': 'shared keep-alive agent',
  'node-upload-per-request': 'new connection per request',
};

export const STRATEGY_ORDER = Object.keys(NAMES);

export function strategyRank(strategy: string): number {
  const i = STRATEGY_ORDER.indexOf(strategy);
  return i < 0 ? STRATEGY_ORDER.length : i;
}

export function strategyName(strategy: string): string {
  return NAMES[strategy] ?? strategy;
}

/** "f3 ThreadPoolExecutor · 6", or the bare name for the serial loops. */
export function pointLabel(p: Point): string {
  return p.workers === 1 && (p.strategy === SERIAL.node || p.strategy === SERIAL.python) ? strategyName(p.strategy) : `${strategyName(p.strategy)} · ${p.workers}`;
}

/** Colour groups: one per strategy of the article's figure and its analogs. */
export const COLORS: Record<string, string> = {
  'python-f1': '#9c755f',
  'python-f2': '#f28e2b',
  'python-f3': '#e15759',
  'python-f4': '#ff9da7',
  'node-serial': '#79706e',
  'node-libuv': '#4e79a7',
  'node-threads': '#76b7b2',
  'node-processes': '#59a14f',
  'node-blocks': '#b07aa1',
  pigz: '#edc948',
};

/** A categorical colour scale over the strategies present, in display order. */
export function strategyColor(strategies: readonly string[]): { legend: true; domain: string[]; range: string[] } {
  const present = [...new Set(strategies)].sort((a, b) => strategyRank(a) - strategyRank(b));
  return { legend: true, domain: present.map(strategyName), range: present.map((s) => COLORS[s] ?? '#bab0ac') };
}

/** The bundle in words: "bundle b (103 files, 331.57 MB)". */
export function bundleLabel(bundle: string, files: number, bytes: number): string {
  const name = bundle === 'typical' ? 'the typical bundle' : `bundle ${bundle}`;
  return `${name} (${files} files, ${decimalSize(bytes)})`;
}

/** The pool of a point in words: "4 libuv threads", "2 child processes", "6 threads". */
export function poolPhrase(p: Point): string {
  const unit: Record<string, [string, string]> = {
    'libuv-pool': ['libuv thread', 'libuv threads'],
    'worker-threads': ['worker thread', 'worker threads'],
    'child-processes': ['child process', 'child processes'],
    'python-processes': ['process', 'processes'],
    'python-threads': ['thread', 'threads'],
    external: ['thread', 'threads'],
  };
  const [one, many] = unit[p.model] ?? ['worker', 'workers'];
  return `${p.workers} ${p.workers === 1 ? one : many}`;
}

/** What ran, in a few words: "async zlib on 4 libuv threads", "2 worker threads", "parallel blocks on 2 libuv threads". */
export function runPhrase(p: Point): string {
  if (p.strategy === NODE.libuv) return `async zlib on ${poolPhrase(p)}`;
  if (p.strategy === NODE.blocks) return `parallel blocks on ${poolPhrase(p)}`;
  if (p.strategy === PIGZ) return `pigz with ${poolPhrase(p)}`;
  return poolPhrase(p);
}
