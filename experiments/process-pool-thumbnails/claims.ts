// The verdicts on T1–T5 as data: for each claim and each runtime, the
// quantities it weighs, each with its 95 % interval, and what the claim
// expects of them. lib/verdicts/claim.ts classifies, levels, words and judges.

import { missingSide } from '../../lib/report/context.ts';
import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { count, ms, percent } from '../../lib/report/format.ts';
import { speedup, timeRatio } from '../../lib/report/points.ts';
import { scaleInterval, type Interval } from '../../lib/stats/interval.ts';
import { outcomeOf } from '../../lib/verdicts/classify.ts';
import { judgeClaim, measured, type Check, type Side } from '../../lib/verdicts/claim.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { bestPureJsPool, busyCores, cpuRatio, metricValues, perPhoto, startupShare } from './analysis.ts';
import { ARTICLE, articleCpuRatio, articleSpeedup } from './article.ts';
import { NODE_POOLS, PY_PROCESSES, PY_THREADS, SERIAL, type Context, type ThumbPoint } from './context.ts';
import { phrase, pointLabel } from './labels.ts';

/** T1: "about the core count" is a speed-up above this share of the ideal min(workers, cores); the article reached 3.94 of 4 (98 %). */
export const T1_SHARE = 0.85;
/** T2: the pool's user + sys within this of the serial loop's is "about the same"; within T2_NEAR, partly. */
export const T2_SAME = 0.15;
export const T2_NEAR = 0.3;
/** T3: the serial loop keeps one core busy if its (user + sys) / real is within 1 ± this. */
export const T3_BAND = 0.2;
/** T4: a pool start-up of at least this share of the work it then does is a visible cost. */
export const T4_STARTUP_SHARE = 0.05;

const seconds = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : '–');
const photos = (n: number | undefined) => `${count(n ?? NaN)} photos`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Cases of which one is enough ("a cost shows: start-up, or bytes slower than
 * paths"): the checks that hold when any does, else all of them, so that
 * `combine: 'each'` reads one case out of several alternatives.
 * candidate for lib: an `anyOf` case for lib/verdicts/claim.ts.
 */
export function anyOf(checks: Check[]): Check[] {
  const holding = checks.filter((c) => outcomeOf(c.estimate, c.expect) === 'holds');
  return holding.length ? holding : checks;
}

/** A count that has no sampling spread (trials that lost the order): an interval of one value over n trials. */
const exact = (value: number, n: number): Interval => ({ value, lo: value, hi: value, n });

/** The serial loop and the pool per core on the full set: the article's comparison. */
function comparison(ctx: Context, poolName: string, serialName: string): { serial: ThumbPoint; pool: ThumbPoint } | undefined {
  const serial = ctx.get(serialName, ctx.full);
  const pool = ctx.get(poolName, ctx.full, { workers: ctx.poolWorkers });
  return serial && pool ? { serial, pool } : undefined;
}

const notCompared = (ctx: Context, poolName: string, serialName: string) => missingSide(ctx, [serialName, poolName], `no ${serialName} and ${poolName} at ${ctx.poolWorkers} workers on ${photos(ctx.full)}`);

// ---- T1: a pool is about core-count times faster -----------------------------------------

function speedupSide(ctx: Context, poolName: string, serialName: string, note = ''): Side {
  const c = comparison(ctx, poolName, serialName);
  if (!c) return notCompared(ctx, poolName, serialName);
  const ideal = Math.min(c.pool.workers, ctx.cores);
  const s = speedup(c.serial, c.pool);
  return measured(
    [
      { label: phrase(c.pool), estimate: timeRatio(c.pool, c.serial), expect: { order: 'faster' }, baseline: 'the serial loop' },
      { label: 'speed-up', estimate: s, expect: { above: T1_SHARE * ideal }, role: 'extra' },
    ],
    { lead: `On ${photos(ctx.full)}:`, note: [`${estimate(scaleInterval(s, 1 / ideal), 'percent')} of the ideal ${ideal}×.`, note].filter(Boolean).join(' ') },
  );
}

/** The worker-thread pool, the best pure-JS pool anywhere and the static split, beside the child processes' T1 figure. */
function nodeSpeedupAside(ctx: Context): string {
  const serial = ctx.get(SERIAL.node, ctx.full);
  const threads = ctx.get('node-threads', ctx.full, { workers: ctx.poolWorkers });
  const split = ctx.split(ctx.full, ctx.poolWorkers);
  const best = bestPureJsPool(ctx);
  return [
    serial && threads ? `Worker threads: ${versus(timeRatio(threads, serial), 'the serial loop')}.` : '',
    best ? `Best pure-JS pool measured: \`${pointLabel(ctx.experiment, best.pool)}\` on ${photos(best.pool.images)}, ${estimate(best.speedup)}.` : '',
    serial && split ? `The static split (one share of the photos per process, no dispatch): ${versus(timeRatio(split, serial), 'the serial loop')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

// ---- T2: the CPU time stays about the same ------------------------------------------------

function cpuSide(ctx: Context, poolName: string, serialName: string): Side {
  const c = comparison(ctx, poolName, serialName);
  if (!c) return notCompared(ctx, poolName, serialName);
  const r = cpuRatio(c.pool, c.serial);
  const cpu = (p: ThumbPoint) => seconds(perPhoto(p, 'cpu') * p.images);
  return measured(
    [
      { label: `user + sys of ${phrase(c.pool)} over the serial loop’s`, estimate: r, expect: { within: [1 - T2_NEAR, 1 + T2_NEAR] } },
      { label: `within ${percent(T2_SAME)}`, estimate: r, expect: { within: [1 - T2_SAME, 1 + T2_SAME] }, role: 'extra' },
    ],
    { note: `Medians: user + sys ${cpu(c.serial)} → ${cpu(c.pool)}, real ${seconds(c.serial.wall.median)} → ${seconds(c.pool.wall.median)}.` },
  );
}

// ---- T3: the serial loop leaves the other cores idle ----------------------------------------

function idleSide(ctx: Context, serialName: string, poolName: string): Side {
  const serial = ctx.get(serialName, ctx.full);
  if (!serial) return missingSide(ctx, [serialName], `no ${serialName} rows on ${photos(ctx.full)}`);
  const busy = busyCores(serial);
  const idle: Interval = { value: 1 - busy.value / ctx.cores, lo: 1 - busy.hi / ctx.cores, hi: 1 - busy.lo / ctx.cores, n: busy.n };
  const pool = ctx.get(poolName, ctx.full, { workers: ctx.poolWorkers });
  const digits = { digits: 2 };
  return measured(
    [
      { label: 'cores the serial loop kept busy ((user + sys) / real)', estimate: busy, expect: { below: 1 + T3_BAND }, unit: digits },
      { label: 'not waiting', estimate: busy, expect: { above: 1 - T3_BAND }, unit: digits, role: 'extra' },
    ],
    { note: `${estimate(idle, 'percent')} of ${ctx.cores} cores idle.${pool ? ` ${capital(phrase(pool))} kept ${estimate(busyCores(pool), digits)} busy.` : ''}` },
  );
}

// ---- T4: start-up and moving data cost something; chunksize helps ---------------------------

/** Start-up over the work it then does, for a pool on the full set. */
function startupCheck(ctx: Context, poolName: string, label: string): Check | undefined {
  const pool = ctx.get(poolName, ctx.full, { workers: ctx.poolWorkers });
  const share = pool ? startupShare(pool) : undefined;
  // In per cent with one decimal: a start-up of a few ms rounds to "0 %" in whole per cent.
  const pct = { digits: 1, suffix: ' %' };
  return pool && share && share.n > 0 ? { label: `${label} start-up over its work (${ms(pool.wall.median)})`, estimate: scaleInterval(share, 100), expect: { above: T4_STARTUP_SHARE * 100 }, unit: pct } : undefined;
}

/** Bytes against paths at the pool size on the sweep set: the cost of moving the photos themselves. */
export function transportPairs(ctx: Context): { pool: string; paths: ThumbPoint; bytes: ThumbPoint; ratio: Interval }[] {
  return NODE_POOLS.flatMap((pool) => {
    const paths = ctx.get(pool, ctx.sweep, { workers: ctx.poolWorkers });
    const bytes = ctx.get(pool, ctx.sweep, { workers: ctx.poolWorkers, transport: 'bytes' });
    return paths && bytes ? [{ pool, paths, bytes, ratio: timeRatio(bytes, paths) }] : [];
  });
}

/** Each larger batch against batch 1 for a pool at the pool size on the sweep set. */
export function chunkChecks(ctx: Context, poolName: string): Check[] {
  const one = ctx.get(poolName, ctx.sweep, { workers: ctx.poolWorkers });
  if (!one) return [];
  const larger = ctx.points.where(poolName, { images: one.images, workers: one.workers, transport: 'paths' }).filter((p) => p.batch > 1);
  return larger.sort((a, b) => a.batch - b.batch).map((p) => ({ label: `batch ${p.batch}`, estimate: timeRatio(p, one), expect: { order: 'faster' }, baseline: 'batch 1' }));
}

function overheadSide(ctx: Context, costs: (Check | undefined)[], poolName: string): Side {
  const cost = costs.filter((c): c is Check => c !== undefined);
  const chunks = chunkChecks(ctx, poolName);
  if (cost.length === 0 && chunks.length === 0) return missingSide(ctx, [poolName], 'no pool start-up, bytes-against-paths or batch-size rows');
  const swept = cost.some((c) => 'order' in c.expect) ? 'transport and batches' : 'batches';
  return measured([...anyOf(cost), ...anyOf(chunks)], { combine: 'each', lead: `Start-up on ${photos(ctx.full)}, ${swept} on ${photos(ctx.sweep)}:` });
}

// ---- T5: only copyable data; results in input order -----------------------------------------

function orderSide(ctx: Context, pools: readonly string[], refusal: string): Side {
  const points = ctx.points.all.filter((p) => pools.includes(p.strategy));
  const order = points.flatMap((p) => metricValues(p, 'order_kept'));
  const probes = points.flatMap((p) => metricValues(p, 'unclonable_rejected'));
  if (order.length === 0) return missingSide(ctx, pools, `no ${pools.join(' or ')} rows`);
  const whole = { digits: 0 };
  return measured(
    [
      { label: `pool trials out of input order (of ${order.length})`, estimate: exact(order.filter((v) => v !== 1).length, order.length), expect: { below: 1 }, unit: whole },
      probes.length > 0 && { label: `probes with a function in the input not refused (of ${probes.length}; ${refusal})`, estimate: exact(probes.filter((v) => v !== 1).length, probes.length), expect: { below: 1 }, unit: whole, role: 'extra' },
    ],
    probes.length > 0 ? {} : { note: 'No probe put a function into a task’s input here: judged on the order alone.' },
  );
}

// ---- the claims -------------------------------------------------------------------------------

export function claimVerdicts(ctx: Context): ClaimVerdict[] {
  const text = (id: string) => ctx.experiment.claims.find((c) => c.id === id)?.text ?? id;
  const python = (side: () => Side): Side => (ctx.pythonMissing ? { kind: 'not-run', reason: ctx.pythonMissing } : side());
  const P = ctx.poolWorkers;
  const ideal = Math.min(P, ctx.cores);
  return [
    judgeClaim({
      id: 'T1',
      claim: text('T1'),
      article: `${articleSpeedup.toFixed(2)}× on ${ARTICLE.cores} cores (real ${ARTICLE.serial.real_s} s → ${ARTICLE.pool.real_s} s), ${percent(articleSpeedup / ARTICLE.cores)} of the ideal.`,
      full: `the pool of ${P} (one per core, as \`ProcessPoolExecutor()\` starts) is faster than the serial loop and its speed-up is above ${percent(T1_SHARE)} of the ideal min(workers, ${ctx.cores} cores), ${(T1_SHARE * ideal).toFixed(2)}×`,
      partial: 'the pool is faster but its speed-up is below that',
      python: python(() => speedupSide(ctx, PY_PROCESSES, SERIAL.python)),
      node: speedupSide(ctx, 'node-processes', SERIAL.node, nodeSpeedupAside(ctx)),
    }),
    judgeClaim({
      id: 'T2',
      claim: text('T2'),
      article: `user ${ARTICLE.serial.user_s} s → ${ARTICLE.pool.user_s} s; user + sys ${articleCpuRatio.toFixed(2)}× the serial loop’s.`,
      full: `the pool’s user + sys CPU time (the whole process tree, during the work) over the serial loop’s is within ${(1 - T2_SAME).toFixed(2)}–${(1 + T2_SAME).toFixed(2)}× (the repetitions taken as independent samples)`,
      partial: `it is within ${(1 - T2_NEAR).toFixed(2)}–${(1 + T2_NEAR).toFixed(2)}× (the article’s own figures give ${articleCpuRatio.toFixed(2)}×)`,
      python: python(() => cpuSide(ctx, PY_PROCESSES, SERIAL.python)),
      node: cpuSide(ctx, 'node-processes', SERIAL.node),
    }),
    judgeClaim({
      id: 'T3',
      claim: text('T3'),
      article: '75 % idle on 4 cores (Activity Monitor): one core busy.',
      full: `the serial loop’s (user + sys) / real is within 1 ± ${T3_BAND} cores, so that ${ctx.cores - 1} of this machine’s ${ctx.cores} cores sit idle`,
      partial: `it keeps fewer than ${1 - T3_BAND} cores busy (waiting); not when more than ${1 + T3_BAND}`,
      python: python(() => idleSide(ctx, SERIAL.python, PY_PROCESSES)),
      node: idleSide(ctx, SERIAL.node, 'node-processes'),
    }),
    judgeClaim({
      id: 'T4',
      claim: text('T4'),
      article: 'No figures: the overhead and the chunksize tip are stated, not measured.',
      full: `both parts show: a cost (the pool’s start-up at least ${percent(T4_STARTUP_SHARE)} of its work, or, in Node, photos sent as bytes slower than as paths: any one is enough) and a larger batch faster than batch 1 at ${P} workers (any one)`,
      partial: 'one of the two shows',
      python: python(() => overheadSide(ctx, [startupCheck(ctx, PY_PROCESSES, 'ProcessPoolExecutor')], PY_PROCESSES)),
      node: overheadSide(
        ctx,
        [
          startupCheck(ctx, 'node-processes', 'child processes'),
          ...transportPairs(ctx).map((x): Check => ({ label: `${pointLabel(ctx.experiment, x.bytes)}`, estimate: x.ratio, expect: { order: 'slower' }, baseline: 'paths' })),
        ],
        'node-processes',
      ),
    }),
    judgeClaim({
      id: 'T5',
      claim: text('T5'),
      article: 'Stated: `map` returns results in input order; inputs must be picklable.',
      full: 'no pool trial returned its thumbnails out of input order and every probe that put a function into a task’s input was refused (Python: a pickling error; Node: a DataCloneError from structured clone)',
      partial: 'only the order holds; not reproduced if any trial lost the order',
      python: python(() => orderSide(ctx, [PY_PROCESSES, PY_THREADS], 'a pickling error')),
      node: orderSide(ctx, NODE_POOLS, 'a DataCloneError'),
    }),
  ];
}
