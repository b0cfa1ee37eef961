import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToHtml, markdownToPlainText } from './markdown.ts';

describe('markdownToHtml', () => {
  it('keeps a Markdown link from data as visible, non-clickable text', () => {
    const html = markdownToHtml('**Evil [Log in to renew](https://evil.example/login) Corp**: YTD spend is $5.');
    expect(html).not.toMatch(/<a\b/i);
    expect(html).toContain('Evil [Log in to renew](https://evil.example/login) Corp');
    expect(html).toContain('<strong>');
  });

  it('never turns bare URLs, autolinks, reference links or images into elements', () => {
    const text = [
      'See https://phish.example/x and <https://other.example/y>.',
      'Also [renew][r] and ![pixel](https://track.example/p.gif).',
      '',
      '[r]: https://ref.example/z',
    ].join('\n');
    const html = markdownToHtml(text);
    expect(html).not.toMatch(/<a\b|<img\b/i);
    expect(html).toContain('https://phish.example/x');
    expect(html).toContain('![pixel](https://track.example/p.gif)');
  });

  it('escapes HTML inside link text', () => {
    expect(markdownToHtml('[<b>x</b>](https://e.example)')).toContain('[&lt;b&gt;x&lt;/b&gt;](https://e.example)');
  });
});

describe('markdownToPlainText', () => {
  it('drops emphasis, keeps lists, quotes and tables readable', () => {
    const md = [
      '**TechGiant**: YTD spend is *$120,000*.',
      '',
      '- one',
      '- two `code`',
      '',
      '> **Reviewer:** unsure',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
    ].join('\n');
    expect(markdownToPlainText(md)).toBe(['TechGiant: YTD spend is $120,000.', '- one\n- two code', '> Reviewer: unsure', 'a\tb\n1\t2'].join('\n\n'));
  });

  it('keeps links as written and numbers ordered lists from their start', () => {
    expect(markdownToPlainText('3. a [x](https://e.example)\n4. b')).toBe('3. a [x](https://e.example)\n4. b');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
