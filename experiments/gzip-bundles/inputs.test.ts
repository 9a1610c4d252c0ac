import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLES, bundleFiles, bundleSpec, MB } from './bundles.ts';
import experiment from './experiment.ts';
import { fileSizes, normalQuantile } from './file-sizes.ts';
import { prepareBundles, readBundle, scaleDir } from './inputs.ts';
import { symbolText } from './symbols.ts';

const smoke = experiment.profiles.smoke.params;
const SMOKE = { seed: Number(smoke.seed), scale: Number(smoke.scale), bundles: (smoke.bundles as string[]).map(String) };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gzip-bundles-inputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The smoke bundles' hashes: a change to the generator shows here first (bump GENERATOR_VERSION with it). */
const PINNED = {
  typical: '72c922ab1e3490f316964ad7d7c3c7209cf38cdf55ce1c3bd6f1d8f785138bd0',
  a: '9ee3b7be3605f3738448723bc1d08856c537543766440fecec1b0d71761985f7',
  b: '38695b770c3d4f6158a9fcaf98419131ae4dada4ee20b22065c60d11f9c623e2',
  c: '08c9337550497ad4601a1ad2d4150518222cf3cd11626045b9bb75a3103fc78b',
};

describe('symbolText', () => {
  const opts = { seed: 7, bytes: 50_000, hashed: 0.5, unwind: 3, module: 'libxul.so' };

  it('symbolText(options) is the same text for the same seed and another for another seed', () => {
    expect(symbolText(opts)).toBe(symbolText(opts));
    expect(symbolText({ ...opts, seed: 8 })).not.toBe(symbolText(opts));
  });

  it('symbolText(options) is exactly `bytes` long, ASCII, and reads as a Breakpad symbol file', () => {
    for (const bytes of [0, 1, 999, 50_000]) expect(symbolText({ ...opts, bytes }).length).toBe(bytes);
    const text = symbolText(opts);
    expect(/^[\x0a\x20-\x7e]*$/.test(text)).toBe(true);
    expect(text.startsWith('MODULE Linux x86_64 ')).toBe(true);
    for (const record of ['\nFILE ', '\nFUNC ', '\nSTACK CFI INIT ']) expect(text).toContain(record);
  });

  it('symbolText(options) compresses worse with more hashed names and better with more unwind rules', () => {
    const ratio = (o: Partial<typeof opts>) => {
      const b = Buffer.from(symbolText({ ...opts, bytes: 400_000, ...o }), 'latin1');
      return zlib.gzipSync(b, { level: 9 }).length / b.length;
    };
    expect(ratio({ hashed: 1 })).toBeGreaterThan(ratio({ hashed: 0 }));
    expect(ratio({ unwind: 7 })).toBeLessThan(ratio({ unwind: 0 }));
  });

  it('symbolText(options) rejects a bad knob, naming it', () => {
    expect(() => symbolText({ ...opts, hashed: 2 })).toThrow(/hashed must be within/);
    expect(() => symbolText({ ...opts, bytes: -1 })).toThrow(/bytes must be a non-negative integer/);
  });
});

describe('fileSizes', () => {
  it('normalQuantile(p) matches the standard normal table', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });

  it('fileSizes(spec) adds up to the total exactly, with the largest file last and the others capped', () => {
    const spec = { files: 103, total_bytes: 331_570_000, largest_bytes: 80_000_000, median_bytes: 195_000, cap_share: 0.5 };
    const sizes = fileSizes(spec);
    expect(sizes).toHaveLength(103);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(spec.total_bytes);
    expect(sizes.at(-1)).toBe(80_000_000);
    expect(Math.max(...sizes.slice(0, -1))).toBeLessThanOrEqual(40_000_000 + 103);
    expect(sizes.every((s) => Number.isInteger(s) && s >= 1)).toBe(true);
  });

  it('fileSizes(spec) says what to change when the cap cannot hold the total', () => {
    expect(() => fileSizes({ files: 3, total_bytes: 100, largest_bytes: 10, median_bytes: 5, cap_share: 0.5 })).toThrow(/raise cap_share/);
  });
});

describe('the article’s bundles', () => {
  const at = (name: string) => bundleFiles(bundleSpec(name), { seed: SMOKE.seed, scale: 1 });

  it('bundleFiles(spec) has the article’s file counts and total sizes', () => {
    for (const spec of BUNDLES) {
      const files = at(spec.name);
      expect(files).toHaveLength(spec.files);
      expect(files.reduce((s, f) => s + f.bytes, 0)).toBe(Math.round(spec.article_bytes));
    }
    expect(at('a')).toHaveLength(66);
    expect(at('b').reduce((s, f) => s + f.bytes, 0)).toBe(331_570_000);
  });

  it('bundle b is heavy-tailed as the article says: one 80 MB file, mean 3.2 MB, median near 195 KB', () => {
    const sizes = at('b').map((f) => f.bytes).sort((x, y) => x - y);
    expect(sizes.at(-1)).toBe(80 * MB);
    expect(sizes.reduce((s, x) => s + x, 0) / sizes.length / MB).toBeCloseTo(3.22, 2);
    const median = sizes[Math.floor(sizes.length / 2)]!;
    expect(median).toBeGreaterThan(195e3 * 0.8);
    expect(median).toBeLessThan(195e3 * 1.2);
  });

  it('bundleFiles(spec, options) names files in a seeded order that differs with the seed', () => {
    const names = at('b').map((f) => f.name);
    expect([...names].sort()).toEqual(names);
    const bytes = (seed: number) => bundleFiles(bundleSpec('b'), { seed, scale: 1 }).map((f) => f.bytes);
    expect(bytes(SMOKE.seed)).toEqual(bytes(SMOKE.seed));
    expect(bytes(SMOKE.seed + 1)).not.toEqual(bytes(SMOKE.seed));
  });
});

describe('prepareBundles', () => {
  const logs: string[] = [];
  const prepare = () => prepareBundles(tmp, SMOKE, (l) => logs.push(l));

  it('prepareBundles(dir, smoke) writes the same bytes on every machine: the hashes are pinned', () => {
    expect(prepare().hashes).toEqual(PINNED);
  });

  it('prepareBundles(dir, smoke) matches the article’s sizes and, at level 9, its ratios within ±20 %', () => {
    const inputs = prepare();
    for (const spec of BUNDLES) {
      const bundle = readBundle(inputs.files[spec.name]!);
      expect(bundle.names).toHaveLength(spec.files);
      expect(bundle.bytes).toBe(Math.round(spec.article_bytes * SMOKE.scale));
      if (spec.article_gzip_bytes === null) continue;
      const gz = bundle.payloads.reduce((s, p) => s + zlib.gzipSync(p, { level: 9 }).length, 0);
      const target = spec.article_gzip_bytes / spec.article_bytes;
      expect(Math.abs(gz / bundle.bytes / target - 1), `bundle ${spec.name}`).toBeLessThan(0.2);
    }
  });

  it('prepareBundles(dir, smoke) rewrites nothing the second time, and rebuilds a file that was changed', () => {
    prepare();
    logs.length = 0;
    prepare();
    expect(logs).toEqual([]);
    const dir = path.join(scaleDir(tmp, SMOKE), 'c');
    const victim = path.join(dir, readdirSync(dir)[0]!);
    const before = readFileSync(victim);
    writeFileSync(victim, Buffer.concat([before.subarray(0, 10), Buffer.from('tampered')]));
    const stray = path.join(dir, 'stray.sym');
    writeFileSync(stray, 'not part of the bundle');
    expect(prepare().hashes).toEqual(PINNED);
    expect(readFileSync(victim).equals(before)).toBe(true);
    expect(readdirSync(dir)).not.toContain('stray.sym');
    expect(logs.some((l) => l.includes('bundle c'))).toBe(true);
  });

  it('readBundle(dir) says how to create a missing bundle', () => {
    expect(() => readBundle(path.join(tmp, 'nope'))).toThrow(/run the experiment/);
  });
});
