import { describe, expect, it } from 'vitest';
import { frameScales, placeLabels, type LabelFrame } from './label-layout.ts';

const frame: LabelFrame = { width: 400, height: 300, margin: { top: 20, right: 20, bottom: 30, left: 40 }, x: { type: 'linear', domain: [0, 100] }, y: { type: 'log', domain: [1, 1000] } };
const FONT = 10;
const box = (l: { x: number; y: number; text: string; anchor: string }) => {
  const { x, y } = frameScales(frame);
  const [px, py] = [x.apply(l.x) as number, y.apply(l.y) as number];
  const w = 0.6 * FONT * l.text.length;
  const left = l.anchor === 'start' ? px : l.anchor === 'end' ? px - w : px - w / 2;
  return { left, right: left + w, top: py - FONT * 0.55, bottom: py + FONT * 0.55 };
};
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.left < b.right - 0.01 && b.left < a.right - 0.01 && a.top < b.bottom - 0.01 && b.top < a.bottom - 0.01;

describe('placeLabels', () => {
  it('puts a lone label to the right of its point', () => {
    const [l] = placeLabels([{ datum: 1, x: 50, y: 10, text: 'alone' }], frame);
    expect(l!.anchor).toBe('start');
    expect(l!.y).toBeCloseTo(10);
    expect(l!.x).toBeGreaterThan(50);
  });

  it('moves the second of two labels that would meet, and no two placed labels overlap', () => {
    const points = [
      { datum: 'a', x: 50, y: 100, text: '100 fetch' },
      { datum: 'b', x: 51, y: 104, text: '20 http' },
      { datum: 'c', x: 52, y: 98, text: '50 http' },
    ];
    const placed = placeLabels(points, frame);
    expect(placed[0]!.datum).toBe('a'); // the first point keeps its label (its dot's neighbours push it off the right)
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(box(placed[i]!), box(placed[j]!)), `${placed[i]!.text} / ${placed[j]!.text}`).toBe(false);
  });

  it('keeps labels inside the frame: a point at the right edge is labelled on its left', () => {
    const [l] = placeLabels([{ datum: 1, x: 100, y: 10, text: 'right edge' }], frame);
    expect(l!.anchor).toBe('end');
  });

  it('leaves out a label that fits nowhere', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => ({ datum: i, x: 50 + (i % 2) * 0.2, y: 100, text: `label number ${i}` }));
    const placed = placeLabels(crowd, frame);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThan(crowd.length);
  });
});
