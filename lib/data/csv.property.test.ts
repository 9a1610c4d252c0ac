// Property: whatever bytes a results file holds (random, truncated, hand-edited),
// the reader either returns typed rows or throws a DataError that names the file
// and says where and what was expected; nothing else, and no silent garbage.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, formatCsv, parseCsv, type Schema } from './csv.ts';

const FILE = '/data/x/results.csv';
const schema: Schema = { strategy: 'string', workers: 'int', wall_ms: 'number' };
const columns = Object.keys(schema);

const row = fc.record({
  strategy: fc.string({ maxLength: 12 }),
  workers: fc.integer({ min: 0, max: 64 }),
  wall_ms: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(null)),
});
const validCsv = fc.array(row, { maxLength: 8 }).map((rows) => formatCsv(rows, columns));

function check(text: string): void {
  try {
    const rows = parseCsv(text, schema, FILE);
    for (const r of rows) {
      expect(typeof r.strategy).toBe('string');
      expect(r.workers === null || Number.isSafeInteger(r.workers)).toBe(true);
      expect(r.wall_ms === null || Number.isFinite(r.wall_ms)).toBe(true);
    }
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(new RegExp(`^${FILE}: (line \\d+|empty file)`));
  }
}

describe('parseCsv(text, schema, file) on random and mutated files', () => {
  it('round-trips every valid file exactly', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(parseCsv(formatCsv(rows, columns), schema, FILE)).toEqual(rows.map((r) => ({ ...r, wall_ms: r.wall_ms })));
      }),
    );
  });

  it('returns typed rows or a DataError naming the file and the line for random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 500 });
  });

  it('returns typed rows or a DataError naming the file and the line for truncated and edited files', () => {
    fc.assert(
      fc.property(validCsv, fc.nat(), fc.string({ maxLength: 6 }), fc.boolean(), (text, at, insert, truncate) => {
        const i = at % (text.length + 1);
        check(truncate ? text.slice(0, i) : text.slice(0, i) + insert + text.slice(i));
      }),
      { numRuns: 500 },
    );
  });
});
