// Every report and the index, built from the committed data into a temp dir,
// read in headless Chromium as a reader meets them: axe-core finds no serious
// or critical violation, the page never scrolls sideways on a laptop (1280 px)
// or a phone (390 px), and no figure prints one label over another.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExperimentIds } from '../experiment/load.ts';
import { readMeta } from '../data/experiment-data.ts';
import { resolvePaths, ROOT } from '../paths.ts';
import { buildIndex, buildReport } from '../report/build.ts';
import { hasChromium, inspectPage } from './browser.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'accessibility-'));
const paths = resolvePaths({ dataDir: path.join(ROOT, 'data'), reportsDir: tmp });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ids = listExperimentIds(paths.experimentsDir).filter((id) => readMeta(paths, id));
const pages: Record<string, string> = {};

describe.skipIf(!hasChromium())('reports and index in Chromium, with axe-core', () => {
  beforeAll(async () => {
    for (const id of ids) pages[id] = await buildReport(id, { paths });
    pages.index = await buildIndex({ paths });
  }, 120_000);

  it.each([...ids, 'index'])('%s: no serious or critical accessibility violation, no sideways scroll at 1280 or 390 px, every table that scrolls shows it, no label over another', async (name) => {
    const page = await inspectPage(pages[name]!, { axe: true, widths: [1280, 390] });
    expect([...page.consoleErrors, ...page.pageErrors, ...page.externalRequests]).toEqual([]);
    expect(page.accessibility).toEqual([]);
    expect(page.labelCollisions).toEqual([]);
    expect(page.overflow).toEqual([{ width: 1280, scrollsBy: 0, unmarked: 0 }, { width: 390, scrollsBy: 0, unmarked: 0 }]);
  }, 90_000);
});
