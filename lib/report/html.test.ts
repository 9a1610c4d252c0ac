import { describe, expect, it } from 'vitest';
import { attrs, escapeHtml, html, raw, safeHref } from './html.ts';

describe('escapeHtml', () => {
  it('escapeHtml(s) replaces the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapeHtml(s) leaves other text alone', () => {
    expect(escapeHtml('3.1× with 8 processes — “quoted”')).toBe('3.1× with 8 processes — “quoted”');
  });
});

describe('html', () => {
  it('html`...` escapes interpolated strings', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    expect(String(html`<p title="${evil}">${'<script>alert(1)</script>'}</p>`)).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('html`...` passes nested html and raw() through unescaped', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(String(html`<p>${inner}${raw('<i>ok</i>')}</p>`)).toBe('<p><b>a&amp;b</b><i>ok</i></p>');
  });

  it('html`...` concatenates arrays and drops null, undefined and false', () => {
    expect(String(html`${['<', html`<br>`, 1]}|${null}|${undefined}|${false}|${0}`)).toBe('&lt;<br>1||||0');
  });
});

describe('attrs', () => {
  it('attrs(record) escapes values, leaves out null and false, writes true bare', () => {
    expect(String(attrs({ id: 'a"b', class: null, hidden: true, open: false }))).toBe(' id="a&quot;b" hidden');
  });

  it('attrs(record) rejects a name that is not a plain attribute name', () => {
    expect(() => attrs({ 'onclick="x" a': 1 })).toThrow(/invalid attribute name/);
  });
});

describe('safeHref', () => {
  it('safeHref(url) keeps http(s), mailto, fragments and relative paths', () => {
    for (const url of ['https://example.org/a?b=1', 'http://x.y', 'mailto:a@b.c', '#claims', '../data/x/results.csv', 'x.html']) {
      expect(safeHref(url)).toBe(url);
    }
  });

  it('safeHref(url) replaces script and data URLs with #', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x']) {
      expect(safeHref(url)).toBe('#');
    }
  });
});
