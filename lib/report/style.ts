// The one stylesheet, inlined into every page so a report is a single file.
// System fonts only (no network); a narrow column for prose, wide figures and
// tables; colours follow the reader's light or dark preference and print as light.

export const CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --shadow: rgba(0, 0, 0, 0.35);
  --fg: #1d1f23;
  --muted: #5f6670;
  --rule: #d9dce1;
  --panel: #f4f5f7;
  --link: #1f5fbf;
  --ok-bg: #e3f4e6; --ok-fg: #1b6b2c;
  --warn-bg: #fdf0d5; --warn-fg: #8a5300;
  --bad-bg: #fbe3e1; --bad-fg: #a8231a;
  --info-bg: #e2ecfb; --info-fg: #1c4f9c;
  --none-bg: #eceef1; --none-fg: #4d535c;
  --prose: 68ch;
  --wide: 1040px;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #17191c;
    --shadow: rgba(0, 0, 0, 0.6);
    --fg: #e4e6ea;
    --muted: #a0a7b1;
    --rule: #3a3f46;
    --panel: #22252a;
    --link: #7fb0ff;
    --ok-bg: #1f3a25; --ok-fg: #9fdcaa;
    --warn-bg: #3d3017; --warn-fg: #f2c674;
    --bad-bg: #45221f; --bad-fg: #ffaaa2;
    --info-bg: #1d2d47; --info-fg: #a9c8ff;
    --none-bg: #2c3036; --none-fg: #c0c5cc;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto;
  padding: 2rem 1.25rem 3rem;
  max-width: var(--wide);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
p, ul, ol, dl, .note, .lead, .question, h1, h2, h3 { max-width: var(--prose); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.75rem; padding-top: 0.5rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
a { color: var(--link); }
a.anchor { color: inherit; text-decoration: none; }
a.anchor:hover { text-decoration: underline; }
code { font: 0.9em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre { overflow-x: auto; background: var(--panel); padding: 0.75rem; border-radius: 4px; }
.kicker, .citation, .muted, .meta-line { color: var(--muted); }
.kicker { margin: 0; font-size: 0.85rem; letter-spacing: 0.04em; text-transform: uppercase; }
.citation { margin: 0 0 1rem; }
.lead { font-size: 1.08rem; font-weight: 500; margin: 1rem 0; }
.glance .figure { margin: 0.75rem 0 1.25rem; }
.glance .figure-caption p { margin-top: 0.25rem; }
.finding { font-weight: 600; border-left: 3px solid var(--link); padding-left: 0.75rem; }
.toc { margin: 1.5rem 0; padding: 0.75rem 1rem; background: var(--panel); border-radius: 4px; max-width: var(--prose); }
.toc h2 { font-size: 0.85rem; margin: 0 0 0.25rem; padding: 0; border: 0; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.toc ol { margin: 0; padding-left: 1.25rem; columns: 2; }

/* Figures and tables take the full width; prose stays narrow. */
.figure { margin: 1.75rem 0; break-inside: avoid; }
.figure-title { font-weight: 600; margin-bottom: 0.5rem; }
.figure-chart { overflow-x: auto; }
.figure-chart figure { margin: 0; } /* Plot's own <figure> when the chart has a legend */
.figure-chart svg { --plot-background: var(--bg); max-width: 100%; height: auto; }
.figure-caption { color: var(--muted); font-size: 0.92rem; }
.figure-caption p { margin: 0.5rem 0 0; }
.table-wrap { overflow-x: auto; margin: 1rem 0 1.5rem; }
/* A table wider than the page shows a shadow on the side it scrolls to (no script: the covers scroll with
   the content, the shadows stay with the box, so a shadow shows only where more of the table hides). */
.table-wrap {
  background:
    linear-gradient(to right, var(--bg) 40%, transparent) left / 2.5rem 100% no-repeat local,
    linear-gradient(to left, var(--bg) 40%, transparent) right / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, var(--shadow), transparent) left / 0.9rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, var(--shadow), transparent) right / 0.9rem 100% no-repeat scroll;
}
.table-wrap:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
table { border-collapse: collapse; font-size: 0.92rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
caption .table-caption { display: block; font-weight: 400; color: var(--muted); }
th, td { padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--rule); white-space: nowrap; }
/* The index's decision tables: many columns, so smaller type and wrapping headers. */
table.guide, #verdict-counts { font-size: 0.85rem; }
table.guide thead th, #verdict-counts thead th { white-space: normal; }
#verdict-counts thead .verdict { white-space: normal; text-align: center; }
table.guide td.article { min-width: 16rem; }
table.guide tbody th[scope=row] { min-width: 8rem; }
/* The claims table: short cells, details folded under each row; one card per claim on a phone. */
table.claims tbody th[scope=row] { font-weight: 400; min-width: 12rem; }
table.claims tr.claim-row > * { border-bottom: 0; }
table.claims tr.claim-more td { padding-top: 0; }
table.claims details summary { cursor: pointer; color: var(--link); font-size: 0.85rem; }
table.claims details p, table.claims ul.checks { margin: 0.35rem 0; font-size: 0.88rem; }
table.claims ul.checks { padding-left: 1.1rem; }
@media (max-width: 640px) {
  table.claims, table.claims thead, table.claims tbody, table.claims tr, table.claims th, table.claims td { display: block; width: auto; }
  table.claims thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.claims tr.claim-row { border-top: 2px solid var(--rule); padding-top: 0.5rem; }
  table.claims tr.claim-row > [data-label]::before { content: attr(data-label); display: block; font-size: 0.78rem; color: var(--muted); }
  table.claims tr.claim-row > th[data-label]::before { display: none; }
  table.claims tr.claim-more td { border-bottom: 0; padding-bottom: 1rem; }
  .toc ol { columns: 1; }
  /* The two-panel first figure would shrink past reading on a phone: it keeps a readable width and scrolls in its box. */
  .glance .figure-chart svg { min-width: 600px; max-width: none; }
}
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { color: var(--muted); }
table.kv th { font-weight: 500; color: var(--muted); white-space: nowrap; }
table.counts td.bad { background: var(--bad-bg); color: var(--bad-fg); font-weight: 700; }
table.counts td.warn { background: var(--warn-bg); color: var(--warn-fg); font-weight: 700; }

/* Notes: info in blue, warnings in amber. */
.note { border-left: 4px solid; border-radius: 2px; padding: 0.5rem 0.9rem; margin: 1rem 0; }
.note p { margin: 0.25rem 0; }
.note-info { background: var(--info-bg); border-color: var(--info-fg); }
.note-warning { background: var(--warn-bg); border-color: var(--warn-fg); }
ul.warnings { padding-left: 0; list-style: none; }
ul.warnings li { margin: 0.4rem 0; }

/* Verdict badges: the colour is the verdict. */
.verdict { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.82rem; font-weight: 600; white-space: nowrap; }
.verdict-reproduced { background: var(--ok-bg); color: var(--ok-fg); }
.verdict-partly-reproduced { background: var(--warn-bg); color: var(--warn-fg); }
.verdict-not-reproduced { background: var(--bad-bg); color: var(--bad-fg); }
.verdict-differs-in-node { background: var(--info-bg); color: var(--info-fg); }
.verdict-inconclusive, .verdict-not-measured, .verdict-not-run, .verdict-not-run-in-python { background: var(--none-bg); color: var(--none-fg); }

/* Index page entries. */
.entry { margin: 2rem 0; padding-top: 1rem; border-top: 1px solid var(--rule); }
.entry h2 { margin: 0 0 0.25rem; padding: 0; border: 0; }
.entry .verdicts { margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.35rem; align-items: center; }

footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }

@media print {
  :root { --fg: #000000; --muted: #444444; --link: #000000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .toc { display: none; }
  h2, h3 { break-after: avoid; }
  table, .note { break-inside: avoid; }
  /* A tall chart shrinks, keeping its shape, so that its figure fits on one page and stays whole. */
  .figure-chart svg { max-height: 7in; width: auto; }
  .figure-caption { font-size: 9pt; }
  a { text-decoration: none; }
  .verdict { border: 1px solid currentColor; }
}
`;
