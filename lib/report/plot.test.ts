import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import type { Figure } from './doc.ts';
import { fixtureDoc } from './fixtures.ts';
import { firstSentence, PLOT_DEFAULTS, renderFigure, renderPlot } from './plot.ts';

function fixtureFigure(id: string): Figure {
  for (const section of fixtureDoc().sections) {
    for (const block of section.blocks) if (block.kind === 'figure' && block.figure.id === id) return block.figure;
  }
  throw new Error(`no fixture figure ${id}`);
}

const DATA = [
  { x: 1, y: 2 },
  { x: 2, y: 5 },
  { x: 3, y: 4 },
];

describe('renderPlot', () => {
  it('renderPlot(options) returns an <svg> of the default width with a height', () => {
    const svg = renderPlot({ marks: [Plot.dot(DATA, { x: 'x', y: 'y' })] });
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${PLOT_DEFAULTS.width}" height="\\d+"`));
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('renderPlot(options) keeps an explicit width', () => {
    expect(renderPlot({ width: 300, marks: [Plot.dot(DATA, { x: 'x', y: 'y' })] })).toMatch(/^<svg [^>]*width="300"/);
  });

  it('renderPlot(options) returns a <figure> with the swatches and the <svg> for a categorical legend', () => {
    const out = renderPlot(fixtureFigure('wall-by-workers').plot);
    expect(out).toMatch(/^<figure /);
    expect(out).toContain('worker-pool');
    expect(out).toMatch(/<svg [^>]*width="720" height="\d+"/);
  });

  it('renderPlot(options) escapes data text', () => {
    const out = renderPlot({ marks: [Plot.barY([{ s: '<img src=x onerror=alert(1)>', v: 1 }], { x: 's', y: 'v' })] });
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renderPlot(options) gives the same markup for the same chart, whatever was drawn before', () => {
    const options = fixtureFigure('wall-by-workers').plot; // markers: Plot numbers them process-wide
    const first = renderPlot(options);
    renderPlot({ clip: true, marks: [Plot.lineY(DATA, { x: 'x', y: 'y', marker: true, clip: true })] });
    expect(renderPlot(options)).toBe(first);
    expect(first).not.toMatch(/plot-(clip|marker|pattern)-\d/);
    expect(first).toMatch(/id="p[0-9a-f]{10}-marker-1"/);
  });

  it('renderPlot(options) gives the same markup in a fresh process', () => {
    const fixtures = new URL('./fixtures.ts', import.meta.url).href;
    const plot = new URL('./plot.ts', import.meta.url).href;
    const script = `const { fixtureDoc } = await import(${JSON.stringify(fixtures)});
const { renderPlot } = await import(${JSON.stringify(plot)});
const fig = fixtureDoc().sections[0].blocks.find((b) => b.kind === 'figure' && b.figure.id === 'wall-by-workers').figure;
process.stdout.write(renderPlot(fig.plot));`;
    const fresh = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    renderPlot({ marks: [Plot.lineY(DATA, { x: 'x', y: 'y', marker: true })] }); // move the counters on here
    expect(renderPlot(fixtureFigure('wall-by-workers').plot)).toBe(fresh);
  });

  it('renderPlot(options) gives different charts different ids', () => {
    const a = renderPlot({ marks: [Plot.lineY(DATA, { x: 'x', y: 'y', marker: true })] });
    const b = renderPlot({ marks: [Plot.lineY(DATA.slice(1), { x: 'x', y: 'y', marker: true })] });
    const id = (s: string) => /id="([^"]+)"/.exec(s)?.[1];
    expect(id(a)).toBeDefined();
    expect(id(a)).not.toBe(id(b));
  });
});

describe('renderFigure', () => {
  it('renderFigure(fig) wraps the chart in an anchored figure with title and markdown caption', () => {
    const out = renderFigure(fixtureFigure('wall-by-strategy'));
    expect(out).toMatch(/^<figure class="figure" id="wall-by-strategy">/);
    expect(out).toContain('<a class="anchor" href="#wall-by-strategy">Wall time at 2 workers</a>');
    expect(out).toContain('<svg ');
    expect(out).toContain('<code>py-threads</code>');
  });

  it('renderFigure(fig) escapes the title', () => {
    const out = renderFigure({ ...fixtureFigure('wall-by-strategy'), title: '<script>alert(1)</script>' });
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('accessible figures', () => {
  it('renderFigure(fig) names the chart by its title and describes it by the caption’s first sentence, as plain text', () => {
    const out = renderFigure({ ...fixtureFigure('wall-by-strategy'), caption: 'Each bar is one **strategy**, see [the method](#method). Lower is faster.' });
    expect(out).toContain('aria-label="Wall time at 2 workers"');
    expect(out).toContain('aria-description="Each bar is one strategy, see the method."');
  });

  it('gives every mark group Plot names a role, so that its name is allowed', () => {
    const out = renderFigure(fixtureFigure('wall-by-strategy'));
    expect(out).toMatch(/<g role="group" aria-label="/);
    expect(out).not.toMatch(/<g aria-label=/);
  });

  it('firstSentence(markdown) stops at the first full stop followed by a space, or takes the whole text', () => {
    expect(firstSentence('1.5× faster. More after.')).toBe('1.5× faster.');
    expect(firstSentence('No full stop here')).toBe('No full stop here');
  });
});
