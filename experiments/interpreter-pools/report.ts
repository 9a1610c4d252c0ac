// Article 003's report: the rows in, a document out. Pure: it reads only its
// input. Points and the report's context come from lib (context.ts extends
// them, the sharing probes' rows kept apart), metrics with their intervals from
// analysis.ts, verdicts from lib's engine through claims.ts, charts and tables
// from their own files, the rules of sharing from sharing-section.ts; this file
// writes the prose around them and puts the sections in reading order.

import { glance } from './glance.ts';
import { best } from './best.ts';
import type { Block, Figure, ReportDoc, ReportFunction, Section, Table } from '../../lib/report/doc.ts';
import { aboveCoresFlag, checkBaseline, type BaselineCheck } from '../../lib/report/baseline.ts';
import { count, plural } from '../../lib/report/format.ts';
import { strategyLabel } from '../../lib/report/strategies.ts';
import { ratioInterval } from '../../lib/stats/interval.ts';
import { outcomeOf } from '../../lib/verdicts/classify.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { accountingFigure } from './accounting-figure.ts';
import { articleGil, corrected, correctedGil, efficiencyParts, usable } from './analysis.ts';
import { claimVerdicts } from './claims.ts';
import { BESIDE, buildContext, grid, loads, missingText, num, pointOf, pythonName, type Context, type PoolPoint } from './context.ts';
import { efficiencyFigure } from './efficiency-figure.ts';
import { fixedCosts, fixedCostTable, startupFigure } from './fixed-cost.ts';
import { argument, loadLabel } from './labels.ts';
import { memoryFigure } from './memory-figure.ts';
import { payloadBlocks, payloadLead } from './payload-section.ts';
import { metricTable } from './metric-table.ts';
import { WORKLOADS } from './params.ts';
import { BASELINE } from './plan.ts';
import { sharingSection } from './sharing-section.ts';
import { cpythonsTable, isolationTable, scaleRows, scaleTable } from './side-tables.ts';
import { keepsBusy, shareDetails, sharesOf } from './cpu-share.ts';
import { fileSystemType, MEMORY_FILE_SYSTEMS } from './file-system.ts';
import { ioFinding, ioStepsTable, topSteps } from './io-steps-section.ts';
import { sweepFigure, sweeps } from './sweep-figure.ts';
import { throughputFigure } from './throughput-figure.ts';
import { valuesOf } from '../../lib/report/points.ts';
import { columns } from '../../lib/report/columns.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const note = (text: string, tone: 'info' | 'warning' = 'info'): Block => ({ kind: 'note', tone, text });
const fig = (f: Figure | undefined): Block[] => (f ? [{ kind: 'figure', figure: f }] : []);
const tab = (t: Table | undefined): Block[] => (t ? [{ kind: 'table', table: t }] : []);
const TWO = { digits: 2 } as const;
const spans = (p: PoolPoint) => valuesOf(p, (r) => num(r.span_ms));

/** A strategy's point on a workload at the heaviest of the article's loads (scaled Node loads left out). */
const heaviest = (ctx: Context, strategy: string, workload: string) => grid(ctx, workload, (p) => p.strategy === strategy && p.scale === 1).at(-1);

// ---- headline ------------------------------------------------------------------------------

/** The interpreter pool (or its Node analog) against the process pool on the heaviest cpu load, with intervals. */
function poolAgainstProcesses(ctx: Context, pool: string, processes: string, rival: string): string | undefined {
  const p = heaviest(ctx, pool, 'cpu');
  const q = p && pointOf(ctx, processes, 'cpu', p.load);
  if (!p) return undefined;
  const span = q ? `, and over the article’s window it is ${versus(ratioInterval(spans(p), spans(q)), rival)}` : '';
  return `a corrected GIL efficiency of ${estimate(correctedGil(ctx, p), TWO)} on the ${loadLabel(p.load)} cpu load${span}`;
}

export function headline(ctx: Context): string {
  const parts: string[] = [];
  if (ctx.interpreters.ran) {
    const it = poolAgainstProcesses(ctx, 'python-interpreters', 'python-processes', 'the process pool');
    parts.push(`On ${plural(ctx.cores, 'core')}, ${ctx.interpreters.python}’s interpreter pool of ${ctx.workers} reaches ${it ?? 'no cpu point'}`);
  } else {
    const wt = poolAgainstProcesses(ctx, 'node-worker-threads', 'node-child-processes', 'child processes');
    parts.push(`On ${plural(ctx.cores, 'core')}, the interpreter pool ${ctx.interpreters.noisy ? 'was too noisy to judge' : 'did not run'}: ${ctx.interpreters.reason}`);
    parts.push(wt ? `its Node analog, ${plural(ctx.workers, 'worker thread')}, reaches ${wt}` : 'its Node analog, worker threads, has no cpu point');
  }
  const pp = ctx.pythonMissing ? undefined : heaviest(ctx, 'python-processes', 'cpu');
  const processes = ctx.pythonOf('python-processes');
  if (pp) parts.push(`${processes.version ? `Python ${processes.version}` : 'Python'}’s process pool reads ${estimate(articleGil(pp), TWO)} “GIL efficiency” counted the article’s way and ${estimate(correctedGil(ctx, pp), TWO)} counting the whole process tree against the ${plural(usable(ctx, pp), 'core')} it could use`);
  else if (ctx.pythonMissing) parts.push(`the article’s Python was ${ctx.pythonMissing}`);
  return `${parts.join('; ')}.`;
}

// ---- per workload --------------------------------------------------------------------------

const WORKLOAD_TEXT: Record<string, { title: string; what: string }> = {
  cpu: { title: 'CPU work', what: 'a loop of n multiplications (`cpu_heavy`)' },
  memory: { title: 'Memory work', what: 'an array of n integers built one append at a time, then summed (`memory_heavy`)' },
  io: { title: 'File work, as the article wrote it', what: 'n MiB written to a temporary file, read back line by line and deleted (`io_heavy`)' },
  disk: {
    title: 'File work that waits on the disk',
    what: 'n records of 1 MiB written to a temporary file, each durable on the device before the next: opened with O_DIRECT (past the page cache) and O_DSYNC (a write returns once the device has it), then deleted (`disk_heavy`, beyond the article; Node writes through libuv’s pool, Python’s `os.write` releases the GIL)',
  },
  network: { title: 'Network work', what: 'n GETs of a page, one after another, each on a new connection (`network_heavy`)' },
};

function loadsText(ctx: Context, workload: string): string {
  return loads(ctx, workload)
    .map((load) => `${loadLabel(load)} ${argument(workload, ctx.points.where(null, { workload, load })[0]!.n)}`)
    .join(', ');
}

function networkCheck(ctx: Context): string {
  const trials = ctx.points.where(null, { workload: 'network' }).flatMap((p) => p.rows.map((r) => ({ asked: p.tasks * p.n, counted: r.server_requests })));
  if (trials.length === 0) return '';
  const exact = trials.filter((t) => t.counted === t.asked).length;
  return ` The server counted the page requests of each trial: ${exact} of ${plural(trials.length, 'trial')} made exactly tasks × n.`;
}

/** The issue's performance target: worker threads on cpu work at a corrected speed-up efficiency above 0.9. */
export const WT_TARGET = 0.9;

function workerThreadsTarget(ctx: Context): string {
  const wt = grid(ctx, 'cpu', (p) => p.strategy === 'node-worker-threads').at(-1);
  if (!wt) return '';
  const c = corrected(ctx, wt);
  if (!Number.isFinite(c.efficiency.value)) return '';
  const words = { holds: 'above it', fails: 'below it', undecided: 'not clearly either side of it' }[outcomeOf(c.efficiency, { above: WT_TARGET })];
  const over = c.over === 'own' ? 'their own single task on one worker' : 'the event loop’s single task (their own was not measured)';
  const check = checkBaseline(ctx.points, { strategy: c.one?.strategy ?? 'node-worker-threads', sizeColumn: 'load', unitsOf: (p) => Number(p.at.n), unit: 'iteration', where: { workload: 'cpu', workers: 1, tasks: 1 } });
  const flag = aboveCoresFlag(c.speedup, usable(ctx, wt), check);
  return ` Target for the interpreter pool’s analog: a corrected speed-up efficiency above ${WT_TARGET.toFixed(2)} against min(workers, ${ctx.cores} cores). ${plural(wt.workers, 'Node worker thread')} at ${loadLabel(wt.load)} read ${estimate(c.efficiency, TWO)} (speed-up ${estimate(c.speedup)} over ${over}): ${words}.${flag ? ` ${flag}` : ''}`;
}

/** The issue's target for the interpreter pool itself: the same corrected speed-up efficiency, at the article's high load. */
export const IP_TARGET = 0.9;
/** A pool's cores count as idle when the whole interval of their busy share is below this. */
export const BUSY = 0.9;
/** A task counts as dearer in the pool when its CPU over its CPU alone is above this, by its whole interval. */
export const DEARER = 1.1;

/** The interpreter pool's corrected efficiency on cpu at the heaviest article load, and, below the target, what the data says holds it back. */
function interpreterPoolTarget(ctx: Context): string {
  if (!ctx.interpreters.ran) return '';
  const p = heaviest(ctx, 'python-interpreters', 'cpu');
  if (!p) return '';
  const c = corrected(ctx, p);
  if (!Number.isFinite(c.efficiency.value)) return '';
  const outcome = outcomeOf(c.efficiency, { above: IP_TARGET });
  const words = { holds: 'above it', fails: 'below it', undecided: 'not clearly either side of it' }[outcome];
  const over = c.over === 'own' ? 'its own single task on one worker' : 'the thread pool’s single task (its own was not measured)';
  const load = p.load === 'high' ? 'the article’s high load' : `${loadLabel(p.load)}, the heaviest load this run has (the article’s high load did not run)`;
  const head = ` The interpreter pool itself (${ctx.interpreters.python}, ${plural(p.workers, 'interpreter')}, ${p.tasks} tasks) at ${load}: corrected speed-up efficiency ${estimate(c.efficiency, TWO)} against min(${p.workers} workers, ${ctx.cores} cores) (speed-up ${estimate(c.speedup)} over ${over}), for a target of ${IP_TARGET.toFixed(2)}: ${words}.`;
  const parts = outcome === 'holds' ? undefined : efficiencyParts(ctx, p);
  if (!parts) return head;
  const idle = outcomeOf(parts.busy, { below: BUSY }) === 'holds';
  const dearer = outcomeOf(parts.cpuPerTask, { above: DEARER }) === 'holds';
  const limits = [idle ? `its cores stood idle part of the time (busy below ${BUSY.toFixed(2)})` : '', dearer ? `each task cost more CPU than alone (above ${DEARER.toFixed(2)}×)` : ''].filter(Boolean);
  return (
    `${head} Measured, per repetition: the usable cores were busy ${estimate(parts.busy, TWO)} of the work’s wall time (whole-tree CPU ÷ (wall × ${usable(ctx, p)})); each task used ${estimate(parts.cpuPerTask)} the CPU of the same task alone on one worker (which used ${estimate(parts.alone, 'percent')} of one core); ` +
    `start-up, which the article’s window holds and the corrected efficiency does not, was ${estimate(parts.startupShare, 'percent')} of that window. ` +
    (limits.length ? `What holds it back, by those intervals: ${limits.join('; ')}.` : `None of these is clearly past its line (busy ${BUSY.toFixed(2)}, CPU per task ${DEARER.toFixed(2)}×).`)
  );
}

/** The workload section's finding, one short sentence: what one task keeps busy in each runtime, and the kind of work that is (cpu-share.ts; the guide states the same). */
function workloadLead(ctx: Context, workload: string): string | undefined {
  if (workload === 'io') return ioFinding(ctx);
  const shares = sharesOf(ctx.rows, workload, ctx.cores).filter((s) => s.share);
  if (shares.length === 0) return undefined;
  const head = workload === 'disk' ? (shares.every((s) => s.measured === 'io-bound') ? 'File work that waits on the disk: one' : 'The file work meant to wait on the disk, measured: one') : 'One';
  return `${head} task ${keepsBusy(shares)}.`;
}

/** The workload's CPU shares in full, where they were measured and what the guide's rule makes of them. */
function shareText(ctx: Context, workload: string): string {
  const shares = sharesOf(ctx.rows, workload, ctx.cores);
  return shares.length ? ` CPU share, the whole process tree’s CPU (user + system) over the wall time of one task on one worker, in cores with its 95 % interval: ${shareDetails(shares)}.` : '';
}

/** Where the disk (and io) workload's temporary files went: the file system the trials recorded. */
function tempFsText(ctx: Context, workload: string): { text: string; memory: boolean } {
  const seen = [...new Set(ctx.rows.filter((r) => r.workload === workload && typeof r.temp_fs === 'string' && r.temp_fs !== '').map((r) => String(r.temp_fs)))];
  if (seen.length === 0) return { text: '', memory: false };
  return { text: ` The temporary files went to the OS temp dir, on ${seen.join(' and ')} (metric \`temp_fs\`).`, memory: seen.some((f) => MEMORY_FILE_SYSTEMS.has(fileSystemType(f))) };
}

function workloadSection(ctx: Context, workload: string): Section | undefined {
  const blocks = [...fig(efficiencyFigure(ctx, workload)), ...fig(throughputFigure(ctx, workload)), ...fig(memoryFigure(ctx, workload)), ...(workload === 'cpu' ? fig(accountingFigure(ctx, 'cpu')) : [])];
  if (blocks.length === 0) return undefined;
  const fs = workload === 'io' || workload === 'disk' ? tempFsText(ctx, workload) : { text: '', memory: false };
  const warn = fs.memory ? [note('The temporary files went to a file system in memory: a durable write there waits on no device, so this is not file work that waits on a disk.', 'warning')] : [];
  const scaled = ctx.points.where(null, { workload }).some((p) => p.scale > 1);
  const extra =
    workload === 'network'
      ? ` The page comes from a local server that answers after ${count(ctx.latencyMs)} ms.${networkCheck(ctx)}`
      : scaled
        ? ' Loads marked (Node) are Node-only, n scaled up so that a task takes about as long as Python’s at the article’s n (see “Node at Python’s pace”); the verdicts read the article’s loads.'
        : '';
  const lead = workloadLead(ctx, workload);
  const intro = `Each task is ${WORKLOAD_TEXT[workload]!.what}. Loads: ${loadsText(ctx, workload)}.${extra}${fs.text}${shareText(ctx, workload)}${workload === 'io' ? topSteps(ctx) : ''}${workload === 'cpu' ? interpreterPoolTarget(ctx) + workerThreadsTarget(ctx) : ''}`;
  const steps = workload === 'io' ? tab(ioStepsTable(ctx)) : [];
  return { id: `workload-${workload}`, title: WORKLOAD_TEXT[workload]!.title, ...(lead ? { lead } : {}), blocks: [md(intro), ...warn, ...steps, ...blocks] };
}

// ---- the rest ------------------------------------------------------------------------------

function sweepSection(ctx: Context): Section {
  const f = sweepFigure(ctx);
  const counts = [...new Set(sweeps(ctx).flatMap((s) => s.points.map((p) => p.workers)))].sort((a, b) => a - b);
  const cpu = sweeps(ctx)
    .filter((s) => s.workload === 'cpu')
    .map((s) => ({ s, top: s.points.at(-1)! }))
    .sort((x, y) => y.top.scaling.value - x.top.scaling.value)[0];
  const lead = cpu ? `On CPU work the most any pool gets from more workers is ${estimate(cpu.top.scaling)} the throughput of one worker (${strategyLabel(ctx.experiment, cpu.s.strategy)}, ${plural(cpu.top.workers, 'worker')} on ${plural(ctx.cores, 'core')}).` : undefined;
  return {
    id: 'worker-sweep',
    title: 'Scaling with workers',
    lead,
    blocks: f
      ? [md(`Beyond the article’s fixed ${ctx.workers}: pools of ${counts.join(', ')} workers, each running as many tasks as it has workers.`), ...fig(f)]
      : [note('No strategy was swept over two or more worker counts in this run (parameter `sweep_workers`).')],
  };
}

function paceSection(ctx: Context): Section {
  const rows = scaleRows(ctx);
  const scaled = [...new Set(rows.filter((r) => r.scaled).map((r) => r.workload))];
  const why = scaled.length
    ? `At the article’s n, a loop Node runs much faster is over before a pool can show its parallelism, so Node also ran ${scaled.join(' and ')} with n scaled up (parameters \`cpu_node_scale\`, \`memory_node_scale\`).`
    : 'No Node load was scaled up in this run (parameters `cpu_node_scale`, `memory_node_scale`).';
  const t = scaleTable(rows);
  const cpu = rows.filter((r) => r.workload === 'cpu').at(-1);
  const lead = cpu ? `One cpu task at the ${loadLabel(cpu.level)} load takes ${estimate(cpu.growth)} as long in Python as in Node, so Node’s loads were also scaled up to compare the pools at Python’s pace.` : undefined;
  return { id: 'node-pace', title: 'Node at Python’s pace', lead, blocks: [md(t ? `${why} How much n would have to grow for Node to take as long as Python, from one task on one worker in each runtime:` : `${why} No cpu or memory load has both a Python and a Node one-task baseline in this run.`), ...tab(t)] };
}

function fixedCostSection(ctx: Context): Section {
  const sized = payloadBlocks(ctx);
  if (sized.costs.length > 0) {
    const intro = `What a pool costs before and around its work, measured apart from the workloads (the \`payload\` trials): how long it takes to start with each number of workers, how much memory one more idle worker holds, and how long a payload takes to reach a task and come back. The article timed start-up inside every measurement, which weighs most on its lightest loads. ${sized.text}`;
    return { id: 'fixed-costs', title: 'The fixed cost of each model', lead: payloadLead(ctx, sized.costs), blocks: [md(intro), ...fig(sized.startup), ...fig(sized.roundTrip), ...tab(sized.table)] };
  }
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

function cpythonsSection(ctx: Context): Section | undefined {
  const t = cpythonsTable(ctx);
  if (!t) return undefined;
  const slower = t.rows.filter((r) => String(r.work).includes('slower')).length;
  const faster = t.rows.filter((r) => String(r.work).includes('faster')).length;
  return {
    id: 'cpythons',
    title: 'CPython 3.11 beside 3.14',
    lead: `The same pools on the system’s CPython 3.11: of ${plural(t.rows.length, 'point')}, ${slower} ${slower === 1 ? 'is' : 'are'} slower on 3.11 than on 3.14 and ${faster} faster${slower + faster < t.rows.length ? `; ${t.rows.length - slower - faster} cannot be told apart` : ''}.`,
    blocks: [md(`The same thread and process pools on the system’s ${pythonName(ctx.pythonOf('python311-threads'))}, beside the article’s ${pythonName(ctx.pythonOf('python-threads'))}: what changed between the two for the same work. They are drawn lighter in the charts above; no verdict reads them.`), ...tab(t)],
  };
}

function isolationSection(ctx: Context): Section {
  const t = isolationTable(ctx);
  const refused = t ? t.rows.filter((r) => String(r.outcome).startsWith('refused')).map((r) => String(r.strategy)) : [];
  const passed = t ? t.rows.filter((r) => r.outcome === 'passed').map((r) => String(r.strategy)) : [];
  const lead = t ? `Handed a function, ${passed.length ? `${passed.join(', ')} took it` : 'no pool took it'}${refused.length ? ` and ${refused.join(', ')} refused it` : ''}.` : undefined;
  return { id: 'isolation-rule', title: 'Isolation: what may cross into a worker', lead, blocks: t ? tab(t) : [note('No trial recorded its isolation probe.')] };
}

const UNIT: Record<string, string> = { cpu: 'iteration', memory: 'integer', io: 'MiB', disk: 'MiB', network: 'request' };

/** The Python versions the peers ran on, from run.json `software.pythons`. */
function pythonsNote(ctx: Context): string | undefined {
  if (!ctx.experiment.strategies.some((s) => s.runtime === 'python') || ctx.pythonMissing) return undefined;
  const article = ctx.pythonOf('python-threads');
  const node = `Node ${ctx.run.software.node}`;
  if (article.legacy) return article.version ? `Versions: every Python pool ran on the system’s CPython ${article.version} (this run predates the CPython 3.14 peers: run.json records no \`software.pythons\`); ${node}.` : undefined;
  const old = ctx.pythonOf('python311-threads');
  const levels = [...new Set(ctx.points.all.filter((p) => BESIDE.has(p.strategy)).map((p) => loadLabel(p.load)))];
  const beside = levels.length && old.version ? `CPython ${old.version} (${old.origin}) beside them at the ${levels.join(' and ')} load${levels.length > 1 ? 's' : ''} (Python 3.11 threads and processes, never judged)` : '';
  const main = article.version ? `CPython ${article.version} (${article.origin}) for the article’s pools and the sharing probes` : `none for the article’s pools and the sharing probes, which did not run (${missingText(article)})`;
  return `Versions: ${main}${beside ? `, ${beside}` : ''}; ${node}. The article ran CPython 3.14.0.`;
}

/** Each runtime's one-task baseline: does it cost the same per unit of work at every load it ran? */
function baselineBlocks(ctx: Context): Block[] {
  const checks = [BASELINE.python, BASELINE.node].flatMap((strategy) =>
    WORKLOADS.map((workload) => ({ workload, check: checkBaseline(ctx.points, { strategy, sizeColumn: 'load', unitsOf: (p) => Number(p.at.n), unit: UNIT[workload]!, where: { workload, workers: 1, tasks: 1 } }) })),
  ).filter(({ check }) => check.sizes.length > 0);
  if (checks.length === 0) return [];
  const result = (c: BaselineCheck) => ({ holds: 'steady', fails: 'not steady', undecided: 'cannot tell', 'single-size': 'one load only' })[c.outcome];
  const flags = checks.filter(({ check }) => check.flag).map(({ workload, check }) => `${workload}: ${check.flag}`);
  const table: Table = {
    id: 'baseline-check',
    title: 'The one-task baselines, per unit of work across loads',
    caption: `One task on one worker of each runtime’s baseline (the article’s speed-up divides by it): its time per unit of work at the largest load over that at each smaller one, ratio of geometric means with its 95 % interval; steady when every interval lies within ±${Math.round((checks[0]!.check.tolerance) * 100)} %.`,
    columns: columns({ strategy: 'Baseline', workload: 'Workload', against: 'Largest load per unit ÷ each smaller >', result: 'Result' }),
    rows: checks.map(({ workload, check }) => ({
      strategy: strategyLabel(ctx.experiment, check.strategy),
      workload,
      against: check.against.map((a) => `${loadLabel(String(a.size))}: ${estimate(a.ratio)}`).join('; ') || '–',
      result: result(check),
    })),
  };
  return [tab(table)[0]!, ...(flags.length ? [note(flags.join(' '), 'warning')] : [])];
}

function metricSection(ctx: Context): Section {
  const t = metricTable(ctx);
  const pp = ctx.pythonMissing ? undefined : heaviest(ctx, 'python-processes', 'cpu');
  const lead = pp ? `The article’s CPU count makes a busy process pool look idle: on the heaviest cpu load it reads ${estimate(articleGil(pp), TWO)} “GIL efficiency”, and ${estimate(correctedGil(ctx, pp), TWO)} counting the whole process tree against the cores it could use.` : undefined;
  return {
    id: 'metrics',
    title: 'The article’s metrics beside the corrected ones',
    lead,
    blocks: t
      ? [md('Two flaws in the article’s measurement are corrected here. Its CPU count misses the CPU of child processes that exited before the final reading, so a process pool looks idle (claim I3). Its speed-up compares 4 tasks against 1, so perfect parallelism reads as 1.0, not as the worker count. Both versions of every metric, side by side:'), ...tab(t), ...baselineBlocks(ctx)]
      : [note('No measured rows for this machine: nothing to show.', 'warning')],
  };
}

function runNotes(ctx: Context): Block[] {
  const out: Block[] = [];
  const versions = pythonsNote(ctx);
  if (versions) out.push(note(versions));
  if (!ctx.interpreters.ran && !ctx.interpreters.noisy && !ctx.pythonMissing) out.push(note(`The interpreter pool did not run here: ${ctx.interpreters.reason}. Claims I2 and I4 are about it and read “not run in Python”, with its Node analog, worker threads, judged beside them; the article’s own figures for it are quoted in the claims and in the table at the end.`));
  if (ctx.pythonMissing) out.push(note(`The article’s Python was ${ctx.pythonMissing}; only the Node analogs are reported.`, 'warning'));
  if (ctx.disturbed.length > 0) out.push(note(`${plural(ctx.disturbed.length, 'measured trial')} stayed disturbed after every re-run (other processes took CPU, or the host ran slow): they are in the CSV and the run notes, left out of every statistic here.`, 'warning'));
  return out;
}

const report: ReportFunction = (input) => {
  const ctx = buildContext(input);
  const workloads = WORKLOADS.map((w) => workloadSection(ctx, w)).filter((s): s is Section => s !== undefined);
  const notes = runNotes(ctx);
  if (workloads.length > 0) workloads[0]!.blocks.unshift(...notes);
  const sections = workloads.length > 0 ? workloads : [{ id: 'workload-none', title: 'Findings', blocks: [...notes, note('No measured rows for this machine: nothing to show.', 'warning')] }];
  const doc: ReportDoc = {
    headline: headline(ctx),
    glance: glance(ctx),
    best: best(ctx),
    claims: claimVerdicts(ctx),
    sections: [...sections, ...(cpythonsSection(ctx) ? [cpythonsSection(ctx)!] : []), sweepSection(ctx), paceSection(ctx), fixedCostSection(ctx), isolationSection(ctx), sharingSection(ctx), metricSection(ctx)],
  };
  return doc;
};

export default report;
