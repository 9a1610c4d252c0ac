// For experiments' guide tests: an experiment's committed rows (read-only, with
// only the standard and point columns, so a metric added since the data was
// written does not stop the test), its guide's entries on them, and the same
// entries after the winner of the first one is made slower.

import path from 'node:path';
import { readCsv } from '../data/csv.ts';
import { readMeta } from '../data/experiment-data.ts';
import { STANDARD_COLUMNS, type Row } from '../data/schema.ts';
import { loadExperiment, loadGuideFunction, loadReportFunction } from '../experiment/load.ts';
import type { ReportInput } from '../report/doc.ts';
import { figureIds, type GuideEntry } from '../report/guide.ts';
import { ROOT } from '../paths.ts';

export async function committedGuide(id: string) {
  const experiment = await loadExperiment(path.join(ROOT, 'experiments'), id);
  const dir = path.join(ROOT, 'data', id);
  const meta = readMeta(path.join(dir, 'meta.json'))!;
  const rows = readCsv(path.join(dir, 'results.csv'), { ...STANDARD_COLUMNS, ...experiment.pointColumns }) as unknown as Row[];
  const input: ReportInput = { experiment, rows, memory: [], tables: {}, meta, machineId: meta.reference_machine };
  const guide = (await loadGuideFunction(path.join(ROOT, 'experiments'), id))!;
  const entries = guide(input);
  /** The entries again after every measured row of `strategy` takes `times` as long (or as much memory). */
  const slowed = (strategy: string, times: number): GuideEntry[] =>
    guide({ ...input, rows: rows.map((r) => (r.strategy === strategy ? { ...r, wall_ms: r.wall_ms === null ? null : r.wall_ms * times, rss_peak_bytes: r.rss_peak_bytes === null ? null : r.rss_peak_bytes * times } : r)) });
  /** Anchors of the report made from the full committed data. */
  const anchors = async (full: ReportInput) => figureIds((await loadReportFunction(path.join(ROOT, 'experiments'), id))(full));
  return { input, entries, slowed, anchors };
}
