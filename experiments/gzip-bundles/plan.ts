// Which strategy runs on which bundle with how many workers. Pure: the
// machine's core count and whether pigz is installed come in as arguments.
// The typical bundle comes first, so each strategy's warm-up trial (the
// runner warms a strategy on its first cell) costs milliseconds, not seconds.

import type { Cell, Params, Point } from '../../lib/experiment/types.ts';
import { bundleFiles, bundleSpec } from './bundles.ts';

export interface Machine {
  cores: number;
  /** pigz on PATH: without it the pigz cells are left out and the report says why. */
  pigz: boolean;
}

/** Which deflate produced the bytes: strategies of one codec must agree byte count for byte count. */
export type Codec = 'node-zlib' | 'python-zlib' | 'node-blocks' | 'pigz';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const nums = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);

/** The Python pools' default sizes, as the article's code creates them (Pool(), ThreadPoolExecutor(), ProcessPoolExecutor()). */
export function pythonDefaults(cores: number): { processes: number; threads: number } {
  return { processes: cores, threads: Math.min(32, cores + 4) };
}

export function planCells(params: Params, machine: Machine): Cell[] {
  const seed = Number(params.seed);
  const scale = Number(params.scale);
  const level = Number(params.level);
  const sweep = new Set(list(params.sweep_bundles));
  const py = pythonDefaults(machine.cores);
  const cells: Cell[] = [];
  for (const bundle of list(params.bundles)) {
    const spec = bundleSpec(bundle);
    const files = bundleFiles(spec, { seed, scale });
    const base = { bundle, files: files.length, bundle_bytes: files.reduce((s, f) => s + f.bytes, 0), level, connection: 'none' };
    const at = (strategy: string, workers: number, codec: Codec, extra: Partial<Point> = {}) =>
      cells.push({ strategy, point: { ...base, workers, codec, ...extra } });
    const swept = sweep.has(bundle);
    const counts = (key: string, fallback: number) => (swept ? nums(params[key]) : [fallback]);
    // The first swept bundle takes every size; later (larger) ones the `_large` lists, to fit the time budget.
    const first = bundle === [...sweep][0];
    const poolSizes = counts(first ? 'pool_workers' : 'pool_workers_large', machine.cores);
    const libuvSizes = counts(first ? 'libuv_workers' : 'libuv_workers_large', Number(params.default_libuv_workers));

    at('node-serial', 1, 'node-zlib');
    for (const w of libuvSizes) at('node-libuv', w, 'node-zlib');
    for (const w of poolSizes) at('node-threads', w, 'node-zlib');
    for (const w of poolSizes) at('node-processes', w, 'node-zlib');
    if (list(params.block_bundles).includes(bundle)) for (const w of nums(params.block_workers)) at('node-blocks', w, 'node-blocks');
    const pigzSizes = counts(first ? 'pigz_workers' : 'pigz_workers_large', machine.cores);
    if (machine.pigz && list(params.pigz_bundles).includes(bundle)) for (const w of pigzSizes) at('pigz', w, 'pigz');
    if (list(params.python_bundles).includes(bundle)) {
      at('python-f1', 1, 'python-zlib');
      at('python-f2', py.processes, 'python-zlib');
      at('python-f3', py.threads, 'python-zlib');
      at('python-f4', py.processes, 'python-zlib');
    }
    if (list(params.upload_bundles).includes(bundle)) {
      const inFlight = Number(params.upload_in_flight);
      if (list(params.upload_serial_bundles).includes(bundle)) at('node-upload-serial', 1, 'node-zlib', { connection: 'serial' });
      at('node-upload-shared', inFlight, 'node-zlib', { connection: 'shared' });
      at('node-upload-per-request', inFlight, 'node-zlib', { connection: 'per-request' });
    }
  }
  return cells;
}
