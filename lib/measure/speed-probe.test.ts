import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../paths.ts';

// Run in a fresh process: the point is how the probe reads before V8 has optimised it,
// and right after a task that filled the heap, as it does inside a trial.
const SCRIPT = `
import { speedProbeMs } from './lib/measure/speed-probe.ts';
const before = speedProbeMs();
const a = []; for (let i = 0; i < 20_000_000; i++) a.push(i);
let s = 0; for (const v of a) s += v;
const after = speedProbeMs();
const warm = Math.min(speedProbeMs(), speedProbeMs(), speedProbeMs());
console.log(JSON.stringify({ before, after, warm, s }));
`;

describe('speedProbeMs()', () => {
  it('reads the same in a fresh process and after a heavy allocating task (JIT tiers do not read as a slow host)', () => {
    const ratios: number[] = [];
    for (let i = 0; i < 3; i++) {
      const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      const { before, after, warm } = JSON.parse(out.stdout) as { before: number; after: number; warm: number };
      expect(warm).toBeGreaterThan(0);
      ratios.push(Math.max(before, after) / warm);
    }
    // The runner calls a trial slow at 1.3×; a single-run probe read 1.7–1.9× here. The best of three processes absorbs a real slow spell.
    expect(Math.min(...ratios)).toBeLessThan(1.2);
  }, 60_000);
});
