// For the guide tests: an experiment's committed data (read-only), its guide's
// entries on the reference machine's rows, the same entries after one strategy is
// made slower, and the anchors its report draws from the same data.

import path from 'node:path';
import { readExperimentData } from '../data/experiment-data.ts';
import { loadExperiment, loadGuideFunction, loadReportFunction } from '../experiment/load.ts';
import type { ReportInput } from '../report/doc.ts';
import { figureIds, type GuideEntry } from '../report/guide.ts';
import { resolvePaths, ROOT } from '../paths.ts';

export async function committedGuide(id: string) {
  const experimentsDir = path.join(ROOT, 'experiments');
  const experiment = await loadExperiment(experimentsDir, id);
  const data = readExperimentData(resolvePaths({ dataDir: path.join(ROOT, 'data') }), experiment);
  const input: ReportInput = { experiment, ...data, machineId: data.meta.reference_machine };
  const guide = (await loadGuideFunction(experimentsDir, id))!;
  const entries = guide(input);
  /** The entries again after every measured row of `strategy` takes `times` as long (or as much memory). */
  const slowed = (strategy: string, times: number): GuideEntry[] =>
    guide({ ...input, rows: data.rows.map((r) => (r.strategy === strategy ? { ...r, wall_ms: r.wall_ms === null ? null : r.wall_ms * times, rss_peak_bytes: r.rss_peak_bytes === null ? null : r.rss_peak_bytes * times } : r)) });
  /** Anchors of the report made from the same data. */
  const anchors = async () => figureIds((await loadReportFunction(experimentsDir, id))(input));
  return { input, entries, slowed, anchors };
}
