// Reads a JSON file against a declared schema: a file that does not parse, or
// a value of the wrong shape, is a DataError naming the file, the JSON path,
// what was expected and what was found, never a report that reads "On – cores".

import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DataError } from './csv.ts';

/** `$.machine.cores`, `$.notes[2]`, `$["odd key"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][\w]*$/.test(String(k)) ? `.${String(k)}` : `[${JSON.stringify(String(k))}]`)).join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

const shown = (value: unknown): string => {
  if (value === undefined) return 'nothing (the key is missing)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const found = valueAt(data, issue.path);
  const expected =
    issue.code === 'invalid_type' ? `a value of type ${issue.expected}`
    : issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    : issue.code === 'unrecognized_keys' ? `no key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
    : issue.message.replace(/^Invalid input: /, '').replace(/^Invalid string: /, '');
  return `${jsonPath(issue.path)}: expected ${expected}, found ${shown(found)}`;
}

/** Parse `text` (the contents of `file`) and check it against `schema`. */
export function parseJson<T>(text: string, file: string, schema: z.ZodType<T>, fix: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${file}: not valid JSON (${(error as Error).message}); ${fix}`);
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => describeIssue(i, data));
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  throw new DataError(`${file}: ${issues.join('; ')}${more}; ${fix}`);
}

export function readJson<T>(file: string, schema: z.ZodType<T>, fix: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DataError(`${file}: cannot read; ${fix}`);
  }
  return parseJson(text, file, schema, fix);
}
