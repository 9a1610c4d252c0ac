// G1–G5 as data: for each claim and each runtime, the quantities compared
// (with their intervals) and what the claim expects of them; lib/verdicts
// judges them, words the cells and writes the rule. Every threshold is a named
// constant with the reason for its value.

import { missingSide } from '../../lib/report/context.ts';
import type { ClaimVerdict } from '../../lib/report/doc.ts';
import { cpuOf, valuesOf } from '../../lib/report/points.ts';
import { geoMeanInterval, meanInterval, ratioInterval, type Interval } from '../../lib/stats/interval.ts';
import { CLASSIFY_DEFAULTS } from '../../lib/verdicts/classify.ts';
import { judgeClaim, measured, type Check, type Side } from '../../lib/verdicts/claim.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { percent } from '../../lib/report/format.ts';
import { articleBundles, articlePoint, LARGE_FILE_BUNDLE, largestShare, NODE, nameOf, PY, sweep, UPLOAD, uploadPoints, type Context, type GzipPoint } from './context.ts';
import { coldRatio, fastestCold, pairedSpeedups } from './ratios.ts';

/** G4: a worker process busier than this share of a core counts as using a full core (gtop showed each under 100 %; within 5 % of it a worker is busy but for handing results over). */
export const FULL_CORE = 0.95;
/** G4: a parent using less than this share of one core counts as idle (it only hands out files and collects sizes). */
export const IDLE_PARENT = 0.1;
/** G2: the reader's point, threads use every core: CPU time over wall time above this share of the cores (one core of two idle would read 50 %). */
export const ALL_CORES = 0.75;
/** G2: "fastest by a small margin" allows a tie: the thread pool's time over another pool's must stay below 1 + the classification's tolerance. */
export const NOT_SLOWER = 1 + CLASSIFY_DEFAULTS.tolerance;

const present = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

/** Python's side: not run when no Python strategy ran here at all. */
const pythonSide = (ctx: Context, side: () => Side): Side => (ctx.pythonMissing ? { kind: 'not-run', reason: ctx.pythonMissing } : side());

/** On each article bundle, `mine` against each of `others`, as the article compares them. */
function against(ctx: Context, mine: string, others: readonly string[]): { bundle: string; a: GzipPoint; b: GzipPoint }[] {
  return articleBundles(ctx).flatMap((bundle) => {
    const a = articlePoint(ctx, mine, bundle);
    return a ? present(others.map((s) => articlePoint(ctx, s, bundle))).map((b) => ({ bundle, a, b })) : [];
  });
}

// ---- G1: serial is the slowest on every bundle ------------------------------------------------

// One check per (bundle, pool), not only the closest pool: a pool whose own spread is wide can
// leave its comparison undecided while the closest one by estimate is decided.
function g1(ctx: Context, serialName: string, pools: readonly string[]): Side {
  const checks: Check[] = against(ctx, serialName, pools).map(({ bundle, a, b }) => ({ label: `bundle ${bundle}, against ${nameOf(ctx, b.strategy)}`, estimate: coldRatio(a, b), expect: { order: 'slower' } }));
  if (checks.length === 0) return missingSide(ctx, [serialName, ...pools], 'needs serial and pool rows on the article’s bundles');
  return measured(checks, { combine: 'each', lead: `${nameOf(ctx, serialName)}, cold (start-up plus work, as the article timed):` });
}

// ---- G2: the thread pool is the fastest overall, by a small margin ---------------------------

function g2(ctx: Context, threads: string, pools: readonly string[]): Side {
  const checks: Check[] = against(ctx, threads, pools).map(({ bundle, a, b }) => ({ label: `bundle ${bundle}, over ${nameOf(ctx, b.strategy)}`, estimate: coldRatio(a, b), expect: { below: NOT_SLOWER } }));
  if (checks.length === 0) return missingSide(ctx, [threads, ...pools], `needs ${nameOf(ctx, threads)} and other pools on the same article bundles`);
  // Cores kept busy per trial (CPU time of the whole tree over wall time), over the article's bundles.
  const busy = meanInterval(present(articleBundles(ctx).map((b) => articlePoint(ctx, threads, b))).flatMap((p) => valuesOf(p, (r) => (r.wall_ms ? (cpuOf(r) ?? NaN) / r.wall_ms : null))));
  const all: Check = { label: 'cores kept busy', estimate: busy, expect: { above: ALL_CORES * ctx.cores }, unit: { digits: 2, suffix: ` of ${ctx.cores}` }, role: 'extra' };
  return measured([...checks, all], { combine: 'each', lead: `${nameOf(ctx, threads)}’s cold time over each other pool’s:` });
}

// ---- G3: the gain shrinks when one file dominates --------------------------------------------

/** The fastest pool on a bundle and its speed-ups over serial, paired by repetition. */
export function bestGain(ctx: Context, serialName: string, pools: readonly string[], bundle: string): { best: GzipPoint; speedups: number[] } | undefined {
  const serial = articlePoint(ctx, serialName, bundle);
  const best = fastestCold(present(pools.map((s) => articlePoint(ctx, s, bundle))));
  return serial && best ? { best, speedups: pairedSpeedups(serial, best) } : undefined;
}

// Paired by repetition (the rows allow it: repetition i of every cell runs in one pass over the
// plan), so each speed-up cancels that pass's drift; the ratio of two bundles' geometric-mean
// speed-ups then has two independent sides instead of four.
function g3(ctx: Context, serialName: string, pools: readonly string[], note = ''): Side {
  const large = bestGain(ctx, serialName, pools, LARGE_FILE_BUNDLE);
  const others = articleBundles(ctx).flatMap((b) => {
    const g = b === LARGE_FILE_BUNDLE ? undefined : bestGain(ctx, serialName, pools, b);
    return g ? [{ bundle: b, ...g }] : [];
  });
  if (!large || others.length === 0) return missingSide(ctx, [serialName, ...pools], `needs serial and pools on bundle ${LARGE_FILE_BUNDLE} and another article bundle`);
  const checks: Check[] = others.map((o) => ({ label: `speed-up on ${LARGE_FILE_BUNDLE} over speed-up on ${o.bundle}`, estimate: ratioInterval(large.speedups, o.speedups), expect: { below: 1 } }));
  const gains = [{ bundle: LARGE_FILE_BUNDLE, ...large }, ...others].map((g) => `${g.bundle}, ${nameOf(ctx, g.best.strategy)}: ${estimate(geoMeanInterval(g.speedups))}`);
  return measured(checks, { combine: 'each', lead: 'Speed-up of the fastest pool over serial, cold, paired by repetition:', note: `Speed-ups: ${gains.join('; ')}.${note}` });
}

const ARTICLE_CORES = 8;

/** The largest file's share of the large-file bundle against one core's share here and on the article's 8, and the blocks' answer. */
function g3Note(ctx: Context): string {
  const share = largestShare(ctx, LARGE_FILE_BUNDLE);
  const parts: string[] = [];
  if (Number.isFinite(share)) {
    const than = (cores: number) => `${share > 1 / cores ? 'more' : 'less'} than one core’s share on ${cores} cores (${percent(1 / cores)})`;
    parts.push(`Bundle ${LARGE_FILE_BUNDLE}’s largest file is ${percent(share)} of its bytes: ${than(ctx.cores)}, ${than(ARTICLE_CORES)} as on the article’s laptop.`);
  }
  const serial = articlePoint(ctx, NODE.serial, LARGE_FILE_BUNDLE);
  const blocks = sweep(ctx, NODE.blocks, LARGE_FILE_BUNDLE).at(-1);
  if (serial && blocks) parts.push(`Cutting files into blocks (${nameOf(ctx, NODE.blocks)} · ${blocks.workers}): ${estimate(coldRatio(serial, blocks))} over serial.`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

// ---- G4: process-pool workers below a full core, the parent idle -------------------------------

/** Per trial on the article's bundles: each worker process's share of a core, and the parent's. */
function cpuShares(ctx: Context, strategy: string): { worker: Interval; parent: Interval } | undefined {
  const points = present(articleBundles(ctx).map((b) => articlePoint(ctx, strategy, b)));
  if (points.length === 0) return undefined;
  const per = (f: (p: GzipPoint, cpu: number, parent: number, wall: number) => number) =>
    points.flatMap((p) => valuesOf(p, (r) => (r.wall_ms && r.parent_cpu_ms !== null && cpuOf(r) !== null ? f(p, cpuOf(r)!, Number(r.parent_cpu_ms), r.wall_ms) : null)));
  return {
    worker: meanInterval(per((p, cpu, parent, wall) => (cpu - parent) / p.workers / wall)),
    parent: meanInterval(per((_p, _cpu, parent, wall) => parent / wall)),
  };
}

function g4(ctx: Context, pools: readonly string[]): Side {
  const checks: Check[] = pools.flatMap((s) => {
    const shares = cpuShares(ctx, s);
    if (!shares || shares.worker.n === 0) return [];
    const name = nameOf(ctx, s);
    return [
      { label: `${name}, each worker`, estimate: shares.worker, expect: { below: FULL_CORE }, unit: 'percent' as const },
      { label: `${name}, the parent`, estimate: shares.parent, expect: { below: IDLE_PARENT }, unit: 'percent' as const },
    ];
  });
  if (checks.length === 0) return missingSide(ctx, pools, 'needs process-pool rows with the parent’s CPU on the article’s bundles');
  return measured(checks, { combine: 'each', lead: 'Share of one core, mean over the trials on the article’s bundles:' });
}

// ---- G5: one shared keep-alive client against a connection per file ---------------------------

function g5(ctx: Context): Side {
  const up = uploadPoints(ctx);
  if (!up) return missingSide(ctx, [UPLOAD.shared, UPLOAD.perRequest], 'needs upload rows with both ways of connecting');
  const { bundle, shared, fresh } = up;
  const connections = meanInterval(valuesOf(shared, (r) => r.connections as number | null));
  return measured(
    [
      { label: 'shared agent', estimate: ratioInterval(shared.walls, fresh.walls), expect: { order: 'faster' }, baseline: 'a new connection per request' },
      { label: 'connections the shared agent opened', estimate: connections, expect: { within: [1, ctx.maxSockets] }, unit: { digits: 0 }, role: 'extra' },
    ],
    { lead: `Gzip, HEAD and PUT of the ${bundle === 'typical' ? 'typical bundle' : `bundle ${bundle}`}’s ${shared.files} files, ${shared.workers} in flight; a connection per request opened ${fresh.connections}.` },
  );
}

// ---- the claims --------------------------------------------------------------------------------

export function claimVerdicts(ctx: Context): ClaimVerdict[] {
  const text = (id: string) => ctx.experiment.claims.find((c) => c.id === id)?.text ?? id;
  const pyPools = [PY.pool, PY.threads, PY.executor];
  const nodePools = [NODE.libuv, NODE.threads, NODE.processes];
  const cores = `${Math.round(ALL_CORES * 100)} % of the ${ctx.cores} cores`;
  return [
    judgeClaim({
      id: 'G1',
      claim: text('G1'),
      article: 'f1 slowest on all three bundles (8-core laptop).',
      full: 'serial is slower than every pool on every article bundle, cold (start-up plus work, as the article timed); Node’s pools at their default sizes',
      partial: 'it is slower than some pools, or on some bundles',
      python: pythonSide(ctx, () => g1(ctx, PY.serial, pyPools)),
      node: g1(ctx, NODE.serial, nodePools),
    }),
    judgeClaim({
      id: 'G2',
      claim: text('G2'),
      article: 'f3 best in the mean of medians relative to the slowest, by a small margin.',
      full: `the thread pool (Node: async zlib on the libuv pool) is not slower than any other pool on any article bundle (its cold time over theirs below ${NOT_SLOWER.toFixed(2)}×: a tie counts) and keeps over ${cores} busy`,
      partial: 'it is not slower on some bundles, or nowhere slower but leaves cores idle',
      python: pythonSide(ctx, () => g2(ctx, PY.threads, [PY.pool, PY.executor])),
      node: g2(ctx, NODE.libuv, [NODE.threads, NODE.processes]),
    }),
    judgeClaim({
      id: 'G3',
      claim: text('G3'),
      article: 'Smaller gap to serial on the 331.57 MB bundle with its 80 MB file.',
      full: `the fastest pool’s speed-up over serial on bundle ${LARGE_FILE_BUNDLE} is smaller than on each other article bundle (its ratio to that speed-up below 1)`,
      partial: 'smaller than on one of them',
      python: pythonSide(ctx, () => g3(ctx, PY.serial, pyPools)),
      node: g3(ctx, NODE.serial, nodePools, g3Note(ctx)),
    }),
    judgeClaim({
      id: 'G4',
      claim: text('G4'),
      article: 'Each of 8 worker processes under 100 % CPU in gtop; a ninth, the parent, idle.',
      full: `in every process pool each worker uses under ${percent(FULL_CORE)} of a core and the parent under ${percent(IDLE_PARENT)} of one (CPU time over wall time)`,
      partial: 'some of these hold',
      python: pythonSide(ctx, () => g4(ctx, [PY.pool, PY.executor])),
      node: g4(ctx, [NODE.processes]),
    }),
    judgeClaim({
      id: 'G5',
      claim: text('G5'),
      article: 'Argued, not measured: a shared client with 10 keep-alive connections for threads, a new connection per file for processes.',
      full: `the shared keep-alive agent is faster than a new connection per request and opens at most ${ctx.maxSockets} connections`,
      partial: 'it is faster but opens more connections than its pool holds',
      python: { kind: 'not-applicable', reason: 'the article gives no code for the upload (it argues the point), and botocore is not used here.' },
      node: g5(ctx),
      modelled: `the local store answers every request after ${ctx.latencyMs} ms and the first on each new connection ${ctx.handshakeMs} ms later (parameters request_latency_ms and handshake_ms), standing for a remote S3’s round trips and TCP and TLS handshakes; those delays are assumed, the connection counts are real.`,
    }),
  ];
}
