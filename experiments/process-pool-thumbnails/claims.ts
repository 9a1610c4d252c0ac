// The verdicts on T1–T5. Each claim is judged on the article's Python as it
// runs here and on the Node analog, each as a "finding" with a level; one
// rule turns the pair into the verdict. Every threshold is a named constant
// and every verdict's `basis` states its rule.

import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { combine, sideNote, type Finding, type Level } from '../../lib/report/verdict.ts';
export { combine, type Finding, type Level } from '../../lib/report/verdict.ts';
import { COMPARE_DEFAULTS } from '../../lib/stats/compare.ts';
import { compare, fastest, metricValues, speedup, NODE_POOLS, PY_PROCESSES, PY_THREADS, SERIAL, type Order, type Point } from './analysis.ts';
import { ARTICLE, articleCpuRatio, articleSpeedup } from './article.ts';
import type { Context } from './context.ts';
import { count, ms, percent, ratio } from '../../lib/report/format.ts';
import { phrase } from './labels.ts';
import { signedMs, signedPercent } from './signed.ts';

/** T1: the share of the ideal speed-up (min(workers, cores)) that counts as "about the core count" (the article: 3.94 of 4, 98 %). */
export const T1_SHARE = 0.85;
/** T2: the pool's user + sys within this of the serial loop's is "about the same"; within T2_NEAR, partly. */
export const T2_SAME = 0.15;
export const T2_NEAR = 0.3;
/** T3: the serial loop keeps one core busy if its (user + sys) / real is within 1 ± this. */
export const T3_BAND = 0.2;
/** T4: a pool start-up of at least this share of the work it then does is a visible cost. */
export const T4_STARTUP_SHARE = 0.05;

const absent = (text: string): Finding => ({ level: 'absent', text });
const { tolerance: TOLERANCE, minReps: MIN_REPS } = COMPARE_DEFAULTS;
const seconds = (ms_: number) => (Number.isFinite(ms_) ? `${(ms_ / 1000).toFixed(2)} s` : '–');
const photos = (n: number | undefined) => `${count(n ?? NaN)} photos`;

// ---- T1: a pool is about core-count times faster -------------------------------------------

function speedupFinding(ctx: Context, poolName: string, serialName: string): Finding {
  const serial = ctx.points.get(serialName, ctx.full);
  const pool = ctx.points.get(poolName, ctx.full, { workers: ctx.poolWorkers });
  if (!serial || !pool) return absent(`not measured (no ${serialName} and ${poolName} at ${ctx.poolWorkers} workers on ${photos(ctx.full)})`);
  const c = compare(pool.wall, serial.wall);
  const s = speedup(serial, pool);
  const ideal = Math.min(pool.workers, ctx.cores);
  const level: Level = c.order === 'faster' ? (s >= T1_SHARE * ideal ? 'full' : 'partial') : c.order === 'unclear' ? 'unclear' : 'none';
  return { level, text: `${ratio(s)} with ${phrase(pool)} on ${photos(ctx.full)} (${ms(serial.wall.median)} → ${ms(pool.wall.median)}), ${percent(s / ideal)} of the ideal ${ratio(ideal)}.` };
}

/** The worker-thread pool and the best pure-JS pool anywhere, beside the child processes' T1 figure. */
function nodeSpeedupAside(ctx: Context): string {
  const serial = ctx.points.get(SERIAL.node, ctx.full);
  const threads = ctx.points.get('node-threads', ctx.full, { workers: ctx.poolWorkers });
  const parts: string[] = [];
  if (serial && threads) parts.push(`Worker threads: ${ratio(speedup(serial, threads))}.`);
  const best = bestPureJsPool(ctx);
  if (best) parts.push(`Best pure-JS pool measured: ${ratio(best.speedup)} (${phrase(best.pool)}, ${photos(best.pool.images)}).`);
  const split = ctx.points.split(ctx.full, ctx.poolWorkers);
  if (serial && split) parts.push(`The static split (one share of the photos per process, no dispatch): ${ratio(speedup(serial, split))}.`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** The highest speed-up of any pure-JS pool over the serial loop on the same photos. */
export function bestPureJsPool(ctx: Context): { pool: Point; speedup: number } | undefined {
  let best: { pool: Point; speedup: number } | undefined;
  for (const p of ctx.points.all.filter((q) => (NODE_POOLS as readonly string[]).includes(q.strategy))) {
    const serial = ctx.points.baselineFor(p);
    if (!serial) continue;
    const s = speedup(serial, p);
    if (Number.isFinite(s) && (!best || s > best.speedup)) best = { pool: p, speedup: s };
  }
  return best;
}

// ---- T2: the CPU time stays about the same -------------------------------------------------

function cpuFinding(ctx: Context, poolName: string, serialName: string): Finding {
  const serial = ctx.points.get(serialName, ctx.full);
  const pool = ctx.points.get(poolName, ctx.full, { workers: ctx.poolWorkers });
  if (!serial || !pool) return absent(`not measured (no ${serialName} and ${poolName} at ${ctx.poolWorkers} workers on ${photos(ctx.full)})`);
  const r = pool.cpu.median / serial.cpu.median;
  const off = Math.abs(r - 1);
  const level: Level = Math.min(pool.cpu.n, serial.cpu.n) < MIN_REPS || !Number.isFinite(r) ? 'unclear' : off <= T2_SAME ? 'full' : off <= T2_NEAR ? 'partial' : 'none';
  return {
    level,
    text: `user + sys ${seconds(serial.cpu.median)} serial, ${seconds(pool.cpu.median)} with ${phrase(pool)} (${signedPercent(r - 1)}; user ${seconds(serial.user.median)} → ${seconds(pool.user.median)}), real ${seconds(serial.wall.median)} → ${seconds(pool.wall.median)}.`,
  };
}

// ---- T3: the serial loop leaves the other cores idle ------------------------------------------

function idleFinding(ctx: Context, serialName: string, poolName: string): Finding {
  const serial = ctx.points.get(serialName, ctx.full);
  if (!serial) return absent(`not measured (no ${serialName} rows)`);
  const busy = serial.busyCores.median;
  const idle = 1 - busy / ctx.cores;
  const level: Level = serial.busyCores.n < MIN_REPS || !Number.isFinite(busy) ? 'unclear' : Math.abs(busy - 1) <= T3_BAND ? 'full' : busy < 1 ? 'partial' : 'none';
  const pool = ctx.points.get(poolName, ctx.full, { workers: ctx.poolWorkers });
  const poolText = pool ? ` ${phrase(pool)[0]!.toUpperCase()}${phrase(pool).slice(1)} kept ${pool.busyCores.median.toFixed(2)} busy.` : '';
  return { level, text: `The serial loop kept ${busy.toFixed(2)} cores busy ((user + sys) / real): ${percent(idle)} of ${ctx.cores} cores idle.${poolText}` };
}

// ---- T4: start-up and moving data cost something; chunksize helps ----------------------------

type Answer = 'yes' | 'no' | 'unclear' | 'absent';

interface Costs {
  answer: Answer;
  text: string;
}

/** Start-up as a share of the work, for a pool on the full set. */
function startupCost(ctx: Context, poolName: string): { share: number; text: string } | undefined {
  const pool = ctx.points.get(poolName, ctx.full, { workers: ctx.poolWorkers });
  if (!pool || pool.startup.n === 0) return undefined;
  const share = pool.startup.median / pool.wall.median;
  return { share, text: `start-up ${ms(pool.startup.median)} (${percent(share)} of its ${ms(pool.wall.median)} of work)` };
}

/** Bytes against paths at the pool size on the sweep set: the cost of moving the photos themselves. */
export function transportPairs(ctx: Context): { pool: string; paths: Point; bytes: Point; order: Order }[] {
  return NODE_POOLS.flatMap((pool) => {
    const paths = ctx.points.get(pool, ctx.sweep, { workers: ctx.poolWorkers });
    const bytes = ctx.points.get(pool, ctx.sweep, { workers: ctx.poolWorkers, transport: 'bytes' });
    return paths && bytes ? [{ pool, paths, bytes, order: compare(bytes.wall, paths.wall).order }] : [];
  });
}

function nodeCosts(ctx: Context): Costs {
  const start = startupCost(ctx, 'node-processes');
  const pairs = transportPairs(ctx);
  if (!start && pairs.length === 0) return { answer: 'absent', text: 'no pool start-up or bytes-against-paths rows' };
  const perPhoto = (p: Point) => p.wall.median / p.images;
  const bytesText = pairs.map((x) => `${x.pool} bytes ${x.order === 'slower' ? 'slower than' : x.order === 'faster' ? 'faster than' : x.order === 'same' ? 'as fast as' : 'within the noise of'} paths (${signedMs(perPhoto(x.bytes) - perPhoto(x.paths))} a photo)`);
  const visible = (start && start.share >= T4_STARTUP_SHARE) || pairs.some((x) => x.order === 'slower');
  const unclear = pairs.some((x) => x.order === 'unclear');
  const answer: Answer = visible ? 'yes' : unclear ? 'unclear' : 'no';
  return { answer, text: [start ? `child processes: ${start.text}` : '', ...bytesText].filter(Boolean).join('; ') };
}

function pythonCosts(ctx: Context): Costs {
  const start = startupCost(ctx, PY_PROCESSES);
  if (!start) return { answer: 'absent', text: 'no pool start-up rows' };
  return { answer: start.share >= T4_STARTUP_SHARE ? 'yes' : 'no', text: `ProcessPoolExecutor: ${start.text}` };
}

/** The best larger batch against batch 1 for a pool at the pool size on the sweep set. */
export function chunkEffect(ctx: Context, poolName: string): { answer: Answer; text: string; best?: Point; one?: Point } {
  const sweep = ctx.points.batches(poolName, ctx.sweep, ctx.poolWorkers);
  const one = sweep.find((p) => p.batch === 1);
  const best = fastest(sweep.filter((p) => p.batch > 1));
  if (!one || !best) return { answer: 'absent', text: 'no batch-size sweep' };
  const c = compare(best.wall, one.wall);
  const answer: Answer = c.order === 'faster' ? 'yes' : c.order === 'unclear' ? 'unclear' : 'no';
  return { answer, best, one, text: `batch ${best.batch} ${ms(best.wall.median)} against batch 1 ${ms(one.wall.median)} (${photos(ctx.sweep)})` };
}

function overheadFinding(costs: Costs, chunk: { answer: Answer; text: string }): Finding {
  const text = `${costs.text}; chunks: ${chunk.text}.`;
  const answers = [costs.answer, chunk.answer].filter((a) => a !== 'absent');
  if (answers.length === 0) return absent(`not measured (${costs.text}; ${chunk.text})`);
  if (answers.includes('unclear')) return { level: 'unclear', text };
  const yes = answers.filter((a) => a === 'yes').length;
  const level: Level = yes === 2 ? 'full' : yes === 1 ? 'partial' : 'none';
  return { level, text };
}

// ---- T5: only copyable data; results in input order ------------------------------------------

function orderFinding(ctx: Context, pools: readonly string[], refusal: string): Finding {
  const points = ctx.points.all.filter((p) => pools.includes(p.strategy));
  const order = points.flatMap((p) => metricValues(p, 'order_kept'));
  const probes = points.flatMap((p) => metricValues(p, 'unclonable_rejected'));
  if (order.length === 0) return absent(`not measured (no ${pools.join(' or ')} rows)`);
  const kept = order.filter((v) => v === 1).length;
  const refused = probes.filter((v) => v === 1).length;
  const level: Level = kept < order.length ? 'none' : probes.length > 0 && refused === probes.length ? 'full' : 'partial';
  const probeText = probes.length ? `; ${refusal} in ${refused} of ${probes.length}` : '; no unpicklable-input probe';
  return { level, text: `Results in input order in ${kept} of ${order.length} pool trials${probeText}.` };
}

// ---- from findings to verdicts -----------------------------------------------------------------

const RULE = `Faster or slower: medians over ${percent(TOLERANCE)} apart and interquartile ranges apart, with at least ${MIN_REPS} repetitions.`;

export function claimVerdicts(ctx: Context, claims: readonly { id: string; text: string }[]): ClaimVerdict[] {
  const text = (id: string) => claims.find((c) => c.id === id)?.text ?? id;
  const py = (f: Finding) => ctx.pythonMissing ?? f.text;
  const P = ctx.poolWorkers;

  const t1py = speedupFinding(ctx, PY_PROCESSES, SERIAL.python);
  const t1node = speedupFinding(ctx, 'node-processes', SERIAL.node);
  const t2py = cpuFinding(ctx, PY_PROCESSES, SERIAL.python);
  const t2node = cpuFinding(ctx, 'node-processes', SERIAL.node);
  const t3py = idleFinding(ctx, SERIAL.python, PY_PROCESSES);
  const t3node = idleFinding(ctx, SERIAL.node, 'node-processes');
  const t4py = overheadFinding(pythonCosts(ctx), chunkEffect(ctx, PY_PROCESSES));
  const t4node = overheadFinding(nodeCosts(ctx), chunkEffect(ctx, 'node-processes'));
  const t5py = orderFinding(ctx, [PY_PROCESSES, PY_THREADS], 'a lambda in the input refused (pickling error)');
  const t5node = orderFinding(ctx, NODE_POOLS, 'a function in the input refused (DataCloneError)');

  return [
    {
      id: 'T1',
      claim: text('T1'),
      article: `${ratio(articleSpeedup)} on ${ARTICLE.cores} cores (real ${ARTICLE.serial.real_s} s → ${ARTICLE.pool.real_s} s), ${percent(articleSpeedup / ARTICLE.cores)} of the ideal.`,
      python: py(t1py),
      node: `Child processes: ${t1node.text}${nodeSpeedupAside(ctx)}`,
      verdict: combine(t1py, t1node),
      basis: `Reproduced if the pool of ${P} (one per core, as \`ProcessPoolExecutor()\` starts) is faster than the serial loop and reaches ${percent(T1_SHARE)} of the ideal min(workers, ${ctx.cores} cores), partly if faster by less. ${RULE}${sideNote(ctx, t1py, t1node)}`,
    },
    {
      id: 'T2',
      claim: text('T2'),
      article: `user ${ARTICLE.serial.user_s} s → ${ARTICLE.pool.user_s} s, user + sys ${signedPercent(articleCpuRatio - 1)}.`,
      python: py(t2py),
      node: `Child processes: ${t2node.text}`,
      verdict: combine(t2py, t2node),
      basis: `Reproduced if the pool’s user + sys CPU time (the whole process tree, during the work) is within ${percent(T2_SAME)} of the serial loop’s, partly if within ${percent(T2_NEAR)} (the article’s own figures are ${signedPercent(articleCpuRatio - 1)}); medians, at least ${MIN_REPS} repetitions.${sideNote(ctx, t2py, t2node)}`,
    },
    {
      id: 'T3',
      claim: text('T3'),
      article: `75 % idle on 4 cores (Activity Monitor): one core busy.`,
      python: py(t3py),
      node: t3node.text,
      verdict: combine(t3py, t3node),
      basis: `Reproduced if the serial loop’s median (user + sys) / real is 1 ± ${T3_BAND} cores, so that ${ctx.cores - 1} of this machine’s ${ctx.cores} cores sit idle; partly if it keeps less than one core busy (waiting), not reproduced if more than one; at least ${MIN_REPS} repetitions.${sideNote(ctx, t3py, t3node)}`,
    },
    {
      id: 'T4',
      claim: text('T4'),
      article: 'No figures: the overhead and the chunksize tip are stated, not measured.',
      python: py(t4py),
      node: t4node.text,
      verdict: combine(t4py, t4node),
      basis: `Two parts. A cost is visible if the pool’s start-up is at least ${percent(T4_STARTUP_SHARE)} of its work on ${photos(ctx.full)}, or (Node) photos sent as bytes are slower than as paths. Chunks help if the best of the larger batches is faster than batch 1 at ${P} workers. Reproduced if both hold, partly if one does. ${RULE}${sideNote(ctx, t4py, t4node)}`,
    },
    {
      id: 'T5',
      claim: text('T5'),
      article: 'Stated: `map` returns results in input order; inputs must be picklable.',
      python: py(t5py),
      node: t5node.text,
      verdict: combine(t5py, t5node),
      basis: 'Reproduced if every pool trial returned its thumbnails in input order and every probe that put a function into a task’s input was refused (Python: a pickling error; Node: a DataCloneError from structured clone), partly if only the order holds; not reproduced if any trial lost the order.' + sideNote(ctx, t5py, t5node),
    },
  ];
}
