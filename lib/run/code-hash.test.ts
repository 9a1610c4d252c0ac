import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeHash } from './code-hash.ts';

let root: string;
const lock = (packages: Record<string, object>) => JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x' }, ...packages } });
const hash = (params = {}) => codeHash({ root, experimentDir: path.join(root, 'experiments', 'demo'), bundleSources: [path.join(root, 'experiments', 'demo', 'tasks.ts')], params });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'code-hash-'));
  mkdirSync(path.join(root, 'experiments', 'demo'), { recursive: true });
  mkdirSync(path.join(root, 'lib', 'measure'), { recursive: true });
  writeFileSync(path.join(root, 'experiments', 'demo', 'tasks.ts'), 'export const a = 1;');
  writeFileSync(path.join(root, 'experiments', 'demo', 'peer.py'), 'print(1)');
  writeFileSync(path.join(root, 'lib', 'measure', 'proc.ts'), 'export {}');
  writeFileSync(path.join(root, 'package-lock.json'), lock({ 'node_modules/piscina': { version: '5.3.2' }, 'node_modules/vitest': { version: '4.1.12', dev: true } }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('codeHash', () => {
  it('changes with a trial source, a peer, the measuring code, a runtime package or the parameters', () => {
    const before = hash();
    const edits: [string, string][] = [
      ['experiments/demo/tasks.ts', 'export const a = 2;'],
      ['experiments/demo/peer.py', 'print(2)'],
      ['lib/measure/proc.ts', 'export const b = 1'],
      ['package-lock.json', lock({ 'node_modules/piscina': { version: '5.3.3' }, 'node_modules/vitest': { version: '4.1.12', dev: true } })],
    ];
    for (const [file, text] of edits) {
      writeFileSync(path.join(root, file), text);
      expect(hash(), file).not.toBe(before);
    }
    expect(hash({ n: 1 })).not.toBe(hash({ n: 2 }));
  });

  it('stays the same when only a dev dependency, a test or a report-side TypeScript file changes', () => {
    const before = hash();
    writeFileSync(path.join(root, 'package-lock.json'), lock({ 'node_modules/piscina': { version: '5.3.2' }, 'node_modules/vitest': { version: '4.1.13', dev: true }, 'node_modules/axe-core': { version: '4.14.1', dev: true } }));
    writeFileSync(path.join(root, 'experiments', 'demo', 'tasks.test.ts'), 'test');
    writeFileSync(path.join(root, 'experiments', 'demo', 'report.ts'), 'export default 1');
    expect(hash()).toBe(before);
  });
});
