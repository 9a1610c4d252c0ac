// Node's fastest way to make the article's thumbnails against Python's, on the
// full set of Flickr-size photos, each against the machine's limit
// (lib/report/best-against-best.ts). A serial path is one photo at a time: the
// for loops, and sharp with one photo in flight.

import { bestAgainstBest, type BestAgainstBest } from '../../lib/report/best-against-best.ts';
import { count } from '../../lib/report/format.ts';
import { SERIAL, SHARP, type Context } from './context.ts';
import { pointLabel } from './labels.ts';

export function best(ctx: Context): BestAgainstBest | undefined {
  if (ctx.full === undefined) return undefined;
  return bestAgainstBest({
    work: `${count(ctx.full)} thumbnails of Flickr-size photos`,
    cores: ctx.cores,
    points: ctx.points.all.filter((p) => p.images === ctx.full),
    serial: (p) => p.strategy === SERIAL.node || p.strategy === SERIAL.python || (p.strategy === SHARP && p.workers === 1),
    label: (p) => pointLabel(ctx.experiment, p),
  });
}
