// HTML building with escaping by default: every value interpolated into the
// `html` template is escaped unless it is already SafeHtml. Reports quote
// strings from data files and other people's code, so nothing is trusted.

/** A string known to be safe HTML: produced by `html`, `raw`, or a renderer. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: nullish and false render as nothing; arrays are concatenated. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for an element's content or a quoted attribute value (all five specials). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Mark a string as safe HTML. Only for output of a trusted renderer (Plot, markdown-it). */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value == null || value === false) return '';
  if (Array.isArray(value)) return value.map(toHtml).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html`<p>${text}</p>`` escapes `text`; nest `html` results freely. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += toHtml(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Attributes from a record, each ` name="value"` escaped; null, undefined and
 * false are left out, true gives a bare attribute. Names must be literal, not data.
 */
export function attrs(record: Record<string, string | number | boolean | null | undefined>): SafeHtml {
  let out = '';
  for (const [name, value] of Object.entries(record)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`invalid attribute name: ${name}`);
    if (value == null || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return new SafeHtml(out);
}

/**
 * A URL fit for href: http(s), mailto, fragments and relative paths pass;
 * anything with another scheme (javascript:, data:) becomes '#'.
 */
export function safeHref(url: string): string {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme === undefined || ['http', 'https', 'mailto'].includes(scheme) ? url : '#';
}
