// Where a CPython 3.14 comes from: PYTHON314, else python3.14 on PATH, else the
// .cache/python3.14 that `make deps` fills. Fake interpreters (shell scripts that
// print a version) in temp folders; no network, no real 3.14 needed.

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON314_SOURCES, findPythonFor, resolvePython314 } from './python.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'python314-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An executable that answers `-c ...` with a version, or fails. */
function fake(file: string, version: string | null): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, version === null ? '#!/bin/sh\necho "broken: cannot start" >&2\nexit 1\n' : `#!/bin/sh\necho ${version}\n`);
  chmodSync(file, 0o755);
  return file;
}

const explicit = fake(path.join(tmp, 'explicit', 'python3.14'), '3.14.1');
const old = fake(path.join(tmp, 'old', 'python3'), '3.11.2');
const binDir = path.dirname(fake(path.join(tmp, 'bin', 'python3.14'), '3.14.2'));
const brokenBinDir = path.dirname(fake(path.join(tmp, 'broken-bin', 'python3.14'), null));
const emptyDir = path.join(tmp, 'empty');
mkdirSync(emptyDir);
const rootWithCache = path.join(tmp, 'repo');
const cached = fake(path.join(rootWithCache, '.cache', 'python3.14', 'prefix', 'usr', 'bin', 'python3.14'), '3.14.10');
const bareRoot = path.join(tmp, 'bare-repo');
mkdirSync(bareRoot);

describe('resolvePython314', () => {
  it('takes PYTHON314 first, over PATH and the cache', () => {
    const r = resolvePython314({ env: { PYTHON314: explicit, PATH: binDir }, root: rootWithCache });
    expect(r).toEqual({ python: { path: explicit, version: '3.14.1', source: 'env PYTHON314' }, reason: null });
  });

  it('then python3.14 on PATH (its full path), over the cache', () => {
    const r = resolvePython314({ env: { PATH: [emptyDir, binDir].join(path.delimiter) }, root: rootWithCache });
    expect(r.python).toEqual({ path: path.join(binDir, 'python3.14'), version: '3.14.2', source: PYTHON314_SOURCES.path });
  });

  it('then the cache make deps fills', () => {
    const r = resolvePython314({ env: { PATH: emptyDir }, root: rootWithCache });
    expect(r.python).toEqual({ path: cached, version: '3.14.10', source: 'debian-unstable cache (.cache/python3.14)' });
  });

  it('passes over a python3.14 on PATH that does not run, saying so if nothing else is found', () => {
    expect(resolvePython314({ env: { PATH: brokenBinDir }, root: rootWithCache }).python?.source).toBe(PYTHON314_SOURCES.cache);
    const none = resolvePython314({ env: { PATH: brokenBinDir }, root: bareRoot });
    expect(none.python).toBeNull();
    expect(none.reason).toContain(`${path.join(brokenBinDir, 'python3.14')} on PATH does not run (broken: cannot start)`);
  });

  it('an empty PYTHON314 counts as unset', () => {
    expect(resolvePython314({ env: { PYTHON314: '', PATH: binDir }, root: bareRoot }).python?.source).toBe('PATH');
  });

  it('a PYTHON314 that is missing or another version gives null and a reason, without falling back', () => {
    const missing = resolvePython314({ env: { PYTHON314: path.join(tmp, 'nope', 'python3.14'), PATH: binDir }, root: rootWithCache });
    expect(missing.python).toBeNull();
    expect(missing.reason).toMatch(/PYTHON314=\S+nope\/python3\.14 is no such file/);
    expect(missing.reason).toMatch(/set PYTHON314=\/path\/to\/python3\.14, or unset it and run make deps as root/);
    const wrong = resolvePython314({ env: { PYTHON314: old }, root: rootWithCache });
    expect(wrong.reason).toContain('is Python 3.11.2, not 3.14');
  });

  it('nothing anywhere: null, and how to get one', () => {
    const r = resolvePython314({ env: { PATH: emptyDir }, root: bareRoot });
    expect(r).toEqual({ python: null, reason: 'Python 3.14 not found (run make deps as root, or set PYTHON314=/path/to/python3.14)' });
  });
});

describe('findPythonFor', () => {
  it('is the system Python by default, with where it came from', () => {
    const r = findPythonFor();
    expect(r).toBe(findPythonFor('system')); // cached
    if (r.python) expect(['system', 'env PYTHON', 'PATH']).toContain(r.python.source);
    else expect(r.reason).toMatch(/python3 not found/);
  });

  it('refuses a version it does not know', () => {
    expect(findPythonFor('3.99' as '3.14')).toEqual({ python: null, reason: expect.stringMatching(/unknown python '3\.99'/) });
  });
});
