// The content of a ReportDoc as HTML: its sections and their blocks (markdown,
// figures, tables, notes), plus the verdict badge used by the page and the index.

import type { Block, Section, Table, TableColumn, Verdict } from './doc.ts';
import { attrs, html, raw, type SafeHtml } from './html.ts';
import { renderInlineMarkdown, renderMarkdown } from './markdown.ts';
import { renderFigure } from './plot.ts';

/** Every verdict, best first: the order of counts on the index. */
export const VERDICTS: readonly Verdict[] = [
  'reproduced',
  'partly reproduced',
  'not reproduced',
  'differs in Node',
  'inconclusive',
  'not run in Python',
  'not measured',
];

/** CSS class suffix of a label: 'differs in Node' → 'differs-in-node'. */
function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** A coloured pill; `text` defaults to the verdict itself (the index prefixes counts). */
export function verdictBadge(verdict: Verdict | 'not run', text: string = verdict): SafeHtml {
  return html`<span class="verdict verdict-${slug(verdict)}">${text}</span>`;
}

type Cell = string | number | null;

// A column without an explicit alignment is right-aligned when it holds only numbers.
function isRight(column: TableColumn, rows: Table['rows']): boolean {
  if (column.align) return column.align === 'right';
  const values = rows.map((r) => r[column.key]).filter((v) => v != null);
  return values.length > 0 && values.every((v) => typeof v === 'number');
}

function renderCell(value: Cell | undefined, column: TableColumn, right: boolean): SafeHtml {
  const num = right ? 'num' : null;
  if (value == null) return html`<td${attrs({ class: right ? 'empty num' : 'empty' })}>—</td>`;
  if (typeof value === 'number') {
    const text = column.digits === undefined ? String(value) : value.toFixed(column.digits);
    return html`<td${attrs({ class: num })}>${text}</td>`;
  }
  return html`<td${attrs({ class: num })}>${renderInlineMarkdown(value)}</td>`;
}

/** A data table: numbers right-aligned with tabular figures, strings as inline markdown. */
export function renderTable(table: Table): SafeHtml {
  const right = table.columns.map((c) => isRight(c, table.rows));
  const head = table.columns.map((c, i) => html`<th scope="col"${attrs({ class: right[i] ? 'num' : null })}>${c.label}</th>`);
  const body = table.rows.map(
    (row) => html`<tr>${table.columns.map((c, i) => renderCell(row[c.key], c, right[i]))}</tr>\n`,
  );
  const caption = table.caption ? html`<span class="table-caption">${renderInlineMarkdown(table.caption)}</span>` : '';
  return html`<div class="table-wrap" tabindex="0"><table id="${table.id}">
<caption><a class="anchor" href="#${table.id}">${table.title}</a>${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}</tbody>
</table></div>`;
}

function renderBlock(block: Block): SafeHtml {
  switch (block.kind) {
    case 'markdown':
      return renderMarkdown(block.text);
    case 'figure':
      return raw(renderFigure(block.figure));
    case 'table':
      return renderTable(block.table);
    case 'note':
      return html`<div class="note note-${block.tone}" role="note">${renderMarkdown(block.text)}</div>`;
  }
}

/** One of the doc's own sections, with an anchored heading. */
export function renderSection(section: Section): SafeHtml {
  return html`<section id="${section.id}">
<h2><a class="anchor" href="#${section.id}">${section.title}</a></h2>
${section.lead ? html`<p class="finding">${renderInlineMarkdown(section.lead)}</p>
` : ''}${section.blocks.map((b) => html`${renderBlock(b)}\n`)}</section>
`;
}
