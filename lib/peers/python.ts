// Finding the Pythons that run the articles' own code. The system one: Debian's
// /usr/bin/python3 comes first because apt installs the peers' modules (Pillow,
// aiohttp, gevent, psutil) for it; PYTHON overrides. A CPython 3.14 for the
// strategies that ask for it (`python: '3.14'`: InterpreterPoolExecutor is new in
// 3.14): PYTHON314, else python3.14 on PATH, else the one `make deps` fetched as
// root into .cache/python3.14 (lib/peers/provision-python314.sh, same order).
// Missing Pythons or modules skip the peers' rows visibly instead of failing the run.

import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PythonProvenance } from '../data/provenance.ts';
import type { PythonStrategy, Strategy } from '../experiment/types.ts';
import { ROOT } from '../paths.ts';

export interface PythonInfo {
  path: string;
  version: string;
  /** Where it was found, e.g. 'system', 'env PYTHON314', 'PATH', 'debian-unstable cache (.cache/python3.14)'. */
  source?: string;
}

/** An interpreter a strategy can ask for: the system's (the default) or a named version. */
export type PythonName = 'system' | NonNullable<PythonStrategy['python']>;

/** A Python found, or why none was. */
export type PythonLookup = { python: PythonInfo & { source: string }; reason: null } | { python: null; reason: string };

const CANDIDATES = ['/usr/bin/python3', 'python3'];
const VERSION = 'import sys; print(sys.version.split()[0])';

let cached: PythonInfo | null | undefined;

export function findPython(): PythonInfo | null {
  if (cached !== undefined) return cached;
  const explicit = process.env.PYTHON;
  const candidates = explicit !== undefined ? [explicit] : CANDIDATES;
  cached = null;
  for (const path of candidates) {
    if (path === '' || (path.startsWith('/') && !existsSync(path))) continue;
    try {
      const version = execFileSync(path, ['-c', VERSION], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      cached = { path, version, source: explicit !== undefined ? 'env PYTHON' : path.startsWith('/') ? 'system' : 'PATH' };
      break;
    } catch {
      // not runnable: try the next
    }
  }
  return cached;
}

/** Where `make deps` puts the CPython 3.14 it fetches, relative to the repository root. */
export const PYTHON314_CACHE = '.cache/python3.14';
export const PYTHON314_SOURCES = { env: 'env PYTHON314', path: 'PATH', cache: `debian-unstable cache (${PYTHON314_CACHE})` } as const;
const HOW_TO_GET_314 = 'run make deps as root, or set PYTHON314=/path/to/python3.14';

const lookups = new Map<PythonName, PythonLookup>();

/** The interpreter a strategy's `python` field names; cached for the process. */
export function findPythonFor(name: PythonName = 'system'): PythonLookup {
  let found = lookups.get(name);
  if (!found) {
    found =
      name === 'system' ? systemLookup()
      : name === '3.14' ? resolvePython314({ env: process.env, root: ROOT })
      : { python: null, reason: `unknown python '${String(name)}' (valid: '3.14', or leave it out for the system Python)` };
    lookups.set(name, found);
  }
  return found;
}

export function findPython314(): PythonLookup {
  return findPythonFor('3.14');
}

function systemLookup(): PythonLookup {
  const python = findPython();
  return python ? { python: { ...python, source: python.source! }, reason: null } : { python: null, reason: 'python3 not found (set PYTHON=/path/to/python3 to use another)' };
}

/**
 * A CPython 3.14, uncached: $PYTHON314 when set (and then only it), else python3.14 on PATH,
 * else <root>/.cache/python3.14/prefix/usr/bin/python3.14.
 */
export function resolvePython314({ env, root }: { env: NodeJS.ProcessEnv; root: string }): PythonLookup {
  const explicit = env.PYTHON314;
  if (explicit) {
    const probe = probe314(explicit);
    if (typeof probe === 'string') return { python: null, reason: `Python 3.14 not found: PYTHON314=${explicit} ${probe} (set PYTHON314=/path/to/python3.14, or unset it and run make deps as root)` };
    return { python: { ...probe, source: PYTHON314_SOURCES.env }, reason: null };
  }
  const tried: string[] = [];
  const onPath = whichOnPath('python3.14', env.PATH ?? '');
  if (onPath) {
    const probe = probe314(onPath);
    if (typeof probe !== 'string') return { python: { ...probe, source: PYTHON314_SOURCES.path }, reason: null };
    tried.push(`${onPath} on PATH ${probe}`);
  }
  const fetched = path.join(root, PYTHON314_CACHE, 'prefix', 'usr', 'bin', 'python3.14');
  if (existsSync(fetched)) {
    const probe = probe314(fetched);
    if (typeof probe !== 'string') return { python: { ...probe, source: PYTHON314_SOURCES.cache }, reason: null };
    tried.push(`${path.join(PYTHON314_CACHE, 'prefix', 'usr', 'bin', 'python3.14')} ${probe}`);
  }
  return { python: null, reason: `Python 3.14 not found${tried.length ? ` (${tried.join('; ')})` : ''} (${HOW_TO_GET_314})` };
}

/** The interpreter's path and version, or what is wrong with it. */
function probe314(file: string): { path: string; version: string } | string {
  if (!existsSync(file)) return 'is no such file';
  let version: string;
  try {
    version = execFileSync(file, ['-c', VERSION], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n').at(-1);
    return `does not run${stderr ? ` (${stderr})` : ''}`;
  }
  if (!/^3\.14(\D|$)/.test(version)) return `is Python ${version || '(no version printed)'}, not 3.14`;
  return { path: file, version };
}

function whichOnPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.resolve(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

const moduleCache = new Map<string, boolean>();

export function hasPythonModule(python: PythonInfo, module: string): boolean {
  const key = `${python.path}:${module}`;
  if (!moduleCache.has(key)) {
    try {
      execFileSync(python.path, ['-c', `import ${module}`], { stdio: 'ignore' });
      moduleCache.set(key, true);
    } catch {
      moduleCache.set(key, false);
    }
  }
  return moduleCache.get(key)!;
}

/** Why a peer cannot run here, or null when it can; `requires` are checked against the strategy's own interpreter. */
export function peerUnavailable(requires: readonly string[] = [], name: PythonName = 'system'): string | null {
  const found = findPythonFor(name);
  if (!found.python) return found.reason;
  const python = found.python;
  const missing = requires.filter((m) => !hasPythonModule(python, m));
  if (missing.length === 0) return null;
  if (name === 'system') return `python module(s) ${missing.join(', ')} missing for ${python.path} (on Debian: apt-get install python3-<module>)`;
  return `python module(s) ${missing.join(', ')} missing for ${python.path} (Python ${python.version}, ${python.source})`;
}

/** run.json's `software.pythons`: each interpreter the experiment's Python strategies use, with their modules. */
export function pythonsProvenance(strategies: readonly Strategy[]): Record<string, PythonProvenance | { missing: string }> {
  const byName = new Map<PythonName, Set<string>>();
  for (const s of strategies) {
    if (s.runtime !== 'python') continue;
    const modules = byName.get(s.python ?? 'system') ?? new Set<string>();
    for (const m of s.requires ?? []) modules.add(m);
    byName.set(s.python ?? 'system', modules);
  }
  const out: Record<string, PythonProvenance | { missing: string }> = {};
  for (const [name, modules] of byName) {
    const found = findPythonFor(name);
    if (!found.python) {
      out[name] = { missing: found.reason };
      continue;
    }
    const python = found.python;
    out[name] = {
      path: python.path,
      version: python.version,
      source: python.source,
      modules: Object.fromEntries([...modules].map((m) => [m, hasPythonModule(python, m)])),
      ...(python.source === PYTHON314_SOURCES.cache ? fetchedFrom(path.dirname(path.dirname(path.dirname(path.dirname(python.path))))) : {}),
    };
  }
  return out;
}

/** What provision-python314.sh wrote beside the prefix it fetched: the Debian packages that matter and when. */
function fetchedFrom(cacheDir: string): Pick<PythonProvenance, 'fetched'> {
  try {
    const source = JSON.parse(readFileSync(path.join(cacheDir, 'source.json'), 'utf8')) as { source?: string; suite?: string; packages?: Record<string, string>; fetched_at?: string };
    const packages = Object.fromEntries(['python3.14-minimal', 'libpython3.14-stdlib', 'libc6'].flatMap((p) => (source.packages?.[p] ? [[p, source.packages[p]]] : [])));
    return { fetched: { from: source.source ?? 'debian-unstable', packages, at: source.fetched_at ?? null } };
  } catch {
    return {};
  }
}
