// Article 000's report: the gzip rows in, a document out. Pure: it reads only
// its input. The context comes from context.ts (lib's, extended), verdicts from
// claims.ts, charts from the *-figure(s).ts files; this file writes the prose
// around them and puts the sections in reading order.

import { glance } from './glance.ts';
import { best } from './best.ts';
import { aboveCoresFlag, checkBaseline, type BaselineCheck } from '../../lib/report/baseline.ts';
import type { Block, Figure, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { bytes, ms, percent, plural, spread } from '../../lib/report/format.ts';
import { cpuOf, speedup, timeRatio, valuesOf } from '../../lib/report/points.ts';
import { summarize } from '../../lib/stats/summarize.ts';
import { strategyRank } from '../../lib/report/strategies.ts';
import { invertInterval, type Interval } from '../../lib/stats/interval.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { bundleSpec } from './bundles.ts';
import { claimVerdicts } from './claims.ts';
import { ARTICLE_BUNDLES, articleMB, articlePoint, bundleLabel, bundlesOf, buildContext, LARGE_FILE_BUNDLE, NODE, NODE_ANALOGS, nameOf, pointLabel, PY, PYTHON_FUNCTIONS, sweep, uploadPoints, type Context, type GzipPoint } from './context.ts';
import { cpuFigure } from './cpu-figure.ts';
import { blockResults, largeFileFigure } from './large-file-figure.ts';
import { coldRatio, fastestCold, throughput } from './ratios.ts';
import { machineLimit, sweepBundle, throughputFigure, uvFigure } from './scaling-figures.ts';
import { startupFigure, startupLead } from './startup-figure.ts';
import { blockTarget, limitTarget } from './targets.ts';
import { articleBars, bestest, bestestFigure, relativeBars } from './time-figures.ts';
import { uploadFigure } from './upload-figure.ts';
import { columns } from '../../lib/report/columns.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });

/** What ran, in a few words: "async zlib on 4 libuv threads", "2 worker threads". */
function runPhrase(p: GzipPoint): string {
  if (p.strategy === NODE.libuv) return `async zlib on ${p.workers} libuv threads`;
  if (p.strategy === NODE.blocks) return `parallel blocks on ${p.workers} libuv threads`;
  return `${p.workers} ${p.strategy === NODE.threads ? 'worker threads' : 'child processes'}`;
}

/** Is Node's serial loop a fair yardstick: the same cost per byte on every bundle? */
function baselineOf(ctx: Context): BaselineCheck {
  return checkBaseline(ctx.points, { strategy: NODE.serial, sizeColumn: 'bundle', unitsOf: (p) => Number(p.at.bundle_bytes), unit: 'byte' });
}

// ---- headline ------------------------------------------------------------------------------

export function headline(ctx: Context): string {
  const b = bundlesOf(ctx).filter((x) => (ARTICLE_BUNDLES as readonly string[]).includes(x.bundle)).at(-1);
  const on = `On ${plural(ctx.cores, 'core')}`;
  if (!b) return `${on}, no bundle of the article was measured.`;
  const parts: string[] = [];
  const flags: string[] = [];
  const said = (ratio: Interval) => flags.push(aboveCoresFlag(invertInterval(ratio), ctx.cores, baselineOf(ctx)));
  const pySerial = articlePoint(ctx, PY.serial, b.bundle);
  const pyThreads = articlePoint(ctx, PY.threads, b.bundle);
  if (ctx.pythonMissing) parts.push('the article’s Python did not run here');
  else if (pySerial && pyThreads) {
    parts.push(`Python’s ThreadPoolExecutor is ${versus(coldRatio(pyThreads, pySerial), 'f1')}`);
    said(coldRatio(pyThreads, pySerial));
  }
  const nodeSerial = articlePoint(ctx, NODE.serial, b.bundle);
  const best = fastestCold([NODE.libuv, NODE.threads, NODE.processes, NODE.blocks].flatMap((s) => sweep(ctx, s, b.bundle)));
  if (nodeSerial && best) {
    parts.push(`Node’s fastest, ${runPhrase(best)}, is ${versus(coldRatio(best, nodeSerial), 'its serial loop')}`);
    said(coldRatio(best, nodeSerial));
  }
  const up = uploadPoints(ctx);
  const upload = up
    ? `; uploading ${up.bundle === 'typical' ? 'the typical bundle' : `bundle ${up.bundle}`} to a local store with assumed latency, a shared keep-alive agent is ${versus(timeRatio(up.shared, up.fresh), 'a new connection per request')}, opening ${up.shared.connections} connections against ${up.fresh.connections}`
    : '';
  const flag = [...new Set(flags.filter(Boolean))].join(' ');
  if (parts.length === 0) return `${on}, no serial baseline and pool were measured on ${bundleLabel(b)}${upload}.`;
  return `${on}, gzip’ing ${bundleLabel(b)} at level ${ctx.level}, cold as the article timed, ${parts.join(' and ')}${upload}.${flag ? ` ${flag}` : ''}`;
}

// ---- the bundles -----------------------------------------------------------------------------

function bundleTable(ctx: Context): Table {
  const rows = bundlesOf(ctx).map((b) => {
    const spec = bundleSpec(b.bundle);
    const sorted = (ctx.files[b.bundle] ?? []).map((f) => f.bytes).sort((x, y) => x - y);
    const target = spec.article_gzip_bytes === null ? NaN : spec.article_gzip_bytes / spec.article_bytes;
    const gz = (p: GzipPoint | undefined) => {
      if (!p) return '–';
      const r = p.gzip_bytes / b.bundle_bytes;
      const off = Number.isFinite(target) ? `, ${r / target - 1 >= 0 ? '+' : ''}${Math.round((r / target - 1) * 100)} %` : '';
      return `${bytes(p.gzip_bytes)} (${percent(r)}${off})`;
    };
    return {
      bundle: b.bundle,
      files: b.files,
      size: bytes(b.bundle_bytes),
      largest: sorted.length ? bytes(sorted.at(-1)!) : '–',
      median: sorted.length ? bytes(sorted[Math.floor(sorted.length / 2)]!) : '–',
      article: spec.article_gzip_bytes === null ? `${spec.files} files of about 300 KB` : `${articleMB(spec.article_bytes)} → ${articleMB(spec.article_gzip_bytes)} (${percent(target)})`,
      node: gz(articlePoint(ctx, NODE.serial, b.bundle)),
      python: gz(articlePoint(ctx, PY.serial, b.bundle)),
    };
  });
  const scaled = ctx.scale === 1 ? 'at the article’s sizes' : `at ${ctx.scale} of the article’s sizes (parameter \`scale\`)`;
  return {
    id: 'bundles',
    title: 'The bundles',
    caption: `Generated ${scaled}. The article’s figures as it wrote them (decimal MB, before and after gzip, unscaled); the sizes here in binary units, gzipped at level ${ctx.level} by Node’s and Python’s zlib, with the ratio of output to input and how far it is from the article’s ratio.`,
    columns: columns({ bundle: 'Bundle', files: 'Files', size: 'Size >', largest: 'Largest file >', median: 'Median file >', article: 'The article >', node: 'Node gzipped >', python: 'Python gzipped >' }),
    rows,
  };
}

function bundlesSection(ctx: Context): Section {
  const largest = bundleSpec(LARGE_FILE_BUNDLE).largest_bytes;
  const text = [
    `The article measured three zip bundles of its service; this run generates bundles of the same file counts and sizes (bundles a, b and c, in the article’s order) and adds the typical upload of 5–25 files of about 300 KB. The files are synthetic Breakpad symbol files whose compressibility is tuned to the article’s ratios; the sizes are heavy-tailed, and bundle b holds one file of ${bytes(largest * ctx.scale)} (the article’s ${articleMB(largest)}).`,
    ctx.scale === 1 ? '' : `**Scaled down:** every size here is ${ctx.scale} of the article’s (the \`${ctx.run.profile}\` profile); times are not comparable with the article’s.`,
  ].filter(Boolean);
  const lead = `${bundlesOf(ctx).length} bundles: the article’s three, rebuilt with its file counts and sizes${ctx.scale === 1 ? '' : ` at ${ctx.scale} scale`}, and the everyday upload; bundle ${LARGE_FILE_BUNDLE} is the one whose largest file weighs most.`;
  return { id: 'inputs', title: 'The bundles', lead, blocks: [md(text.join('\n\n')), ctx.points.all.length ? { kind: 'table', table: bundleTable(ctx) } : note('No measured rows for this machine: nothing to show.', 'warning')] };
}

// ---- the article's charts -------------------------------------------------------------------

function medianTable(ctx: Context): Table {
  const points = [...ctx.points.all].sort((a, b) => a.bundle_bytes - b.bundle_bytes || strategyRank(ctx.experiment, a.strategy) - strategyRank(ctx.experiment, b.strategy) || a.workers - b.workers);
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  const serialOf = (p: GzipPoint) => (p.strategy.startsWith('python-') ? articlePoint(ctx, PY.serial, p.bundle) : p.strategy.startsWith('node-upload') ? undefined : articlePoint(ctx, NODE.serial, p.bundle));
  return {
    id: 'medians',
    title: 'Every point: medians, and the speed-up over serial with its interval',
    caption: `Milliseconds. Work is the timed call with the pool pre-started; start-up is the pool’s creation; cold is both, the article’s timing. Spread is half the interquartile range of the work relative to its median. Speed-up is the runtime’s serial loop’s cold time over the point’s (ratio of geometric means, 95 % interval). MiB/s is input per second of work; cores is CPU time over wall time of the whole process tree (median).`,
    columns: columns({ bundle: 'Bundle', strategy: 'Strategy', workers: 'Workers', work: 'Work (ms)', spread: 'Spread >', startup: 'Start-up (ms)', cold: 'Cold (ms)', speedup: 'Speed-up, cold (95 % interval) >', mibps: 'MiB/s', cores: 'Cores', n: 'Reps' }, { work: 1, startup: 1, cold: 1, mibps: 1, cores: 2 }),
    rows: points.map((p) => {
      const serial = serialOf(p);
      const cores = summarize(valuesOf(p, (r) => (r.wall_ms ? (cpuOf(r) ?? NaN) / r.wall_ms : null))).median;
      return {
        bundle: p.bundle,
        strategy: nameOf(ctx, p.strategy),
        workers: p.workers,
        work: round(p.wall.median),
        spread: spread(p.wall.rel_iqr),
        startup: p.startup.n > 0 ? round(p.startup.median) : null,
        cold: round(p.cold.median),
        speedup: serial && serial !== p ? estimate(coldRatio(serial, p)) : null,
        mibps: round(throughput(p).value),
        cores: Number.isFinite(cores) ? Math.round(cores * 100) / 100 : null,
        n: p.wall.n,
      };
    }),
  };
}

function baselineText(ctx: Context, check: BaselineCheck): Block[] {
  if (check.outcome === 'single-size') return [];
  const per = check.against.map((a) => `${estimate(a.ratio)} at ${String(a.size)}`).join(', ');
  const largest = String(check.sizes.at(-1)!.size);
  const sentence = `**The baseline.** ${nameOf(ctx, NODE.serial)} costs, per byte, on bundle ${largest} (the largest) over each smaller bundle: ${per}; within ${percent(check.tolerance)} at every bundle: ${check.outcome === 'holds' ? 'yes' : check.outcome === 'fails' ? 'no' : 'not decided'}.`;
  if (check.outcome === 'holds') return [md(sentence)];
  // The bundles are generated with different content (bundle b's files compress to a fifth, the others' to a tenth),
  // so zlib's cost per byte differs by design; the pools meet the same content, which a pool's own check shows.
  const pool = checkBaseline(ctx.points, { strategy: NODE.libuv, sizeColumn: 'bundle', unitsOf: (p) => Number(p.at.bundle_bytes), unit: 'byte', where: { workers: ctx.libuvDefault } });
  const poolWords = pool.against.length ? ` ${nameOf(ctx, NODE.libuv)} at ${ctx.libuvDefault} threads, for comparison: ${pool.against.map((a) => `${estimate(a.ratio)} at ${String(a.size)}`).join(', ')}.` : '';
  const ratios = ARTICLE_BUNDLES.map((b) => bundleSpec(b)).map((s) => `${s.name} ${percent((s.article_gzip_bytes ?? NaN) / s.article_bytes)}`).join(', ');
  return [md(sentence), note(`${check.flag} The bundles’ contents differ by design (they compress as the article’s did: ${ratios}), so zlib’s cost per byte differs with them, for the pools as for the loop.${poolWords}`, 'warning')];
}

/** The "bestest graph" in one sentence: each runtime's fastest pool over the article's bundles. */
function findingsLead(ctx: Context): string | undefined {
  const best = (strategies: readonly string[]) => bestest(ctx, strategies).reduce<ReturnType<typeof bestest>[number] | undefined>((a, r) => (!a || r.ratio.value < a.ratio.value ? r : a), undefined);
  const parts = [
    ctx.pythonMissing ? undefined : best(PYTHON_FUNCTIONS),
    best(NODE_ANALOGS),
  ].flatMap((r) => (r ? [`${nameOf(ctx, r.strategy)} ${versus(r.ratio, r.strategy.startsWith('python-') ? 'f1' : 'the serial loop')}`] : []));
  return parts.length ? `Over the article’s three bundles, cold as it timed them, the fastest are ${parts.join(' and ')} (geometric means over the bundles); look at the third chart, the article’s “bestest graph”.` : undefined;
}

function findings(ctx: Context): Section {
  const python = ctx.pythonMissing
    ? `The article’s Python is ${ctx.pythonMissing}; only the Node analogs are shown.`
    : 'Python’s f1–f4 are the article’s functions; Node’s analogs are its serial loop (gzipSync), async zlib on the libuv thread pool (the analog of threads running zlib, which releases the GIL), worker threads and child processes.';
  const blocks: Block[] = [
    md(`Medians describe each point; every ratio is a ratio of geometric means over the repetitions with its 95 % interval. The pools were started before the clock and their start-up timed apart, so each chart shows the article’s cold timing and the pre-started one. ${python}`),
    ...baselineText(ctx, baselineOf(ctx)),
  ];
  if (ctx.disturbed.length > 0) blocks.push(note(`${plural(ctx.disturbed.length, 'measured trial')} stayed disturbed (other processes took CPU) after every re-run: they are in \`results.csv\` but in no median, interval or verdict.`, 'warning'));
  blocks.push(...fig(articleBars(ctx)), ...fig(relativeBars(ctx)), ...fig(bestestFigure(ctx)), ...fig(cpuFigure(ctx)));
  if (ctx.points.all.length > 0) blocks.push({ kind: 'table', table: medianTable(ctx) });
  return { id: 'findings', title: 'The article’s charts, re-run', lead: findingsLead(ctx), blocks };
}

// ---- scaling and the machine's limit -------------------------------------------------------

function scalingSection(ctx: Context): Section {
  const bundle = sweepBundle(ctx);
  const limit = bundle ? machineLimit(ctx, bundle) : undefined;
  const text = limit
    ? `How far do the pools get on ${plural(ctx.cores, 'core')}? The limit is Node’s single-core throughput on the same bundle times the core count: ${(throughput(limit.serial).value * ctx.cores).toFixed(1)} MiB/s on bundle ${limit.bundle}. The fastest Node strategy there, ${pointLabel(ctx, limit.best)}, reaches ${estimate(limit.share, 'percent')} of it (${estimate(throughput(limit.best), { digits: 1, suffix: ' MiB/s' })}). ${limitTarget(limit.share)}`
    : 'No Node pool was swept over sizes next to the serial loop on one bundle, so there is no limit to compare with.';
  const lead = limit ? `On bundle ${limit.bundle}, ${pointLabel(ctx, limit.best)} reaches ${estimate(limit.share, 'percent')} of what ${plural(ctx.cores, 'core')} can do (one core’s gzipSync throughput × ${ctx.cores}).` : undefined;
  return { id: 'scaling', title: 'Pool sizes and the machine’s limit', lead, blocks: [md(text), ...fig(throughputFigure(ctx)), ...fig(uvFigure(ctx))] };
}

// ---- large files -----------------------------------------------------------------------------

function largeFileSection(ctx: Context): Section {
  const results = blockResults(ctx);
  const lines = results.map((r) => {
    const overhead = `${Math.abs(r.size_overhead * 100).toFixed(2)} % ${r.size_overhead >= 0 ? 'larger' : 'smaller'}`;
    const target = r.bundle === LARGE_FILE_BUNDLE ? ` ${blockTarget(speedup(r.serial, r.blocks), r.size_overhead)}` : '';
    const name = r.bundle === 'typical' ? 'the typical bundle' : `bundle ${r.bundle}`;
    return `- **${name}** (largest file ${percent(r.largest_share)} of its bytes): ${pointLabel(ctx, r.blocks)} is ${versus(timeRatio(r.blocks, r.serial), 'the serial loop')}, its output ${overhead} than one gzip stream per file.${target}`;
  });
  const pigz = ctx.pigzMissing ? ` pigz: ${ctx.pigzMissing}.` : '';
  const intro = `A reader asked about compressing one large file in parallel, and one about pigz. A pool of whole files waits for its largest file: on 8 cores the article’s ${articleMB(bundleSpec(LARGE_FILE_BUNDLE).largest_bytes)} file is more than one core’s share of its ${articleMB(bundleSpec(LARGE_FILE_BUNDLE).article_bytes)} bundle; on ${plural(ctx.cores, 'core')} it is less. Node’s parallel-blocks strategy does what pigz does: it cuts every file into ${ctx.blockKb} KiB blocks, deflates them on the libuv pool, each primed with the 32 KiB before it, and joins them into one gzip stream per file, checked by decompressing it again.${pigz}`;
  const big = results.find((r) => r.bundle === LARGE_FILE_BUNDLE);
  const lead = big ? `Cutting files into blocks frees a pool from its largest file: on bundle ${big.bundle}, ${pointLabel(ctx, big.blocks)} is ${versus(timeRatio(big.blocks, big.serial), 'the serial loop')}, for output ${Math.abs(big.size_overhead * 100).toFixed(2)} % ${big.size_overhead >= 0 ? 'larger' : 'smaller'}.` : undefined;
  return { id: 'large-files', title: 'Large files: whole or in blocks', lead, blocks: [md(lines.length ? `${intro}\n\n${lines.join('\n')}` : `${intro}\n\nThe block compressor did not run next to the serial loop in this run.`), ...fig(largeFileFigure(ctx, results))] };
}

// ---- start-up, and the upload ----------------------------------------------------------------

function startupSection(ctx: Context): Section {
  return {
    id: 'cold-prestarted',
    title: 'Cold and pre-started pools',
    lead: startupLead(ctx),
    blocks: [md('A reader suggested creating the pools once, before any work, as a pre-forking web server does. Every pool here was created before the clock; its start-up is shown against the work on the smallest bundle, where it weighs most.'), ...fig(startupFigure(ctx))],
  };
}

function uploadSection(ctx: Context): Section {
  const up = uploadPoints(ctx);
  const inFlight = up ? `, ${up.shared.workers} files in flight` : '';
  const text = `The twist: per file the service also asks S3 whether the key exists (HEAD) and stores it (PUT). Threads share one botocore client and its pool of 10 keep-alive connections; the article argues that processes cannot share the client and open a connection per file. Here the three ways of using connections run against a local S3-like store, with gzip on the libuv pool${inFlight}. The store’s delays (${ms(ctx.latencyMs)} per answer, ${ms(ctx.handshakeMs)} more on a new connection) are assumptions standing for a remote S3, so G5 is judged on a model.`;
  const lead = up ? `With the store’s assumed delays, one shared keep-alive agent uploads ${up.bundle === 'typical' ? 'the typical bundle' : `bundle ${up.bundle}`} ${versus(timeRatio(up.shared, up.fresh), 'a new connection per request')}, opening ${up.shared.connections} connections against ${up.fresh.connections}.` : undefined;
  return { id: 'upload-twist', title: 'The upload twist', lead, blocks: [md(text), ...fig(uploadFigure(ctx))] };
}

// ---- the document --------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const doc: ReportDoc = {
    headline: headline(ctx),
    glance: glance(ctx),
    best: best(ctx),
    claims: claimVerdicts(ctx),
    sections: [bundlesSection(ctx), findings(ctx), scalingSection(ctx), largeFileSection(ctx), startupSection(ctx), uploadSection(ctx)],
  };
  return doc;
};

export default report;
