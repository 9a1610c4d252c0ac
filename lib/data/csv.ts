// Typed CSV: written with d3-dsv through an atomic rename, read back against a
// declared schema so a bad cell is an error naming the file, line and column,
// never a silently wrong number.

import { readFileSync } from 'node:fs';
import { csvFormat, csvParseRows } from 'd3-dsv';
import type { ColumnType } from '../experiment/types.ts';
import { writeFileAtomic } from './atomic.ts';

export type Cell = string | number | null;
export type Schema = Record<string, ColumnType>;

export function formatCsv(rows: readonly Record<string, Cell>[], columns: readonly string[]): string {
  // d3-dsv writes null as an empty field and quotes where needed.
  return csvFormat(rows as Record<string, Cell>[], columns as string[]) + '\n';
}

export function writeCsv(file: string, rows: readonly Record<string, Cell>[], columns: readonly string[]): void {
  writeFileAtomic(file, formatCsv(rows, columns));
}

export class DataError extends Error {}

export interface ParseOptions {
  /** Columns an older file may lack (a metric added since): read as null instead of failing. */
  optional?: readonly string[];
}

export function parseCsv(text: string, schema: Schema, file: string, options: ParseOptions = {}): Record<string, Cell>[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = csvParseRows(text);
  if (lines.length === 0) throw new DataError(`${file}: empty file; expected a header line with columns ${Object.keys(schema).join(', ')}`);
  const header = lines[0]!;
  const optional = new Set(options.optional ?? []);
  const absent = Object.keys(schema).filter((c) => !header.includes(c) && optional.has(c));
  const missing = Object.keys(schema).filter((c) => !header.includes(c) && !optional.has(c));
  if (missing.length > 0) throw new DataError(`${file}: line 1: missing column(s) ${missing.join(', ')}`);
  const out: Record<string, Cell>[] = [];
  // Physical line of each record: a quoted cell may hold newlines.
  const newlines = (record: string[]) => record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  let lineNo = 1 + newlines(header);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    lineNo += 1;
    const at = lineNo;
    lineNo += newlines(line);
    if (line.length === 1 && line[0] === '') continue; // trailing newline
    if (line.length !== header.length) {
      throw new DataError(`${file}: line ${at}: ${line.length} fields, expected ${header.length} (${header.join(',')}); is the file truncated or hand-edited?`);
    }
    const row: Record<string, Cell> = {};
    header.forEach((column, j) => {
      const type = schema[column];
      const raw = line[j]!;
      if (!type || type === 'string') return void (row[column] = raw);
      if (raw === '') return void (row[column] = null);
      const value = Number(raw);
      const ok = type === 'int' ? Number.isSafeInteger(value) : Number.isFinite(value);
      if (!ok) throw new DataError(`${file}: line ${at}, column ${column}: expected ${type === 'int' ? 'an integer' : 'a number'}, got ${JSON.stringify(raw)}`);
      row[column] = value;
    });
    for (const column of absent) row[column] = null;
    out.push(row);
  }
  return out;
}

export function readCsv(file: string, schema: Schema, options: ParseOptions = {}): Record<string, Cell>[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DataError(`${file}: cannot read; run the experiment first (make all, or npm run cli -- run <id>)`);
  }
  return parseCsv(text, schema, file, options);
}
