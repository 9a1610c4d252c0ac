// Node's side of the rules of sharing: what structured clone (worker_threads
// postMessage, structuredClone) and a child process's advanced IPC accept of
// the article's values; and the rules judged on rows of known outcome.

import { describe, expect, it } from 'vitest';
import { firstLine, judgeSharingRules, latestRows, probeNodeSharing, SHARING_COLUMNS, type SharingRow } from './sharing.ts';

class Box {
  constructor(public label: string) {}
  get(): string {
    return this.label;
  }
}

describe('structuredClone (the algorithm worker_threads postMessage uses)', () => {
  const cloneError = (value: unknown) => {
    try {
      structuredClone(value);
      return null;
    } catch (error) {
      return (error as DOMException).name;
    }
  };

  it('refuses a function, an arrow function, a closure, a bound method and a generator with DataCloneError', () => {
    const k = 3;
    expect(cloneError(function square(x: number) { return x * x; })).toBe('DataCloneError');
    expect(cloneError((x: number) => x * x)).toBe('DataCloneError');
    expect(cloneError((x: number) => k * x)).toBe('DataCloneError');
    const box = new Box('b');
    expect(cloneError(box.get.bind(box))).toBe('DataCloneError');
    expect(cloneError((function* () { yield 1; })())).toBe('DataCloneError');
  });

  it('copies a class instance as a plain object: its prototype and methods are lost', () => {
    const copy = structuredClone(new Box('b')) as unknown as Record<string, unknown>;
    expect(copy).toEqual({ label: 'b' });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.get).toBeUndefined();
  });

  it('copies a Buffer as a plain Uint8Array, and an object of arrays as it is', () => {
    const copy = structuredClone(Buffer.alloc(1000, 7));
    expect(copy.constructor.name).toBe('Uint8Array');
    expect(Buffer.isBuffer(copy)).toBe(false);
    expect(copy.byteLength).toBe(1000);
    const dict = { a: [1, 2, 3], b: [4, 5] };
    const cloned = structuredClone(dict);
    expect(cloned).toEqual(dict);
    expect(cloned.a).not.toBe(dict.a);
  });
});

describe('probeNodeSharing: each value posted to a worker thread and sent to a child process', () => {
  it('records each outcome, with the error and what arrived', async () => {
    const rows = await probeNodeSharing(1_000_000);
    const of = (executor: string, c: string) => rows.find((r) => r.executor.startsWith(executor) && r.case === c)!;
    for (const row of rows) expect(Object.keys(row)).toEqual(Object.keys(SHARING_COLUMNS));
    expect(rows.filter((r) => r.executor.startsWith('worker_threads')).map((r) => r.case)).toEqual(rows.filter((r) => r.executor.startsWith('child_process')).map((r) => r.case));

    for (const c of ['main-function', 'lambda', 'lambda-global', 'closure', 'bound-method', 'generator', 'socket']) {
      expect(of('worker_threads', c), c).toMatchObject({ outcome: 'refused', error: 'DataCloneError' });
      expect(of('worker_threads', c).message, c).toMatch(/could not be cloned\.$/);
      expect(of('child_process', c), c).toMatchObject({ outcome: 'refused', error: 'Error' });
      expect(of('child_process', c).message, c).toMatch(/could not be cloned\.$/);
    }
    expect(of('worker_threads', 'file-handle')).toMatchObject({ outcome: 'refused', error: 'TypeError [ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST]' });
    expect(of('child_process', 'file-handle')).toMatchObject({ outcome: 'refused' });

    for (const channel of ['worker_threads', 'child_process']) {
      expect(of(channel, 'class-instance')).toMatchObject({ outcome: 'accepted', shared: 'no', arrived_as: 'Object (prototype lost: no get method); its change stayed in the worker' });
      expect(of(channel, 'dict-of-lists')).toMatchObject({ outcome: 'accepted', arrived_as: 'Object with 2 keys' });
      expect(of(channel, 'module-state')).toMatchObject({ outcome: 'accepted', shared: 'no', arrived_as: 'read "module default"' });
    }
    // A Buffer reaches a worker thread as a plain Uint8Array; the child process's serializer gives it back as a Buffer.
    expect(of('worker_threads', 'large-bytes')).toMatchObject({ outcome: 'accepted', arrived_as: 'Uint8Array of 1000000 bytes (no longer a Buffer)' });
    expect(of('child_process', 'large-bytes')).toMatchObject({ outcome: 'accepted', arrived_as: 'Buffer of 1000000 bytes' });
    // Opt-in sharing: a SharedArrayBuffer is shared with a thread, and cannot go to another process at all.
    expect(of('worker_threads', 'shared-memory')).toMatchObject({ outcome: 'accepted', shared: 'yes' });
    expect(of('child_process', 'shared-memory')).toMatchObject({ outcome: 'refused', error: 'Error', message: '#<SharedArrayBuffer> could not be cloned.' });
    for (const r of rows) expect(r.ms).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

// ---- judging the article's rules ----------------------------------------------------------

const row = (executor: string, c: string, outcome: 'accepted' | 'refused', extra: Partial<SharingRow> = {}): SharingRow => ({
  runtime: 'python', executor, model: '', case: c, role: 'task', value: c, outcome, error: outcome === 'refused' ? 'concurrent.interpreters.NotShareableError' : '', message: '', cause: '', arrived_as: '', shared: '', ms: 1, ...extra,
});
const I = 'InterpreterPoolExecutor';
const P = 'ProcessPoolExecutor';

describe('judgeSharingRules', () => {
  it('reads each rule on the interpreter pool’s rows: holds, partly, does not hold', () => {
    const rows = [
      row(I, 'main-function', 'accepted'),
      row(I, 'unimportable-main-function-global', 'refused', { message: 'args not shareable', cause: "Exception: AttributeError: module '__main__' has no attribute 'scaled'" }),
      row(I, 'closure', 'refused', { message: '(Queue(1), <function multiplier.<locals>.times>, (7,), {}) does not support cross-interpreter data' }),
      row(I, 'bound-method', 'accepted'),
      row(I, 'large-bytes', 'accepted'),
      row(I, 'dict-of-lists', 'accepted'),
      row(I, 'module-state', 'accepted', { shared: 'no' }),
      row(I, 'lambda', 'accepted'),
      row(P, 'lambda', 'refused', { error: 'pickle.PicklingError' }),
      row(P, 'closure', 'refused', { error: 'pickle.PicklingError' }),
      row(P, 'main-function', 'accepted'),
    ];
    const verdicts = Object.fromEntries(judgeSharingRules(rows).map((j) => [j.id, j.verdict]));
    expect(verdicts).toEqual({
      main: 'partly',
      lambda: 'does not hold',
      closure: 'holds',
      'bound-method': 'does not hold',
      instances: 'not measured',
      simple: 'holds',
      stateful: 'not measured',
      globals: 'holds',
      stricter: 'does not hold',
      errors: 'partly',
    });
    const errors = judgeSharingRules(rows).find((j) => j.id === 'errors')!;
    expect(errors.evidence).toContain('“args not shareable” in unimportable-main-function-global');
    expect(errors.evidence).toContain('closure got NotShareableError');
  });

  it('counts the latest trial’s row once per pool and case (a warm-up and repetitions agree or the latest wins)', () => {
    const older = { ...row(I, 'closure', 'accepted'), trial: 3 };
    const newer = { ...row(I, 'closure', 'refused'), trial: 9 };
    expect(latestRows([newer, older]).get(`${I}|closure`)!.outcome).toBe('refused');
  });

  it('says "not measured" for every rule when there are no interpreter-pool rows (no 3.14)', () => {
    expect(judgeSharingRules([row(P, 'closure', 'refused')]).every((j) => j.verdict === 'not measured')).toBe(true);
  });
});

describe('firstLine', () => {
  it('keeps the verdict of a message that spells a function’s source over lines', () => {
    expect(firstLine('function onEnd() {\n  body();\n} could not be cloned.')).toBe('function onEnd() { … could not be cloned.');
    expect(firstLine('x => x could not be cloned.')).toBe('x => x could not be cloned.');
  });
});
