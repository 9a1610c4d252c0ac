import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureInputFile } from './input-file.ts';
import { mulberry32, randomInt } from './random.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const generate = () => Array.from({ length: 1000 }, (_, i) => String(i * 7)).join('\n');

describe('ensureInputFile(file, generate)', () => {
  it('rebuilds an input left truncated by a crash mid-write, and leaves a good one alone', () => {
    const file = path.join(dir, 'numbers.txt');
    const hash = ensureInputFile(file, generate);
    writeFileSync(file, generate().slice(0, 100));
    const logged: string[] = [];
    expect(ensureInputFile(file, generate, (l) => logged.push(l))).toBe(hash);
    expect(readFileSync(file, 'utf8')).toBe(generate());
    expect(logged).toHaveLength(1);
    ensureInputFile(file, generate, (l) => logged.push(l));
    expect(logged).toHaveLength(1);
  });
});

describe('mulberry32(seed)', () => {
  it('mulberry32(42) gives the same integers on every machine (pinned)', () => {
    const r = mulberry32(42);
    expect(Array.from({ length: 3 }, () => randomInt(r, 1, 1000))).toEqual([602, 449, 853]);
  });
});
