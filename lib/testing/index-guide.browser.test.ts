// The index built from the committed data: it renders in headless Chromium with
// no error, and every link of its decision tables lands on an anchor that exists
// in the target report. Writes only into a temp dir.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { listExperimentIds } from '../experiment/load.ts';
import { readMeta } from '../data/experiment-data.ts';
import { resolvePaths, ROOT } from '../paths.ts';
import { buildIndex, buildReport } from '../report/build.ts';
import { hasChromium, inspectPage } from './browser.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'index-guide-'));
const paths = resolvePaths({ dataDir: path.join(ROOT, 'data'), reportsDir: tmp });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasChromium())('the index from the committed data', () => {
  it('renders in Chromium and every guide link has its anchor in the target report', async () => {
    for (const id of listExperimentIds(paths.experimentsDir)) if (readMeta(paths, id)) await buildReport(id, { paths });
    const index = await buildIndex({ paths });
    const page = await inspectPage(index);
    expect([...page.consoleErrors, ...page.pageErrors, ...page.externalRequests]).toEqual([]);

    const doc = new JSDOM(readFileSync(index, 'utf8')).window.document;
    const links = [...doc.querySelectorAll('#guide-node a, #guide-python a')].map((a) => a.getAttribute('href')!);
    expect(links.length).toBeGreaterThan(0);
    // A row whose figure its report lacks links to the page without an anchor: none may here.
    expect(links.filter((href) => !href.includes('#'))).toEqual([]);
    const missing = [...new Set(links)].filter((href) => {
      const [file, anchor] = href.split('#');
      return !new JSDOM(readFileSync(path.join(tmp, file!), 'utf8')).window.document.getElementById(anchor!);
    });
    expect(missing).toEqual([]);
  }, 120_000);
});
