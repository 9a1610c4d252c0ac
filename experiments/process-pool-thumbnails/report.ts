// Article 002's report: the thumbnail rows in, a document out. Pure: it reads
// only its input. The context comes from lib (context.ts), verdicts from
// claims.ts, charts from the *-figure.ts files; this file writes the prose
// around them, every ratio with its interval and every "faster" or "slower"
// from lib/verdicts/wording.ts.

import type { Block, Figure, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { aboveCoresFlag, checkBaseline, type BaselineCheck } from '../../lib/report/baseline.ts';
import { count, ms, plural, spread } from '../../lib/report/format.ts';
import { fastest, speedup, timeRatio, valuesOf } from '../../lib/report/points.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { geoMeanInterval, invertInterval, ratioInterval, scaleInterval } from '../../lib/stats/interval.ts';
import { median } from '../../lib/stats/quantile.ts';
import { orderOf, outcomeOf } from '../../lib/verdicts/classify.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { bestPureJsPool, busyCores, cpuRatio, metricValues, perPhoto, speedupOf } from './analysis.ts';
import { batchFigure } from './batch-figure.ts';
import { chunkChecks, claimVerdicts } from './claims.ts';
import { buildContext, NODE_POOLS, PY_PROCESSES, SERIAL, SHARP, type Context, type ThumbPoint } from './context.ts';
import { byDisplayOrder, phrase, pointLabel } from './labels.ts';
import { pipelines, runtimesFigure } from './runtimes-figure.ts';
import { speedupFigure } from './speedup-figure.ts';
import { startupFigure, startups } from './startup-figure.ts';
import { timeFigure } from './time-figure.ts';
import { transportFigure } from './transport-figure.ts';
import { columns } from '../../lib/report/columns.ts';
import { fastestSection, stagesSection } from './sharp-section.ts';
import { sizeSection } from './size-section.ts';
import { stageSets } from './stage-data.ts';
import { sizeComparisons, type SizeComparison } from './ways.ts';
import { glance } from './glance.ts';
import { best } from './best.ts';
import { PHOTO } from './photos.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });
const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
const DIGITS = { digits: 2 };

// ---- baselines ---------------------------------------------------------------------------------

/** The baselines every speed-up here is taken over, each checked for a steady cost per photo at every photo count it ran. */
function baselines(ctx: Context): BaselineCheck[] {
  const check = (strategy: string) => checkBaseline(ctx.points, { strategy, sizeColumn: 'images', unitsOf: (p) => Number(p.at.images), unit: 'photo', where: { workers: 1, batch: 1, transport: 'paths' } });
  return [SERIAL.node, SERIAL.python, SHARP].map(check).filter((b) => b.outcome !== 'single-size');
}

function baselineBlocks(ctx: Context, checks: BaselineCheck[]): Block[] {
  if (checks.length === 0) return [];
  const words = { holds: 'steady within', fails: 'not steady within', undecided: 'not shown steady within' } as const;
  const lines = checks.map((b) => {
    const [a] = b.against;
    const largest = b.sizes.at(-1)!.size;
    return `${strategyLabel(ctx.experiment, b.strategy)}: ${a ? `${estimate(a.ratio)} the cost per photo at ${count(Number(largest))} photos as at ${count(Number(a.size))}` : ''}, ${words[b.outcome as keyof typeof words]} ${Math.round(b.tolerance * 100)} %`;
  });
  const flags = checks.map((b) => b.flag).filter(Boolean);
  return [md(`**Baselines.** Each speed-up is taken over a baseline that ran at more than one photo count; it should cost the same per photo at each. ${lines.join('; ')}.`), ...(flags.length ? [note(flags.join(' '), 'warning')] : [])];
}

// ---- headline ------------------------------------------------------------------------------------

/** Node's fastest way on the comparison's photos against Pillow's thread pool: the headline's last clause. */
function fastestClause(flickr: SizeComparison | undefined): string {
  const fast = flickr?.nodeFastest;
  const pool = flickr?.pillowThreads;
  return fast && pool ? `; Node’s fastest way, ${phrase(fast)}, is ${versus(timeRatio(fast, pool), `Pillow’s ${count(pool.workers)}-thread pool`)}` : '';
}

export function headline(ctx: Context, checks: BaselineCheck[] = baselines(ctx), flickr: SizeComparison | undefined = sizeComparisons(ctx).find((c) => c.longSide === PHOTO.longSide)): string {
  const at = (strategy: string, workers = 1) => ctx.get(strategy, ctx.full, { workers });
  const flags: string[] = [];
  const faster = (pool: ThumbPoint, serial: ThumbPoint, than: string) => {
    flags.push(aboveCoresFlag(speedup(serial, pool), ctx.cores, checks.find((b) => b.strategy === serial.strategy)));
    return versus(timeRatio(pool, serial), than);
  };
  const nodeSerial = at(SERIAL.node);
  const nodePool = at('node-processes', ctx.poolWorkers);
  const node =
    nodeSerial && nodePool
      ? `On ${plural(ctx.cores, 'core')}, ${phrase(nodePool)} make ${count(ctx.full ?? NaN)} thumbnails in pure JavaScript ${faster(nodePool, nodeSerial, 'the serial loop')}, with ${estimate(cpuRatio(nodePool, nodeSerial))} its CPU time`
      : `On ${plural(ctx.cores, 'core')}, no pure-JavaScript pool was measured against the serial loop`;
  const pySerial = at(SERIAL.python);
  const pyPool = at(PY_PROCESSES, ctx.poolWorkers);
  const python = ctx.pythonMissing
    ? 'the article’s Python did not run here'
    : pySerial && pyPool
      ? `the article’s ProcessPoolExecutor is ${faster(pyPool, pySerial, 'Pillow’s loop')}`
      : 'the article’s Python has no pool-against-loop pair here';
  // sharp against the JS loop compares two one-at-a-time pipelines, not a parallel speed-up: no core-count flag applies.
  const sharp = at(SHARP);
  const sharpText = sharp && nodeSerial ? `; sharp, one photo at a time, is ${versus(timeRatio(sharp, nodeSerial), 'the pure-JavaScript loop')}` : '';
  return [`${node}; ${python}${sharpText}${fastestClause(flickr)}.`, ...flags.filter(Boolean)].join(' ');
}

// ---- sections ------------------------------------------------------------------------------------

/** The article's comparison here in one sentence: each runtime's pool per core against its serial loop on the full set. */
function timeLead(ctx: Context): string | undefined {
  const pair = (poolName: string, serialName: string) => {
    const serial = ctx.get(serialName, ctx.full);
    const pool = ctx.get(poolName, ctx.full, { workers: ctx.poolWorkers });
    return serial && pool ? { pool, ratio: timeRatio(pool, serial) } : undefined;
  };
  const py = pair(PY_PROCESSES, SERIAL.python);
  const node = pair('node-processes', SERIAL.node);
  const parts = [py ? `${phrase(py.pool)} is ${versus(py.ratio, 'Pillow’s loop')}` : '', node ? `${phrase(node.pool)} are ${versus(node.ratio, 'the pure-JavaScript loop')}` : ''].filter(Boolean);
  return parts.length ? `On ${count(ctx.full ?? NaN)} photos, ${parts.join('; ')}.` : undefined;
}

function timeSection(ctx: Context): Section {
  const scale =
    ctx.full !== undefined && ctx.sweep !== undefined && ctx.sweep !== ctx.full
      ? ` The sweeps in the next sections use the first ${count(ctx.sweep)} photos only (${count(ctx.full / ctx.sweep)} times fewer), so that the pure-JavaScript pipeline fits the run.`
      : '';
  const blocks: Block[] = [
    md(
      `The article timed its two scripts with \`time\`: ${count(1000)} photos, a for loop and a \`ProcessPoolExecutor\` with one process per core. Here the same job runs on ${plural(ctx.cores, 'core')} with ${count(ctx.full ?? NaN)} photos, each pool with ${plural(ctx.poolWorkers, 'worker')}, in Python (the article’s Pillow code) and in Node (pure JavaScript, and sharp).${scale} Bars and tables show medians of the repetitions; every ratio in the text is a ratio of geometric means with its 95 % interval.`,
    ),
  ];
  if (ctx.disturbed.length > 0) blocks.push(note(`${plural(ctx.disturbed.length, 'measured trial')} stayed disturbed (other processes took CPU) after every re-run: they stay in \`results.csv\` and the run notes, out of every statistic here.`, 'warning'));
  blocks.push(...fig(timeFigure(ctx)));
  if (!ctx.points.all.length) blocks.push(note('No measured rows for this machine: nothing to show.', 'warning'));
  return { id: 'real-user-sys', title: 'Real, user and sys', lead: timeLead(ctx), blocks };
}

/** How the pool of the full set spent its workers' time: per-photo cost side by side against the loop alone, and the busy share. */
function workerCostText(ctx: Context): string {
  const serial = ctx.get(SERIAL.node, ctx.full);
  const pool = ctx.get('node-processes', ctx.full, { workers: ctx.poolWorkers });
  if (!serial || !pool || pool.workers < 2 || metricValues(pool, 'busy_ms').length === 0) return '';
  const perPhotoPool = valuesOf(pool, (r) => (typeof r.busy_ms === 'number' && r.busy_ms > 0 ? r.busy_ms / pool.images : null));
  const perPhotoSerial = serial.walls.map((w) => w / serial.images);
  const busyShare = geoMeanInterval(valuesOf(pool, (r) => (typeof r.busy_ms === 'number' && r.wall_ms ? r.busy_ms / (r.wall_ms * pool.workers) : null)));
  const each = geoMeanInterval(perPhotoPool);
  return ` Where the ideal is lost: side by side, each of the ${count(pool.workers)} child processes spent ${ms(each.value)} on a photo, against ${ms(geoMeanInterval(perPhotoSerial).value)} for the serial loop alone (${estimate(ratioInterval(perPhotoPool, perPhotoSerial))} as long), and the workers were busy ${estimate(busyShare, 'percent')} of the pool’s real time.`;
}

const AGAINST_SPLIT = {
  faster: 'dispatch as workers free up evens out shares that are not equal work',
  slower: 'what its dispatch costs',
  same: 'neither dispatch nor imbalance shows',
  unclear: '',
} as const;

/**
 * The static split measured in the same run, on each photo set where it ran:
 * against the serial loop and the ideal, and the fastest pool there against it.
 */
export function ceilingText(ctx: Context): string {
  const sets = [ctx.full, ctx.sweep].filter((n, i, all): n is number => n !== undefined && all.indexOf(n) === i);
  const parts = sets.flatMap((images) => {
    const serial = ctx.get(SERIAL.node, images);
    const split = ctx.split(images, ctx.poolWorkers);
    if (!serial || !split) return [];
    const ideal = Math.min(split.workers, ctx.cores);
    const share = scaleInterval(speedup(serial, split), 1 / ideal);
    const pool = fastest(ctx.points.all.filter((p) => (NODE_POOLS as readonly string[]).includes(p.strategy) && p.images === images));
    const against = pool ? timeRatio(pool, split) : undefined;
    const why = against ? AGAINST_SPLIT[orderOf(against)] : '';
    const poolText = pool && against ? `; the fastest pool there, \`${pointLabel(ctx.experiment, pool)}\`, is ${versus(against, 'the split')}${why ? `: ${why}` : ''}` : '';
    return [`${versus(timeRatio(split, serial), 'the serial loop')} on ${count(images)} photos (${estimate(share, 'percent')} of the ideal ${ideal}×${poolText})`];
  });
  if (!parts.length) return '';
  const serial = ctx.get(SERIAL.node, ctx.full);
  const busy = serial ? busyCores(serial) : undefined;
  // Over one core busy, the serial loop already used part of the second one (garbage collector, compiler threads).
  const busyText = busy && outcomeOf(busy, { above: 1 }) === 'holds' ? `: cores that are all busy slow each other down, and the serial loop alone already kept ${estimate(busy, DIGITS)} cores busy, its garbage collector and compiler running beside it` : '';
  return ` A pool without a queue, measured in the same run: ${ctx.poolWorkers === 1 ? '1 child process that' : `${count(ctx.poolWorkers)} child processes that each`} make one equal share of the thumbnails in a single task, with no dispatch between photos, are ${parts.join('; ')}. What the split loses against the ideal is not dispatch: it is the host${busyText}, and the imbalance of equal photo counts that are not equal work.`;
}

function speedupSection(ctx: Context, checks: BaselineCheck[]): Section {
  const best = bestPureJsPool(ctx);
  const flag = best ? aboveCoresFlag(best.speedup, ctx.cores, checks.find((b) => b.strategy === SERIAL.node)) : '';
  const text = best
    ? `The best pure-JavaScript pool measured, ${phrase(best.pool)}${best.pool.batch > 1 ? ` with batches of ${best.pool.batch}` : ''} on ${count(best.pool.images)} photos, is ${versus(invertInterval(best.speedup), 'the serial loop on the same photos')}; the ideal on this machine is ${ctx.cores}×. Past ${plural(ctx.cores, 'worker')} the pools can only share the same cores.${ceilingText(ctx)}${workerCostText(ctx)}`
    : 'No pure-JavaScript pool was measured together with the serial loop.';
  const lead = best ? `The best pure-JavaScript pool, \`${pointLabel(ctx.experiment, best.pool)}\` on ${count(best.pool.images)} photos, is ${versus(invertInterval(best.speedup), 'the serial loop')}; the ideal is ${ctx.cores}×.` : undefined;
  return { id: 'speedup', title: 'Speed-up against workers', lead, blocks: [md(text), ...(flag ? [note(flag, 'warning')] : []), ...baselineBlocks(ctx, checks), ...fig(speedupFigure(ctx))] };
}

function overheadSection(ctx: Context): Section {
  const chunks = chunkChecks(ctx, 'node-processes');
  const best = chunks.reduce<(typeof chunks)[number] | undefined>((a, c) => (!a || c.estimate.value < a.estimate.value ? c : a), undefined);
  const one = ctx.get('node-processes', ctx.sweep, { workers: ctx.poolWorkers });
  const chunkText = best && one ? ` For child processes the best larger batch, ${best.label}, is ${versus(best.estimate, 'one photo per task')}: a round trip is small next to a photo’s ${ms((perPhoto(one) * one.workers))} of work.` : '';
  const started = startups(ctx).filter((s) => s.workers === ctx.poolWorkers && ['node-threads', 'node-processes', PY_PROCESSES].includes(s.strategy));
  const startText = started.length ? `At ${plural(ctx.poolWorkers, 'worker')}, start-up takes ${started.map((s) => `${ms(s.median)} for ${strategyLabel(ctx.experiment, s.strategy)}`).join(', ')}` : '';
  const lead = startText || best ? `${[startText, best ? `for child processes the best larger batch, ${best.label}, is ${versus(best.estimate, 'one photo per task')}` : ''].filter(Boolean).join('; ')}.`.replace(/^./, (c) => c.toUpperCase()) : undefined;
  return {
    id: 'overheads',
    title: 'Start-up, batch size and moving data',
    lead,
    blocks: [
      md(`The article warns that starting processes and shuttling data between them costs something, and that \`chunksize\` helps with large inputs. Three measurements of those costs follow: the pools’ start-up, the photos per task, and photos sent as file paths or as bytes.${chunkText}`),
      ...fig(startupFigure(ctx)),
      ...fig(batchFigure(ctx)),
      ...fig(transportFigure(ctx)),
    ],
  };
}

function sharpText(ctx: Context): string {
  const one = ctx.get(SHARP, ctx.full);
  const many = ctx.get(SHARP, ctx.full, { workers: ctx.poolWorkers });
  if (!one) return 'sharp was not measured here.';
  const threads = one.rows.map((r) => r.sharp_default_threads).find((v) => typeof v === 'number');
  return [
    `sharp does the work in native code on the libuv thread pool, so one JavaScript thread drives it and no worker pool is needed: with one photo in flight it kept ${estimate(busyCores(one), DIGITS)} cores busy`,
    many && many !== one ? `, with ${count(many.workers)} in flight ${estimate(busyCores(many), DIGITS)}, ${versus(timeRatio(many, one), 'one at a time')}` : '',
    '.',
    typeof threads === 'number' ? ` Its libvips threads per photo default to ${threads} on this machine; the trials set 1, so that the photos in flight alone set the parallelism.` : '',
  ].join('');
}

function runtimesSection(ctx: Context): Section {
  const all = pipelines(ctx);
  const js = all.find((p) => p.pipeline === 'pure JavaScript')?.serial;
  const pil = all.find((p) => p.pipeline === 'Pillow (C)')?.serial;
  // Same photos on both sides: the ratio of times is the ratio of times per photo.
  const slower = js && pil && js.images === pil.images ? timeRatio(js, pil) : undefined;
  const beyondPool = slower && outcomeOf(slower, { above: ctx.cores }) === 'holds' ? `: more than the ${ctx.cores} cores a pool of JavaScript workers could win back` : '';
  const gap = js && pil && slower ? ` Pillow’s C code makes a thumbnail in ${ms(perPhoto(pil))}, the pure-JavaScript pipeline in ${ms(perPhoto(js))} (${estimate(slower)} as long)${beyondPool}.` : '';
  const blocks: Block[] = [md(`${sharpText(ctx)}${gap}`), ...fig(runtimesFigure(ctx))];
  if (ctx.pythonMissing) blocks.push(note(`The article’s Python is ${ctx.pythonMissing}; Pillow has no bars.`, 'warning'));
  const each = all.flatMap((p) => (p.serial ? [`${p.pipeline} ${ms(perPhoto(p.serial))}`] : []));
  const lead = each.length ? `One photo at a time, a thumbnail takes ${each.join(', ')}.` : undefined;
  return { id: 'runtimes', title: 'Pure JavaScript, sharp and Pillow', lead, blocks };
}

function medianTable(ctx: Context): Table {
  const points = [...ctx.points.all].sort((a, b) => a.images - b.images || byDisplayOrder(ctx.experiment)(a, b));
  const row = (p: ThumbPoint) => {
    const s = speedupOf(ctx, p);
    const ok = s && s.n >= 2 && s.lo > 0 && Number.isFinite(s.hi);
    return {
      point: `\`${pointLabel(ctx.experiment, p)}\``,
      images: p.images,
      real: round(p.wall.median),
      spread: spread(p.wall.rel_iqr),
      cpu: round(perPhoto(p, 'cpu') * p.images),
      busy: round(busyCores(p).value, 2),
      speedup: s ? round(s.value, 2) : null,
      interval: ok ? `${s.lo.toFixed(2)}–${s.hi.toFixed(2)}` : null,
      startup: round(median(valuesOf(p, (r) => r.startup_ms))),
      n: p.wall.n,
    };
  };
  return {
    id: 'medians',
    title: 'Every point',
    caption: `Milliseconds of work (medians); CPU is user + sys of the whole process tree, split in \`results.csv\`. Busy cores is (user + sys) / real (geometric mean). Speed-up is against the same runtime’s serial loop on the same photos (sharp: against sharp with one photo in flight), a ratio of geometric means with its 95 % interval. Spread is half the interquartile range relative to the median. `,
    columns: columns({ point: 'Strategy · workers', images: 'Photos', real: 'Real (ms)', spread: 'Spread >', cpu: 'CPU (ms)', busy: 'Busy cores', speedup: 'Speed-up (×)', interval: '95 % interval >', startup: 'Start-up (ms)', n: 'Reps' }, { real: 1, cpu: 1, busy: 2, speedup: 2, startup: 1 }),
    rows: points.map(row),
  };
}

function pointsSection(ctx: Context): Section {
  const reps = ctx.reps > 0 ? ` Every point has at least ${plural(ctx.reps, 'clean repetition')}.` : '';
  return {
    id: 'all-points',
    title: 'All points',
    lead: ctx.points.all.length ? `${plural(ctx.points.all.length, 'point')} on the ${count(PHOTO.longSide)}-pixel photos, each with its real and CPU time, busy cores and speed-up over its own baseline.` : undefined,
    blocks: ctx.points.all.length ? [md(`Each strategy at each point measured.${reps} The share of idle cores in T3 is 1 − busy cores / ${ctx.cores}: ${Math.round((1 - 1 / ctx.cores) * 100)} % when one core is busy.`), { kind: 'table', table: medianTable(ctx) }] : [note('No measured rows.', 'warning')],
  };
}

// ---- the document -----------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const checks = baselines(ctx);
  const sizes = sizeComparisons(ctx);
  const flickr = sizes.find((c) => c.longSide === PHOTO.longSide);
  const stages = stageSets(input, ctx);
  const flickrStages = stages.find((s) => s.longSide === PHOTO.longSide);
  const sharpSections = [fastestSection(ctx, flickr, flickrStages), stagesSection(stages), sizeSection(ctx, sizes, stages)].filter((s): s is Section => s !== undefined);
  return {
    headline: headline(ctx, checks, flickr),
    glance: glance(ctx, flickr),
    best: best(ctx),
    claims: claimVerdicts(ctx),
    sections: [timeSection(ctx), speedupSection(ctx, checks), overheadSection(ctx), runtimesSection(ctx), ...sharpSections, pointsSection(ctx)],
  };
};

export default report;
