// Direct labels that do not collide. Plot draws a text mark where it is told,
// so two points close together print their labels over each other. This
// places each label, in order of priority, at the first of eight spots around
// its point that clears every label placed before it and every point; a label
// with no free spot is left out (its figures are in the tables). Text width is
// estimated from the character count, which errs wide for digits and narrow
// letters: the check in the browser (lib/testing/browser.ts) has the last word.

import * as Plot from '@observablehq/plot';

export interface ScaleSpec {
  type: 'linear' | 'log';
  domain: [number, number];
}

export interface LabelFrame {
  x: ScaleSpec;
  y: ScaleSpec;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface PlacedLabel<T> {
  datum: T;
  text: string;
  /** Where the label's anchor goes, in data coordinates, and which end of the text sits there. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface LayoutOptions {
  fontSize?: number;
  /** Radius of the dots the labels must not cover. */
  radius?: number;
  /** Gap between a dot and its label. */
  gap?: number;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The pixel scales Plot will use, given the same domains, size and margins. */
export function frameScales(frame: LabelFrame) {
  const x = Plot.scale({ x: { type: frame.x.type, domain: frame.x.domain, range: [frame.margin.left, frame.width - frame.margin.right] } });
  const y = Plot.scale({ y: { type: frame.y.type, domain: frame.y.domain, range: [frame.height - frame.margin.bottom, frame.margin.top] } });
  return { x, y };
}

/** Place each point's label (earlier points first) where it covers no other label and no dot; drop those that fit nowhere. */
export function placeLabels<T>(points: readonly { datum: T; x: number; y: number; text: string }[], frame: LabelFrame, options: LayoutOptions = {}): PlacedLabel<T>[] {
  const fontSize = options.fontSize ?? 10;
  const radius = options.radius ?? 5;
  const gap = options.gap ?? 3;
  const { x, y } = frameScales(frame);
  const px = points.map((p) => ({ ...p, px: x.apply(p.x) as number, py: y.apply(p.y) as number }));
  const taken: Box[] = px.map((p) => ({ left: p.px - radius, right: p.px + radius, top: p.py - radius, bottom: p.py + radius }));
  const inside = (b: Box) => b.left >= 0 && b.right <= frame.width && b.top >= 0 && b.bottom <= frame.height;
  const out: PlacedLabel<T>[] = [];
  for (const p of px) {
    const w = 0.6 * fontSize * p.text.length;
    const h = fontSize * 1.1;
    const d = radius + gap;
    // Right, left, above, below, then the four corners: [dx of the anchor, dy of the text's middle, anchor].
    const spots: [number, number, PlacedLabel<T>['anchor']][] = [
      [d, 0, 'start'], [-d, 0, 'end'], [0, -d - h / 2, 'middle'], [0, d + h / 2, 'middle'],
      [d, -d, 'start'], [d, d, 'start'], [-d, -d, 'end'], [-d, d, 'end'],
    ];
    for (const [dx, dy, anchor] of spots) {
      const ax = p.px + dx;
      const ay = p.py + dy;
      const left = anchor === 'start' ? ax : anchor === 'end' ? ax - w : ax - w / 2;
      const box = { left, right: left + w, top: ay - h / 2, bottom: ay + h / 2 };
      if (!inside(box) || taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      out.push({ datum: p.datum, text: p.text, x: x.invert!(ax) as number, y: y.invert!(ay) as number, anchor });
      break;
    }
  }
  return out;
}

/** The labels as Plot text marks: one mark per text anchor, since Plot takes the anchor as a constant. */
export function labelMarks<T>(placed: readonly PlacedLabel<T>[], fontSize = 10): Plot.Markish[] {
  return (['start', 'middle', 'end'] as const).map((anchor) =>
    Plot.text(placed.filter((l) => l.anchor === anchor), { x: 'x', y: 'y', text: 'text', textAnchor: anchor, fontSize }),
  );
}
