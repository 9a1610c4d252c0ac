import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { FIXTURE_MACHINE, fixturePageInput } from './fixtures.ts';
import { escapeHtml } from './html.ts';
import { renderPage, type PageInput } from './page.ts';

const STANDARD_IDS = ['header', 'headline', 'claims', 'scaling', 'method', 'run-notes', 'environment', 'data'];

/** Both payloads of the brief, tagged with where they were put so each place is checked. */
const evil = (where: string) => `<script>alert(1)</script>"><img src=x onerror=alert(1)> ${where}`;

function hostileInput(): { input: PageInput; places: string[] } {
  const input = fixturePageInput();
  const { experiment, doc, meta } = input;
  const run = meta.runs[FIXTURE_MACHINE];
  experiment.strategies[0].name = evil('strategy');
  experiment.title = evil('title');
  doc.headline = evil('headline');
  doc.claims[0].node = evil('node');
  run.machine.cpu_model = evil('cpu');
  run.machine.hostname = evil('hostname');
  input.dataFiles[0].label = evil('label');
  for (const block of doc.sections[0].blocks) {
    if (block.kind === 'table') block.table.rows[0].strategy = evil('cell');
    if (block.kind === 'note') block.text = evil('note');
    if (block.kind === 'figure' && block.figure.id === 'wall-by-strategy') {
      block.figure.title = evil('figure');
      block.figure.plot = { marks: [Plot.barY([{ s: evil('chart'), v: 1 }], { x: 's', y: 'v' })] };
    }
  }
  // Plot's serializer leaves quotes in text as they are; everything else goes through escapeHtml.
  return { input, places: ['strategy', 'title', 'headline', 'node', 'cpu', 'hostname', 'label', 'cell', 'note', 'figure'] };
}

describe('renderPage', () => {
  it('renderPage(input) has every standard section id, in order', () => {
    const page = renderPage(fixturePageInput());
    const positions = STANDARD_IDS.map((id) => page.indexOf(` id="${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain('id="contents"');
  });

  it('renderPage(input) is byte-identical across renders of the same input', () => {
    expect(renderPage(fixturePageInput())).toBe(renderPage(fixturePageInput()));
  });

  it('renderPage(input) escapes hostile text wherever it appears', () => {
    const { input, places } = hostileInput();
    const page = renderPage(input);
    expect(page).not.toMatch(/<script|<img/i);
    for (const where of places) expect(page, where).toContain(escapeHtml(evil(where)));
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;"&gt;&lt;img src=x onerror=alert(1)&gt; chart');
    const { document } = new JSDOM(page).window;
    expect(document.querySelectorAll('script, img, iframe, object, embed').length).toBe(0);
    expect([...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()).filter((n) => n.startsWith('on'))).toEqual([]);
  });

  it('renderPage(input) loads nothing from the network', () => {
    const page = renderPage(fixturePageInput());
    expect(page).not.toMatch(/\ssrc\s*=\s*["']?https?:/i);
    expect(page).not.toMatch(/<link\b[^>]*href\s*=\s*["']?https?:/i);
    expect(page).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(page).not.toMatch(/<script/i);
  });

  it('renderPage(input) cites the article and links it', () => {
    const page = renderPage(fixturePageInput());
    expect(page).toContain('A. Writer, <a href="https://example.org/gil">“Python threads &amp; the GIL”</a>, Example Blog, 2012-01-16');
  });

  it('renderPage(input) marks failed and skipped trials only when there are some', () => {
    const input = fixturePageInput();
    expect(renderPage(input)).toContain('<td class="num bad">1</td><td class="num bad">2</td>');
    Object.assign(input.meta.runs[FIXTURE_MACHINE].trials, { failed: 0, skipped: 0, disturbed: 0 });
    expect(renderPage(input)).not.toMatch(/class="num (bad|warn)"/);
  });

  it('renderPage(input) shows a dash for a claim the Python peer did not measure', () => {
    expect(renderPage(fixturePageInput())).toContain('<td data-label="Article">1.9× with 2 processes</td><td data-label="Python here"><span class="muted">—</span></td>');
  });

  it('renderPage(input) gives each claim a short row, and folds its rule, both sides in full and its checks under it', () => {
    const doc = new JSDOM(renderPage(fixturePageInput())).window.document;
    const rows = [...doc.querySelectorAll('table.claims tr.claim-row')];
    expect(rows.map((r) => r.id)).toEqual(['claim-io-threads', 'claim-cpu-processes']);
    expect([...doc.querySelectorAll('table.claims thead th')].map((th) => th.textContent)).toEqual(['Claim', 'Article', 'Python here', 'Node here', 'Verdict']);
    const more = [...doc.querySelectorAll('table.claims tr.claim-more details')];
    expect(more.map((d) => d.querySelector('summary')!.textContent)).toEqual(['How io-threads was judged', 'How cpu-processes was judged']);
    expect(more[0]!.textContent).toContain('Node here. 4.1× with 8 concurrent requests');
  });

  it('renderPage(input) lists the other machines and names the data folder in the footer', () => {
    const page = renderPage(fixturePageInput());
    expect(page).toContain('<code>other-box</code>');
    expect(page).toContain('Generated from <code>data/fixture-io/</code> by <code>make reports</code>');
  });

  it('renderPage(input) throws for a machine without a run', () => {
    expect(() => renderPage({ ...fixturePageInput(), machineId: 'nowhere' })).toThrow(/no run for machine nowhere .*test-box/);
  });

  it('renderPage(input) throws for a doc id that collides with a standard section', () => {
    const input = fixturePageInput();
    input.doc.sections[0].id = 'method';
    expect(() => renderPage(input)).toThrow(/duplicate id in report: method/);
  });

  it('renderPage(input) throws for a doc id that is not an anchor', () => {
    const input = fixturePageInput();
    input.doc.sections[0].id = 'a b"';
    expect(() => renderPage(input)).toThrow(/invalid id in report/);
  });
});
