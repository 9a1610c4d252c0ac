// The article's rules of sharing on the CPython 3.14 found here (lib/peers/python.ts):
// sharing_peer.py run as the runner runs it (TRIAL_SPEC in, one JSON result on fd 3),
// and every outcome asserted; then the pools' warm-up, which must start every worker
// inside the start-up window. Skipped, with the reason in the test's name, where no
// 3.14 is found.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPython314 } from '../../lib/peers/python.ts';
import { ROOT } from '../../lib/paths.ts';
import { judgeSharingRules, type SharingRow } from './sharing.ts';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const found = findPython314();
const py314 = found.python;
const skipped = py314 ? '' : ` (skipped: ${found.reason})`;
const env = { ...process.env, PYTHONPATH: [path.join(ROOT, 'lib', 'peers'), HERE].join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1' };

/** Run a Python file or program; resolve with its stdout and what it wrote to fd 3. */
function runPython(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; fd3: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(py314!.path, args, { cwd: HERE, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '', fd3: '' };
    child.stdout!.on('data', (c: Buffer) => (out.stdout += c));
    child.stderr!.on('data', (c: Buffer) => (out.stderr += c));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: Buffer) => (out.fd3 += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...out }));
  });
}

type Expect = { outcome: 'accepted' | 'refused'; error?: string | RegExp; message?: string | RegExp; cause?: string | RegExp; shared?: string };
const A = (shared = ''): Expect => ({ outcome: 'accepted', shared });
const R = (error: string | RegExp, message?: string | RegExp, cause?: string | RegExp): Expect => ({ outcome: 'refused', error, ...(message ? { message } : {}), ...(cause ? { cause } : {}) });
const NSE = 'concurrent.interpreters.NotShareableError';
const CROSS = /does not support cross-interpreter data$/;
const ARTICLE = 'args not shareable';
const missingFromMain = (name: string) => new RegExp(`^Exception: AttributeError: module '__main__' has no attribute '${name}'$`);

/** What CPython 3.14.10's three pools do with each value (ProcessPoolExecutor with its default start method on Linux, forkserver). */
const EXPECTED: Record<string, Record<string, Expect>> = {
  InterpreterPoolExecutor: {
    'main-function': A(),
    'main-function-global': A('no'),
    lambda: A(),
    'lambda-global': R(NSE, CROSS, CROSS),
    closure: R(NSE, CROSS, CROSS),
    'bound-method': A(),
    'class-instance': A('no'),
    'large-bytes': A(),
    'dict-of-lists': A(),
    'shared-memory': A('yes'),
    'module-state': A('no'),
    generator: R(NSE, CROSS),
    'file-handle': R(NSE, CROSS),
    socket: R(NSE, CROSS),
    'unimportable-main-function': A(),
    'unimportable-main-function-global': R(NSE, ARTICLE, missingFromMain('scaled')),
    'unimportable-bound-method': R(NSE, ARTICLE, missingFromMain('Box')),
    'unimportable-class-instance': R(NSE, ARTICLE, missingFromMain('Box')),
  },
  ProcessPoolExecutor: {
    'main-function': A(),
    'main-function-global': A('no'),
    lambda: R('pickle.PicklingError', /^Can't pickle local object/),
    'lambda-global': R('pickle.PicklingError', /^Can't pickle local object/),
    closure: R('pickle.PicklingError', /^Can't pickle local object <function multiplier\.<locals>\.times>/),
    'bound-method': A(),
    'class-instance': A('no'),
    'large-bytes': A(),
    'dict-of-lists': A(),
    'shared-memory': R('TypeError', 'cannot pickle memoryview objects'),
    'module-state': A('no'),
    generator: R('TypeError', "cannot pickle 'generator' object"),
    'file-handle': R('TypeError', "cannot pickle 'BufferedReader' instances"),
    // multiprocessing pickles a socket as a duplicated file descriptor.
    socket: A(),
    'unimportable-main-function': R('concurrent.futures.process.BrokenProcessPool'),
    'unimportable-main-function-global': R('concurrent.futures.process.BrokenProcessPool'),
    'unimportable-bound-method': R('concurrent.futures.process.BrokenProcessPool'),
    'unimportable-class-instance': R('concurrent.futures.process.BrokenProcessPool'),
  },
  ThreadPoolExecutor: {
    'main-function': A(),
    'main-function-global': A('yes'),
    lambda: A(),
    'lambda-global': A('yes'),
    closure: A(),
    'bound-method': A(),
    'class-instance': A('yes'),
    'large-bytes': A(),
    'dict-of-lists': A(),
    'shared-memory': A('yes'),
    'module-state': A('yes'),
    generator: A(),
    'file-handle': A(),
    socket: A(),
    'unimportable-main-function': A(),
    'unimportable-main-function-global': A(),
    'unimportable-bound-method': A(),
    'unimportable-class-instance': A('yes'),
  },
};

const match = (actual: string, expected: string | RegExp | undefined) => (expected === undefined ? true : typeof expected === 'string' ? actual === expected : expected.test(actual));

describe(`the rules of sharing on CPython 3.14${skipped}`, () => {
  let rows: SharingRow[] = [];

  it.skipIf(!py314)('sharing_peer.py, run as the runner runs it, records every pool’s outcome for every value', async () => {
    const spec = { strategy: 'python-sharing', point: { workload: 'sharing', load: 'rules', n: 1_000_000, workers: 1, tasks: 1 }, params: {}, inputs: {} };
    const r = await runPython([path.join(HERE, 'sharing_peer.py'), '--strategy', 'python-sharing'], { TRIAL_SPEC: JSON.stringify(spec) });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.fd3) as { ok: boolean; error?: string; digest: string; tables: { sharing: SharingRow[] } };
    expect(result.ok, result.error).toBe(true);
    expect(result.digest).toBe('');
    rows = result.tables.sharing;
    const seen = new Set(rows.map((x) => `${x.executor}|${x.case}`));
    expect(seen.size).toBe(rows.length);
    const problems: string[] = [];
    for (const [executor, cases] of Object.entries(EXPECTED)) {
      for (const [c, e] of Object.entries(cases)) {
        const row = rows.find((x) => x.executor === executor && x.case === c);
        if (!row) {
          problems.push(`${executor} ${c}: no row`);
          continue;
        }
        const ok = row.outcome === e.outcome && match(row.error, e.error) && match(row.message, e.message) && match(row.cause, e.cause) && (e.outcome === 'refused' || row.shared === e.shared);
        if (!ok) problems.push(`${executor} ${c}: got ${JSON.stringify({ outcome: row.outcome, error: row.error, message: row.message, cause: row.cause, shared: row.shared })}`);
      }
    }
    expect(problems).toEqual([]);
    expect(rows.length).toBe(Object.values(EXPECTED).reduce((n, cases) => n + Object.keys(cases).length, 0));
    expect(rows.find((x) => x.executor === 'InterpreterPoolExecutor' && x.case === 'large-bytes')!.arrived_as).toBe('bytes of 1000000 bytes');
    expect(rows.find((x) => x.executor === 'InterpreterPoolExecutor' && x.case === 'class-instance')!.arrived_as).toBe('Box (its change stayed in the worker)');
  }, 180_000);

  it.skipIf(!py314)('judges the article’s rules on them: four hold, six hold only in part', () => {
    expect(rows.length).toBeGreaterThan(0);
    const verdicts = Object.fromEntries(judgeSharingRules(rows).map((j) => [j.id, j.verdict]));
    expect(verdicts).toEqual({
      main: 'partly', // a __main__ that is a script crosses (it is run again in the worker); one given with -c does only for functions naming no global
      lambda: 'partly', // a lambda naming no global crosses (its code is copied); one reading a global does not
      closure: 'holds',
      'bound-method': 'partly', // pickled by reference: fine from a script's __main__, refused from -c
      instances: 'partly', // a copy from a script's __main__; refused from -c
      simple: 'holds',
      stateful: 'holds',
      globals: 'holds',
      stricter: 'partly', // each pool refuses something the other takes
      errors: 'partly', // "args not shareable" only where pickling fails in the worker; otherwise "does not support cross-interpreter data"
    });
  });

  it.skipIf(!py314)('starts every worker inside the start-up window: an interpreter pool’s constructor starts none, its warm-up all', async () => {
    const program = `
import json, time
from concurrent.futures import InterpreterPoolExecutor
import peer
ex = InterpreterPoolExecutor(3)
before = len(ex._threads)
ex.shutdown()
out = {"constructor_threads": before}
for name, start in (("interpreters", peer.start_interpreters), ("processes", peer.start_processes), ("threads", peer.start_threads)):
    ex = start(3)
    # Right after start-up, before any task of the work: how many workers are running?
    running = ex._processes if name == "processes" else ex._threads
    out[name] = {"workers": len(running)}
    ex.shutdown()
print(json.dumps(out))
`;
    const r = await runPython(['-c', program]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({ constructor_threads: 0, interpreters: { workers: 3 }, processes: { workers: 3 }, threads: { workers: 3 } });
  }, 180_000);
});
