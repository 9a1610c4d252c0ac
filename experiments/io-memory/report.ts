// Article 001's report: the io-memory rows in, a document out. Pure: it reads
// only its input. Points come from context.ts (on lib's report context),
// verdicts from claims.ts (judged by lib), charts from *-figure.ts and tables
// from tables.ts; this file writes the prose around them, in reading order.

import { glance } from './glance.ts';
import { best } from './best.ts';
import type { Block, Figure, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { bytes, count, ms, plural } from '../../lib/report/format.ts';
import { invertInterval, ratioInterval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import { atEqualConcurrency, claimVerdicts } from './claims.ts';
import { articleAt, articlePoints, buildContext, med, NODE, PY, reached, type Context, type MemPoint } from './context.ts';
import { inFlightRange, memoryVersus, pointName } from './labels.ts';
import { limitChecks, limitTable, limitWords } from './limit.ts';
import { liveReading, liveTable, liveText } from './live-memory.ts';
import { nodeVsPythonFigure } from './python-figure.ts';
import { peakWallFigure } from './scatter-figure.ts';
import { costPhrase, costTable, perRequestCosts, sweepFigure, type Cost } from './sweep-figure.ts';
import { articleTable, clientPairs, clientTable, equalConcurrencyTables, sweepTable } from './tables.ts';
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

/** ", which had only 31–36 requests in flight at once" where a pool fell short of its size. */
const shortOf = (p: MemPoint) => (reached(p) ? '' : `, which had only ${inFlightRange(p)} requests in flight at once`);

// ---- headline ------------------------------------------------------------------------------

/** "; at an equal 50 in flight, 8.90× (8.84–8.95) less" where the pool fell short of its size. */
function equalPhrase(ctx: Context, pool: MemPoint): string {
  const equal = reached(pool) ? undefined : atEqualConcurrency(ctx, NODE.eventLoop, NODE.threads);
  return equal ? ` (at an equal ${count(equal.level)} in flight: ${memoryVersus(invertInterval(equal.ratio), 'worker threads')})` : '';
}

function headline(ctx: Context): string {
  const loop = articleAt(ctx, NODE.eventLoop, ctx.high);
  const threads = articleAt(ctx, NODE.threads, ctx.high);
  const node = loop
    ? `With ${latency(ctx.api.latency_ms)} per answer, Node’s event loop fetched all ${count(ctx.plan.days)} dates at once in ${ms(loop.wall.median)} and peaked at ${bytes(loop.peak.median)}` +
      (threads ? `: ${memoryVersus(ratioInterval(loop.peaks, threads.peaks), `${ctx.high} worker threads`)}${shortOf(threads)}${equalPhrase(ctx, threads)}` : '')
    : `Node’s event loop has no clean repetitions with all ${count(ctx.plan.days)} dates in flight`;
  if (ctx.pythonMissing) return `${node}; the article’s Python did not run here.`;
  const asyncio = articleAt(ctx, ctx.asyncio, ctx.high);
  const pyThreads = articleAt(ctx, PY.threads, ctx.high);
  const name = ctx.asyncio === PY.asyncio ? 'asyncio with aiohttp' : 'asyncio on plain streams';
  const py = asyncio && pyThreads ? `Python’s ${name} peaked at ${bytes(asyncio.peak.median)}: ${memoryVersus(ratioInterval(asyncio.peaks, pyThreads.peaks), `${ctx.high} threads`)}` : 'Python’s asyncio and threads do not both have clean repetitions';
  return `${node}. ${py}.`;
}

// ---- findings --------------------------------------------------------------------------------

function findingsIntro(ctx: Context): string {
  const skipped = [...ctx.missing].filter(([name, why]) => name.startsWith('python') && why.startsWith('skipped'));
  const skippedText = skipped.length && !ctx.pythonMissing ? ` Skipped here: ${skipped.map(([name, why]) => `\`${name}\` (${why.replace(/^skipped: /, '')})`).join('; ')}.` : '';
  const python = ctx.pythonMissing
    ? ' The article’s Python did not run on this machine, so every Python column is empty.'
    : ` The Python peers are the article’s methods; its sync client is \`urllib\` here (see the method).${skippedText}`;
  return [
    `Every strategy asked the local price API for the same ${count(ctx.plan.days)} dates. The API answers after ${latencyPhrase(ctx)}: each answer comes about ${factor(1 / ctx.api.latency_scale)} sooner than the article’s did (its ~29 s for 100 requests), so every time below is that much shorter than the article’s for the same method. The article’s thread pools of 20 (its default on 4 cores) and 100 (one per request) are run here at ${ctx.low} and ${ctx.high}.${python}`,
    `Tables give medians of the clean repetitions on this machine’s ${plural(ctx.cores, 'core')}; every ratio is a ratio of geometric means with its 95 % interval (see the method). Memory is the RSS of the client’s whole process tree (threads and child processes included; the API’s own process is never counted), in binary units (1 MiB = 2²⁰ bytes).`,
  ].join('\n\n');
}

/** Which points fell short of their level, in words: the concurrency every comparison must be read at. */
function concurrencyText(ctx: Context): string {
  const short = articlePoints(ctx).filter((p) => !reached(p));
  if (articlePoints(ctx).every((p) => p.inFlight.n === 0)) return 'This run did not record how many requests were in flight at once (`server_peak_in_flight`): the levels below are the ones the strategies were set to, not ones the API checked.';
  const head = '**Requests really in flight.** The API counts the most requests it holds at once (`server_peak_in_flight`), so a level is a fact, not a setting.';
  if (short.length === 0) return `${head} Every strategy of the article’s comparison kept its whole level in flight.`;
  const list = short.map((p) => `${pointName(p)} had ${inFlightRange(p)} in flight, not ${p.concurrency}`).join('; ');
  return `${head} Every other strategy of the article’s comparison kept its whole level in flight, but ${list}: the pool had that many workers, and the API never saw that many requests at once. Comparisons with such a pool are at its size, not at equal concurrency; the sweep below compares the models at levels both reached.`;
}

/** The scatter of peak memory against time in one sentence: who finished first, who peaked lowest, at the high level. */
function findingsLead(ctx: Context): string | undefined {
  const at = articlePoints(ctx).filter((p) => p.concurrency === ctx.high && Number.isFinite(p.peak.median) && Number.isFinite(p.wall.median));
  if (at.length < 2) return undefined;
  const first = at.reduce((a, p) => (p.wall.median < a.wall.median ? p : a));
  const lightest = at.reduce((a, p) => (p.peak.median < a.peak.median ? p : a));
  const both = first === lightest ? `${pointName(first)} both finished first (${ms(first.wall.median)}) and peaked lowest (${bytes(first.peak.median)})` : `${pointName(first)} finished first (${ms(first.wall.median)}) and ${pointName(lightest)} peaked lowest (${bytes(lightest.peak.median)})`;
  return `With all ${count(ctx.high)} requests in flight, ${both}; in the scatter, lower left is better on both.`;
}

function findings(ctx: Context): Section {
  const blocks: Block[] = [md(findingsIntro(ctx))];
  if (ctx.failedRequests > 0) {
    blocks.push(note(`${plural(ctx.failedRequests, 'request')} failed in ${plural(ctx.trialsWithFailures, 'measured trial')} (the API answered an error or no answer came). They are kept as failed results and counted in the \`Failed\` columns below, and their trials stay in the statistics; a trial with a failure the API did not make on purpose has no result digest.`, 'warning'));
  }
  if (ctx.failed.length > 0) blocks.push(note(`${plural(ctx.failed.length, 'trial')} failed outright; they are left out of every figure and listed in the run notes.`, 'warning'));
  if (ctx.disturbed.length > 0) blocks.push(note(`${plural(ctx.disturbed.length, 'measured trial')} stayed disturbed after their re-runs (other processes took CPU): they are in the CSV and the run notes, left out of every statistic here.`, 'warning'));
  const table = articleTable(ctx);
  if (!table) blocks.push(note('No clean rows of the article’s comparison on this machine: nothing to show.', 'warning'));
  else blocks.push(md(concurrencyText(ctx)));
  blocks.push(...fig(peakWallFigure(ctx)), ...tab(table));
  return { id: 'findings', title: 'Findings', lead: findingsLead(ctx), blocks };
}

// ---- the article's figures ------------------------------------------------------------------------

/** Which method grows most from its start to its peak, and which least, at the high level (medians). */
function timelineLead(ctx: Context): string | undefined {
  const grown = articlePoints(ctx)
    .filter((p) => p.concurrency === ctx.high)
    .map((p) => ({ p, grow: p.peak.median - med(p, 'rss_base_bytes') }))
    .filter((d) => Number.isFinite(d.grow));
  if (grown.length < 2) return undefined;
  const most = grown.reduce((a, d) => (d.grow > a.grow ? d : a));
  const least = grown.reduce((a, d) => (d.grow < a.grow ? d : a));
  return `From its start to its peak with ${count(ctx.high)} requests, ${pointName(most.p)} grows the most (${bytes(most.grow)}) and ${pointName(least.p)} the least (${bytes(least.grow)}); look at the step each line takes inside the grey band.`;
}

function timelines(ctx: Context): Section {
  const python = timelineFigure(ctx, 'python');
  const node = timelineFigure(ctx, 'node');
  const text =
    'The article showed one memory-over-time plot per method. Here they are rebuilt from the sampled timelines: the flat start is the interpreter (and any pool) starting, the grey band the requests. Python’s threads are created inside the band, as the article’s were; Node’s worker threads and child processes start before it, so their cost shows as a step up before the band.';
  const blocks: Block[] = [md(text), ...fig(python), ...fig(node)];
  if (!python && !node) blocks.push(note('No memory timeline was recorded for this machine.', 'warning'));
  return { id: 'memory-over-time', title: 'Memory over time', lead: timelineLead(ctx), blocks };
}

// ---- beyond the article: the concurrency sweep --------------------------------------------------------

function costSentence(costs: Cost[]): string {
  if (costs.length === 0) return 'No model ran at two or more concurrency levels, so there is no per-request cost to show.';
  const lines = costs.map((c) => {
    const top = c.points.at(-1)!;
    return `- **${c.label}**: ${costPhrase(c)}, from ${bytes(c.points[0]!.peak.median)} at ${c.points[0]!.concurrency} to ${bytes(top.peak.median)} at ${count(top.concurrency)}${reached(top) ? '' : `, where only ${inFlightRange(top)} were in flight`}.`;
  });
  return `What one more request in flight costs, from the slope of peak memory against the level:\n\n${lines.join('\n')}`;
}

/** The dearest and the cheapest request in flight, from the slopes. */
function sweepLead(costs: Cost[]): string | undefined {
  const sloped = costs.filter((c) => Number.isFinite(c.slope_bytes));
  if (sloped.length < 2) return undefined;
  const dear = sloped.reduce((a, c) => (c.slope_bytes > a.slope_bytes ? c : a));
  const cheap = sloped.reduce((a, c) => (c.slope_bytes < a.slope_bytes ? c : a));
  return `One more request in flight costs ${bytes(dear.slope_bytes)} on ${dear.label} and ${bytes(cheap.slope_bytes)} on ${cheap.label}: the slopes of the lines below, and the reason the models part as the level grows.`;
}

function sweepSection(ctx: Context, costs: Cost[]): Section {
  const intro = `Beyond the article: every model at concurrency levels ${ctx.plan.sweep_levels.join(', ')}, each level c making c × ${ctx.plan.sweep_waves} requests so that every level runs the same number of waves. A thread or a process costs memory before it sends a byte; a socket on the event loop, or a coroutine, costs only its buffers.`;
  const equal = equalConcurrencyTables(ctx);
  const equalText = 'At equal concurrency, each model against its runtime’s coroutine model at the same level, compared only where both kept the whole level in flight:';
  return {
    id: 'concurrency-sweep',
    title: 'Memory against concurrency',
    lead: sweepLead(costs),
    blocks: [md(intro), ...fig(sweepFigure(ctx, costs)), md(costSentence(costs)), ...tab(costTable(costs)), ...(equal.length ? [md(equalText), ...equal.flatMap(tab)] : []), ...tab(sweepTable(ctx))],
  };
}

// ---- performance checks --------------------------------------------------------------------------------

function performanceSection(ctx: Context, costs: Cost[]): Section {
  const checks = limitChecks(ctx);
  const limitText = checks.length
    ? checks
        .map((c) => `With \`${c.point.client}\`, all ${c.point.concurrency} requests took ${ms(c.point.wall.median)} against a limit of ${ms(c.limit_ms)} (slowest answer ${ms(c.slowest_ms)} + ${c.cpu_source === 'main thread' ? 'main-thread' : 'whole-tree'} CPU ${ms(c.cpu_ms)}): ${estimate(c.ratio)} the limit, ${limitWords(c)}; ${ms(c.over_slowest_ms)} over the slowest answer alone.`)
        .join(' ')
    : `The event loop has no clean repetitions with all ${ctx.high} requests in flight.`;
  const loop = costs.find((c) => c.strategy === NODE.eventLoop);
  const reading = liveReading(loop);
  return {
    id: 'performance',
    title: 'Performance checks',
    lead: checks[0] ? `The event loop against the physical limit (the slowest answer plus its own CPU): with \`${checks[0].point.client}\`, ${estimate(checks[0].ratio)} the limit, ${limitWords(checks[0])}.` : undefined,
    blocks: [md(`**The event loop against the physical limit.** ${limitText}`), ...tab(limitTable(checks)), md(`**Marginal memory per request.** ${liveText(loop, reading)}`), ...tab(liveTable(reading))],
  };
}

// ---- fetch against node:http -----------------------------------------------------------------------------

function clientSection(ctx: Context): Section {
  const pairs = clientPairs(ctx);
  if (pairs.length === 0) return { id: 'clients', title: 'fetch against node:http', blocks: [note(`Only the \`${ctx.plan.clients.join(', ')}\` client ran: nothing to compare.`)] };
  const seq = pairs.find((p) => p.strategy === NODE.sequential);
  const gap = (p: (typeof pairs)[number]) => ratioInterval(p.fetch.peaks, p.http.peaks).value;
  const worst = pairs.reduce((a, b) => (gap(b) > gap(a) ? b : a));
  const pool = worst.strategy === NODE.threads || worst.strategy === NODE.processes;
  const text = [
    'Node has two HTTP clients in the box: `fetch` (undici, loaded on first use) and `node:http`. Every Node strategy of the article’s comparison ran with both.',
    seq ? `Sequentially, fetch takes ${memoryVersus(ratioInterval(seq.fetch.peaks, seq.http.peaks), 'node:http')} (${bytes(seq.fetch.peak.median)} against ${bytes(seq.http.peak.median)}).` : '',
    `The largest ratio is ${worst.fetch.label} at ${worst.concurrency}: ${estimate(ratioInterval(worst.fetch.peaks, worst.http.peaks))} (${bytes(worst.fetch.peak.median)} against ${bytes(worst.http.peak.median)})${pool ? ', a pool in which every worker loads and compiles its own copy of the client' : ''}.`,
  ];
  const lead = seq ? `Node’s two HTTP clients differ in memory before any concurrency: sequentially, fetch takes ${memoryVersus(ratioInterval(seq.fetch.peaks, seq.http.peaks), 'node:http')}.` : undefined;
  return { id: 'clients', title: 'fetch against node:http', lead, blocks: [md(text.filter(Boolean).join(' ')), ...tab(clientTable(pairs))] };
}

// ---- Node against Python ----------------------------------------------------------------------------------

function pythonSection(ctx: Context): Section {
  if (ctx.pythonMissing) {
    return { id: 'node-vs-python', title: 'Node against Python', blocks: [note(`The article’s Python is ${ctx.pythonMissing}; only the Node analogs are reported.`, 'warning')] };
  }
  const text = 'The same job in the two runtimes, each method beside its analog. Python threads and Node worker threads both run one blocking request per thread, but a worker thread is a whole V8 isolate; asyncio, gevent and the event loop all keep many sockets on one thread.';
  const figure = nodeVsPythonFigure(ctx);
  const [loop, asyncio] = [articleAt(ctx, NODE.eventLoop, ctx.high), articleAt(ctx, ctx.asyncio, ctx.high)];
  const lead = loop && asyncio ? `Each runtime’s coroutine model with all ${count(ctx.high)} requests in flight: Node’s event loop takes ${memoryVersus(ratioInterval(loop.peaks, asyncio.peaks), 'Python’s asyncio')} (${bytes(loop.peak.median)} against ${bytes(asyncio.peak.median)}).` : undefined;
  return { id: 'node-vs-python', title: 'Node against Python', lead, blocks: [md(text), ...(figure ? fig(figure) : [note('No pair of a Python method and its Node analog was measured.')])] };
}

// ---- the document --------------------------------------------------------------------------------------------

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const costs = perRequestCosts(ctx);
  const doc: ReportDoc = {
    headline: headline(ctx),
    glance: glance(ctx),
    best: best(ctx),
    claims: claimVerdicts(ctx, input.experiment.claims),
    sections: [findings(ctx), timelines(ctx), sweepSection(ctx, costs), performanceSection(ctx, costs), clientSection(ctx), pythonSection(ctx)],
  };
  return doc;
};

export default report;
