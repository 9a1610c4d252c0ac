import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExperimentData } from '../../lib/data/experiment-data.ts';
import { resolvePaths, ROOT } from '../../lib/paths.ts';
import { committedGuide } from '../../lib/testing/guide-check.ts';

describe('interpreter-pools guide on the committed data', () => {
  it('computes its rows: slowing the winner changes the factor or the winner', async () => {
    const { entries, slowed } = await committedGuide('interpreter-pools');
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.factor).toBeGreaterThanOrEqual(1);
    const first = entries[0]!;
    const after = slowed(first.strategy.split(' ')[0]!, 3).find((e) => e.kind === first.kind && e.runtime === first.runtime && e.work === first.work);
    expect(after === undefined || after.strategy !== first.strategy || after.factor !== first.factor).toBe(true);
  });

  it('links every row to an anchor of its report', async () => {
    const { input, entries, anchors } = await committedGuide('interpreter-pools');
    const data = readExperimentData(resolvePaths({ dataDir: path.join(ROOT, 'data') }), input.experiment);
    const ids = await anchors({ ...input, ...data });
    expect(entries.map((e) => e.figure).filter((f) => !ids.has(f))).toEqual([]);
  });
});
