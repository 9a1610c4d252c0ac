import { describe, expect, it } from 'vitest';
import { glanceFigure, herePanelTitle } from './glance.ts';
import { renderPlot } from './plot.ts';

const spec = {
  id: 'glance',
  title: 'A glance',
  caption: 'The article against this machine.',
  measure: 'Speed-up (×)',
  article: { title: 'The article', bars: [{ label: 'Python, 2 threads', value: null, said: 'slower than serial', runtime: 'python' as const }, { label: 'Python, 8 processes', value: 3.1, runtime: 'python' as const }] },
  here: {
    title: 'Here',
    bars: [
      { label: 'Python, 2 threads', value: 0.98, interval: { value: 0.98, lo: 0.95, hi: 1.01, n: 5 }, runtime: 'python' as const },
      { label: 'Node, 2 workers', value: 1.8, interval: { value: 1.8, lo: -Infinity, hi: Infinity, n: 1 }, runtime: 'node' as const },
    ],
    reference: { value: 2, label: 'ideal on 2 cores' },
  },
};

describe('glanceFigure', () => {
  it('draws both panels on one scale, the article’s words where it gave no number, and no whisker for an open interval', () => {
    const svg = renderPlot(glanceFigure(spec).plot);
    for (const text of ['The article', 'Here', 'slower than serial', '3.10×', '0.98×', '1.80×', 'ideal on 2 cores']) expect(svg).toContain(text);
    // One whisker: the open interval of the one-repetition point draws none.
    expect((svg.match(/<line /g) ?? []).length).toBeGreaterThan(0);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('titles this machine’s panel from its CPU model', () => {
    expect(herePanelTitle({ machine: { cores: 2, cpu_model: 'AMD EPYC 9B45 128-Core Processor' } })).toBe('Here: 2 cores, AMD EPYC');
    expect(herePanelTitle({ machine: { cores: 4, cpu_model: 'Intel(R) Xeon(R) Processor @ 2.10GHz' } })).toBe('Here: 4 cores, Intel Xeon');
  });
});
