// The ways to make the thumbnails compared at each photo size: every point of
// the comparison's photo count there (the stage breakdowns are measurements,
// not ways), Node's fastest and Python's fastest by median real time, and
// Pillow's thread pool with one thread per core, the Python path the issue
// holds Node against.

import { fastest } from '../../lib/report/points.ts';
import { PY_THREADS, SHARP_WAYS, STAGES, type Context, type ThumbPoint } from './context.ts';

export interface SizeComparison {
  longSide: number;
  /** Photos of the comparison at this size: the largest count measured there. */
  images: number;
  /** Every way measured on those photos. */
  points: ThumbPoint[];
  nodeFastest?: ThumbPoint;
  pythonFastest?: ThumbPoint;
  /** Pillow on a ThreadPoolExecutor with one thread per core. */
  pillowThreads?: ThumbPoint;
}

const isWay = (p: ThumbPoint) => p.strategy !== STAGES.node && p.strategy !== STAGES.python;
export const isSharpWay = (p: ThumbPoint) => (SHARP_WAYS as readonly string[]).includes(p.strategy);

export function sizeComparison(ctx: Context, longSide: number): SizeComparison | undefined {
  const here = ctx.allPoints.all.filter((p) => p.longSide === longSide && isWay(p));
  if (here.length === 0) return undefined;
  const images = Math.max(...here.map((p) => p.images));
  const points = here.filter((p) => p.images === images);
  return {
    longSide,
    images,
    points,
    nodeFastest: fastest(points.filter((p) => p.runtime === 'node')),
    pythonFastest: fastest(points.filter((p) => p.runtime === 'python')),
    pillowThreads: points.find((p) => p.strategy === PY_THREADS && p.workers === ctx.poolWorkers && p.batch === 1),
  };
}

/** One comparison per photo size measured, ascending. */
export function sizeComparisons(ctx: Context): SizeComparison[] {
  return ctx.longSides.map((side) => sizeComparison(ctx, side)).filter((c): c is SizeComparison => c !== undefined);
}
