// The report section "CPython 3.11 against 3.14": the article's 2012 question
// asked of the 2025 interpreter. The same peer.py on both CPythons, each pool against its
// own interpreter's serial loop, 3.14's interpreter pool against its threads and
// processes, and prose computed from those points: what changed in the serial
// loop, the GIL-bound threads and the process pool's start. Never a verdict.

import type { Block, Section, Table } from '../../lib/report/doc.ts';
import { columns } from '../../lib/report/columns.ts';
import { count, ms, plural } from '../../lib/report/format.ts';
import { fastest, speedup, timeRatio } from '../../lib/report/points.ts';
import { ratioInterval, ratioOfRatiosInterval } from '../../lib/stats/interval.ts';
import { median } from '../../lib/stats/quantile.ts';
import { orderOf, outcomeOf } from '../../lib/verdicts/classify.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { imbalanceOf } from './busy.ts';
import { compilesStdlib, cpythonPairs, outsideWork, startMethodOf, versionsOf, workersNearCores, type CPythonKind, type CPythonPair, type Versions } from './cpythons.ts';
import { pointAt, serialFor, setsOf, PY314, type Context, type FzPoint } from './context.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });
const round = (x: number) => Math.round(x * 10) / 10;
const processes = (n: number) => `${count(n)} process${n === 1 ? '' : 'es'}`;

/** The pair of `kind` on the largest set, at the worker count nearest the cores. */
function pairNearCores(ctx: Context, pairs: CPythonPair[], kind: CPythonKind): CPythonPair | undefined {
  const largest = pairs.filter((p) => p.kind === kind).reduce((n, p) => Math.max(n, p.numbers), -Infinity);
  const own = pairs.filter((p) => p.kind === kind && p.numbers === largest);
  const w = workersNearCores(own.map((p) => p.workers), ctx.cores);
  return own.find((p) => p.workers === w);
}

// ---- the tables ---------------------------------------------------------------------------

function pairsTable(ctx: Context, pairs: CPythonPair[], v: Versions): Table {
  const own = (p: FzPoint) => {
    const s = serialFor(ctx, p);
    return s && s !== p ? estimate(speedup(s, p)) : '–';
  };
  const rows = pairs.map((p) => {
    const [oldSerial, nowSerial] = [serialFor(ctx, p.old), serialFor(ctx, p.now)];
    const change = p.kind !== 'serial loop' && oldSerial && nowSerial ? estimate(ratioOfRatiosInterval(nowSerial.walls, p.now.walls, oldSerial.walls, p.old.walls)) : '–';
    return {
      set: p.set,
      pool: p.kind,
      workers: p.workers,
      old: round(p.old.wall.median),
      now: round(p.now.wall.median),
      ratio: versus(timeRatio(p.now, p.old), `on ${v.oldShort}`),
      oldSpeedup: own(p.old),
      nowSpeedup: own(p.now),
      change,
    };
  });
  return {
    id: 'cpythons-table',
    title: `The article’s functions on CPython ${v.oldShort} and ${v.nowShort}`,
    caption: `Median wall time (ms) of the same peer.py on each interpreter at the same set and worker count. ${v.nowShort} against ${v.oldShort}: the ratio of geometric means with its 95 % interval, worded by the same classification as the verdicts. Speed-up: over the same interpreter’s own serial loop on the set; change: ${v.nowShort}’s speed-up over ${v.oldShort}’s (a ratio of ratios, above 1 when the pool gains more on ${v.nowShort}). Thread and process creation is inside the timed call, as in the article.`,
    columns: columns(
      { set: 'Set', pool: 'Function', workers: 'Workers', old: `${v.oldShort} median (ms)`, now: `${v.nowShort} median (ms)`, ratio: `${v.nowShort} against ${v.oldShort} >`, oldSpeedup: `Speed-up on ${v.oldShort} >`, nowSpeedup: `Speed-up on ${v.nowShort} >`, change: 'Change in speed-up >' },
      { old: 1, now: 1 },
    ),
    rows,
  };
}

function interpretersTable(ctx: Context, points: FzPoint[], v: Versions): Table {
  const against = (p: FzPoint, name: string, what: string) => {
    const q = pointAt(ctx, name, p.set, p.workers);
    return q ? versus(timeRatio(p, q), what) : '–';
  };
  const rows = points.map((p) => {
    const serial = serialFor(ctx, p);
    const imb = imbalanceOf(ctx.busy, p);
    return {
      set: p.set,
      workers: p.workers,
      median: round(p.wall.median),
      speedup: serial ? estimate(speedup(serial, p)) : '–',
      threads: against(p, PY314.threads, 'threads'),
      processes: against(p, PY314.processes, 'processes'),
      busiest: Number.isFinite(imb.value) ? estimate(imb) : '–',
    };
  });
  return {
    id: 'interpreter-pool-table',
    title: `The interpreter pool on CPython ${v.nowShort}, against its threads and processes`,
    caption: `The article’s static chunks, one per sub-interpreter of an InterpreterPoolExecutor created inside the timed call; median wall time (ms), speed-up over ${v.nowShort}’s serial loop, and the pool against ${v.nowShort}’s threads and processes with the same chunks at the same worker count (ratios of geometric means with their 95 % intervals). Busiest worker: its busy time over the mean of the pool’s (1 is an even load).`,
    columns: columns({ set: 'Set', workers: 'Interpreters', median: 'Median (ms)', speedup: 'Speed-up >', threads: 'Against threads >', processes: 'Against processes >', busiest: 'Busiest over mean >' }, { median: 1 }),
    rows,
  };
}

// ---- the prose: what changed ------------------------------------------------------------------

function serialText(pairs: CPythonPair[], v: Versions): string {
  const serial = pairs.filter((p) => p.kind === 'serial loop');
  if (serial.length === 0) return '';
  const parts = serial.map((p) => `on \`${p.set}\` (${count(p.numbers)} numbers) it is ${versus(timeRatio(p.now, p.old), `${v.oldShort}’s`)}`);
  return `**The interpreter.** The same serial_factorizer on ${v.nowShort}: ${parts.join('; ')}. Every pool below is measured against its own interpreter’s serial loop, so this difference does not read as parallelism.`;
}

function threadsText(ctx: Context, pairs: CPythonPair[], v: Versions): string {
  const p = pairNearCores(ctx, pairs, 'threads');
  const [os, ns] = p ? [serialFor(ctx, p.old), serialFor(ctx, p.now)] : [];
  if (!p || !os || !ns) return '';
  const nowOrder = orderOf(timeRatio(p.now, ns));
  const gil =
    nowOrder === 'faster'
      ? `${v.nowShort}’s threads ran faster than its serial loop, which threads that take turns on one GIL cannot do`
      : nowOrder === 'unclear'
        ? `this run cannot tell whether ${v.nowShort}’s threads gain anything over its serial loop`
        : `the GIL still lets one thread at a time run the factorizer on ${v.nowShort}: its threads buy nothing for pure-Python CPU work`;
  const change = ratioOfRatiosInterval(p.now.walls, ns.walls, p.old.walls, os.walls);
  return `**The GIL-bound threads.** On \`${p.set}\`, ${plural(p.workers, 'thread')} on ${v.oldShort} are ${versus(timeRatio(p.old, os), 'the serial loop')}; on ${v.nowShort}, ${versus(timeRatio(p.now, ns), 'the serial loop')}: ${gil}. Relative to each one’s serial loop, ${v.nowShort}’s threads are ${versus(change, `${v.oldShort}’s`)}.`;
}

/** A 3.14 whose standard library had no bytecode compiled it in every new process and interpreter: the start costs above include that. */
function compilingNote(ctx: Context, v: Versions): Block[] {
  if (!ctx.points.all.some((p) => p.strategy.startsWith('python314-') && compilesStdlib(p))) return [];
  return [
    note(
      `This CPython ${v.now ?? v.nowShort} had no compiled bytecode for its standard library (metric \`stdlib_bytecode\`): every new process and interpreter compiled each standard module it imports from source, so part of the ${v.nowShort} pools’ start cost above is the installation’s, not the interpreter’s. Compiling the standard library once (\`python3.14 -m compileall\`, as Debian’s own install does) removes it.`,
      'warning',
    ),
  ];
}

function startText(old: string, now: string, v: Versions): string {
  if (!old || !now) return `The start method was not recorded for ${!old && !now ? 'either' : !old ? v.oldShort : v.nowShort} (a run from before the metric \`start_method\`).`;
  if (old === now) return `Both start their processes with ${now} (metric \`start_method\`).`;
  return `${v.oldShort} starts each process with ${old}, ${v.nowShort} with ${now} (metric \`start_method\`).`;
}

function processesText(ctx: Context, pairs: CPythonPair[], v: Versions): string {
  const p = pairNearCores(ctx, pairs, 'processes');
  const [os, ns] = p ? [serialFor(ctx, p.old), serialFor(ctx, p.now)] : [];
  if (!p || !os || !ns) return '';
  const [oldMethod, nowMethod] = [startMethodOf(p.old), startMethodOf(p.now)];
  const [oldOut, nowOut] = [outsideWork(ctx, p.old), outsideWork(ctx, p.now)];
  const lines = [
    `**The process pool’s start.** ${startText(oldMethod, nowMethod, v)}`,
    `On \`${p.set}\`, ${processes(p.workers)} on ${v.nowShort} are ${versus(timeRatio(p.now, p.old), `on ${v.oldShort}`)}; over each one’s serial loop they give a speed-up of ${estimate(speedup(os, p.old))} on ${v.oldShort} and ${estimate(speedup(ns, p.now))} on ${v.nowShort}.`,
  ];
  if (oldOut.length > 0 && nowOut.length > 0) {
    const more = ratioInterval(nowOut, oldOut);
    const outcome = outcomeOf(more, { above: 1 });
    const costlier = outcome === 'holds';
    const why =
      costlier && oldMethod !== nowMethod && nowMethod === 'forkserver'
        ? ` The start costs more on ${v.nowShort}: each forkserver process is forked from a server process and then imports the peer script again before it works, where a forked one starts as a copy of its parent.`
        : costlier
          ? ` The start costs more on ${v.nowShort}.`
          : outcome === 'fails'
            ? ` The start does not cost more on ${v.nowShort}.`
            : ` The interval cannot tell whether the start costs more on ${v.nowShort}.`;
    lines.push(
      `The time outside the busiest process’s factoring — creating the processes, sending the chunks, collecting the results and joining — is ${ms(median(oldOut))} on ${v.oldShort} and ${ms(median(nowOut))} on ${v.nowShort} (medians): ${estimate(more)} as much.${why}`,
    );
  }
  return lines.join(' ');
}

function interpretersText(ctx: Context, v: Versions): string {
  const largest = setsOf(ctx, (p) => p.strategy === PY314.interpreters).at(-1);
  if (!largest) return '';
  const sweep = ctx.points.sweep(PY314.interpreters, { set: largest.set }, 'workers');
  const w = workersNearCores(sweep.map((p) => p.workers), ctx.cores);
  const p = sweep.find((q) => q.workers === w) ?? sweep[0]!;
  const serial = serialFor(ctx, p);
  const threads = pointAt(ctx, PY314.threads, p.set, p.workers);
  const procs = pointAt(ctx, PY314.processes, p.set, p.workers);
  const against = [threads ? versus(timeRatio(p, threads), `${v.nowShort}’s threads`) : '', procs ? versus(timeRatio(p, procs), 'its processes') : ''].filter(Boolean);
  const parts = [
    serial ? `give a speed-up of ${estimate(speedup(serial, p))} over ${v.nowShort}’s serial loop, against an ideal of ${Math.min(p.workers, ctx.cores)}×` : '',
    against.length ? `they are ${against.join(' and ')}` : '',
  ].filter(Boolean);
  const [inOut, procOut] = [outsideWork(ctx, p), procs ? outsideWork(ctx, procs) : []];
  const outside =
    inOut.length > 0 && procOut.length > 0
      ? ` Outside the busiest worker’s factoring (creating the interpreters, importing factorize.py in each, passing the chunks and results), the interpreter pool spends ${ms(median(inOut))} and the processes ${ms(median(procOut))} (medians): ${estimate(ratioInterval(inOut, procOut))} as much.`
      : '';
  const best = fastest(sweep);
  const bestText = best && best !== p && serial ? ` Its fastest size here is ${best.workers} (${estimate(speedup(serial, best))}).` : '';
  return `**The interpreter pool.** On \`${p.set}\`, ${plural(p.workers, 'interpreter')} with the article’s static chunks ${parts.join('; ')}.${outside}${bestText}`;
}

/** Where lib/peers/python.ts found the 3.14, in words. */
function originText(source: string): string {
  if (source.startsWith('env ')) return `named by ${source.slice(4)}`;
  if (source === 'PATH') return 'found on PATH';
  return `from the ${source}`;
}

// ---- the section --------------------------------------------------------------------------------

export function cpythonsSection(ctx: Context): Section {
  const v = versionsOf(ctx);
  const title = `CPython ${v.oldShort} against ${v.nowShort}`;
  const id = 'cpythons';
  const pairs = cpythonPairs(ctx);
  const interpreters = ctx.points.all.filter((p) => p.strategy === PY314.interpreters).sort((a, b) => a.numbers - b.numbers || a.workers - b.workers);
  const why = ctx.missing.get(PY314.serial) ?? ctx.missing.get(PY314.interpreters);
  if (pairs.length === 0 && interpreters.length === 0) {
    // Skipped or failed is a warning; a run made before the 3.14 peers existed simply has none.
    const tone = why && /^(skipped|failed)/.test(why) ? 'warning' : 'info';
    return { id, title, blocks: [note(why ? `CPython 3.14 did not run here (${why}); only the system’s CPython is reported.` : 'No CPython 3.14 rows on this machine: nothing to compare.', tone)] };
  }
  const origin = v.nowOrigin ? `, ${originText(v.nowOrigin)}` : '';
  const year = ctx.experiment.article?.date.slice(0, 4) ?? '';
  const intro = `The article’s ${year} question asked of CPython ${v.nowShort}: its serial_factorizer, threaded_factorizer and mp_factorizer, the same peer.py, on the system’s CPython ${v.old ?? v.oldShort} and on CPython ${v.now ?? v.nowShort}${origin}, at the same sets and worker counts; ${v.nowShort} adds an interpreter pool with the same static chunks. The claims above read ${v.oldShort}, the article’s side; ${v.nowShort} is shown beside it and decides nothing.`;
  const [reps, reps314] = [Number(ctx.params.repetitions), Number(ctx.params.python314_repetitions)];
  const fewer = reps314 < reps ? ` The ${v.nowShort} points were planned with ${plural(reps314, 'repetition')} (parameter \`python314_repetitions\`), the others with ${reps}, to keep the run short: their intervals are wider, and calibration may have added more.` : '';
  const prose = [serialText(pairs, v), threadsText(ctx, pairs, v), processesText(ctx, pairs, v), interpretersText(ctx, v)].filter(Boolean);
  const blocks: Block[] = [md(intro + fewer)];
  if (prose.length) blocks.push(md(prose.join('\n\n')));
  blocks.push(...compilingNote(ctx, v));
  if (pairs.length) blocks.push({ kind: 'table', table: pairsTable(ctx, pairs, v) });
  if (interpreters.length) blocks.push({ kind: 'table', table: interpretersTable(ctx, interpreters, v) });
  else if (why) blocks.push(note(`The interpreter pool did not run here: ${why}.`, 'warning'));
  return { id, title, lead: cpythonsLead(ctx, pairs, v), blocks };
}

/** The process pool on the two interpreters at the core count: what changed for the article's fastest function. */
function cpythonsLead(ctx: Context, pairs: CPythonPair[], v: Versions): string | undefined {
  const p = pairNearCores(ctx, pairs, 'processes');
  if (!p) return undefined;
  return `The article’s fastest function on the newer CPython: ${processes(p.workers)} on \`${p.set}\` are ${versus(timeRatio(p.now, p.old), `on ${v.oldShort}`)} when run on ${v.nowShort}.`;
}
