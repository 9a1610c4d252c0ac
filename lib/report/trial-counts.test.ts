import { describe, expect, it } from 'vitest';
import type { Row } from '../data/schema.ts';
import { blankRow } from '../testing/synthetic-run.ts';
import { countMismatches, countTrials } from './trial-counts.ts';

describe('run notes counted from the rows', () => {
  const row = (fields: Partial<Row>) => blankRow({ strategy: 's', runtime: 'node', model: 'event-loop', ...fields });
  const rows = [row({ warmup: 1 }), row({}), row({ disturbed: 1 }), row({ status: 'failed', error: 'boom' }), row({ status: 'skipped' })];

  it('countTrials counts each status, the disturbed and the warm-up trials from the rows', () => {
    expect(countTrials(rows, 4)).toEqual({ planned: 4, ok: 3, failed: 1, skipped: 1, disturbed: 1, warmup: 1 });
  });

  it('a failed row added to results.csv after the run is counted, and the disagreement with run.json said', () => {
    const recorded = { planned: 4, ok: 3, failed: 0, skipped: 1, disturbed: 1, warmup: 1 };
    expect(countMismatches(recorded, countTrials(rows, 4))).toEqual([
      'run.json records 0 failed trial(s) but results.csv holds 1: the table counts the rows. Was results.csv edited after the run?',
    ]);
    expect(countMismatches(countTrials(rows, 4), countTrials(rows, 4))).toEqual([]);
  });
});
