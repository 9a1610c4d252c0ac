// The index as a decision guide: the decision tables (Node, then the articles'
// Python with what each article concluded), every experiment's verdicts at a
// glance with totals, and which machines the data comes from. Pure HTML from
// the index entries; every cell links to the figure that supports it. Each
// row states its measured CPU share and is filed under the kind of work that
// share says it was (lib/report/guide.ts, filingOf).

import type { Meta } from '../data/provenance.ts';
import type { Experiment } from '../experiment/types.ts';
import { VERDICTS, verdictBadge } from './blocks.ts';
import type { ReportDoc } from './doc.ts';
import { bytes, ms } from './format.ts';
import { CPU_BOUND_CORES, cpuShareText, filingOf, IO_BOUND_CORES, measuredKindText, WORK_KINDS, type GuideEntry } from './guide.ts';
import { html, safeHref, type SafeHtml } from './html.ts';
import { renderInlineMarkdown } from './markdown.ts';

/** What the guide needs of one experiment (a subset of IndexEntry). */
export interface GuideSource {
  experiment: Experiment;
  doc: ReportDoc;
  meta: Meta | null;
  href: string;
  /** The reference machine's guide entries (none when the experiment has no guide.ts). */
  guide?: GuideEntry[];
}

const dash = html`<span class="muted">—</span>`;

function link(src: GuideSource, e: GuideEntry, text: SafeHtml | string): SafeHtml {
  return html`<a href="${safeHref(e.figure ? `${src.href}#${e.figure}` : src.href)}">${text}</a>`;
}

function fixedCost(e: GuideEntry): SafeHtml | string {
  const parts = [
    e.startupMs === null ? '' : `start-up ${ms(e.startupMs)}`,
    e.idleBytesPerWorker === null ? '' : `${bytes(Math.max(0, e.idleBytesPerWorker))} idle per worker`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : dash;
}

function cpuCell(e: GuideEntry): SafeHtml {
  if (!e.cpuShare) return html`${dash}<br><span class="muted">${measuredKindText(e.kind, e.measuredKind, null)}</span>`;
  return html`${cpuShareText(e.cpuShare)}<br><span class="muted">${measuredKindText(e.kind, e.measuredKind, e.cpuShare)}; measured on ${e.cpuShare.where}</span>`;
}

/** The table's groups in order: every kind of work (empty ones read “not measured”), and the groups rows were refiled to. */
function groupsOf(sources: readonly GuideSource[], runtime: 'node' | 'python') {
  const groups = new Map<string, { label: string; rank: number; rows: { src: GuideSource; e: GuideEntry }[] }>();
  WORK_KINDS.forEach(({ kind, label }, rank) => groups.set(kind, { label, rank, rows: [] }));
  for (const src of sources) {
    for (const e of src.guide ?? []) {
      if (e.runtime !== runtime) continue;
      const f = filingOf(e);
      const g = groups.get(f.key) ?? { label: f.label, rank: f.rank, rows: [] };
      g.rows.push({ src, e });
      groups.set(f.key, g);
    }
  }
  return [...groups.values()].sort((a, b) => a.rank - b.rank);
}

function decisionTable(id: string, sources: readonly GuideSource[], runtime: 'node' | 'python'): SafeHtml {
  const rows = groupsOf(sources, runtime).flatMap(({ label, rows: found }) => {
    if (found.length === 0) {
      const cols = runtime === 'python' ? 6 : 5;
      return [html`<tr><th scope="row">${label}</th><td colspan="${cols}" class="muted">not measured</td></tr>\n`];
    }
    return found.map(
      ({ src, e }, i) => html`<tr>${i === 0 ? html`<th scope="row" rowspan="${found.length}">${label}</th>` : ''}<td>${link(src, e, html`<code>${e.model}</code>`)}<br><span class="muted">${src.experiment.id}: ${e.work}</span></td><td class="cpu-share">${cpuCell(e)}</td><td>${link(src, e, e.phrase)}</td><td>${e.paysFrom ?? dash}</td><td>${fixedCost(e)}</td>${runtime === 'python' ? html`<td class="article">${e.article ? renderInlineMarkdown(e.article) : dash}</td>` : ''}</tr>\n`,
    );
  });
  const head = ['Kind of work, as measured', 'Winner, and where it was measured', 'CPU share of one task (whole-tree CPU ÷ wall)', 'By how much', 'Starts to pay', 'Fixed cost', ...(runtime === 'python' ? ['What the article concluded'] : [])];
  return html`<div class="table-wrap" tabindex="0"><table id="${id}" class="guide">
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>
${rows}</tbody>
</table></div>`;
}

function verdictTable(sources: readonly GuideSource[]): SafeHtml {
  const run = sources.filter((s) => s.meta);
  const count = (doc: ReportDoc, v: string) => doc.claims.filter((c) => c.verdict === v).length;
  const cell = (n: number) => (n ? html`<td class="num">${n}</td>` : html`<td class="num muted">0</td>`);
  const rows = run.map(
    (s) => html`<tr><th scope="row"><a href="${safeHref(`${s.href}#claims`)}">${s.experiment.id}</a></th>${VERDICTS.map((v) => cell(count(s.doc, v)))}<td class="num">${s.doc.claims.length}</td></tr>\n`,
  );
  const totals = VERDICTS.map((v) => run.reduce((n, s) => n + count(s.doc, v), 0));
  const all = run.reduce((n, s) => n + s.doc.claims.length, 0);
  return html`<div class="table-wrap" tabindex="0"><table id="verdict-counts" class="counts">
<thead><tr><th scope="col">Experiment</th>${VERDICTS.map((v) => html`<th scope="col" class="num">${verdictBadge(v)}</th>`)}<th scope="col" class="num">claims</th></tr></thead>
<tbody>
${rows}<tr class="total"><th scope="row">Total</th>${totals.map((n) => html`<td class="num"><strong>${n}</strong></td>`)}<td class="num"><strong>${all}</strong></td></tr>
</tbody>
</table></div>`;
}

function machinesTable(sources: readonly GuideSource[]): SafeHtml {
  const rows = sources.flatMap((s) =>
    s.meta
      ? Object.entries(s.meta.runs)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([id, run]) => html`<tr><td><a href="${safeHref(s.href)}">${s.experiment.id}</a></td><td><code>${id}</code>${id === s.meta!.reference_machine ? ' (reference)' : ''}</td><td>${run.machine.cpu_model}</td><td class="num">${run.machine.cores}</td><td><code>${run.profile}</code></td></tr>\n`)
      : [],
  );
  return html`<div class="table-wrap" tabindex="0"><table id="machines-table">
<thead><tr><th scope="col">Experiment</th><th scope="col">Machine id</th><th scope="col">CPU</th><th scope="col" class="num">Cores</th><th scope="col">Profile</th></tr></thead>
<tbody>
${rows.length ? rows : html`<tr><td colspan="5" class="muted">No experiment has run yet.</td></tr>\n`}</tbody>
</table></div>`;
}

function section(id: string, title: string, intro: string, content: SafeHtml): SafeHtml {
  return html`<section id="${id}">
<h2><a class="anchor" href="#${id}">${title}</a></h2>
<p>${intro}</p>
${content}
</section>
`;
}

/** The guide sections of the index, above the per-experiment entries. */
export function renderGuide(sources: readonly GuideSource[]): SafeHtml {
  return html`${section(
    'decide-node',
    'Which Node model for which work',
    `For each kind of work the experiments measured: the Node model that was fastest (or, for memory, leanest) on this machine, by how much, from which measured size it pays, and what it costs up front. Each cell links to the figure it comes from. A row is filed under the kind of work it measured: its CPU share, the whole process tree’s CPU over the wall time of its serial or single-task run, in cores (95 % interval), is CPU-bound above ${CPU_BOUND_CORES} of a core, waiting below ${IO_BOUND_CORES} and part CPU, part waiting between the two, each by its whole interval; work an article calls IO that keeps a core busy is filed as CPU work, with the article’s label beside it. A share from fewer than 3 trials, or whose interval crosses a line, decides nothing: the row stays under its own kind, marked undecided.`,
    decisionTable('guide-node', sources, 'node'),
  )}
${section(
    'decide-python',
    'The articles’ Python models on this machine',
    'The same table for the articles’ own Python, run here, beside what each article concluded: where the winners differ from the Node table, Node and Python part.',
    decisionTable('guide-python', sources, 'python'),
  )}
${section('verdicts', 'Verdicts at a glance', 'How many of each article’s claims held on this machine.', verdictTable(sources))}
${section('machines', 'Where the data comes from', 'Every machine with a run in each experiment’s data; reports are about the reference machine and show the others side by side.', machinesTable(sources))}`;
}
