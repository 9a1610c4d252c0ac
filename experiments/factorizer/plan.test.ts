import { describe, expect, it } from 'vitest';
import type { PythonStrategy } from '../../lib/experiment/types.ts';
import experiment from './experiment.ts';

const PY314 = ['python314-serial', 'python314-threads', 'python314-processes', 'python314-interpreters'];
const point = (c: { strategy: string; point: Record<string, unknown> }) => `${String(c.point.set)}|${String(c.point.workers)}`;

describe.each(Object.entries(experiment.profiles))('factorizer plan, %s profile', (_, profile) => {
  const cells = experiment.plan(profile.params);
  const at = (strategy: string) => cells.filter((c) => c.strategy === strategy).map(point).sort();
  const sets = profile.params.python_sets as string[];
  const workers = profile.params.python_workers as number[];
  const pools = sets.flatMap((set) => workers.map((w) => `${set}|${w}`)).sort();

  it('runs 3.11’s peers where they always ran: the serial loop once per python set, threads and processes at every python_workers', () => {
    expect(at('python-serial')).toEqual(sets.map((s) => `${s}|1`).sort());
    expect(at('python-threads')).toEqual(pools);
    expect(at('python-processes')).toEqual(pools);
  });

  it('runs each 3.14 pool at exactly 3.11’s pool points, and 3.14’s serial loop beside 3.11’s', () => {
    expect(at('python314-serial')).toEqual(at('python-serial'));
    for (const name of ['python314-threads', 'python314-processes', 'python314-interpreters']) expect(at(name), name).toEqual(pools);
  });

  it('gives the 3.14 cells python314_repetitions, and every other cell the profile’s count', () => {
    for (const c of cells) expect(c.repetitions, c.strategy).toBe(c.strategy.startsWith('python314-') ? profile.params.python314_repetitions : undefined);
  });

  it('plans no cell twice', () => {
    const keys = cells.map((c) => `${c.strategy}|${point(c)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the CPython 3.14 strategies', () => {
  const strategy = (name: string) => experiment.strategies.find((s) => s.name === name) as PythonStrategy | undefined;

  it('ask for a CPython 3.14 and run peer.py, while 3.11’s keep the system Python', () => {
    for (const name of PY314) {
      expect(strategy(name)?.runtime, name).toBe('python');
      expect(strategy(name)?.python, name).toBe('3.14');
      expect(strategy(name)?.script, name).toBeUndefined();
    }
    for (const name of ['python-serial', 'python-threads', 'python-processes']) expect(strategy(name)?.python, name).toBeUndefined();
  });

  it('mark the interpreter pool as needing concurrent.interpreters, so a Python without it skips the rows visibly', () => {
    expect(strategy('python314-interpreters')?.model).toBe('python-interpreters');
    expect(strategy('python314-interpreters')?.requires).toEqual(['concurrent.interpreters']);
  });
});
