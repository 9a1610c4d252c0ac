import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataError, formatCsv, parseCsv, readCsv, writeCsv, type Schema } from './csv.ts';

// Lets a test make the next write stop half-way, as a full disk would.
const disk = vi.hoisted(() => ({ failAfterBytes: null as number | null }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = (fd: number, buffer: Uint8Array, ...rest: unknown[]): number => {
    if (disk.failAfterBytes !== null) {
      fs.writeSync(fd, buffer.subarray(0, disk.failAfterBytes));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return (fs.writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
  };
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'csv-test-'));
  disk.failAfterBytes = null;
});
afterEach(() => {
  disk.failAfterBytes = null;
  rmSync(dir, { recursive: true, force: true });
});

const schema: Schema = { name: 'string', n: 'int', x: 'number' };

describe('writeCsv and readCsv', () => {
  it('readCsv(file, schema) gives back the typed rows writeCsv(file, rows) wrote', () => {
    const file = path.join(dir, 'results.csv');
    const rows = [
      { name: 'plain', n: 1, x: 2.5 },
      { name: 'a, with commas', n: -3, x: 0 },
      { name: 'say "hi"', n: 0, x: -0.125 },
      { name: 'two\nlines', n: 9007199254740991, x: 1e-7 },
      { name: 'crlf\r\nand, "all"', n: 42, x: 123456.789 },
    ];
    writeCsv(file, rows, ['name', 'n', 'x']);
    expect(readCsv(file, schema)).toEqual(rows);
  });

  it('writeCsv(file, rows) writes a null number as an empty cell, which reads back as null', () => {
    const file = path.join(dir, 'results.csv');
    writeCsv(file, [{ name: 'failed', n: null, x: null }], ['name', 'n', 'x']);
    expect(readFileSync(file, 'utf8')).toBe('name,n,x\nfailed,,\n');
    expect(readCsv(file, schema)).toEqual([{ name: 'failed', n: null, x: null }]);
  });

  it('writeCsv(file, rows) writes a null string as an empty cell, which reads back as the empty string', () => {
    const file = path.join(dir, 'results.csv');
    writeCsv(file, [{ name: null, n: 1, x: 1 }], ['name', 'n', 'x']);
    expect(readCsv(file, schema)).toEqual([{ name: '', n: 1, x: 1 }]);
  });

  it('writeCsv(file, rows, columns) writes the columns in the given order and only those', () => {
    const file = path.join(dir, 'results.csv');
    writeCsv(file, [{ x: 1, name: 'a', n: 2, extra: 'dropped' }], ['name', 'n', 'x']);
    expect(readFileSync(file, 'utf8')).toBe('name,n,x\na,2,1\n');
  });

  it('writeCsv(file, [], columns) writes the header alone, which reads back as no rows', () => {
    const file = path.join(dir, 'results.csv');
    writeCsv(file, [], ['name', 'n', 'x']);
    expect(readFileSync(file, 'utf8')).toBe('name,n,x\n');
    expect(readCsv(file, schema)).toEqual([]);
  });

  it('writeCsv(file, rows) creates missing parent folders', () => {
    const file = path.join(dir, 'a', 'b', 'results.csv');
    writeCsv(file, [{ name: 'x', n: 1, x: 1 }], ['name', 'n', 'x']);
    expect(readCsv(file, schema)).toEqual([{ name: 'x', n: 1, x: 1 }]);
  });
});

describe('formatCsv', () => {
  it('formatCsv(rows, columns) quotes cells with commas, quotes and newlines, and ends with a newline', () => {
    expect(formatCsv([{ a: 'x,y', b: 'say "hi"', c: 'l1\nl2' }], ['a', 'b', 'c'])).toBe('a,b,c\n"x,y","say ""hi""","l1\nl2"\n');
  });
});

describe('parseCsv', () => {
  it('parseCsv(text, schema, file) skips a byte-order mark before the header', () => {
    expect(parseCsv('\ufeffname,n,x\na,1,2\n', schema, 'bom.csv')).toEqual([{ name: 'a', n: 1, x: 2 }]);
  });

  it('parseCsv(text, schema, file) keeps columns outside the schema as strings', () => {
    expect(parseCsv('name,n,x,note\na,1,2,007\n', schema, 'f.csv')).toEqual([{ name: 'a', n: 1, x: 2, note: '007' }]);
  });

  it('parseCsv(text, schema, file) accepts a file without a final newline', () => {
    expect(parseCsv('name,n,x\na,1,2', schema, 'f.csv')).toEqual([{ name: 'a', n: 1, x: 2 }]);
  });

  it('parseCsv(text, schema, file) names the file, line and column of a cell that is not a number', () => {
    const text = 'name,n,x\na,1,2\nb,2,abc\n';
    expect(() => parseCsv(text, schema, 'data/results.csv')).toThrow(DataError);
    expect(() => parseCsv(text, schema, 'data/results.csv')).toThrow('data/results.csv: line 3, column x: expected a number, got "abc"');
  });

  it('parseCsv(text, schema, file) rejects a fraction in an integer column', () => {
    expect(() => parseCsv('name,n,x\na,1.5,2\n', schema, 'f.csv')).toThrow('f.csv: line 2, column n: expected an integer, got "1.5"');
  });

  it('parseCsv(text, schema, file) rejects infinities and NaN in a number column', () => {
    expect(() => parseCsv('name,n,x\na,1,Infinity\n', schema, 'f.csv')).toThrow('f.csv: line 2, column x: expected a number, got "Infinity"');
    expect(() => parseCsv('name,n,x\na,1,NaN\n', schema, 'f.csv')).toThrow('f.csv: line 2, column x: expected a number, got "NaN"');
  });

  it('parseCsv(text, schema, file) names the file and line of a row with the wrong number of fields', () => {
    expect(() => parseCsv('name,n,x\na,1,2\nb,2\n', schema, 'f.csv')).toThrow('f.csv: line 3: 2 fields, expected 3 (name,n,x)');
    expect(() => parseCsv('name,n,x\na,1,2,3\n', schema, 'f.csv')).toThrow('f.csv: line 2: 4 fields, expected 3 (name,n,x)');
  });

  it('parseCsv(text, schema, file) names the file and every missing column', () => {
    expect(() => parseCsv('name\na\n', schema, 'f.csv')).toThrow('f.csv: line 1: missing column(s) n, x');
  });

  it('parseCsv("", schema, file) names the file and the expected columns', () => {
    expect(() => parseCsv('', schema, 'f.csv')).toThrow('f.csv: empty file; expected a header line with columns name, n, x');
  });

  // Fails today: the error counts records, not lines, so a quoted cell with a newline
  // above the bad cell shifts the reported line. See the report for the fix.
  it('parseCsv(text, schema, file) counts the lines inside quoted cells when it names the line of a bad cell', () => {
    const text = 'name,n,x\n"two\nlines",1,2\nb,2,abc\n';
    expect(() => parseCsv(text, schema, 'f.csv')).toThrow('f.csv: line 4, column x');
  });
});

describe('readCsv', () => {
  it('readCsv(file, schema) on a missing file names the file and says to run the experiment', () => {
    const file = path.join(dir, 'nope.csv');
    expect(() => readCsv(file, schema)).toThrow(DataError);
    expect(() => readCsv(file, schema)).toThrow(`${file}: cannot read; run the experiment first`);
  });

  it('readCsv(file, schema) names the file it read in a parse error', () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'name,n,x\na,one,2\n');
    expect(() => readCsv(file, schema)).toThrow(`${file}: line 2, column n: expected an integer, got "one"`);
  });
});

describe('writeCsv is atomic', () => {
  const rows = [{ name: 'new', n: 2, x: 2 }];

  it('writeCsv(file, rows) leaves no temporary file beside the target', () => {
    const file = path.join(dir, 'results.csv');
    writeCsv(file, rows, ['name', 'n', 'x']);
    writeCsv(file, rows, ['name', 'n', 'x']);
    expect(readdirSync(dir)).toEqual(['results.csv']);
  });

  it('writeCsv(file, rows) that fails half-way keeps the old file whole and removes the temporary file', () => {
    const file = path.join(dir, 'results.csv');
    writeCsv(file, [{ name: 'old', n: 1, x: 1 }], ['name', 'n', 'x']);
    disk.failAfterBytes = 5;
    expect(() => writeCsv(file, rows, ['name', 'n', 'x'])).toThrow('ENOSPC');
    disk.failAfterBytes = null;
    expect(readFileSync(file, 'utf8')).toBe('name,n,x\nold,1,1\n');
    expect(readdirSync(dir)).toEqual(['results.csv']);
  });

  it('writeCsv(file, rows) that fails half-way on a new file leaves no file at all', () => {
    const file = path.join(dir, 'results.csv');
    disk.failAfterBytes = 5;
    expect(() => writeCsv(file, rows, ['name', 'n', 'x'])).toThrow('ENOSPC');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writeCsv(file, rows) that cannot rename over the target throws and removes the temporary file', () => {
    const file = path.join(dir, 'results.csv');
    mkdirSync(file); // a non-empty folder in the way: rename(2) fails
    writeFileSync(path.join(file, 'keep'), 'x');
    expect(() => writeCsv(file, rows, ['name', 'n', 'x'])).toThrow();
    expect(readdirSync(dir)).toEqual(['results.csv']);
    expect(readdirSync(file)).toEqual(['keep']);
  });
});
