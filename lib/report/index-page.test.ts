import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { fixtureDoc, fixtureExperiment, fixtureMeta } from './fixtures.ts';
import { renderIndex, type IndexInput } from './index-page.ts';

function fixtureIndex(): IndexInput {
  const unrun = { ...fixtureExperiment(), id: 'not-yet', title: 'Not run yet' };
  return {
    entries: [
      { experiment: fixtureExperiment(), doc: fixtureDoc(), meta: fixtureMeta(), href: 'fixture-io.html' },
      { experiment: unrun, doc: { headline: '', claims: [], sections: [] }, meta: null, href: 'not-yet.html' },
    ],
  };
}

describe('renderIndex', () => {
  it('renderIndex(input) links every experiment to its report', () => {
    const { document } = new JSDOM(renderIndex(fixtureIndex())).window;
    const links = [...document.querySelectorAll('article.entry h2 a')].map((a) => [a.getAttribute('href'), a.textContent]);
    expect(links).toEqual([
      ['fixture-io.html', 'Threads for I/O, processes for CPU'],
      ['not-yet.html', 'Not run yet'],
    ]);
  });

  it('renderIndex(input) shows citation, headline, verdict counts, profile and machine', () => {
    const { document } = new JSDOM(renderIndex(fixtureIndex())).window;
    const entry = document.getElementById('fixture-io')!;
    expect(entry.querySelector('.citation')!.textContent).toBe('A. Writer, “Python threads & the GIL”, Example Blog, 2012-01-16');
    expect(entry.textContent).toContain(fixtureDoc().headline);
    expect(entry.querySelector('.verdicts')!.textContent).toBe('1 reproduced · 1 differs in Node');
    expect(entry.querySelector('.meta-line')!.textContent).toBe('Profile quick on test-box (Example CPU @ 2.0GHz, 2 cores)');
  });

  it('renderIndex(input) says "not run yet" for an experiment without meta', () => {
    const { document } = new JSDOM(renderIndex(fixtureIndex())).window;
    const entry = document.getElementById('not-yet')!;
    expect(entry.querySelector('.verdicts')!.textContent).toBe('not run yet');
    expect(entry.querySelector('.meta-line')).toBeNull();
  });

  it('renderIndex(input) escapes titles and headlines', () => {
    const input = fixtureIndex();
    input.entries[0].experiment.title = '<script>alert(1)</script>';
    input.entries[0].doc.headline = '"><img src=x onerror=alert(1)>';
    const out = renderIndex(input);
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renderIndex(input) is byte-identical across renders and loads nothing', () => {
    const out = renderIndex(fixtureIndex());
    expect(renderIndex(fixtureIndex())).toBe(out);
    expect(out).not.toMatch(/\ssrc\s*=|<link\b|<script/i);
  });
});
