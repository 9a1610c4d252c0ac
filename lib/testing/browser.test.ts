import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDoc, fixtureExperiment, fixtureMeta, fixturePageInput } from '../report/fixtures.ts';
import { renderIndex } from '../report/index-page.ts';
import { raw } from '../report/html.ts';
import { documentShell, renderPage } from '../report/page.ts';
import { hasChromium, inspectPage } from './browser.ts';

const available = hasChromium();
if (!available) console.warn('browser tests skipped: no Chromium at /usr/bin/chromium or CHROMIUM_PATH');

describe.skipIf(!available)('inspectPage in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('inspectPage(report) finds no errors, no external requests and sized figures', { timeout: 60_000 }, async () => {
    const file = join(dir, 'fixture-io.html');
    writeFileSync(file, renderPage(fixturePageInput()));
    const result = await inspectPage(file);
    expect(result.consoleErrors).toEqual([]);
    expect(result.pageErrors).toEqual([]);
    expect(result.externalRequests).toEqual([]);
    expect(result.title).toBe('Threads for I/O, processes for CPU — reproduction report');
    expect(result.figures.map((f) => f.id)).toEqual(['wall-by-strategy', 'wall-by-workers']);
    for (const figure of result.figures) {
      expect(figure.width, figure.id).toBeGreaterThan(0);
      expect(figure.height, figure.id).toBeGreaterThan(0);
    }
  });

  it('inspectPage(index) finds no errors and no external requests', { timeout: 60_000 }, async () => {
    const file = join(dir, 'index.html');
    const entries = [{ experiment: fixtureExperiment(), doc: fixtureDoc(), meta: fixtureMeta(), href: 'fixture-io.html' }];
    writeFileSync(file, renderIndex({ entries }));
    const result = await inspectPage(file);
    expect(result.consoleErrors).toEqual([]);
    expect(result.pageErrors).toEqual([]);
    expect(result.externalRequests).toEqual([]);
    expect(result.figures).toEqual([]);
  });

  it('inspectPage(file) records and blocks requests to the network', { timeout: 60_000 }, async () => {
    const file = join(dir, 'leaky.html');
    writeFileSync(file, '<!doctype html><title>leaky</title><img src="http://example.invalid/x.png">');
    const result = await inspectPage(file);
    expect(result.title).toBe('leaky');
    expect(result.externalRequests).toEqual(['http://example.invalid/x.png']);
  });

  // The pages carry a Content-Security-Policy, so Chromium refuses an external load before
  // any request is made: the refusal shows up as a console error instead.
  it('inspectPage(file) reports a load refused by the page policy as a console error', { timeout: 60_000 }, async () => {
    const file = join(dir, 'policy.html');
    writeFileSync(file, documentShell({ title: 'policy', body: raw('<img src="http://example.invalid/x.png">') }));
    const result = await inspectPage(file);
    expect(result.consoleErrors.join('\n')).toMatch(/Content Security Policy/);
  });
});
