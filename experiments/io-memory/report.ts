// Article 001's report: the io-memory rows in, a document out. Pure: it reads
// only its input. Numbers come from context.ts and analysis.ts, verdicts from
// claims.ts, charts from *-figure.ts and tables from tables.ts; this file
// writes the prose around them and puts the sections in reading order.

import type { Block, Figure, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { bytes, count, ms, percent, plural, ratio } from '../../lib/report/format.ts';
import { claimVerdicts } from './claims.ts';
import { buildContext, nodeAt, NODE, PY, type Context } from './context.ts';
import { modelPhrase, pointLabel } from './labels.ts';
import { LIMIT_MARGIN, limitChecks, limitTable } from './limit.ts';
import { liveReading, liveTable, liveText } from './live-memory.ts';
import { nodeVsPythonFigure } from './python-figure.ts';
import { peakWallFigure } from './scatter-figure.ts';
import { costPhrase, costTable, perRequestCosts, sweepFigure, type Cost } from './sweep-figure.ts';
import { articleTable, clientPairs, clientTable, sweepTable } from './tables.ts';
import { timelineFigure } from './timeline-figure.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const tab = (t: Table | undefined): Block[] => (t ? [{ kind: 'table', table: t }] : []);

/** A configured latency, to a tenth of a millisecond: it is a parameter, not a measurement. */
const latency = (x: number) => (Number.isFinite(x) ? `${Number.isInteger(x) ? x : x.toFixed(1)} ms` : '–');

/** A parameter's factor: "4×", "3.3×". */
const factor = (x: number) => (Number.isFinite(x) ? `${Number.isInteger(Math.round(x * 10) / 10) ? Math.round(x) : x.toFixed(1)}×` : '–');

/** "72.5 ms ± 36.3 ms (the article's 290 ms × 0.25)" */
function latencyPhrase(ctx: Context): string {
  const { latency_ms, jitter_ms, article_latency_ms, latency_scale } = ctx.api;
  return `${latency(latency_ms)} ± ${latency(jitter_ms)} (the article’s ${latency(article_latency_ms)} × ${latency_scale})`;
}

// ---- headline ------------------------------------------------------------------------------

export function headline(ctx: Context): string {
  const loop = nodeAt(ctx, NODE.eventLoop, ctx.high);
  const threads = nodeAt(ctx, NODE.threads, ctx.high);
  const node = loop
    ? `With ${latency(ctx.api.latency_ms)} per answer, Node’s event loop fetched all ${count(ctx.plan.days)} dates at once in ${ms(loop.wall.median)} and peaked at ${bytes(loop.peak.median)}` +
      (threads ? `, ${ratio(threads.peak.median / loop.peak.median)} less memory than ${ctx.high} worker threads (${bytes(threads.peak.median)})` : '')
    : `Node’s event loop was not measured with all ${count(ctx.plan.days)} dates in flight`;
  if (ctx.pythonMissing) return `${node}; the article’s Python did not run here.`;
  const asyncio = ctx.points.article(ctx.asyncio, ctx.high);
  const pyThreads = ctx.points.article(PY.threads, ctx.high);
  const py =
    asyncio && pyThreads
      ? `Python’s ${modelPhrase(asyncio)} peaked at ${bytes(asyncio.peak.median)} against ${bytes(pyThreads.peak.median)} for ${ctx.high} threads`
      : 'Python’s asyncio and threads were not both measured';
  return `${node}; ${py}.`;
}

// ---- findings --------------------------------------------------------------------------------

function findingsIntro(ctx: Context): string {
  const skipped = ctx.skipped.length && !ctx.pythonMissing ? ` Skipped here: ${ctx.skipped.map((s) => `\`${s.strategy}\` (${s.reason})`).join('; ')}.` : '';
  const python = ctx.pythonMissing
    ? ' The article’s Python did not run on this machine, so every Python column is empty.'
    : ` The Python peers are the article’s methods; its sync client is \`urllib\` here (see the method).${skipped}`;
  return [
    `Every strategy asked the local price API for the same ${count(ctx.plan.days)} dates. The API answers after ${latencyPhrase(ctx)}: each answer comes about ${factor(1 / ctx.api.latency_scale)} sooner than the article’s did (its ~29 s for 100 requests), so every time below is that much shorter than the article’s for the same method. The article’s thread pools of 20 (its default on 4 cores) and 100 (one per request) are run here at ${ctx.low} and ${ctx.high}.${python}`,
    `Times and memory are medians of the repetitions on this machine’s ${plural(ctx.cores, 'core')}; memory is the RSS of the client’s whole process tree (threads and child processes included; the API’s own process is never counted).`,
  ].join('\n\n');
}

function findings(ctx: Context): Section {
  const blocks: Block[] = [md(findingsIntro(ctx))];
  if (ctx.failedRequests > 0) {
    blocks.push(note(`${plural(ctx.failedRequests, 'request')} failed in ${plural(ctx.trialsWithFailures, 'measured trial')} (the API answered an error or no answer came). They are kept as failed results and counted in the \`Failed\` columns below, and their trials stay in the medians; a trial with a failure the API did not make on purpose has no result digest.`, 'warning'));
  }
  if (ctx.failedTrials > 0) blocks.push(note(`${plural(ctx.failedTrials, 'trial')} failed outright; they are left out of every figure and listed in the run notes.`, 'warning'));
  if (ctx.disturbed > 0) blocks.push(note(`${plural(ctx.disturbed, 'measured trial')} ran while other processes took CPU (flagged disturbed); they are kept, and the interquartile ranges carry that noise into the verdicts.`, 'warning'));
  const table = articleTable(ctx);
  if (!table) blocks.push(note('No measured rows of the article’s comparison on this machine: nothing to show.', 'warning'));
  blocks.push(...fig(peakWallFigure(ctx)), ...tab(table));
  return { id: 'findings', title: 'Findings', blocks };
}

// ---- the article's figures ------------------------------------------------------------------------

function timelines(ctx: Context): Section {
  const python = timelineFigure(ctx, 'python');
  const node = timelineFigure(ctx, 'node');
  const text =
    'The article showed one memory-over-time plot per method. Here they are rebuilt from the sampled timelines: the flat start is the interpreter (and any pool) starting, the grey band the requests. Python’s threads are created inside the band, as the article’s were; Node’s worker threads and child processes start before it, so their cost shows as a step up before the band.';
  const blocks: Block[] = [md(text), ...fig(python), ...fig(node)];
  if (!python && !node) blocks.push(note('No memory timeline was recorded for this machine.', 'warning'));
  return { id: 'memory-over-time', title: 'Memory over time', blocks };
}

// ---- beyond the article: the concurrency sweep --------------------------------------------------------

function costSentence(costs: Cost[]): string {
  if (costs.length === 0) return 'No model ran at two or more concurrency levels, so there is no per-request cost to show.';
  const lines = costs.map((c) => `- **${c.group}**: ${costPhrase(c)}, from ${bytes(c.points[0]!.peak.median)} at ${c.points[0]!.concurrency} to ${bytes(c.points.at(-1)!.peak.median)} at ${count(c.points.at(-1)!.concurrency)}.`);
  return `What one more request in flight costs, from the slope of peak memory against the level:\n\n${lines.join('\n')}`;
}

function sweepSection(ctx: Context, costs: Cost[]): Section {
  const intro = `Beyond the article: every model at concurrency levels ${ctx.plan.sweep_levels.join(', ')}, each level c making c × ${ctx.plan.sweep_waves} requests so that every level runs the same number of waves. A thread or a process costs memory before it sends a byte; a socket on the event loop, or a coroutine, costs only its buffers.`;
  return {
    id: 'concurrency-sweep',
    title: 'Memory against concurrency',
    blocks: [md(intro), ...fig(sweepFigure(ctx, costs)), md(costSentence(costs)), ...tab(costTable(costs)), ...tab(sweepTable(ctx))],
  };
}

// ---- performance checks --------------------------------------------------------------------------------

function performanceSection(ctx: Context, costs: Cost[]): Section {
  const checks = limitChecks(ctx);
  const limitText = checks.length
    ? checks
        .map((c) => `With \`${c.point.client}\`, all ${c.point.concurrency} requests took ${ms(c.point.wall.median)} against a limit of ${ms(c.limit_ms)} (slowest answer ${ms(c.slowest_ms)} + ${c.cpu_source === 'main thread' ? 'main-thread' : 'whole-tree'} CPU ${ms(c.cpu_ms)}): ${ratio(c.ratio)} the limit, ${c.ratio <= 1 ? 'under it' : c.within ? `within ${percent(LIMIT_MARGIN)} over it` : `more than ${percent(LIMIT_MARGIN)} over it`}; ${ms(c.over_slowest_ms)} over the slowest answer alone.`)
        .join(' ')
    : `The event loop was not measured with all ${ctx.high} requests in flight.`;
  const loop = costs.find((c) => c.strategy === NODE.eventLoop);
  const reading = liveReading(loop);
  return {
    id: 'performance',
    title: 'Performance checks',
    blocks: [md(`**The event loop against the physical limit.** ${limitText}`), ...tab(limitTable(checks)), md(`**Marginal memory per request.** ${liveText(loop, reading)}`), ...tab(liveTable(reading))],
  };
}

// ---- fetch against node:http -----------------------------------------------------------------------------

function clientSection(ctx: Context): Section {
  const pairs = clientPairs(ctx);
  if (pairs.length === 0) return { id: 'clients', title: 'fetch against node:http', blocks: [note(`Only the \`${ctx.plan.clients.join(', ')}\` client ran: nothing to compare.`)] };
  const seq = pairs.find((p) => p.strategy === NODE.sequential);
  const worst = pairs.reduce((a, b) => (b.fetch.peak.median - b.http.peak.median > a.fetch.peak.median - a.http.peak.median ? b : a));
  const text = [
    'Node has two HTTP clients in the box: `fetch` (undici, loaded on first use) and `node:http`. Every Node strategy of the article’s comparison ran with both.',
    seq ? `Sequentially, fetch peaks at ${bytes(seq.fetch.peak.median)} against ${bytes(seq.http.peak.median)} with node:http.` : '',
    `The largest gap is ${pointLabel(worst.fetch).replace(' · fetch', '')}: ${bytes(worst.fetch.peak.median)} against ${bytes(worst.http.peak.median)}${worst.strategy === NODE.threads || worst.strategy === NODE.processes ? ', a pool in which every worker loads and compiles its own copy of the client' : ''}.`,
  ];
  return { id: 'clients', title: 'fetch against node:http', blocks: [md(text.filter(Boolean).join(' ')), ...tab(clientTable(pairs))] };
}

// ---- Node against Python ----------------------------------------------------------------------------------

function pythonSection(ctx: Context): Section {
  if (ctx.pythonMissing) {
    return { id: 'node-vs-python', title: 'Node against Python', blocks: [note(`The article’s Python is ${ctx.pythonMissing}; only the Node analogs are reported.`, 'warning')] };
  }
  const text = 'The same job in the two runtimes, each method beside its analog. Python threads and Node worker threads both run one blocking request per thread, but a worker thread is a whole V8 isolate; asyncio, gevent and the event loop all keep many sockets on one thread.';
  const figure = nodeVsPythonFigure(ctx);
  return { id: 'node-vs-python', title: 'Node against Python', blocks: [md(text), ...(figure ? fig(figure) : [note('No pair of a Python method and its Node analog was measured.')])] };
}

// ---- the document --------------------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const costs = perRequestCosts(ctx);
  const doc: ReportDoc = {
    headline: headline(ctx),
    claims: claimVerdicts(ctx, input.experiment.claims),
    sections: [findings(ctx), timelines(ctx), sweepSection(ctx, costs), performanceSection(ctx, costs), clientSection(ctx), pythonSection(ctx)],
  };
  return doc;
};

export default report;
