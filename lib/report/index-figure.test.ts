import { describe, expect, it } from 'vitest';
import type { GuideEntry } from './guide.ts';
import { summaryFigure, summaryMarks } from './index-figure.ts';
import { renderPlot } from './plot.ts';

const entry = (over: Partial<GuideEntry>): GuideEntry =>
  ({
    kind: 'pure-js-cpu', runtime: 'node', work: 'w', model: 'worker-threads', strategy: 's', factor: 1.8,
    interval: { value: 1.8, lo: 1.6, hi: 2.0, n: 5 }, phrase: '', paysFrom: null, startupMs: null, idleBytesPerWorker: null,
    figure: 'fig', cpuShare: null, measuredKind: 'cpu-bound', ...over,
  }) as GuideEntry;

describe('the index summary figure', () => {
  const sources = [
    { href: 'a.html', cores: 2, guide: [entry({}), entry({ factor: 1.5, model: 'child-processes', figure: 'other' }), entry({ runtime: 'python', model: 'python-processes', factor: 1.7 })] },
    { href: 'b.html', cores: 2, guide: [entry({ kind: 'memory-heavy', model: 'event-loop', factor: 16, measure: 'rss_peak_bytes', interval: { value: 16, lo: -Infinity, hi: Infinity, n: 1 } })] },
  ];

  it('keeps each kind’s best model per runtime, files memory ratios apart, and links each mark to its figure', () => {
    const marks = summaryMarks(sources);
    const cpu = marks.filter((m) => m.row === marks[0]!.row);
    expect(cpu.map((m) => [m.runtime, m.factor, m.href])).toEqual([
      ['Node', 1.8, 'a.html#fig'],
      ['Python', 1.7, 'a.html#fig'],
    ]);
    const memory = marks.find((m) => m.row.endsWith('less peak memory'))!;
    expect(memory.href).toBe('b.html#fig');
    // One repetition: no interval to draw.
    expect([memory.lo, memory.hi]).toEqual([null, null]);
  });

  it('renders with the ideal line and links, or not at all without guide rows', () => {
    const svg = renderPlot(summaryFigure(sources)!.plot);
    expect(svg).toContain('ideal on 2 cores');
    expect(svg).toContain('href="a.html#fig"');
    expect(summaryFigure([{ href: 'x.html', cores: 2 }])).toBeUndefined();
  });
});
