// Markdown for the prose of a report (method notes, captions, table cells).
// markdown-it with html: false escapes raw HTML in the text; images are
// switched off so a report can never load a picture from the network.

import MarkdownIt from 'markdown-it';
import { raw, type SafeHtml } from './html.ts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable('image');

/** Render block markdown (paragraphs, lists, code) to HTML. */
export function renderMarkdown(text: string): SafeHtml {
  return raw(md.render(text));
}

/** Render one line of inline markdown (emphasis, code, links), no <p> around it. */
export function renderInlineMarkdown(text: string): SafeHtml {
  return raw(md.renderInline(text));
}
