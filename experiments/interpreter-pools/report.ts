// Article 003's report: the rows in, a document out. Pure: it reads only its
// input. Numbers come from context.ts and analysis.ts, verdicts from
// claims.ts, charts and tables from their own files; this file writes the
// prose around them and puts the sections in reading order.

import type { Block, Figure, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { count, plural, ratio } from '../../lib/report/format.ts';
import { accountingFigure } from './accounting-figure.ts';
import { parseLoad, type Point } from './analysis.ts';
import { atLeast, claimVerdicts } from './claims.ts';
import { buildContext, type Context } from './context.ts';
import { efficiencyFigure } from './efficiency-figure.ts';
import { fixedCosts, fixedCostTable, startupFigure } from './fixed-cost.ts';
import { argument, loadLabel } from './labels.ts';
import { memoryFigure } from './memory-figure.ts';
import { metricTable } from './metric-table.ts';
import { WORKLOADS } from './params.ts';
import { isolationTable, scaleRows, scaleTable } from './side-tables.ts';
import { sweepFigure, sweeps } from './sweep-figure.ts';
import { throughputFigure } from './throughput-figure.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const tab = (t: Table | undefined): Block[] => (t ? [{ kind: 'table', table: t }] : []);
const two = (x: number) => x.toFixed(2);

/** The grid point of a strategy on a workload at its heaviest load (scaled ones included). */
function heaviest(ctx: Context, strategy: string, workload: string): Point | undefined {
  return ctx.points.grid(workload, ctx.workers, ctx.tasks, (p) => p.strategy === strategy).at(-1);
}

// ---- headline ------------------------------------------------------------------------------

export function headline(ctx: Context): string {
  const parts: string[] = [];
  const wt = heaviest(ctx, 'node-worker-threads', 'cpu');
  const wtEff = wt ? ctx.points.metrics(wt).correctedEfficiency.median : NaN;
  parts.push(
    wt && Number.isFinite(wtEff)
      ? `On ${plural(ctx.cores, 'core')}, ${plural(wt.workers, 'Node worker thread')} (the interpreter pool’s analog) run ${wt.tasks} cpu tasks of ${argument('cpu', wt.n)} at ${two(wtEff)} of the ideal speed-up over ${ctx.points.metrics(wt).oneTask === 'own' ? 'one task on one worker thread' : 'one task on the event loop'}`
      : `On ${plural(ctx.cores, 'core')}, Node’s worker threads were not measured on the cpu workload`,
  );
  const pp = ctx.pythonMissing ? undefined : heaviest(ctx, 'python-processes', 'cpu');
  if (pp) {
    const m = ctx.points.metrics(pp);
    if (Number.isFinite(m.articleGil.median) && Number.isFinite(m.correctedGil.median)) {
      parts.push(`Python’s process pool scores ${two(m.articleGil.median)} “GIL efficiency” counted the article’s way and ${two(m.correctedGil.median)} counting the whole process tree against the ${plural(Math.min(pp.workers, ctx.cores), 'core')} it could use`);
    }
  } else if (ctx.pythonMissing) {
    parts.push(`the article’s Python was ${ctx.pythonMissing}`);
  }
  if (ctx.interpretersMissing && !ctx.pythonMissing) parts.push(ctx.interpretersMissing.replace(/^not run here: /, ''));
  return `${parts.join('; ')}.`;
}

// ---- per workload --------------------------------------------------------------------------

const WORKLOAD_TEXT: Record<string, { title: string; what: string }> = {
  cpu: { title: 'CPU work', what: 'a loop of n multiplications (`cpu_heavy`)' },
  memory: { title: 'Memory work', what: 'an array of n integers built one append at a time, then summed (`memory_heavy`)' },
  io: { title: 'File work', what: 'n MiB written to a temporary file, read back line by line and deleted (`io_heavy`)' },
  network: { title: 'Network work', what: 'n GETs of a page, one after another, each on a new connection (`network_heavy`)' },
};

function loadsText(ctx: Context, workload: string): string {
  const loads = ctx.points.loads(workload);
  return loads
    .map((load) => {
      const p = ctx.points.all.find((q) => q.workload === workload && q.load === load)!;
      return `${loadLabel(load)} ${argument(workload, p.n)}`;
    })
    .join(', ');
}

function networkCheck(ctx: Context): string {
  const points = ctx.points.all.filter((p) => p.workload === 'network');
  const trials = points.flatMap((p) => p.rows.map((r) => ({ asked: p.tasks * p.n, counted: r.server_requests })));
  if (trials.length === 0) return '';
  const exact = trials.filter((t) => t.counted === t.asked).length;
  return ` The server counted the page requests of each trial: ${exact} of ${plural(trials.length, 'trial')} made exactly tasks × n.`;
}

/** The issue's performance target: worker threads on cpu work at a corrected efficiency of at least 0.9. */
export const WT_TARGET = 0.9;

function workerThreadsTarget(ctx: Context): string {
  const wt = heaviest(ctx, 'node-worker-threads', 'cpu');
  if (!wt) return '';
  const m = ctx.points.metrics(wt);
  const e = m.correctedEfficiency;
  if (!Number.isFinite(e.median)) return '';
  const test = atLeast(e, WT_TARGET);
  const verdict = test === 'yes' ? 'at or above it' : test === 'no' ? 'below it' : 'not clearly either side of it';
  const over = m.oneTask === 'own' ? 'their own single task on one worker' : 'the event loop’s single task (their own was not measured)';
  return ` Target for the interpreter pool’s analog: a corrected speed-up efficiency of at least ${two(WT_TARGET)} against min(workers, ${ctx.cores} cores). ${plural(wt.workers, 'Node worker thread')} at ${loadLabel(wt.load)} read ${two(e.median)} (interquartile ${two(e.q1)}–${two(e.q3)}, ${plural(e.n, 'repetition')}, over ${over}): ${verdict}.`;
}

function workloadSection(ctx: Context, workload: string): Section | undefined {
  const blocks = [
    ...fig(efficiencyFigure(ctx, workload)),
    ...fig(throughputFigure(ctx, workload)),
    ...fig(memoryFigure(ctx, workload)),
    ...(workload === 'cpu' ? fig(accountingFigure(ctx, 'cpu')) : []),
  ];
  if (blocks.length === 0) return undefined;
  const t = WORKLOAD_TEXT[workload]!;
  const scaled = ctx.points.loads(workload).some((l) => parseLoad(l).scale > 1);
  const extra =
    workload === 'network'
      ? ` The page comes from a local server that answers after ${count(ctx.latencyMs)} ms.${networkCheck(ctx)}`
      : scaled
        ? ' Loads marked (Node) are Node-only, n scaled up so that a task takes about as long as Python’s at the article’s n (see “Node at Python’s pace”).'
        : '';
  const intro = `Each task is ${t.what}. Loads: ${loadsText(ctx, workload)}.${extra}${workload === 'cpu' ? workerThreadsTarget(ctx) : ''}`;
  return { id: `workload-${workload}`, title: t.title, blocks: [md(intro), ...blocks] };
}

// ---- the rest ------------------------------------------------------------------------------

function sweepSection(ctx: Context): Section {
  const f = sweepFigure(ctx);
  const counts = [...new Set(sweeps(ctx).flatMap((s) => s.points.map((p) => p.workers)))].sort((a, b) => a - b);
  return {
    id: 'worker-sweep',
    title: 'Scaling with workers',
    blocks: f
      ? [md(`Beyond the article’s fixed ${ctx.workers}: pools of ${counts.join(', ')} workers, each running as many tasks as it has workers.`), ...fig(f)]
      : [note('No strategy was swept over two or more worker counts in this run (parameter `sweep_workers`).')],
  };
}

function paceSection(ctx: Context): Section {
  const rows = scaleRows(ctx);
  const scaledWorkloads = [...new Set(rows.filter((r) => r.scaled).map((r) => r.workload))];
  const lines = rows
    .filter((r) => Number.isFinite(r.growth))
    .map((r) => `- **${r.workload}, ${r.level}** (${argument(r.workload, r.n)}): Python ${ratio(r.growth)} Node’s time${r.scaled ? `; at ${count(r.scaled.n)} (×${count(r.scaled.n / r.n)}) Node takes ${ratio(r.scaled.node_ms / r.python_ms)} Python’s time at the article’s n` : ''}.`);
  const why = scaledWorkloads.length
    ? `At the article’s n, a loop Node runs much faster is over before a pool can show its parallelism, so Node also ran ${scaledWorkloads.join(' and ')} with n scaled up (parameters \`cpu_node_scale\`, \`memory_node_scale\`).`
    : 'No Node load was scaled up in this run (parameters `cpu_node_scale`, `memory_node_scale`).';
  const text = lines.length
    ? `${why} How much n would have to grow for Node to take as long as Python, from one task on one worker in each runtime:\n\n${lines.join('\n')}`
    : 'No cpu or memory load has both a Python and a Node one-task baseline in this run.';
  return { id: 'node-pace', title: 'Node at Python’s pace', blocks: [md(text), ...tab(scaleTable(ctx, rows))] };
}

function fixedCostSection(ctx: Context): Section {
  const costs = fixedCosts(ctx);
  const blocks = [...fig(startupFigure(ctx, costs)), ...tab(fixedCostTable(ctx, costs))];
  return {
    id: 'fixed-costs',
    title: 'The fixed cost of each model',
    blocks: blocks.length
      ? [md(`What a pool of ${ctx.workers} costs before it does any work: its start-up time, and the memory it holds idle. The article timed this inside every measurement, which weighs most on its lightest loads.`), ...blocks]
      : [note('No pool was measured at the run’s pool size.')],
  };
}

function isolationSection(ctx: Context): Section {
  const t = isolationTable(ctx);
  return { id: 'isolation-rule', title: 'Isolation: what may cross into a worker', blocks: t ? [...tab(t)] : [note('No trial recorded its isolation probe.')] };
}

function metricSection(ctx: Context): Section {
  const t = metricTable(ctx);
  return {
    id: 'metrics',
    title: 'The article’s metrics beside the corrected ones',
    blocks: t
      ? [md('Two flaws in the article’s measurement are corrected here. Its CPU count misses the CPU of child processes that exited before the final reading, so a process pool looks idle (claim I3). Its speed-up compares 4 tasks against 1, so perfect parallelism reads as 1.0, not as the worker count. Both versions of every metric, side by side:'), ...tab(t)]
      : [note('No measured rows for this machine: nothing to show.', 'warning')],
  };
}

function runNotes(ctx: Context): Block[] {
  const out: Block[] = [];
  if (ctx.interpretersMissing) out.push(note(`The interpreter pool was ${ctx.interpretersMissing}. Its Node analog, worker threads, ran; the article’s own figures for it are quoted in the claims and in the table at the end.`));
  if (ctx.pythonMissing) out.push(note(`The article’s Python was ${ctx.pythonMissing}; only the Node analogs are reported.`, 'warning'));
  if (ctx.disturbed > 0) out.push(note(`${plural(ctx.disturbed, 'measured trial')} ran while other processes took CPU (flagged disturbed); they are kept in the medians, and the interquartile ranges carry that noise into the verdicts.`, 'warning'));
  return out;
}

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const workloads = WORKLOADS.map((w) => workloadSection(ctx, w)).filter((s): s is Section => s !== undefined);
  const notes = runNotes(ctx);
  if (workloads.length > 0 && notes.length > 0) workloads[0]!.blocks.unshift(...notes);
  const sections = workloads.length > 0 ? workloads : [{ id: 'workload-none', title: 'Findings', blocks: [...notes, note('No measured rows for this machine: nothing to show.', 'warning')] }];
  const doc: ReportDoc = {
    headline: headline(ctx),
    claims: claimVerdicts(ctx, input.experiment.claims),
    sections: [...sections, sweepSection(ctx), paceSection(ctx), fixedCostSection(ctx), isolationSection(ctx), metricSection(ctx)],
  };
  return doc;
};

export default report;

