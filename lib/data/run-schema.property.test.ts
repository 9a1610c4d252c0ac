// Property: whatever a run.json holds — a committed run with one value
// replaced by any JSON, a key removed, or text cut short — the reader either
// returns a run of the declared shape or throws a DataError that names the
// file and a JSON path (or says it is not JSON); nothing else.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../paths.ts';
import { DataError } from './csv.ts';
import { parseJson } from './json-file.ts';
import { RUN_SCHEMA } from './run-schema.ts';

const FILE = '/data/x/box/run.json';
const committed = readdirSync(path.join(ROOT, 'data'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'inputs')
  .flatMap((e) => readdirSync(path.join(ROOT, 'data', e.name), { withFileTypes: true }).filter((m) => m.isDirectory() && !m.name.startsWith('.')).map((m) => path.join(ROOT, 'data', e.name, m.name, 'run.json')));
const runs = committed.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>);

/** Every path to a value inside `value`. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...at, k]))];
}

function edit(run: unknown, where: (string | number)[], replace: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(run) as Record<string | number, unknown>;
  if (where.length === 0) return copy;
  let parent = copy;
  for (const k of where.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  replace(parent, where.at(-1)!);
  return copy;
}

function check(text: string): void {
  try {
    const run = parseJson(text, FILE, RUN_SCHEMA, 'fix it');
    expect(typeof run.machine.cores).toBe('number');
    expect(typeof run.trials.ok).toBe('number');
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(new RegExp(`^${FILE}: (not valid JSON|\\$[.\\[]?)`));
  }
}

describe('run.json read against its schema', () => {
  it('every committed run.json is valid', () => {
    expect(committed.length).toBeGreaterThan(0);
    for (const f of committed) expect(() => parseJson(readFileSync(f, 'utf8'), f, RUN_SCHEMA, 'fix it')).not.toThrow();
  });

  it('a value replaced by any JSON gives a run or an error naming the file and the path', () => {
    const target = fc.integer({ min: 0, max: runs.length - 1 }).chain((i) => fc.tuple(fc.constant(runs[i]!), fc.constantFrom(...pathsOf(runs[i]!))));
    fc.assert(
      fc.property(target, fc.jsonValue(), ([run, where], value) => {
        check(JSON.stringify(edit(run, where, (p, k) => (p[k] = value))));
      }),
      { numRuns: 400 },
    );
  });

  it('a key removed, or the text cut short, gives a run or an error naming the file', () => {
    const target = fc.integer({ min: 0, max: runs.length - 1 }).chain((i) => fc.tuple(fc.constant(runs[i]!), fc.constantFrom(...pathsOf(runs[i]!).filter((p) => p.length > 0))));
    fc.assert(
      fc.property(target, fc.nat(), ([run, where], cut) => {
        check(JSON.stringify(edit(run, where, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k]))));
        const text = JSON.stringify(run, null, 2);
        check(text.slice(0, cut % text.length));
      }),
      { numRuns: 300 },
    );
  });

  it('says which value is wrong: "cores": "two"', () => {
    const run = edit(runs[0], ['machine', 'cores'], (p, k) => (p[k] = 'two'));
    expect(() => parseJson(JSON.stringify(run), FILE, RUN_SCHEMA, 'fix it')).toThrow(`${FILE}: $.machine.cores: expected a value of type number, found "two"; fix it`);
  });
});
