import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renderMarkdown(text) renders paragraphs, lists and code', () => {
    expect(String(renderMarkdown('One *two* `three`.\n\n- a\n- b'))).toBe(
      '<p>One <em>two</em> <code>three</code>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n',
    );
  });

  it('renderMarkdown(text) escapes raw HTML instead of passing it through', () => {
    const out = String(renderMarkdown('<script>alert(1)</script> "><img src=x onerror=alert(1)>'));
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renderMarkdown(text) renders no images, so nothing is loaded from the network', () => {
    expect(String(renderMarkdown('![chart](https://example.org/x.png)'))).not.toMatch(/<img|src=/);
  });

  it('renderMarkdown(text) does not link javascript: URLs', () => {
    expect(String(renderMarkdown('[x](javascript:alert(1))'))).not.toContain('href');
  });
});

describe('renderInlineMarkdown', () => {
  it('renderInlineMarkdown(text) renders inline markup without a paragraph', () => {
    expect(String(renderInlineMarkdown('**3.1×** with `8` processes'))).toBe('<strong>3.1×</strong> with <code>8</code> processes');
  });

  it('renderInlineMarkdown(text) escapes raw HTML', () => {
    expect(String(renderInlineMarkdown('a <b>c</b>'))).toBe('a &lt;b&gt;c&lt;/b&gt;');
  });
});
