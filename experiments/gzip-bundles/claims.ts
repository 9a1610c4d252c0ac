// The verdicts on G1–G5. Each claim is judged on the article's Python as it
// runs here and on the Node analog, each as a "finding" with a level; one rule
// (as in the factorizer) turns the pair into the verdict. Every threshold is a
// named constant and every verdict's `basis` states its rule.

import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { combine, judgeAlone, repsNote, sideNote, type Finding, type Level } from '../../lib/report/verdict.ts';
export { combine, type Finding, type Level } from '../../lib/report/verdict.ts';
import { COMPARE_DEFAULTS } from '../../lib/stats/compare.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { compare, pairedSpeedup, type Comparison, type Point } from './analysis.ts';
import { articlePoint, type Context } from './context.ts';
import { ARTICLE_BUNDLES, LARGE_FILE_BUNDLE, NODE, PY, SERIAL, UPLOAD, strategyName } from './labels.ts';
import { count, percent, plural, ratio, slowerFaster } from '../../lib/report/format.ts';

/** G4: a worker process busier than this share of a core counts as using a full core. */
export const FULL_CORE = 0.95;
/** G4: a parent process using less than this share of one core counts as idle. */
export const IDLE_PARENT = 0.1;
/** G2: the reader's point, threads use every core: CPU time over wall time above this share of the cores. */
export const ALL_CORES = 0.75;

const absent = (text: string): Finding => ({ level: 'absent', text });
const { tolerance: TOLERANCE, minReps: MIN_REPS } = COMPARE_DEFAULTS;
const pct = percent(TOLERANCE);

/** The article's bundles that have rows, in the article's order. */
function articleBundles(ctx: Context): string[] {
  const have = new Set(ctx.points.bundles().map((b) => b.bundle));
  return ARTICLE_BUNDLES.filter((b) => have.has(b));
}

/** Per-bundle outcomes to one level: every bundle holds → full; some hold, some fail → partial; all fail → none. */
function acrossBundles(outcomes: ('holds' | 'fails' | 'unclear')[]): Level {
  if (outcomes.length === 0) return 'absent';
  if (outcomes.every((o) => o === 'holds')) return 'full';
  if (outcomes.every((o) => o === 'fails')) return 'none';
  if (outcomes.some((o) => o === 'holds') && outcomes.some((o) => o === 'fails')) return 'partial';
  return 'unclear';
}

// ---- G1: serial is the slowest on every bundle ------------------------------------------------

function serialSlowest(ctx: Context, serialName: string, others: readonly string[], runtime: string): Finding {
  const parts: string[] = [];
  const outcomes: ('holds' | 'fails' | 'unclear')[] = [];
  for (const bundle of articleBundles(ctx)) {
    const serial = articlePoint(ctx, serialName, bundle);
    const rivals = others.map((s) => articlePoint(ctx, s, bundle)).filter((p): p is Point => p !== undefined);
    if (!serial || rivals.length === 0) continue;
    const cs = rivals.map((p) => compare(serial.cold, p.cold));
    outcomes.push(cs.every((c) => c.order === 'slower') ? 'holds' : cs.some((c) => c.order === 'faster' || c.order === 'same') ? 'fails' : 'unclear');
    const closest = rivals.reduce((a, b) => (b.cold.median > a.cold.median ? b : a));
    parts.push(`${bundle}: serial ${slowerFaster(serial.cold.median / closest.cold.median, `the slowest pool (${strategyName(closest.strategy)})`)}`);
  }
  if (outcomes.length === 0) return absent(`not measured (no ${runtime} serial and pool rows on the article’s bundles)`);
  return { level: acrossBundles(outcomes), text: `${parts.join('; ')}.` };
}

// ---- G2: the thread pool is the fastest overall, by a small margin -----------------------------

/** Mean over the article's bundles of each strategy's cold median, relative to the slowest such mean (the article's "bestest graph"). */
export function bestest(ctx: Context, strategies: readonly string[]): { strategy: string; mean_ms: number; relative: number }[] {
  const bundles = articleBundles(ctx).filter((b) => strategies.every((s) => articlePoint(ctx, s, b)));
  if (bundles.length === 0) return [];
  const means = strategies.map((s) => ({ strategy: s, mean_ms: bundles.reduce((sum, b) => sum + articlePoint(ctx, s, b)!.cold.median, 0) / bundles.length }));
  const slowest = Math.max(...means.map((m) => m.mean_ms));
  return means.map((m) => ({ ...m, relative: m.mean_ms / slowest }));
}

function threadsFastest(ctx: Context, threads: string, pools: readonly string[], serialName: string): Finding {
  const table = bestest(ctx, [serialName, threads, ...pools]);
  if (table.length === 0) return absent(`not measured (needs ${strategyName(threads)}, the other pools and serial on the same bundles)`);
  const ranked = [...table].sort((a, b) => a.mean_ms - b.mean_ms);
  const best = ranked[0]!;
  const mine = table.find((t) => t.strategy === threads)!;
  const runnerUp = ranked.find((t) => t.strategy !== best.strategy)!;
  const comparisons: Comparison[] = [];
  for (const bundle of articleBundles(ctx)) {
    const p = articlePoint(ctx, threads, bundle);
    for (const other of pools) {
      const q = articlePoint(ctx, other, bundle);
      if (p && q) comparisons.push(compare(p.cold, q.cold));
    }
  }
  let level: Level;
  if (comparisons.every((c) => c.order === 'unclear')) level = 'unclear';
  else if (best.strategy === threads) level = comparisons.some((c) => c.order === 'slower') ? 'partial' : 'full';
  else level = comparisons.every((c) => c.order === 'same' || c.order === 'unclear') ? 'partial' : 'none';
  const margin = best.strategy === threads ? `, ${ratio(runnerUp.mean_ms / best.mean_ms)} ahead of ${strategyName(runnerUp.strategy)}` : `; fastest is ${strategyName(best.strategy)} (${percent(best.relative)})`;
  const cores = coresUsed(ctx, threads);
  return { level, text: `Mean of medians ${percent(mine.relative)} of the slowest${margin}.${cores}` };
}

/** " It keeps 1.9 of 2 cores busy." over the article's bundles, the reader's point. */
function coresUsed(ctx: Context, strategy: string): string {
  const values = articleBundles(ctx).flatMap((b) => articlePoint(ctx, strategy, b)?.rows ?? []).map((r) => (Number(r.cpu_user_ms) + Number(r.cpu_sys_ms)) / Number(r.wall_ms));
  const s = summarize(values);
  if (s.n === 0) return '';
  return ` It keeps ${s.median.toFixed(2)} of ${ctx.cores} cores busy (${s.median >= ALL_CORES * ctx.cores ? 'every core, as the reader said' : 'not every core'}).`;
}

// ---- G3: the gain shrinks when one file dominates --------------------------------------------

/** Per-repetition speed-up of the fastest pool on a bundle over serial, cold. */
function bestGain(ctx: Context, serialName: string, pools: readonly string[], bundle: string) {
  const serial = articlePoint(ctx, serialName, bundle);
  const candidates = pools.map((s) => articlePoint(ctx, s, bundle)).filter((p): p is Point => p !== undefined);
  if (!serial || candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (b.cold.median < a.cold.median ? b : a));
  return { best, gain: pairedSpeedup(serial, best, 'cold') };
}

function gainShrinks(ctx: Context, serialName: string, pools: readonly string[], runtime: string): Finding {
  const large = bestGain(ctx, serialName, pools, LARGE_FILE_BUNDLE);
  const others = ARTICLE_BUNDLES.filter((b) => b !== LARGE_FILE_BUNDLE).map((b) => ({ b, g: bestGain(ctx, serialName, pools, b) })).filter((x) => x.g);
  if (!large || others.length === 0) return absent(`not measured (needs ${runtime} serial and pools on bundle ${LARGE_FILE_BUNDLE} and another article bundle)`);
  // compare() on speed-ups: 'faster' means bundle b's speed-up is the smaller one.
  const outcomes = others.map(({ g }) => {
    const o = compare(large.gain, g!.gain).order;
    return o === 'faster' ? 'holds' : o === 'unclear' ? 'unclear' : 'fails';
  });
  const text = [`${LARGE_FILE_BUNDLE}: ${ratio(large.gain.median)}`, ...others.map(({ b, g }) => `${b}: ${ratio(g!.gain.median)}`)].join(', ');
  return { level: acrossBundles(outcomes), text: `Best pool’s speed-up over serial: ${text}.` };
}

/** What bounds a pool on the large-file bundle here: the largest file's share against one core's share. */
export function largeFileBound(ctx: Context): { largest_share: number; core_share: number; article_cores: number } | undefined {
  const files = ctx.files[LARGE_FILE_BUNDLE];
  if (!files || files.length === 0) return undefined;
  const total = files.reduce((s, f) => s + f.bytes, 0);
  return { largest_share: Math.max(...files.map((f) => f.bytes)) / total, core_share: 1 / ctx.cores, article_cores: 8 };
}

function blocksAside(ctx: Context): string {
  const serial = articlePoint(ctx, SERIAL.node, LARGE_FILE_BUNDLE);
  const blocks = ctx.points.sweep(NODE.blocks, LARGE_FILE_BUNDLE).at(-1);
  const bound = largeFileBound(ctx);
  const parts: string[] = [];
  if (bound) {
    parts.push(
      `Its largest file is ${percent(bound.largest_share)} of the bytes: ${bound.largest_share > bound.core_share ? 'more' : 'less'} than one core’s share on ${ctx.cores} cores (${percent(bound.core_share)}), ${bound.largest_share > 1 / bound.article_cores ? 'more' : 'less'} than on the article’s ${bound.article_cores} (${percent(1 / bound.article_cores)}).`,
    );
  }
  if (serial && blocks) parts.push(`Cutting files into blocks (${strategyName(NODE.blocks)}, ${blocks.workers} threads): ${ratio(serial.cold.median / blocks.cold.median)} over serial.`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

// ---- G4: process-pool workers below a full core, the parent idle -------------------------------

function processPools(ctx: Context, strategies: readonly string[]): Finding {
  const points = articleBundles(ctx).flatMap((b) => strategies.map((s) => articlePoint(ctx, s, b)).filter((p): p is Point => p !== undefined));
  if (points.length === 0) return absent('not measured (no process-pool rows on the article’s bundles)');
  const rows = points.flatMap((p) => p.rows.map((r) => ({ p, r })));
  const perWorker = summarize(points.flatMap((p) => p.rows.map((r) => (Number(r.cpu_user_ms) + Number(r.cpu_sys_ms) - Number(r.parent_cpu_ms)) / p.workers / Number(r.wall_ms))));
  const parent = summarize(rows.map(({ r }) => Number(r.parent_cpu_ms) / Number(r.wall_ms)));
  if (perWorker.n === 0 || parent.n === 0) return absent('not measured (no CPU split between parent and workers)');
  const below = perWorker.median < FULL_CORE;
  const idle = parent.median < IDLE_PARENT;
  const enough = Math.min(...points.map((p) => p.wall.n)) >= MIN_REPS;
  const level: Level = !enough ? 'unclear' : below && idle ? 'full' : below || idle ? 'partial' : 'none';
  return { level, text: `Each worker process ${percent(perWorker.median)} of a core, the parent ${percent(parent.median)} (medians over ${count(perWorker.n)} trials).` };
}

// ---- G5: one shared keep-alive client against a connection per file ---------------------------

function uploadFinding(ctx: Context): Finding {
  const bundles = ctx.points.bundles((p) => p.strategy === UPLOAD.shared).map((b) => b.bundle);
  const parts: string[] = [];
  const outcomes: ('holds' | 'fails' | 'unclear')[] = [];
  for (const bundle of bundles) {
    const shared = ctx.points.sweep(UPLOAD.shared, bundle)[0];
    const fresh = ctx.points.sweep(UPLOAD.perRequest, bundle)[0];
    const serial = ctx.points.sweep(UPLOAD.serial, bundle)[0];
    if (!shared || !fresh) continue;
    const c = compare(shared.wall, fresh.wall);
    const fewer = shared.connections.median <= ctx.maxSockets && shared.connections.median < fresh.connections.median;
    outcomes.push(!fewer ? 'fails' : c.order === 'faster' ? 'holds' : c.order === 'unclear' ? 'unclear' : 'fails');
    const serialText = serial ? `; one file at a time over ${plural(serial.connections.median, 'connection')}: ${slowerFaster(serial.wall.median / shared.wall.median, 'shared')}` : '';
    parts.push(`${bundle}: the shared agent (${plural(shared.connections.median, 'connection')}) ${slowerFaster(c.ratio, `a connection per request (${count(fresh.connections.median)})`)}${serialText}`);
  }
  if (outcomes.length === 0) return absent('not measured (no upload rows)');
  return { level: acrossBundles(outcomes), text: `${parts.join('. ')}.` };
}

// ---- from findings to verdicts ------------------------------------------------------------

const RULE = `Slower or faster: medians over ${pct} apart and interquartile ranges apart, with at least ${MIN_REPS} repetitions; within ${pct} is the same.`;

export function claimVerdicts(ctx: Context, claims: readonly { id: string; text: string }[]): ClaimVerdict[] {
  const text = (id: string) => claims.find((c) => c.id === id)?.text ?? id;
  const py = (f: Finding) => ctx.pythonMissing ?? f.text;

  const g1py = serialSlowest(ctx, PY.serial, [PY.pool, PY.threads, PY.executor], 'Python');
  const g1node = serialSlowest(ctx, NODE.serial, [NODE.libuv, NODE.threads, NODE.processes], 'Node');
  const g2py = threadsFastest(ctx, PY.threads, [PY.pool, PY.executor], PY.serial);
  const g2node = threadsFastest(ctx, NODE.libuv, [NODE.threads, NODE.processes], NODE.serial);
  const g3py = gainShrinks(ctx, PY.serial, [PY.pool, PY.threads, PY.executor], 'Python');
  const g3node = gainShrinks(ctx, NODE.serial, [NODE.libuv, NODE.threads, NODE.processes], 'Node');
  const g4py = processPools(ctx, [PY.pool, PY.executor]);
  const g4node = processPools(ctx, [NODE.processes]);
  const g5node = uploadFinding(ctx);

  return [
    {
      id: 'G1',
      claim: text('G1'),
      article: 'f1 slowest on all three bundles (8-core laptop).',
      python: py(g1py),
      node: `Against async zlib, worker threads and child processes: ${g1node.text}`,
      verdict: combine(g1py, g1node),
      basis: `Per bundle, serial must be slower than every pool (cold: start-up plus work, as the article timed); reproduced if so on every article bundle, partly if on some. ${RULE}${sideNote(ctx, g1py, g1node)}`,
    },
    {
      id: 'G2',
      claim: text('G2'),
      article: 'f3 best in the mean of medians relative to the slowest, by a small margin.',
      python: py(g2py),
      node: `Async zlib on the libuv pool as the thread pool: ${g2node.text}`,
      verdict: combine(g2py, g2node),
      basis: `Reproduced if the thread pool has the lowest mean of cold medians over the article’s bundles and is slower than no other pool on any bundle; partly if lowest but slower somewhere, or not lowest but the same as the pools everywhere; the margin is reported, not judged. ${RULE} “Every core” means CPU time over wall time at least ${percent(ALL_CORES)} of the cores.${sideNote(ctx, g2py, g2node)}`,
    },
    {
      id: 'G3',
      claim: text('G3'),
      article: 'Smaller gap to serial on the 331.57 MB bundle with its 80 MB file.',
      python: py(g3py),
      node: `${g3node.text}${blocksAside(ctx)}`,
      verdict: combine(g3py, g3node),
      basis: `The fastest pool’s speed-up over serial (cold, paired by repetition) on bundle ${LARGE_FILE_BUNDLE} must be smaller than on each other article bundle: reproduced if smaller than on both, partly if on one. Speed-ups are compared by the same rule as times. ${RULE}${sideNote(ctx, g3py, g3node)}`,
    },
    {
      id: 'G4',
      claim: text('G4'),
      article: 'Each of 8 worker processes under 100 % CPU in gtop; a ninth, the parent, idle.',
      python: py(g4py),
      node: `Child processes: ${g4node.text}`,
      verdict: combine(g4py, g4node),
      basis: `CPU time of the children over wall time per worker, and of the parent process alone, medians over the article’s bundles: reproduced if workers stay under ${percent(FULL_CORE)} of a core and the parent under ${percent(IDLE_PARENT)} of one; partly if only one holds. Needs ${MIN_REPS} repetitions per point.${sideNote(ctx, g4py, g4node)}`,
    },
    {
      id: 'G5',
      claim: text('G5'),
      article: 'Argued, not measured: a shared client with 10 keep-alive connections for threads, a new connection per file for processes.',
      python: 'not run: the article gives no code for the upload, and botocore is not used here; judged on Node.',
      node: g5node.text,
      verdict: judgeAlone(g5node),
      basis: `Judged on Node against the local store (each request answered after ${ctx.latencyMs} ms, ${ctx.handshakeMs} ms more on a new connection, both assumed): reproduced if on every bundle the shared agent opens at most ${ctx.maxSockets} connections, fewer than one per request, and is faster than a connection per request. ${RULE}${repsNote(ctx)}`,
    },
  ];
}
