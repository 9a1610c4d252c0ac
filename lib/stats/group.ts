// Group rows by some of their columns and summarize a measure per group.

import { summarize, type Summary } from './summarize.ts';

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export type Keyed<T> = Record<string, string | number> & { summary: Summary; rows: T[] };

/** One summary of `measure` per distinct combination of `keys`, in first-seen order. */
export function summarizeBy<T extends Record<string, unknown>>(rows: readonly T[], keys: readonly string[], measure: (row: T) => number | null): Keyed<T>[] {
  const groups = groupBy(rows, (r) => JSON.stringify(keys.map((k) => r[k])));
  return [...groups.values()].map((g) => {
    const head = Object.fromEntries(keys.map((k) => [k, g[0]![k] as string | number]));
    const values = g.map(measure).filter((v): v is number => v !== null && Number.isFinite(v));
    return { ...head, summary: summarize(values), rows: g } as Keyed<T>;
  });
}
