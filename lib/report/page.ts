// One experiment's report: a complete, self-contained HTML document (inline CSS
// and SVG, no script, nothing loaded from the network). The output is a pure
// function of the input, byte for byte: no timestamps, no random ids.

import type { Article, Experiment } from '../experiment/types.ts';
import type { Meta, RunMeta } from '../data/provenance.ts';
import type { ClaimVerdict, ReportDoc } from './doc.ts';
import { renderSection, renderTable, verdictBadge } from './blocks.ts';
import { attrs, html, raw, safeHref, type HtmlValue, type SafeHtml } from './html.ts';
import { renderInlineMarkdown, renderMarkdown } from './markdown.ts';
import { renderFigure } from './plot.ts';
import { bestSentence, bestTable, type BestAgainstBest } from './best-against-best.ts';
import { CSS } from './style.ts';
import { NOISE_DEFAULTS } from '../run/noise.ts';
import { CLASSIFY_DEFAULTS } from '../verdicts/classify.ts';
import { countMismatches, type TrialCounts } from './trial-counts.ts';

export interface PageInput {
  experiment: Experiment;
  doc: ReportDoc;
  meta: Meta;
  /** The machine whose run the page reports. */
  machineId: string;
  /** Links to the data files, relative to the page. */
  dataFiles: { label: string; href: string }[];
  /** Other machines with runs in the same data folder. */
  otherMachines: string[];
  /** Where the data came from, as the footer names it (default data/<id>/). */
  dataDir?: string;
  /** The trial counts as the machine's rows give them (default: run.json's own). */
  trials?: TrialCounts;
  /** What reading the data left out, with its file and line (lib/data/experiment-data.ts). */
  readWarnings?: string[];
}

// Ids the page itself uses; the doc's own ids must not collide with them.
const RESERVED_IDS = [
  'header', 'headline', 'contents', 'claims', 'best', 'best-against-best', 'method', 'method-strategies', 'method-params',
  'run-notes', 'environment', 'data',
];

// Only inline styles (the stylesheet, Plot's style attributes) and inline images:
// the browser itself refuses scripts and network loads, should any slip through.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The document around a page's body: head with the inline stylesheet. Shared with the index. */
export function documentShell({ title, body }: { title: string; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
${body}
</body>
</html>
`.toString();
}

/** Author, “Title”, Venue, date — the title linked to the article; a study of its own says so. */
export function citation(article: Article | undefined): SafeHtml {
  if (!article) return html`A study of this repository’s own: no article to reproduce.`;
  const { author, title, venue, date, url } = article;
  return html`${author}, <a href="${safeHref(url)}">“${title}”</a>, ${venue}, ${date}`;
}

// Ids must be anchors ([a-z0-9-]+) and unique, including against the standard sections.
function checkIds(doc: ReportDoc): void {
  const seen = new Set<string>(RESERVED_IDS);
  const ids = [...(doc.glance ? [doc.glance.id] : []), ...doc.sections.flatMap((s) => [
    s.id,
    ...s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure.id] : b.kind === 'table' ? [b.table.id] : [])),
  ])];
  for (const id of ids) {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`invalid id in report: ${JSON.stringify(id)} (use [a-z0-9-]+)`);
    if (seen.has(id)) throw new Error(`duplicate id in report: ${id} (ids of sections, figures and tables must be unique)`);
    seen.add(id);
  }
}

function section(id: string, title: string, content: HtmlValue): SafeHtml {
  return html`<section id="${id}">
<h2><a class="anchor" href="#${id}">${title}</a></h2>
${content}
</section>
`;
}

/** Two-column table of labelled values. */
function kvTable(rows: [string, HtmlValue][]): SafeHtml {
  return html`<div class="table-wrap" tabindex="0"><table class="kv"><tbody>
${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>\n`)}</tbody></table></div>`;
}

function orDash(text: string): SafeHtml {
  return text ? renderInlineMarkdown(text) : html`<span class="muted">—</span>`;
}

const SIDE_NAME = { python: 'Python', node: 'Node' } as const;

/** Every check a verdict weighed, as a list: side, the check in words, and whether the side's level rests on it. */
function checksList(c: ClaimVerdict): HtmlValue {
  if (!c.checks?.length) return '';
  return html`<ul class="checks">${c.checks.map((k) => html`<li>${SIDE_NAME[k.side]} · ${renderInlineMarkdown(k.text)}${'order' in k.expect ? ` (needs ${k.expect.order}: ${k.outcome})` : ''}${k.decisive ? html` <span class="muted">(decisive)</span>` : ''}</li>`)}</ul>`;
}

/**
 * The claims at a glance: one row per claim with short cells (what each side shows and the check it
 * rests on, with its interval), and under it, folded, how the verdict was reached: the claim's own
 * rule, both sides in full and every check. On a phone each claim reads as a card.
 */
function claimsSection(claims: ClaimVerdict[]): SafeHtml {
  if (claims.length === 0) return section('claims', 'Claims', html`<p class="muted">No claims were evaluated.</p>`);
  const rows = claims.map(
    (c) => html`<tr class="claim-row" id="claim-${c.id.toLowerCase()}"><th scope="row" data-label="Claim"><code>${c.id}</code> ${renderInlineMarkdown(c.claim)}</th><td data-label="Article">${orDash(c.article)}</td><td data-label="Python here">${orDash(c.short?.python ?? c.python)}</td><td data-label="Node here">${orDash(c.short?.node ?? c.node)}</td><td data-label="Verdict">${verdictBadge(c.verdict)}</td></tr>
<tr class="claim-more"><td colspan="5"><details><summary>How ${c.id} was judged</summary>
<p>${renderInlineMarkdown(c.basis)}</p>
<p><strong>Python here.</strong> ${orDash(c.python)}</p>
<p><strong>Node here.</strong> ${orDash(c.node)}</p>
${checksList(c)}</details></td></tr>
`,
  );
  return section(
    'claims',
    'Claims',
    html`<p>Each row says what the article’s Python and the Node analog show here, and the measurement it rests on with its 95 % interval; open a row for the rule, both sides in full and every check. <a href="#method">How numbers become verdicts</a> explains the classes once for all.</p>
<div class="table-wrap claims-wrap" tabindex="0"><table class="claims">
<thead><tr><th scope="col">Claim</th><th scope="col">Article</th><th scope="col">Python here</th><th scope="col">Node here</th><th scope="col">Verdict</th></tr></thead>
<tbody>
${rows}</tbody>
</table></div>`,
  );
}

const MEASUREMENT = `Every trial runs in a fresh process, so no JIT state, pool or cache carries over from one
trial to the next. Wall time is taken inside the trial around the work only, on a monotonic
clock; starting a pool or a client is timed apart (\`startup_ms\`). CPU time is that of the
whole process tree (every thread and child, including children that have already exited),
and memory is the resident set size of the tree, sampled from outside the trial. Before the
measured trials, each strategy gets one warm-up trial (the profile's \`warmup\` parameter), left
out of the statistics: a fresh process cannot carry a JIT over, so it warms only what processes
share (page cache, the compiled-TypeScript cache, CPU frequency). The repetitions then run in
rotated order, so that a slow drift of the host does not favour one strategy. A trial is marked disturbed
when \`/proc/stat\` shows other processes or the hypervisor (steal time) taking more than ${NOISE_DEFAULTS.disturbedCores} of a core
during it, or when a fixed unit of arithmetic timed just before and after its work (\`probe_ms\`, the fastest of four runs) ran
over ${NOISE_DEFAULTS.slowProbeFactor}× the run’s fastest: this host has slow spells that no counter shows. A disturbed trial is re-run, up to
${NOISE_DEFAULTS.maxAttempts} attempts in all; one that stays disturbed is kept in \`results.csv\` (\`disturbed = 1\`) and in the run
notes, but left out of every median, interval and verdict.`;

const STATISTICS = `**Intervals.** Every ratio in this report (a speed-up, a memory ratio, a share) is shown with its
95 % interval, as in “1.76× (1.70–1.82)”. Times and memory are positive and their noise multiplies, so
intervals are computed on log values: a ratio of two points is the difference of their mean log values,
with a Welch t-interval and Welch–Satterthwaite degrees of freedom (B. L. Welch, “The generalization of
‘Student’s’ problem when several different population variances are involved”, *Biometrika* 34, 1947).
The estimate is therefore a ratio of geometric means; tables also give medians. At 3–5 repetitions this is
honest where a bootstrap of medians is not (the median of three resamples takes only three values), and it
is deterministic, so a report is byte-for-byte the same from the same data. A point with one repetition has
no interval and decides nothing.

**Classes.** The words come from one rule (\`lib/verdicts/classify.ts\`): a time ratio is *the same* when its
whole interval lies within ±${Math.round(CLASSIFY_DEFAULTS.tolerance * 100)} % of 1, *slower* or *faster* when its whole interval lies above or below 1,
and *within the noise* otherwise; fewer than ${CLASSIFY_DEFAULTS.minReps} clean repetitions is too few to tell. A threshold (“at least
60 % of the ideal”) holds when the whole interval is on its side, fails when the whole interval is on the
other side, and is *undecided* when it straddles. A claim whose decisive checks are undecided reads
*inconclusive*, and its basis names the intervals that would decide it. A claim about a Python system
that did not run here reads *not run in Python*, with the Node analog beside it; a result that rests on
a model rather than a measurement says so.`;

function calibrationText(run: RunMeta): string {
  const c = run.calibration;
  if (!c) return 'This run did not calibrate: every point got the repetitions its profile plans.';
  return `After the planned trials the runner added repetitions to every point whose 95 % interval of wall time was wider than ±${Math.round(c.target * 100)} %, up to ${c.cap} trials a point, within a budget of ${c.budget_fraction}× the planned trials’ time (${Math.round(c.budget_s)} s): ${c.added_trials} trials in ${c.rounds} rounds (${Math.round(c.spent_s)} s). Of ${c.cells} points, ${c.cells_within_target} ended within the target, ${c.cells_at_cap} at the cap, ${c.cells_out_of_budget} when the budget ran out, and ${c.cells_excluded} were not calibrated (one planned repetition, or a failed or skipped trial). Each point’s count of repetitions is in the tables (\`n\`, \`Reps\`) and in \`results.csv\`.`;
}

function paramValue(value: RunMeta['params'][string]): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function methodSection(experiment: Experiment, run: RunMeta): SafeHtml {
  const strategies = renderTable({
    id: 'method-strategies',
    title: 'Strategies',
    columns: [
      { key: 'name', label: 'Name' },
      { key: 'runtime', label: 'Runtime' },
      { key: 'model', label: 'Model' },
      { key: 'description', label: 'Description' },
    ],
    rows: experiment.strategies.map((s) => ({ name: `\`${s.name}\``, runtime: s.runtime, model: s.model, description: s.description })),
  });
  const params = renderTable({
    id: 'method-params',
    title: 'Parameters',
    columns: [
      { key: 'name', label: 'Parameter' },
      { key: 'value', label: 'Value', align: 'left' },
    ],
    rows: Object.entries(run.params).map(([name, value]) => ({ name: `\`${name}\``, value: paramValue(value) })),
  });
  const profile = experiment.profiles[run.profile];
  return section(
    'method',
    'Method',
    html`${renderMarkdown(experiment.method)}
${strategies}
<h3>Profile</h3>
<p>This run used the <code>${run.profile}</code> profile${profile ? html` (${renderInlineMarkdown(profile.description)})` : ''}.</p>
${params}
<h3>How trials are measured</h3>
${renderMarkdown(MEASUREMENT)}
<h3>How numbers become verdicts</h3>
${renderMarkdown(STATISTICS)}
<h3>Repetitions</h3>
${renderMarkdown(calibrationText(run))}`,
  );
}

function runNotesSection(run: RunMeta, counted: TrialCounts = run.trials, readWarnings: readonly string[] = []): SafeHtml {
  const all = [...run.notes, ...readWarnings, ...countMismatches(run.trials, counted)];
  const notes = all.length
    ? html`<ul class="warnings">${all.map((n) => html`<li class="note note-warning">${renderInlineMarkdown(n)}</li>`)}</ul>`
    : html`<p>The run raised no warnings.</p>`;
  const t = counted;
  // Failed and skipped trials are missing data; disturbed ones are suspect data.
  const counts: [string, number, string | null][] = [
    ['planned', t.planned, null],
    ['ok', t.ok, null],
    ['failed', t.failed, t.failed > 0 ? 'bad' : null],
    ['skipped', t.skipped, t.skipped > 0 ? 'bad' : null],
    ['disturbed', t.disturbed, t.disturbed > 0 ? 'warn' : null],
    ['warm-up', t.warmup, null],
  ];
  return section(
    'run-notes',
    'Run notes',
    html`${notes}
<div class="table-wrap" tabindex="0"><table class="counts">
<caption>Trials</caption>
<thead><tr>${counts.map(([label]) => html`<th scope="col" class="num">${label}</th>`)}</tr></thead>
<tbody><tr>${counts.map(([, n, tone]) => html`<td${attrs({ class: tone ? `num ${tone}` : 'num' })}>${n}</td>`)}</tr></tbody>
</table></div>`,
  );
}

function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One row per interpreter the peers used beside the system one: path, version, where it came from. */
function pythonRows(pythons: RunMeta['software']['pythons']): [string, HtmlValue][] {
  return sortedEntries(pythons ?? {})
    .filter(([key]) => key !== 'system')
    .map(([key, p]) => [`Python ${key}`, 'missing' in p ? `not available: ${p.missing}` : html`<code>${p.path}</code> ${p.version} (${p.source}${p.fetched ? `, fetched from ${p.fetched.from}${p.fetched.at ? ` on ${p.fetched.at.slice(0, 10)}` : ''}` : ''})`]);
}

function environmentSection(run: RunMeta, machineId: string, otherMachines: string[]): SafeHtml {
  const { machine: m, software: s, git } = run;
  const python = s.python;
  const modules = python ? sortedEntries(python.modules) : [];
  const listOr = (items: string[], none: string) => (items.length ? items.join(', ') : none);
  const dirty = git.dirty === null ? 'unknown' : git.dirty ? 'yes: uncommitted changes' : 'no';
  return section(
    'environment',
    'Environment',
    html`<h3>Machine</h3>
${kvTable([
  ['Machine id', html`<code>${machineId}</code>`],
  ['Hostname', m.hostname],
  ['CPU', m.cpu_model],
  ['Cores', m.cores],
  ['Memory', `${(m.memory_bytes / 2 ** 30).toFixed(1)} GiB`],
  ['OS', m.os],
  ['Kernel', m.kernel],
  ['Architecture', m.arch],
])}
<h3>Software</h3>
${kvTable([
  ['Node', s.node],
  ['V8', s.v8],
  ['Python', python ? html`<code>${python.path}</code> ${python.version}` : 'not found'],
  ...pythonRows(s.pythons),
  ['Python modules present', listOr(modules.filter(([, ok]) => ok).map(([k]) => k), 'none')],
  ['Python modules missing', listOr(modules.filter(([, ok]) => !ok).map(([k]) => k), 'none')],
  ['Tools', listOr(sortedEntries(s.tools).map(([k, v]) => `${k} ${v ?? '(missing)'}`), 'none')],
  ['Packages', listOr(sortedEntries(s.packages).map(([k, v]) => `${k} ${v}`), 'none')],
])}
<h3>Run</h3>
${kvTable([
  ['Profile', html`<code>${run.profile}</code>`],
  ['Git commit', git.commit ? html`<code>${git.commit}</code>` : 'unknown'],
  ['Uncommitted changes', dirty],
  ['Started', run.started_at],
  ['Ended', run.ended_at],
  ['Input seed', run.inputs.seed ?? 'none'],
  ['Code hash', html`<code>${run.code_hash}</code>`],
])}
${otherMachines.length ? html`<p>This data folder also holds runs from ${otherMachines.map((id, i) => html`${i ? ', ' : ''}<code>${id}</code>`)}.</p>` : ''}`,
  );
}

function dataSection(files: PageInput['dataFiles']): SafeHtml {
  const content = files.length
    ? html`<ul>${files.map((f) => html`<li><a href="${safeHref(f.href)}">${f.label}</a></li>`)}</ul>`
    : html`<p class="muted">No data files.</p>`;
  return section('data', 'Data', content);
}

/** Node's fastest path against Python's, with each against the machine's limit. */
function bestSection(b: BestAgainstBest): SafeHtml {
  const lead = bestSentence(b);
  return section('best', 'Node’s best against Python’s best', html`${lead ? html`<p class="finding">${renderInlineMarkdown(lead)}</p>
` : ''}${renderTable(bestTable(b))}`);
}

/** The published results are the full profile's; any other run says so before its first number. */
function profileBanner(run: RunMeta): SafeHtml | string {
  if (run.profile === 'full') return '';
  return html`<div class="note note-warning profile-banner" role="note"><p><strong>A ${run.profile} look, not the published results.</strong> This run used the <code>${run.profile}</code> profile: fewer repetitions and smaller work than the article’s scale, so intervals are wide and most verdicts cannot be decided. The published results are the <code>full</code> profile’s (<code>make all</code>), committed in <code>data/</code> and <code>reports/</code>.</p></div>
`;
}

/** Render one experiment's report page. Throws when the machine has no run in meta. */
export function renderPage(input: PageInput): string {
  const { experiment, doc, meta, machineId, dataFiles, otherMachines } = input;
  const run = meta.runs[machineId];
  if (!run) {
    const known = Object.keys(meta.runs).join(', ') || 'none';
    throw new Error(`no run for machine ${machineId} in data/${experiment.id}/ (runs: ${known})`);
  }
  checkIds(doc);
  const toc: [string, string][] = [
    ['claims', 'Claims'],
    ...(doc.best ? [['best', 'Node’s best against Python’s best'] as [string, string]] : []),
    ...doc.sections.map((s): [string, string] => [s.id, s.title]),
    ['method', 'Method'],
    ['run-notes', 'Run notes'],
    ['environment', 'Environment'],
    ['data', 'Data'],
  ];
  const body = html`<header id="header">
<p class="kicker">Reproduction report · <code>${experiment.id}</code></p>
<h1>${experiment.title}</h1>
<p class="citation">${citation(experiment.article)}</p>
<p class="question"><strong>Question.</strong> ${renderInlineMarkdown(experiment.question)}</p>
</header>
<main>
${profileBanner(run)}<p class="lead" id="headline">${doc.headline}</p>
${doc.glance ? html`<div class="glance">${raw(renderFigure(doc.glance, { scrolls: true }))}</div>` : ''}
<nav class="toc" id="contents" aria-label="Contents"><h2>Contents</h2>
<ol>${toc.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}</ol>
</nav>
${claimsSection(doc.claims)}
${doc.best ? bestSection(doc.best) : ''}
${doc.sections.map(renderSection)}
${methodSection(experiment, run)}
${runNotesSection(run, input.trials, input.readWarnings)}
${environmentSection(run, machineId, otherMachines)}
${dataSection(dataFiles)}
</main>
<footer>Generated from <code>${input.dataDir ?? `data/${experiment.id}/`}</code> by <code>make reports</code>.</footer>`;
  return documentShell({ title: `${experiment.title} — reproduction report`, body });
}
