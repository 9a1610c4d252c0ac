// The article's rules of sharing, tested. The `sharing` side table holds, for
// each pool and each value, whether the value crossed into a worker (as the
// task itself or as its argument), with which error when it did not, and what
// arrived when it did. Python's rows come from sharing_peer.py (an interpreter,
// a process and a thread pool of one on CPython 3.14); Node's from this file:
// the same values posted to a worker thread (structured clone, what piscina
// uses) and sent to a child process over IPC with advanced serialization (the
// same algorithm, what the child-process pool uses). `judgeSharingRules` reads
// the interpreter pool's rows against each rule the article states.

import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import type { ColumnType, Scalar } from '../../lib/experiment/types.ts';

/** The side table's columns (experiment.ts `tables.sharing`); the runner adds machine_id and trial. */
export const SHARING_COLUMNS = {
  /** 'python' or 'node'. */
  runtime: 'string',
  /** The pool or the channel: InterpreterPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor; worker_threads postMessage, child_process send. */
  executor: 'string',
  /** The strategy model it stands for (python-interpreters, worker-threads, …): colours and labels. */
  model: 'string',
  /** Which value (CASES below; Python alone has the main-function-global and unimportable-* cases). */
  case: 'string',
  /** 'task' (the value is the function run) or 'argument' (the value is passed to a function from a module). */
  role: 'string',
  /** The value in words. */
  value: 'string',
  /** 'accepted' or 'refused'. */
  outcome: 'string',
  /** The exception's type when refused: concurrent.interpreters.NotShareableError, pickle.PicklingError, TypeError, DataCloneError, … */
  error: 'string',
  /** Its message's first line, addresses removed. */
  message: 'string',
  /** Python: the exception's __cause__ ("Exception: AttributeError: module '__main__' has no attribute 'Box'"). */
  cause: 'string',
  /** When accepted: what the worker saw or returned ("Object (prototype lost: no get method)"). */
  arrived_as: 'string',
  /** Whether the worker and the parent saw the same object or state: 'yes', 'no', or '' where the case does not ask. */
  shared: 'string',
  /** From handing the value over to the answer (or the refusal), ms. */
  ms: 'number',
} as const satisfies Record<string, ColumnType>;

export type SharingRow = { [K in keyof typeof SHARING_COLUMNS]: (typeof SHARING_COLUMNS)[K] extends 'number' ? number : string };

/** The cases both runtimes run, in table order, with the Node value each stands for. */
export const CASES = [
  'main-function',
  'main-function-global',
  'lambda',
  'lambda-global',
  'closure',
  'bound-method',
  'class-instance',
  'large-bytes',
  'dict-of-lists',
  'shared-memory',
  'module-state',
  'generator',
  'file-handle',
  'socket',
  'unimportable-main-function',
  'unimportable-main-function-global',
  'unimportable-bound-method',
  'unimportable-class-instance',
] as const;

// ---- Node's side ---------------------------------------------------------------------------

// The values, defined at the top of this module as a user's would be.
const FACTOR = 2;
function square(x: number): number {
  return x * x;
}
class Scaler {
  constructor(readonly k: number) {}
  times(x: number): number {
    return this.k * x;
  }
}
class Box {
  constructor(public label: string) {}
  get(): string {
    return this.label;
  }
}
function multiplier(k: number) {
  return (x: number) => k * x;
}

/** What the receiving side does with a message and answers (CommonJS source, for a worker thread and a child alike). */
const RECEIVER = `
globalThis.state = 'module default';
function answer(message) {
  const { op, value } = message;
  if (op === 'ready') return { ready: true };
  if (op === 'read-state') return { state: globalThis.state };
  if (op === 'mark') value.label = 'changed in the worker';
  if (op === 'poke') new Uint8Array(value)[0] = 1;
  const proto = value !== null && (typeof value === 'object' || typeof value === 'function') ? Object.getPrototypeOf(value) : undefined;
  return {
    type: typeof value,
    ctor: proto === undefined ? typeof value : proto === null ? 'null prototype' : (proto.constructor && proto.constructor.name) || 'anonymous',
    bytes: value && typeof value.byteLength === 'number' ? value.byteLength : null,
    keys: value && typeof value === 'object' && !ArrayBuffer.isView(value) && Object.getPrototypeOf(value) === Object.prototype ? Object.keys(value).length : null,
    methods: proto ? Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, n).value === 'function') : [],
  };
}
function reply(message) {
  try {
    return answer(message);
  } catch (error) {
    return { failed: String((error && error.message) || error) };
  }
}
`;

interface Answer {
  ready?: boolean;
  /** The receiver threw while looking at the value (a bug here, not a finding). */
  failed?: string;
  state?: string;
  type?: string;
  ctor?: string;
  bytes?: number | null;
  /** Own keys of a plain object (null for anything else). */
  keys?: number | null;
  methods?: string[];
}

/** A worker thread or a child process, and how to send it one message and await its answer. */
interface Channel {
  executor: string;
  model: string;
  /** Throws (synchronously) when the message cannot be serialized. */
  send(message: unknown): void;
  next(): Promise<Answer>;
  close(): Promise<void>;
}

export const NODE_CHANNELS = [
  { executor: 'worker_threads postMessage', model: 'worker-threads' },
  { executor: 'child_process send (advanced serialization)', model: 'child-processes' },
] as const;

const TIMEOUT_MS = 60_000;

function answers(on: (listener: (a: Answer) => void) => void, what: string): () => Promise<Answer> {
  const queue: Answer[] = [];
  const waiting: ((a: Answer) => void)[] = [];
  on((a) => (waiting.length > 0 ? waiting.shift()!(a) : queue.push(a)));
  return () =>
    queue.length > 0
      ? Promise.resolve(queue.shift()!)
      : new Promise<Answer>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
          waiting.push((a) => {
            clearTimeout(timer);
            resolve(a);
          });
        });
}

function workerChannel(): Channel {
  const worker = new Worker(`${RECEIVER}\nconst { parentPort } = require('node:worker_threads');\nparentPort.on('message', (m) => parentPort.postMessage(reply(m)));`, { eval: true });
  return {
    ...NODE_CHANNELS[0],
    send: (message) => worker.postMessage(message),
    next: answers((listener) => worker.on('message', listener), 'the worker thread'),
    close: async () => void (await worker.terminate()),
  };
}

function childChannel(): Channel {
  const child: ChildProcess = spawn(process.execPath, ['-e', `${RECEIVER}\nprocess.on('message', (m) => process.send(reply(m)));`], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return {
    ...NODE_CHANNELS[1],
    send: (message) => void child.send(message as never),
    next: answers((listener) => child.on('message', listener as (m: unknown) => void), 'the child process'),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill();
      await exited;
    },
  };
}

interface NodeCase {
  case: (typeof CASES)[number];
  role: 'task' | 'argument';
  value: string;
  /** The message's value and the receiver's op; `check` reads the answer; `cleanup` runs afterwards. */
  make: () => Promise<{ op: string; value: unknown; check: (a: Answer) => { arrived_as: string; shared: string }; cleanup?: () => Promise<void> | void }>;
}

const described = (a: Answer): string => {
  const bytes = a.bytes !== null && a.bytes !== undefined ? ` of ${a.bytes} bytes` : '';
  const keys = a.keys !== null && a.keys !== undefined ? ` with ${a.keys} keys` : '';
  return `${a.ctor}${bytes}${keys}`;
};

/** The Node values for the article's cases (no main-function-global or unimportable-* cases: a module here is always importable). */
export function nodeCases(nBytes: number): NodeCase[] {
  const plain = (value: unknown) => async () => ({ op: 'describe', value, check: (a: Answer) => ({ arrived_as: described(a), shared: '' }) });
  return [
    { case: 'main-function', role: 'task', value: 'a function declared at the top of the module', make: plain(square) },
    { case: 'lambda', role: 'task', value: 'an arrow function naming no outer variable (x => x * x)', make: plain((x: number) => x * x) },
    { case: 'lambda-global', role: 'task', value: 'an arrow function reading a module constant (x => x * FACTOR)', make: plain((x: number) => x * FACTOR) },
    { case: 'closure', role: 'task', value: 'a closure (an arrow function using its parent’s k = 3)', make: plain(multiplier(3)) },
    { case: 'bound-method', role: 'task', value: 'a bound method (instance.times.bind(instance))', make: plain(new Scaler(3).times.bind(new Scaler(3))) },
    {
      case: 'class-instance', role: 'argument', value: 'an instance of a class with a method, which the receiver changes',
      make: async () => {
        const box = new Box('set by the parent');
        return {
          op: 'mark', value: box,
          check: (a) => ({
            arrived_as: `${a.ctor}${a.ctor === 'Box' ? '' : ` (prototype lost: ${(a.methods ?? []).includes('get') ? 'get method kept' : 'no get method'})`}; its change ${box.label === 'set by the parent' ? 'stayed in the worker' : 'came back'}`,
            shared: box.label === 'set by the parent' ? 'no' : 'yes',
          }),
        };
      },
    },
    {
      case: 'large-bytes', role: 'argument', value: `a Buffer of ${nBytes} bytes`,
      make: async () => ({ op: 'describe', value: Buffer.alloc(nBytes), check: (a) => ({ arrived_as: `${described(a)}${a.ctor === 'Buffer' ? '' : ' (no longer a Buffer)'}`, shared: '' }) }),
    },
    { case: 'dict-of-lists', role: 'argument', value: 'an object of two arrays of numbers', make: plain({ a: [1, 2, 3], b: [4, 5] }) },
    {
      case: 'shared-memory', role: 'argument', value: 'a SharedArrayBuffer, which the receiver writes into',
      make: async () => {
        const buffer = new SharedArrayBuffer(8);
        const view = new Uint8Array(buffer);
        return { op: 'poke', value: buffer, check: (a) => ({ arrived_as: `${described(a)} (its write ${view[0] === 1 ? 'reached' : 'did not reach'} the parent’s buffer)`, shared: view[0] === 1 ? 'yes' : 'no' }) };
      },
    },
    {
      case: 'module-state', role: 'task', value: 'a global the parent changed at run time (globalThis.state)',
      make: async () => {
        const g = globalThis as { state?: string };
        const before = g.state;
        g.state = 'set by the parent';
        return {
          op: 'read-state', value: null,
          check: (a) => ({ arrived_as: `read ${JSON.stringify(a.state)}`, shared: a.state === 'set by the parent' ? 'yes' : 'no' }),
          cleanup: () => void (g.state = before),
        };
      },
    },
    { case: 'generator', role: 'argument', value: 'a generator object', make: plain((function* () { yield 1; })()) },
    {
      case: 'file-handle', role: 'argument', value: 'an open FileHandle (fs.promises.open), not in a transfer list',
      make: async () => {
        const handle = await open(process.execPath, 'r');
        return { op: 'describe', value: handle, check: (a) => ({ arrived_as: described(a), shared: '' }), cleanup: () => handle.close() };
      },
    },
    {
      case: 'socket', role: 'argument', value: 'a net.Socket',
      make: async () => {
        const socket = new net.Socket();
        return { op: 'describe', value: socket, check: (a) => ({ arrived_as: described(a), shared: '' }), cleanup: () => void socket.destroy() };
      },
    },
  ];
}

/** The error as a user sees it: its name, and Node's error code where it has one. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} [${code}]` : error.name;
}

/** The first line of a message, cut to 200 characters; a value's source spread over lines keeps its verdict ("… could not be cloned."). */
export function firstLine(text: string): string {
  const lines = text.trim().split('\n');
  const verdict = lines.length > 1 ? / could not be cloned\.$/.exec(lines.at(-1)!) : null;
  return `${lines[0]!.slice(0, 160)}${verdict ? ' …' + verdict[0] : ''}`;
}

async function probeCase(channel: Channel, c: NodeCase): Promise<SharingRow> {
  const { op, value, check, cleanup } = await c.make();
  const row: SharingRow = {
    runtime: 'node', executor: channel.executor, model: channel.model, case: c.case, role: c.role, value: c.value,
    outcome: 'accepted', error: '', message: '', cause: '', arrived_as: '', shared: '', ms: 0,
  };
  const t0 = performance.now();
  try {
    try {
      channel.send({ op, value });
    } catch (error) {
      return { ...row, outcome: 'refused', error: errorName(error), message: firstLine(error instanceof Error ? error.message : String(error)), ms: round(performance.now() - t0) };
    }
    const answer = await channel.next();
    if (answer.failed) throw new Error(`the ${channel.executor} receiver failed on ${c.case}: ${answer.failed}`);
    return { ...row, ...check(answer), ms: round(performance.now() - t0) };
  } finally {
    await cleanup?.();
  }
}

/** Every Node case on a worker thread and on a child process, each started (and answering) before the first case. */
export async function probeNodeSharing(nBytes: number): Promise<SharingRow[]> {
  const rows: SharingRow[] = [];
  for (const make of [workerChannel, childChannel]) {
    const channel = make();
    try {
      channel.send({ op: 'ready' });
      await channel.next();
      for (const c of nodeCases(nBytes)) rows.push(await probeCase(channel, c));
    } finally {
      await channel.close();
    }
  }
  return rows;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The rows as side-table rows (t.table takes scalars). */
export const asTableRows = (rows: readonly SharingRow[]): Record<string, Scalar>[] => rows.map((r) => ({ ...r }));

// ---- the article's rules, judged on the interpreter pool's rows ------------------------------

export type RuleVerdict = 'holds' | 'partly' | 'does not hold' | 'not measured';

export interface SharingRule {
  id: string;
  /** The article's rule, paraphrased. */
  text: string;
  cases: readonly (typeof CASES)[number][];
}

export const SHARING_RULES: readonly SharingRule[] = [
  { id: 'main', text: 'A function defined in __main__ cannot be passed: what a worker runs must live in an importable module.', cases: ['main-function', 'main-function-global', 'unimportable-main-function', 'unimportable-main-function-global'] },
  { id: 'lambda', text: 'A lambda cannot be passed.', cases: ['lambda', 'lambda-global'] },
  { id: 'closure', text: 'A closure cannot be passed.', cases: ['closure'] },
  { id: 'bound-method', text: 'A bound method cannot be passed.', cases: ['bound-method', 'unimportable-bound-method'] },
  { id: 'instances', text: 'Class instances are risky and often fail.', cases: ['class-instance', 'unimportable-class-instance'] },
  { id: 'simple', text: 'ints, floats, strings, bytes and simple dicts and lists are safe.', cases: ['large-bytes', 'dict-of-lists'] },
  { id: 'stateful', text: 'Objects with internal state (file handles, sockets, generators) are risky and often fail.', cases: ['generator', 'file-handle', 'socket'] },
  { id: 'globals', text: 'Globals are not shared: module state is the worker’s own.', cases: ['module-state', 'main-function-global'] },
  { id: 'stricter', text: 'It is stricter than multiprocessing.', cases: [] },
  { id: 'errors', text: 'Breaking the rules raises NotShareableError: args not shareable (and a name missing from __main__, AttributeError: module \'__main__\' has no attribute …).', cases: [] },
];

export interface RuleJudgement {
  id: string;
  text: string;
  verdict: RuleVerdict;
  /** What the rows show, in a sentence. */
  evidence: string;
}

export const INTERPRETER_POOL = 'InterpreterPoolExecutor';
export const PROCESS_POOL = 'ProcessPoolExecutor';

/** One row per (executor, case): the latest trial's, so that repeated trials (and a warm-up) count once. */
export function latestRows(rows: readonly (SharingRow & { trial?: unknown })[]): Map<string, SharingRow> {
  const out = new Map<string, SharingRow>();
  const sorted = [...rows].sort((a, b) => Number(a.trial ?? 0) - Number(b.trial ?? 0));
  for (const r of sorted) out.set(`${r.executor}|${r.case}`, r);
  return out;
}

const refusal = (r: SharingRow) => `${r.case} (${r.error.replace(/^concurrent\.interpreters\./, '')}${r.message ? `: ${r.message.length > 60 ? `${r.message.slice(0, 57)}…` : r.message}` : ''})`;

/** Each of the article's rules against the interpreter pool's rows (and, for "stricter", the process pool's). */
export function judgeSharingRules(rows: readonly SharingRow[]): RuleJudgement[] {
  const latest = latestRows(rows);
  const of = (executor: string, c: string) => latest.get(`${executor}|${c}`);
  return SHARING_RULES.map((rule): RuleJudgement => {
    const base = { id: rule.id, text: rule.text };
    if (rule.id === 'stricter') return { ...base, ...stricter(latest) };
    if (rule.id === 'errors') return { ...base, ...errors([...latest.values()].filter((r) => r.executor === INTERPRETER_POOL)) };
    const seen = rule.cases.map((c) => of(INTERPRETER_POOL, c)).filter((r): r is SharingRow => r !== undefined);
    if (seen.length === 0) return { ...base, verdict: 'not measured', evidence: 'no interpreter-pool rows (no CPython 3.14 here)' };
    const accepted = seen.filter((r) => r.outcome === 'accepted');
    const refused = seen.filter((r) => r.outcome === 'refused');
    const list = `accepted: ${accepted.map((r) => r.case).join(', ') || 'none'}; refused: ${refused.map(refusal).join(', ') || 'none'}`;
    if (rule.id === 'globals') {
      const shared = accepted.filter((r) => r.shared === 'yes');
      const own = accepted.filter((r) => r.shared === 'no');
      if (own.length === 0 && shared.length === 0) return { ...base, verdict: 'not measured', evidence: list };
      const verdict: RuleVerdict = shared.length === 0 ? 'holds' : own.length === 0 ? 'does not hold' : 'partly';
      return { ...base, verdict, evidence: `the worker read its own value in ${own.map((r) => r.case).join(', ') || 'no case'}; the parent’s in ${shared.map((r) => r.case).join(', ') || 'no case'}` };
    }
    const saysAccepted = rule.id === 'simple';
    const agree = saysAccepted ? accepted.length : refused.length;
    const verdict: RuleVerdict = agree === seen.length ? 'holds' : agree === 0 ? 'does not hold' : 'partly';
    return { ...base, verdict, evidence: list };
  });
}

function stricter(latest: Map<string, SharingRow>): Pick<RuleJudgement, 'verdict' | 'evidence'> {
  const both = [...latest.values()]
    .filter((r) => r.executor === INTERPRETER_POOL)
    .flatMap((r) => {
      const p = latest.get(`${PROCESS_POOL}|${r.case}`);
      return p ? [{ c: r.case, interp: r.outcome, proc: p.outcome }] : [];
    });
  if (both.length === 0) return { verdict: 'not measured', evidence: 'no case ran on both pools' };
  const onlyProc = both.filter((b) => b.proc === 'accepted' && b.interp === 'refused').map((b) => b.c);
  const onlyInterp = both.filter((b) => b.interp === 'accepted' && b.proc === 'refused').map((b) => b.c);
  const verdict: RuleVerdict = onlyProc.length > 0 && onlyInterp.length === 0 ? 'holds' : onlyProc.length === 0 ? 'does not hold' : 'partly';
  return { verdict, evidence: `only the process pool took ${onlyProc.join(', ') || 'nothing'}; only the interpreter pool took ${onlyInterp.join(', ') || 'nothing'} (of ${both.length} cases)` };
}

function errors(interp: readonly SharingRow[]): Pick<RuleJudgement, 'verdict' | 'evidence'> {
  const refused = interp.filter((r) => r.outcome === 'refused');
  if (refused.length === 0) return { verdict: interp.length === 0 ? 'not measured' : 'does not hold', evidence: interp.length === 0 ? 'no interpreter-pool rows' : 'nothing was refused' };
  const article = refused.filter((r) => /NotShareableError$/.test(r.error) && r.message === 'args not shareable');
  const attribute = article.filter((r) => /AttributeError: module '__main__' has no attribute/.test(r.cause));
  const other = refused.filter((r) => !article.includes(r));
  const kinds = [...new Set(other.map((r) => `${r.error.replace(/^concurrent\.interpreters\./, '')}: …${r.message.replace(/^.*\)\s*/, ' ')}`))];
  const verdict: RuleVerdict = article.length === 0 ? 'does not hold' : other.length === 0 && attribute.length > 0 ? 'holds' : 'partly';
  return {
    verdict,
    evidence: `“args not shareable” in ${article.map((r) => r.case).join(', ') || 'no case'}${attribute.length > 0 ? ` (caused by AttributeError: module '__main__' has no attribute …, in ${attribute.map((r) => r.case).join(', ')})` : ''}; ${other.length > 0 ? `${other.map((r) => r.case).join(', ')} got ${kinds.join('; ')}` : 'no other error'}`,
  };
}
