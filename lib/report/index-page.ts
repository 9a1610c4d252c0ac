// The front page: every experiment with its article, headline, verdict counts
// and the run it reports. Self-contained and byte-stable like the report pages.

import type { Experiment } from '../experiment/types.ts';
import type { Meta } from '../data/provenance.ts';
import type { ReportDoc } from './doc.ts';
import { VERDICTS, verdictBadge } from './blocks.ts';
import { html, safeHref, type SafeHtml } from './html.ts';
import { citation, documentShell } from './page.ts';
import type { GuideEntry } from './guide.ts';
import { renderGuide } from './index-guide.ts';
import { summaryFigure } from './index-figure.ts';
import { renderFigure } from './plot.ts';
import { raw } from './html.ts';
import type { BestSide } from './best-against-best.ts';
import { ms } from './format.ts';
import { estimate, versus } from '../verdicts/wording.ts';

export interface IndexEntry {
  experiment: Experiment;
  doc: ReportDoc;
  /** null when the experiment has not been run yet (no machine folder under data/<id>/). */
  meta: Meta | null;
  /** Link to the experiment's report, relative to the index. */
  href: string;
  /** The reference machine's decision-guide rows (absent: the experiment has no guide.ts). */
  guide?: GuideEntry[];
}

export interface IndexInput {
  entries: IndexEntry[];
}

const TITLE = 'Python concurrency articles, re-run';

// "3 reproduced · 1 differs in Node", as badges, in the order of VERDICTS.
function verdictCounts(doc: ReportDoc): SafeHtml {
  const counted = VERDICTS.map((v) => [v, doc.claims.filter((c) => c.verdict === v).length] as const).filter(
    ([, n]) => n > 0,
  );
  if (counted.length === 0) return html`<span class="muted">No claims evaluated.</span>`;
  return html`${counted.map(([v, n], i) => html`${i ? ' · ' : ''}${verdictBadge(v, `${n} ${v}`)}`)}`;
}

// The reference machine's run: the one the report is about by default.
function runLine(meta: Meta): SafeHtml {
  const machineId = meta.reference_machine;
  const run = meta.runs[machineId];
  if (!run) return html`Machine <code>${machineId}</code>`;
  const m = run.machine;
  return html`Profile <code>${run.profile}</code> on <code>${machineId}</code> (${m.cpu_model}, ${m.cores} cores)`;
}

function renderEntry({ experiment, doc, meta, href }: IndexEntry): SafeHtml {
  const status = meta
    ? html`<p class="verdicts">${verdictCounts(doc)}</p>
<p class="meta-line">${runLine(meta)}</p>`
    : html`<p class="verdicts">${verdictBadge('not run', 'not run yet')}</p>`;
  return html`<article class="entry" id="${experiment.id}">
<h2><a href="${safeHref(href)}">${experiment.title}</a></h2>
<p class="citation">${citation(experiment.article)}</p>
${doc.headline ? html`<p>${doc.headline}</p>` : ''}
${status}
</article>
`;
}

/** Runs at any profile but the full one are a first look: the page says so above everything else. */
function quickBanner(entries: readonly IndexEntry[]): SafeHtml | string {
  const profiles = [...new Set(entries.flatMap((e) => (e.meta ? [e.meta.runs[e.meta.reference_machine]?.profile] : [])).filter((p) => p !== undefined && p !== 'full'))] as string[];
  if (profiles.length === 0) return '';
  return html`<div class="note note-warning profile-banner" role="note"><p><strong>A first look, not the published results.</strong> These reports come from the ${profiles.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`)} profile: few repetitions and small work, so intervals are wide and most verdicts cannot be decided. The published results are the <code>full</code> profile’s, committed in <code>data/</code> and <code>reports/</code>.</p></div>
`;
}

/** Each experiment's Node best against Python best (ReportDoc.best): the plainer question, one row per job. */
function bestRows(entries: readonly IndexEntry[]): SafeHtml | '' {
  const rows = entries.flatMap((e) => (e.doc.best?.node || e.doc.best?.python ? [{ e, b: e.doc.best }] : []));
  if (rows.length === 0) return '';
  const side = (s: BestSide | undefined) => (s ? html`${s.label}<br><span class="muted">${ms(s.time.value)}; ${estimate(s.againstLimit)} the limit</span>` : html`<span class="muted">—</span>`);
  return html`<div class="table-wrap" tabindex="0"><table id="best-against-best" class="guide">
<caption>Node’s best against Python’s best<span class="table-caption">Each experiment’s job, each runtime’s fastest measured path with its time and where it stands against the machine’s limit (its own fastest serial path ÷ the cores; 1× is the limit), and Node against Python with its 95 % interval. Waiting work is not bound by the cores.</span></caption>
<thead><tr><th scope="col">Job</th><th scope="col">Node’s fastest</th><th scope="col">Python’s fastest</th><th scope="col">Node against Python</th></tr></thead>
<tbody>
${rows.map(({ e, b }) => html`<tr><th scope="row"><a href="${safeHref(`${e.href}#best`)}">${e.experiment.id}</a><br><span class="muted">${b.work.replace(/`/g, '')}</span></th><td>${side(b.node)}</td><td>${side(b.python)}</td><td>${b.ratio ? versus(b.ratio, 'Python’s') : html`<span class="muted">—</span>`}</td></tr>
`)}</tbody>
</table></div>`;
}

/** The figure a reader looks at first: each kind of work's best model per runtime, linked to its evidence. */
function summarySection(entries: readonly IndexEntry[]): SafeHtml | string {
  const figure = summaryFigure(
    entries.map((e) => ({ href: e.href, guide: e.guide, cores: e.meta ? (e.meta.runs[e.meta.reference_machine]?.machine.cores ?? null) : null })),
  );
  const best = bestRows(entries);
  if (!figure && !best) return '';
  return html`<section id="at-a-glance">
<h2><a class="anchor" href="#at-a-glance">Which model, for which work, by how much</a></h2>
${figure ? raw(renderFigure(figure)) : ''}
${best}
</section>
`;
}

/** Render the index page listing every experiment, in the order given. */
export function renderIndex(input: IndexInput): string {
  const body = html`<header id="header">
<h1>${TITLE}</h1>
<p class="lead">Each report re-runs an article’s Python on this machine and asks the same question of
Node.js’s concurrency models. Every verdict is computed from the data in <code>data/</code>.</p>
</header>
<main>
${quickBanner(input.entries)}${summarySection(input.entries)}${input.entries.length ? renderGuide(input.entries) : ''}
${input.entries.length ? html`<h2 id="experiments">The experiments</h2>\n${input.entries.map(renderEntry)}` : html`<p class="muted">No experiments yet.</p>`}
</main>
<footer>Generated from <code>data/</code> by <code>make reports</code>.</footer>`;
  return documentShell({ title: TITLE, body });
}
