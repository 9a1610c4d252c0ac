// Facet titles above each facet's frame, on the left: Plot's own fy axis sits
// on the right, where the value labels of long bars run into it.

import * as Plot from '@observablehq/plot';

/** Vertical facet options and the title mark for `domain`, in that order. */
export function facetRows(domain: readonly string[]): { fy: Plot.ScaleOptions; title: Plot.Markish } {
  return {
    fy: { label: null, axis: null, domain: [...domain], padding: 0.18 },
    title: Plot.text([...domain], { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dy: -14, fontWeight: 'bold', fontSize: 12 }),
  };
}

/** Room above the first facet for its title. */
export const FACET_TITLE_PX = 26;
