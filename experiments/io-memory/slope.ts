// Least-squares line through (x, y) points: the marginal cost of one more unit
// of x. A generic helper (a candidate for lib/stats).

export interface Line {
  slope: number;
  intercept: number;
  /** Coefficient of determination; NaN when y does not vary. */
  r2: number;
  n: number;
}

export function leastSquares(points: readonly { x: number; y: number }[]): Line | undefined {
  const p = points.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y));
  const n = p.length;
  if (n < 2) return undefined;
  const mx = p.reduce((s, q) => s + q.x, 0) / n;
  const my = p.reduce((s, q) => s + q.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const q of p) {
    sxx += (q.x - mx) ** 2;
    sxy += (q.x - mx) * (q.y - my);
    syy += (q.y - my) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? NaN : (sxy * sxy) / (sxx * syy), n };
}
