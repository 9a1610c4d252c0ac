// Every report and the index, built from the committed data into a temp dir,
// read in headless Chromium as a reader meets them: axe-core finds no serious
// or critical violation, the page never scrolls sideways on a laptop (1280 px)
// or a phone (390 px), and no figure prints one label over another. A report's
// first screen on a laptop holds its question, its answer and its figure; no
// claims row runs past about 12 lines; printed, every figure can stay whole on
// its page (the first report is printed to PDF). Screenshots of each first screen (1280 and 390 px) and the PDF are
// left in the temp dir while the test runs (KEEP_SCREENSHOTS=1 keeps them).

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
afterAll(() => (process.env.KEEP_SCREENSHOTS ? console.log(`screenshots and PDFs: ${tmp}`) : rmSync(tmp, { recursive: true, force: true })));
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** "About 12 lines" for a claims row with its details closed. */
const MAX_CLAIM_LINES = 12.5;
const ids = listExperimentIds(paths.experimentsDir).filter((id) => readMeta(paths, id));
const pages: Record<string, string> = {};

describe.skipIf(!hasChromium())('reports and index in Chromium, with axe-core', () => {
  beforeAll(async () => {
    for (const id of ids) pages[id] = await buildReport(id, { paths });
    pages.index = await buildIndex({ paths });
  }, 120_000);

  it.each([...ids, 'index'])('%s: no serious or critical accessibility violation, no sideways scroll at 1280 or 390 px, every table that scrolls shows it, no label over another; a report’s first screen answers, its claims rows are short, its figures print whole', async (name) => {
    const report = name !== 'index';
    const page = await inspectPage(pages[name]!, {
      axe: true,
      widths: [1280, 390],
      ...(report
        ? {
            firstScreen: [LAPTOP, PHONE].map((v) => ({ ...v, screenshot: path.join(tmp, `${name}-${v.width}.png`) })),
            // Every report is laid out for print; one is printed to a PDF (Chromium's printing is slow on 2 cores).
            print: name === ids[0] ? { pdf: path.join(tmp, `${name}.pdf`) } : {},
          }
        : {}),
    });
    expect([...page.consoleErrors, ...page.pageErrors, ...page.externalRequests]).toEqual([]);
    expect(page.accessibility).toEqual([]);
    expect(page.labelCollisions).toEqual([]);
    expect(page.overflow).toEqual([{ width: 1280, scrollsBy: 0, unmarked: 0 }, { width: 390, scrollsBy: 0, unmarked: 0 }]);
    if (!report) return;
    const laptop = page.firstScreen![0]!;
    for (const part of ['question', 'headline', 'figure'] as const) {
      expect(laptop[part], `${name}: the ${part} is on the first screen at 1280 × 800`).toBeGreaterThan(0);
      expect(laptop[part], `${name}: the ${part} ends within the first screen at 1280 × 800`).toBeLessThanOrEqual(LAPTOP.height);
    }
    expect(page.claimRowLines!.length).toBeGreaterThan(0);
    expect(Math.max(...page.claimRowLines!), `${name}: claims rows in lines ${page.claimRowLines}`).toBeLessThanOrEqual(MAX_CLAIM_LINES);
    if (name === ids[0]) expect(page.print!.pages).toBeGreaterThan(1);
    expect(page.print!.splittable).toEqual([]);
  }, 120_000);
});
