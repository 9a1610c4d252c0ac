// Article 000's report: the gzip rows in, a document out. Pure: it reads only
// its input. Numbers come from context.ts and analysis.ts, verdicts from
// claims.ts, charts from the *-figure(s).ts files; this file writes the prose
// around them and puts the sections in reading order.

import type { Block, Figure, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { fastest, throughput, type Point } from './analysis.ts';
import { claimVerdicts } from './claims.ts';
import { articlePoint, buildContext, type Context } from './context.ts';
import { cpuFigure, cpuUse } from './cpu-figure.ts';
import { blockResults, largeFileFigure } from './large-file-figure.ts';
import { machineLimit, sweepBundle, throughputFigure, uvFigure } from './scaling-figures.ts';
import { startupFigure } from './startup-figure.ts';
import { articleBars, bestestFigure, relativeBars } from './time-figures.ts';
import { uploadFigure } from './upload-figure.ts';
import { bundleSpec } from './bundles.ts';
import { count, percent, plural, slowerFaster, spread } from '../../lib/report/format.ts';
import { decimalSize } from './sizes-format.ts';
import { blockTarget, limitTarget } from './targets.ts';
import { ARTICLE_BUNDLES, LARGE_FILE_BUNDLE, NODE, PY, UPLOAD, pointLabel, runPhrase, strategyRank } from './labels.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });

// ---- headline ------------------------------------------------------------------------------

/** The largest article bundle with rows: the headline's bundle. */
function headlineBundle(ctx: Context): { bundle: string; files: number; bundle_bytes: number } | undefined {
  return ctx.points.bundles((p) => (ARTICLE_BUNDLES as readonly string[]).includes(p.bundle)).at(-1);
}

export function headline(ctx: Context): string {
  const b = headlineBundle(ctx);
  const on = `On ${plural(ctx.cores, 'core')}`;
  if (!b) return `${on}, no bundle of the article was measured.`;
  const size = `bundle ${b.bundle} (${decimalSize(b.bundle_bytes)})`;
  const parts: string[] = [];
  const pySerial = articlePoint(ctx, PY.serial, b.bundle);
  const pyThreads = articlePoint(ctx, PY.threads, b.bundle);
  if (ctx.pythonMissing) parts.push('the article’s Python did not run here');
  else if (pySerial && pyThreads) parts.push(`Python’s ThreadPoolExecutor gzips ${size} at level ${ctx.level} ${slowerFaster(pyThreads.cold.median / pySerial.cold.median, 'f1')}`);
  const nodeSerial = articlePoint(ctx, NODE.serial, b.bundle);
  const best = fastest([NODE.libuv, NODE.threads, NODE.processes, NODE.blocks].flatMap((s) => ctx.points.sweep(s, b.bundle)), 'cold');
  if (nodeSerial && best) parts.push(`${parts.length ? 'and ' : `gzip’ing ${size} at level ${ctx.level}, `}Node’s fastest, ${runPhrase(best)}, is ${slowerFaster(best.cold.median / nodeSerial.cold.median, 'its serial loop')}`);
  const up = ctx.points.bundles((p) => p.strategy === UPLOAD.shared)[0];
  const shared = up && ctx.points.sweep(UPLOAD.shared, up.bundle)[0];
  const fresh = up && ctx.points.sweep(UPLOAD.perRequest, up.bundle)[0];
  const upload = shared && fresh
    ? `; uploading ${up.bundle === 'typical' ? 'the typical bundle' : `bundle ${up.bundle}`}, a shared keep-alive agent (${count(shared.connections.median)} connections) is ${slowerFaster(shared.wall.median / fresh.wall.median, `a new connection per request (${count(fresh.connections.median)})`)}`
    : '';
  if (parts.length === 0) return `${on}, no serial baseline and pool were measured on ${size}${upload}.`;
  return `${on}, ${parts.join(' ')}${upload}.`;
}

// ---- the bundles -----------------------------------------------------------------------------

function bundleTable(ctx: Context): Table {
  const rows = ctx.points.bundles().map((b) => {
    const spec = bundleSpec(b.bundle);
    const files = ctx.files[b.bundle] ?? [];
    const sorted = files.map((f) => f.bytes).sort((x, y) => x - y);
    const node = ctx.points.one(NODE.serial, b.bundle);
    const python = ctx.points.one(PY.serial, b.bundle);
    const target = spec.article_gzip_bytes === null ? NaN : spec.article_gzip_bytes / spec.article_bytes;
    const ratioOf = (p: Point | undefined) => (p ? p.gzip_bytes / b.bundle_bytes : NaN);
    const off = (r: number) => (Number.isFinite(r) && Number.isFinite(target) ? `${r / target - 1 >= 0 ? '+' : ''}${Math.round((r / target - 1) * 100)} %` : '–');
    return {
      bundle: b.bundle,
      files: b.files,
      size: decimalSize(b.bundle_bytes),
      largest: sorted.length ? decimalSize(sorted.at(-1)!) : '–',
      median: sorted.length ? decimalSize(sorted[Math.floor(sorted.length / 2)]!) : '–',
      article: spec.article_gzip_bytes === null ? '–' : `${decimalSize(spec.article_gzip_bytes * ctx.scale)} (${percent(target)})`,
      node: node ? `${decimalSize(node.gzip_bytes)} (${percent(ratioOf(node))}, ${off(ratioOf(node))})` : '–',
      python: python ? `${decimalSize(python.gzip_bytes)} (${percent(ratioOf(python))}, ${off(ratioOf(python))})` : '–',
    };
  });
  const scaled = ctx.scale === 1 ? 'at the article’s sizes' : `at ${ctx.scale} of the article’s sizes (parameter \`scale\`)`;
  return {
    id: 'bundles',
    title: 'The bundles',
    caption: `Generated ${scaled}. Gzipped at level ${ctx.level}: the article’s figure (scaled alike) and what Node’s and Python’s zlib produce here, with the ratio of output to input and how far it is from the article’s ratio.`,
    columns: [
      { key: 'bundle', label: 'Bundle' },
      { key: 'files', label: 'Files' },
      { key: 'size', label: 'Size', align: 'right' },
      { key: 'largest', label: 'Largest file', align: 'right' },
      { key: 'median', label: 'Median file', align: 'right' },
      { key: 'article', label: 'Article gzipped', align: 'right' },
      { key: 'node', label: 'Node gzipped', align: 'right' },
      { key: 'python', label: 'Python gzipped', align: 'right' },
    ],
    rows,
  };
}

function bundlesSection(ctx: Context): Section {
  const text = [
    `The article measured three zip bundles of its service; this run generates bundles of the same file counts and sizes (bundles a, b and c, in the article’s order) and adds the typical upload of 5–25 files of about 300 KB. The files are synthetic Breakpad symbol files whose compressibility is tuned to the article’s ratios; the sizes are heavy-tailed, and bundle b holds one file of ${decimalSize(bundleSpec(LARGE_FILE_BUNDLE).largest_bytes * ctx.scale)}.`,
    ctx.scale === 1 ? '' : `**Scaled down:** every size here is ${ctx.scale} of the article’s (the \`${ctx.profile}\` profile); times are not comparable with the article’s.`,
  ].filter(Boolean);
  return { id: 'inputs', title: 'The bundles', blocks: [md(text.join('\n\n')), ctx.points.all.length ? { kind: 'table', table: bundleTable(ctx) } : note('No measured rows for this machine: nothing to show.', 'warning')] };
}

// ---- the article's charts -------------------------------------------------------------------

function medianTable(ctx: Context): Table {
  const points = [...ctx.points.all].sort((a, b) => a.bundle_bytes - b.bundle_bytes || strategyRank(a.strategy) - strategyRank(b.strategy) || a.workers - b.workers);
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  return {
    id: 'medians',
    title: 'Median time of every point',
    caption: 'Milliseconds. Work is the timed call with the pool pre-started; start-up is the pool’s creation; cold is both, the article’s timing. Spread is half the interquartile range of the work relative to its median. MB/s is input megabytes per second of work; cores is CPU time over wall time of the whole process tree.',
    columns: [
      { key: 'bundle', label: 'Bundle' },
      { key: 'strategy', label: 'Strategy' },
      { key: 'workers', label: 'Workers' },
      { key: 'work', label: 'Work (ms)', digits: 1 },
      { key: 'spread', label: 'Spread', align: 'right' },
      { key: 'startup', label: 'Start-up (ms)', digits: 1 },
      { key: 'cold', label: 'Cold (ms)', digits: 1 },
      { key: 'mbps', label: 'MB/s', digits: 1 },
      { key: 'cores', label: 'Cores', digits: 2 },
      { key: 'n', label: 'Reps' },
    ],
    rows: points.map((p) => ({
      bundle: p.bundle,
      strategy: `\`${p.strategy}\``,
      workers: p.workers,
      work: round(p.wall.median),
      spread: spread(p.wall.rel_iqr),
      startup: p.startup.n > 0 ? round(p.startup.median) : null,
      cold: round(p.cold.median),
      mbps: round(throughput(p)),
      cores: Number.isFinite(p.cores_used.median) ? Math.round(p.cores_used.median * 100) / 100 : null,
      n: p.wall.n,
    })),
  };
}

function findings(ctx: Context): Section {
  const python = ctx.pythonMissing
    ? `The article’s Python is ${ctx.pythonMissing}; only the Node analogs are shown.`
    : 'Python’s f1–f4 are the article’s functions; Node’s analogs are its serial loop (gzipSync), async zlib on the libuv thread pool (the analog of threads running zlib, which releases the GIL), worker threads and child processes.';
  const blocks: Block[] = [
    md(`Times are medians of the repetitions on this machine’s ${plural(ctx.cores, 'core')}; the pools were started before the clock and their start-up timed apart, so each bar shows both the article’s cold timing and the pre-started one. ${python}`),
  ];
  if (ctx.disturbed > 0) blocks.push(note(`${plural(ctx.disturbed, 'measured trial')} ran while other processes took CPU (flagged disturbed); they are kept in the medians, and the interquartile ranges carry that noise into the verdicts.`, 'warning'));
  blocks.push(...fig(articleBars(ctx)), ...fig(relativeBars(ctx)), ...fig(bestestFigure(ctx)), ...fig(cpuFigure(ctx, cpuUse(ctx))));
  if (ctx.points.all.length > 0) blocks.push({ kind: 'table', table: medianTable(ctx) });
  return { id: 'findings', title: 'The article’s charts, re-run', blocks };
}

// ---- scaling and the machine's limit -------------------------------------------------------

function scalingSection(ctx: Context): Section {
  const bundle = sweepBundle(ctx);
  const limit = bundle ? machineLimit(ctx, bundle) : undefined;
  const text = limit
    ? `How far do the pools get on ${plural(ctx.cores, 'core')}? The limit is Node’s single-core throughput on the same bundle times the core count: ${(throughput(limit.serial) * ctx.cores).toFixed(1)} MB/s on bundle ${limit.bundle}. The fastest Node strategy there, ${pointLabel(limit.best)}, reaches ${percent(limit.share)} of it (${throughput(limit.best).toFixed(1)} MB/s). ${limitTarget(limit.share)}`
    : 'No Node pool was swept over sizes next to the serial loop on one bundle, so there is no limit to compare with.';
  return { id: 'scaling', title: 'Pool sizes and the machine’s limit', blocks: [md(text), ...fig(throughputFigure(ctx)), ...fig(uvFigure(ctx))] };
}

// ---- large files -----------------------------------------------------------------------------

function largeFileSection(ctx: Context): Section {
  const results = blockResults(ctx);
  const lines = results.map(
    (r) => `- **bundle ${r.bundle}** (largest file ${percent(r.largest_share)} of its bytes): ${pointLabel(r.blocks)} ${slowerFaster(r.blocks.wall.median / r.serial.wall.median, 'the serial loop')}, its output ${r.size_overhead >= 0 ? `${(r.size_overhead * 100).toFixed(2)} % larger` : `${(-r.size_overhead * 100).toFixed(2)} % smaller`} than one gzip stream per file.${r.bundle === LARGE_FILE_BUNDLE ? ` ${blockTarget(r.speedup, r.size_overhead)}` : ''}`,
  );
  const pigz = ctx.pigzMissing ? ` pigz is ${ctx.pigzMissing}.` : '';
  const intro = `A reader asked about compressing one large file in parallel, and one about pigz. A pool of whole files waits for its largest file: on 8 cores the article’s 80 MB file is more than one core’s share of its 331.57 MB bundle; on ${plural(ctx.cores, 'core')} it is less. Node’s parallel-blocks strategy does what pigz does: it cuts every file into ${ctx.blockKb} KB blocks, deflates them on the libuv pool, each primed with the 32 KB before it, and joins them into one gzip stream per file, checked by decompressing it again.${pigz}`;
  return { id: 'large-files', title: 'Large files: whole or in blocks', blocks: [md(lines.length ? `${intro}\n\n${lines.join('\n')}` : `${intro}\n\nThe block compressor did not run next to the serial loop in this run.`), ...fig(largeFileFigure(ctx, results))] };
}

// ---- start-up, and the upload ----------------------------------------------------------------

function startupSection(ctx: Context): Section {
  return {
    id: 'cold-prestarted',
    title: 'Cold and pre-started pools',
    blocks: [md('A reader suggested creating the pools once, before any work, as a pre-forking web server does. Every pool here was created before the clock; its start-up is shown against the work on the smallest bundle, where it weighs most.'), ...fig(startupFigure(ctx))],
  };
}

function uploadSection(ctx: Context): Section {
  const text = `The twist: per file the service also asks S3 whether the key exists (HEAD) and stores it (PUT). Threads share one botocore client and its pool of 10 keep-alive connections; the article argues that processes cannot share the client and open a connection per file. Here the three ways of using connections run against a local S3-like store, with gzip on the libuv pool, ${count(ctx.points.sweep(UPLOAD.shared, ctx.points.bundles((p) => p.strategy === UPLOAD.shared)[0]?.bundle ?? '')[0]?.workers ?? NaN)} files in flight.`;
  return { id: 'upload-twist', title: 'The upload twist', blocks: [md(text), ...fig(uploadFigure(ctx))] };
}

// ---- the document --------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const doc: ReportDoc = {
    headline: headline(ctx),
    claims: claimVerdicts(ctx, input.experiment.claims),
    sections: [bundlesSection(ctx), findings(ctx), scalingSection(ctx), largeFileSection(ctx), startupSection(ctx), uploadSection(ctx)],
  };
  return doc;
};

export default report;
