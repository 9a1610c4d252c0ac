// Article 002's report: the thumbnail rows in, a document out. Pure: it reads
// only its input. Numbers come from context.ts and analysis.ts, verdicts from
// claims.ts, charts from the *-figure.ts files; this file writes the prose
// around them and puts the sections in reading order.

import type { Block, Figure, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { count, ms, percent, plural, ratio, slowerFaster, spread } from '../../lib/report/format.ts';
import { fastest, metricValues, speedup, NODE_POOLS, SERIAL, SHARP, type Point } from './analysis.ts';
import { median } from '../../lib/stats/quantile.ts';
import { batchFigure } from './batch-figure.ts';
import { bestPureJsPool, chunkEffect, claimVerdicts } from './claims.ts';
import { buildContext, type Context } from './context.ts';
import { byDisplayOrder, phrase, pointLabel } from './labels.ts';
import { pipelines, runtimesFigure } from './runtimes-figure.ts';
import { speedupFigure } from './speedup-figure.ts';
import { startupFigure } from './startup-figure.ts';
import { timeFigure } from './time-figure.ts';
import { signedPercent } from './signed.ts';
import { transportFigure } from './transport-figure.ts';
import { COMPARE_DEFAULTS } from '../../lib/stats/compare.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });
const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

// ---- headline ------------------------------------------------------------------------------------

export function headline(ctx: Context): string {
  const at = (strategy: string, workers = 1) => ctx.points.get(strategy, ctx.full, { workers });
  const nodeSerial = at(SERIAL.node);
  const nodePool = at('node-processes', ctx.poolWorkers);
  const node =
    nodeSerial && nodePool
      ? `On ${plural(ctx.cores, 'core')}, ${phrase(nodePool)} make ${count(ctx.full ?? NaN)} thumbnails in pure JavaScript ${slowerFaster(nodePool.wall.median / nodeSerial.wall.median, 'the serial loop')}, with ${signedPercent(nodePool.cpu.median / nodeSerial.cpu.median - 1)} CPU time`
      : `On ${plural(ctx.cores, 'core')}, no pure-JavaScript pool was measured against the serial loop`;
  const pySerial = at(SERIAL.python);
  const pyPool = at('python-processes', ctx.poolWorkers);
  const python = ctx.pythonMissing
    ? 'the article’s Python did not run here'
    : pySerial && pyPool
      ? `the article’s ProcessPoolExecutor is ${slowerFaster(pyPool.wall.median / pySerial.wall.median, 'Pillow’s loop')}`
      : 'the article’s Python has no pool-against-loop pair here';
  const sharp = at(SHARP);
  const sharpText = sharp && nodeSerial ? `; sharp, one photo at a time, is ${slowerFaster(sharp.wall.median / nodeSerial.wall.median, 'the pure-JavaScript loop')}` : '';
  return `${node}; ${python}${sharpText}.`;
}

// ---- sections ------------------------------------------------------------------------------------

function timeSection(ctx: Context): Section {
  const scale =
    ctx.full !== undefined && ctx.sweep !== undefined && ctx.sweep !== ctx.full
      ? ` The sweeps in the next sections use the first ${count(ctx.sweep)} photos only (a ${ratio(ctx.full / ctx.sweep)} smaller set), so that the pure-JavaScript pipeline fits the run.`
      : '';
  const blocks: Block[] = [
    md(
      `The article timed its two scripts with \`time\`: ${count(1000)} photos, a for loop and a \`ProcessPoolExecutor\` with one process per core. Here the same job runs on ${plural(ctx.cores, 'core')} with ${count(ctx.full ?? NaN)} photos, each pool with ${plural(ctx.poolWorkers, 'worker')}, in Python (the article’s Pillow code) and in Node (pure JavaScript, and sharp).${scale} Times are medians of the repetitions; the table at the end gives the spread.`,
    ),
  ];
  if (ctx.disturbed > 0) blocks.push(note(`${plural(ctx.disturbed, 'measured trial')} ran while other processes took CPU (flagged disturbed); they are kept, and their spread reaches the verdicts through the interquartile ranges.`, 'warning'));
  blocks.push(...fig(timeFigure(ctx)));
  if (!ctx.points.all.length) blocks.push(note('No measured rows for this machine: nothing to show.', 'warning'));
  return { id: 'real-user-sys', title: 'Real, user and sys', blocks };
}

/** How the pool of the full set spent its workers' time: per-photo cost side by side against the loop alone, and the busy share. */
function workerCostText(ctx: Context): string {
  const serial = ctx.points.get(SERIAL.node, ctx.full);
  const pool = ctx.points.get('node-processes', ctx.full, { workers: ctx.poolWorkers });
  if (!serial || !pool || pool.workers < 2) return '';
  const busy = median(metricValues(pool, 'busy_ms'));
  if (!Number.isFinite(busy) || busy <= 0) return '';
  const perPhotoPool = busy / pool.images;
  const perPhotoSerial = serial.wall.median / serial.images;
  const busyShare = busy / (pool.wall.median * pool.workers);
  return ` Where the ideal is lost: side by side, each of the ${count(pool.workers)} child processes spent ${ms(perPhotoPool)} on a photo, against ${ms(perPhotoSerial)} for the serial loop alone (${ratio(perPhotoPool / perPhotoSerial)} as long), and the workers were busy ${percent(busyShare)} of the pool’s real time.`;
}

/**
 * The static split measured in the same run, on each photo set where it ran:
 * against the serial loop and the ideal, and the best pool there against it.
 */
export function ceilingText(ctx: Context): string {
  const sets = [ctx.full, ctx.sweep].filter((n, i, all): n is number => n !== undefined && all.indexOf(n) === i);
  const parts = sets.flatMap((images) => {
    const serial = ctx.points.get(SERIAL.node, images);
    const split = ctx.points.split(images, ctx.poolWorkers);
    if (!serial || !split) return [];
    const ceiling = speedup(serial, split);
    const ideal = Math.min(split.workers, ctx.cores);
    const pool = fastest(ctx.points.all.filter((p) => (NODE_POOLS as readonly string[]).includes(p.strategy) && p.images === images));
    const share = pool ? speedup(serial, pool) / ceiling : NaN;
    // Within the comparison rule's 2 % the two are level: neither dispatch nor imbalance shows.
    const verb = Math.abs(share - 1) <= COMPARE_DEFAULTS.tolerance ? 'level with the split' : share > 1 ? 'ahead of the split: dispatch as workers free up evens out shares that are not equal work' : 'behind the split: what its dispatch costs';
    const poolText = pool ? `; the fastest pool there, \`${pointLabel(pool)}\`, reaches ${ratio(speedup(serial, pool))}, ${percent(share)} of the split’s, ${verb}` : '';
    return [`${slowerFaster(split.wall.median / serial.wall.median, 'the serial loop')} on ${count(images)} photos (${percent(ceiling / ideal)} of the ideal ${ratio(ideal)}${poolText})`];
  });
  if (!parts.length) return '';
  const busy = ctx.points.get(SERIAL.node, ctx.full)?.busyCores.median;
  // Over one core busy, the serial loop already used part of the second one (garbage collector, compiler threads).
  const busyText = busy !== undefined && busy > 1.02 ? `: cores that are all busy slow each other down, and the serial loop alone already kept ${busy.toFixed(2)} cores busy, its garbage collector and compiler running beside it` : '';
  return ` A pool without a queue, measured in the same run: ${ctx.poolWorkers === 1 ? '1 child process that' : `${count(ctx.poolWorkers)} child processes that each`} make one equal share of the thumbnails in a single task, with no dispatch between photos, are ${parts.join('; ')}. What the split loses against the ideal is not dispatch: it is the host${busyText}, and the imbalance of equal photo counts that are not equal work.`;
}

function speedupSection(ctx: Context): Section {
  const best = bestPureJsPool(ctx);
  const text = best
    ? `The best pure-JavaScript pool measured, ${phrase(best.pool)} on ${count(best.pool.images)} photos, is ${ratio(best.speedup)} faster than the serial loop on the same photos; the ideal on this machine is ${ratio(ctx.cores)}. Past ${plural(ctx.cores, 'worker')} the pools can only share the same cores.${ceilingText(ctx)}${workerCostText(ctx)}`
    : 'No pure-JavaScript pool was measured together with the serial loop.';
  return { id: 'speedup', title: 'Speed-up against workers', blocks: [md(text), ...fig(speedupFigure(ctx))] };
}

function overheadSection(ctx: Context): Section {
  const chunk = chunkEffect(ctx, 'node-processes');
  const chunkText =
    chunk.best && chunk.one
      ? ` For child processes the best larger batch (${chunk.best.batch}) takes ${ms(chunk.best.wall.median)} against ${ms(chunk.one.wall.median)} at one photo per task: a round trip is small next to a photo’s ${ms(chunk.one.wall.median * chunk.one.workers / chunk.one.images)} of work.`
      : '';
  return {
    id: 'overheads',
    title: 'Start-up, batch size and moving data',
    blocks: [
      md(`The article warns that starting processes and shuttling data between them costs something, and that \`chunksize\` helps with large inputs. Three measurements of those costs follow: the pools’ start-up, the photos per task, and photos sent as file paths or as bytes.${chunkText}`),
      ...fig(startupFigure(ctx)),
      ...fig(batchFigure(ctx)),
      ...fig(transportFigure(ctx)),
    ],
  };
}

function sharpText(ctx: Context): string {
  const one = ctx.points.get(SHARP, ctx.full, { workers: 1 });
  const many = ctx.points.get(SHARP, ctx.full, { workers: ctx.poolWorkers });
  if (!one) return 'sharp was not measured here.';
  const threads = one.rows.map((r) => r.sharp_default_threads).find((v) => typeof v === 'number');
  const parts = [
    `sharp does the work in native code on the libuv thread pool, so one JavaScript thread drives it and no worker pool is needed: with one photo in flight it kept ${one.busyCores.median.toFixed(2)} cores busy`,
    many && many !== one ? `, with ${count(many.workers)} in flight ${many.busyCores.median.toFixed(2)} (${ratio(speedup(one, many))} faster)` : '',
    '.',
    typeof threads === 'number' ? ` Its libvips threads per photo default to ${threads} on this machine; the trials set 1, so that the photos in flight alone set the parallelism.` : '',
  ];
  return parts.join('');
}

function runtimesSection(ctx: Context): Section {
  const all = pipelines(ctx);
  const js = all.find((p) => p.pipeline === 'pure JavaScript')?.serial;
  const pil = all.find((p) => p.pipeline === 'Pillow (C)')?.serial;
  const slower = js && pil ? js.wall.median / js.images / (pil.wall.median / pil.images) : NaN;
  const beyondPool = slower > ctx.cores ? `: more than the ${ctx.cores} cores a pool of JavaScript workers could win back` : '';
  const gap = js && pil ? ` Pillow’s C code makes a thumbnail in ${ms(pil.wall.median / pil.images)}, the pure-JavaScript pipeline in ${ms(js.wall.median / js.images)} (${ratio(slower)} as long)${beyondPool}.` : '';
  const blocks: Block[] = [md(`${sharpText(ctx)}${gap}`), ...fig(runtimesFigure(ctx))];
  if (ctx.pythonMissing) blocks.push(note(`The article’s Python is ${ctx.pythonMissing}; Pillow has no bars.`, 'warning'));
  return { id: 'runtimes', title: 'Pure JavaScript, sharp and Pillow', blocks };
}

function medianTable(ctx: Context): Table {
  const points = [...ctx.points.all].sort((a, b) => a.images - b.images || byDisplayOrder(a, b));
  const row = (p: Point) => {
    const base = ctx.points.baselineFor(p);
    return {
      point: `\`${pointLabel(p)}\``,
      images: p.images,
      real: round(p.wall.median),
      spread: spread(p.wall.rel_iqr),
      cpu: round(p.cpu.median),
      busy: round(p.busyCores.median, 2),
      speedup: base && base !== p ? ratio(speedup(base, p)) : '–',
      startup: p.startup.n > 0 ? round(p.startup.median) : null,
      n: p.wall.n,
    };
  };
  return {
    id: 'medians',
    title: 'Every point',
    caption: `Milliseconds of work (medians); CPU is user + sys of the whole process tree, split in \`results.csv\`. Busy cores is (user + sys) / real. Speed-up is against the same runtime’s serial loop on the same photos (sharp: against sharp with one photo in flight). Spread is half the interquartile range relative to the median.`,
    columns: [
      { key: 'point', label: 'Strategy · workers' },
      { key: 'images', label: 'Photos' },
      { key: 'real', label: 'Real (ms)', digits: 1 },
      { key: 'spread', label: 'Spread', align: 'right' },
      { key: 'cpu', label: 'CPU (ms)', digits: 1 },
      { key: 'busy', label: 'Busy cores', digits: 2 },
      { key: 'speedup', label: 'Speed-up', align: 'right' },
      { key: 'startup', label: 'Start-up (ms)', digits: 1 },
      { key: 'n', label: 'Reps' },
    ],
    rows: points.map(row),
  };
}

function pointsSection(ctx: Context): Section {
  const reps = ctx.reps > 0 ? ` Every point has at least ${plural(ctx.reps, 'repetition')}.` : '';
  return {
    id: 'all-points',
    title: 'All points',
    blocks: ctx.points.all.length ? [md(`Each strategy at each point measured.${reps} The share of idle cores in T3 is 1 − busy cores / ${ctx.cores}: ${percent(1 - 1 / ctx.cores)} when one core is busy.`), { kind: 'table', table: medianTable(ctx) }] : [note('No measured rows.', 'warning')],
  };
}

// ---- the document -----------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const doc: ReportDoc = {
    headline: headline(ctx),
    claims: claimVerdicts(ctx, input.experiment.claims),
    sections: [timeSection(ctx), speedupSection(ctx), overheadSection(ctx), runtimesSection(ctx), pointsSection(ctx)],
  };
  return doc;
};

export default report;
