// Every experiment with a guide.ts and committed data: its decision-guide rows are
// computed from the rows, and each links to a figure its report draws. Found by
// folder, like the end-to-end tests, so a new experiment's guide needs no test file of its own.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExperimentIds } from '../experiment/load.ts';
import { ROOT } from '../paths.ts';
import { committedGuide } from './guide-check.ts';

const EXPERIMENTS = path.join(ROOT, 'experiments');
const withGuide = listExperimentIds(EXPERIMENTS).filter(
  (id) => existsSync(path.join(EXPERIMENTS, id, 'guide.ts')) && existsSync(path.join(ROOT, 'data', id, 'experiment.json')),
);

describe.each(withGuide)('%s guide on the committed data', (id) => {
  it('computes its rows: slowing the winner changes the factor or the winner', async () => {
    const { entries, slowed } = await committedGuide(id);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.factor).toBeGreaterThanOrEqual(1);
    const first = entries[0]!;
    const after = slowed(first.strategy.split(' ')[0]!, 3).find((e) => e.kind === first.kind && e.runtime === first.runtime && e.work === first.work);
    expect(after === undefined || after.strategy !== first.strategy || after.factor !== first.factor).toBe(true);
  });

  it('links every row to an anchor of its report', async () => {
    const { entries, anchors } = await committedGuide(id);
    const ids = await anchors();
    expect(entries.map((e) => e.figure).filter((f) => !ids.has(f))).toEqual([]);
  });
});

it('finds the five experiments’ guides', () => {
  expect(withGuide).toEqual(expect.arrayContaining(['factorizer', 'gzip-bundles', 'interpreter-pools', 'io-memory', 'process-pool-thumbnails']));
});
