// The report's "Rules of sharing": the `sharing` side table rendered compactly
// (one row per value, one column per pool or channel: Python's interpreter,
// process and thread pools on 3.14, Node's worker thread and child process),
// and the article's rules as sharing.ts judges them on the interpreter pool's
// rows. One sentence when the run has no such table.

import type { Block, Section, Table } from '../../lib/report/doc.ts';
import { pythonName, type Context } from './context.ts';
import { CASES, judgeSharingRules, latestRows, SHARING_RULES, type RuleVerdict, type SharingRow } from './sharing.ts';

/** The table's columns: each the model of a pool (or Node channel) that ran the values, in reading order. */
const COLUMNS = [
  { model: 'python-interpreters', label: 'Interpreter pool' },
  { model: 'python-processes', label: 'Process pool' },
  { model: 'python-threads', label: 'Thread pool' },
  { model: 'worker-threads', label: 'Worker thread' },
  { model: 'child-processes', label: 'Child process' },
] as const;

/** Each value in a few words (its full description, per runtime, is in sharing.csv's `value`). */
const SHORT: Record<string, string> = {
  'main-function': 'a function from `__main__`',
  'main-function-global': 'a function from `__main__` reading a global the parent changed',
  lambda: 'a lambda',
  'lambda-global': 'a lambda reading a global',
  closure: 'a closure',
  'bound-method': 'a bound method',
  'class-instance': 'an instance of a class from `__main__`, changed by the task',
  'large-bytes': 'a large bytes (Node: Buffer)',
  'dict-of-lists': 'a dict of lists',
  'shared-memory': 'a memoryview the task writes into (Node: SharedArrayBuffer)',
  'module-state': 'a module global the parent changed',
  generator: 'a generator',
  'file-handle': 'an open file',
  socket: 'a socket',
  'unimportable-main-function': 'a function from a `python -c` `__main__`',
  'unimportable-main-function-global': 'the same, reading a global',
  'unimportable-bound-method': 'a bound method of a `python -c` class',
  'unimportable-class-instance': 'an instance of a `python -c` class',
};

/** Text taken from the rows, safe as inline markdown: `__main__` stays itself. */
const plain = (text: string) => text.replace(/[\\`*_[\]]/g, (c) => `\\${c}`);

/** "concurrent.interpreters.NotShareableError" → "NotShareableError"; Node's "TypeError [ERR_…]" → "TypeError" (the code is in sharing.csv). */
const shortError = (error: string) => error.replace(/^(?:[a-z_]\w*\.)+(?=[A-Z])/, '').replace(/ \[ERR_\w+\]$/, '');

/** The exception behind a refusal, when it is of another type: "AttributeError" of "Exception: AttributeError: module '__main__' …"; '' when none. */
function causeOf(row: SharingRow): string {
  const types = [...row.cause.matchAll(/(?:^|:\s)((?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception))(?=:)/g)].map((m) => shortError(m[1]!));
  const inner = types.filter((t) => t !== 'Exception').at(-1);
  return inner && inner !== shortError(row.error) ? inner : '';
}

/** "NotShareableError", or "NotShareableError from AttributeError". */
const refusal = (row: SharingRow) => plain([shortError(row.error) || 'no exception type', causeOf(row)].filter(Boolean).join(' from '));

/** A cell: accepted, shared (the worker saw the parent's object or state), or refused with the exception's type. */
export function cellOf(row: SharingRow | undefined): string {
  if (!row) return '–';
  if (row.outcome === 'refused') return `refused: ${refusal(row)}`;
  if (row.shared === 'yes') return 'shared';
  return row.shared === 'no' ? 'accepted, not shared' : 'accepted';
}

const VERDICT_WORD: Record<RuleVerdict, string> = { holds: 'holds', partly: 'holds in part', 'does not hold': 'does not hold', 'not measured': 'not measured' };

/** The cases of one rule, accepted and refused on the interpreter pool, by exception type: "accepted: lambda; refused: lambda-global (NotShareableError)". */
function caseList(latest: Map<string, SharingRow>, cases: readonly string[]): string {
  const rows = cases.map((c) => [...latest.values()].find((r) => r.model === 'python-interpreters' && r.case === c)).filter((r): r is SharingRow => r !== undefined);
  const accepted = rows.filter((r) => r.outcome === 'accepted').map((r) => `\`${r.case}\``);
  const refused = rows.filter((r) => r.outcome === 'refused').map((r) => `\`${r.case}\` (${refusal(r)})`);
  return `accepted: ${accepted.join(', ') || 'none'}; refused: ${refused.join(', ') || 'none'}`;
}

function sharingTable(ctx: Context, rows: readonly SharingRow[], version: string): Table {
  const latest = latestRows(rows);
  const at = (model: string, c: string) => [...latest.values()].find((r) => r.model === model && r.case === c);
  const cases = CASES.filter((c) => rows.some((r) => r.case === c));
  return {
    id: 'sharing',
    title: `What crosses into a worker: ${version}’s interpreter, process and thread pools, Node’s worker thread and child process`,
    caption:
      `One row per value. Python (${version}): the value handed to an interpreter, a process and a thread pool of one worker started beforehand, as the task or as its argument. Node (${ctx.run.software.node}): the nearest equivalent posted to a worker thread and sent to a child process over IPC with advanced serialization (structured clone, as piscina and the child-process pool pass a task). ` +
      '“Shared”: the worker saw the parent’s object or state (a change on one side showed on the other); “accepted, not shared”: it got its own copy, or its own module state; “refused”: the exception raised, with the one behind it where that is another type; “–”: no such case there (a Node module is always importable again). ' +
      'The latest trial of each pool and value; every value’s full description, message and what arrived are in the `sharing` side table (sharing.csv).',
    columns: [{ key: 'case', label: 'Value' }, ...COLUMNS.map((c) => ({ key: c.model, label: c.label }))],
    rows: cases.map((c) => ({ case: SHORT[c] ?? `\`${c}\``, ...Object.fromEntries(COLUMNS.map((col) => [col.model, cellOf(at(col.model, c))])) })),
  };
}

export function sharingSection(ctx: Context): Section {
  const section = (blocks: Block[], lead?: string): Section => ({ id: 'sharing-rules', title: 'Rules of sharing', ...(lead ? { lead } : {}), blocks });
  const rows = ctx.sharing.rows;
  const python = rows.filter((r) => r.runtime === 'python');
  const used = ctx.pythonOf('python-sharing');
  if (python.length === 0) {
    const why = ctx.sharing.python && ctx.sharing.python !== 'not in this run’s plan' ? `its Python probes did not run (${plain(ctx.sharing.python)})` : 'the run predates the sharing probes (no `sharing` side table)';
    return section([{ kind: 'markdown', text: `No table of what each pool accepts here: ${why}.` }]);
  }
  const version = used.version ? pythonName(used) : 'CPython';
  const latest = latestRows(rows);
  const judged = judgeSharingRules(rows);
  const list = judged.map((j) => {
    const rule = SHARING_RULES.find((r) => r.id === j.id)!;
    const tried = rule.cases.some((c) => rows.some((r) => r.model === 'python-interpreters' && r.case === c));
    const evidence = rule.cases.length > 0 && !tried ? 'no such value was tried' : rule.cases.length > 0 && j.id !== 'globals' ? caseList(latest, rule.cases) : plain(j.evidence);
    return `- ${plain(j.text)} **${VERDICT_WORD[j.verdict]}**: ${evidence}.`;
  });
  const count = (v: RuleVerdict) => judged.filter((j) => j.verdict === v).length;
  const lead = `Of the article’s ${judged.length} rules for what an interpreter pool refuses, ${count('holds')} hold${count('holds') === 1 ? 's' : ''} on ${version} today, ${count('partly')} in part and ${count('does not hold')} not at all.`;
  return section([
    {
      kind: 'markdown',
      text: `The article lists what an interpreter pool refuses to pass and calls it stricter than multiprocessing. Each value below was handed to ${version}’s interpreter, process and thread pools, and Node’s structured clone got the same values.`,
    },
    { kind: 'table', table: sharingTable(ctx, rows, version) },
    { kind: 'markdown', text: `The article’s rules, on ${version}’s interpreter pool today (each rule’s values in the table; “stricter” against the process pool):\n\n${list.join('\n')}` },
  ], lead);
}
