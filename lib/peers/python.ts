// Finding the Python that runs the articles' own code. Debian's /usr/bin/python3
// comes first because apt installs the peers' modules (Pillow, aiohttp, gevent,
// psutil) for it; PYTHON overrides. Missing Python or modules skip the peers'
// rows visibly instead of failing the run.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface PythonInfo {
  path: string;
  version: string;
}

const CANDIDATES = ['/usr/bin/python3', 'python3'];

let cached: PythonInfo | null | undefined;

export function findPython(): PythonInfo | null {
  if (cached !== undefined) return cached;
  const explicit = process.env.PYTHON;
  const candidates = explicit !== undefined ? [explicit] : CANDIDATES;
  cached = null;
  for (const path of candidates) {
    if (path === '' || (path.startsWith('/') && !existsSync(path))) continue;
    try {
      const version = execFileSync(path, ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      cached = { path, version };
      break;
    } catch {
      // not runnable: try the next
    }
  }
  return cached;
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

/** Why a peer cannot run here, or null when it can. */
export function peerUnavailable(requires: readonly string[] = []): string | null {
  const python = findPython();
  if (!python) return `python3 not found (set PYTHON=/path/to/python3 to use another)`;
  const missing = requires.filter((m) => !hasPythonModule(python, m));
  if (missing.length > 0) return `python module(s) ${missing.join(', ')} missing for ${python.path} (on Debian: apt-get install python3-<module>)`;
  return null;
}
