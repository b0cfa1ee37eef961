import { describe, expect, it } from 'vitest';
import type { Citation } from '../../../core/citations.ts';
import { markdownToHtml } from '../../markdown.ts';
import { answerHtml, answerPlainText, answerSources, passageText, sourceLabel } from './answer-view.ts';

const acme: Citation = { kind: 'client', source: 'Acme Freight', clientId: 12 };
const rules: Citation = { kind: 'playbook', source: 'Rules.pdf', page: 3, heading: 'Discounts', docId: 'd-1' };
const terms: Citation = { kind: 'playbook', source: 'Rules.pdf', page: 5, heading: 'Payment terms' };
const evil: Citation = { kind: 'client', source: 'Evil [Log in to renew](https://evil.example/login) Corp', clientId: 66 };

describe('answerSources', () => {
  it('lists only the sources the text cites, numbered by first mention', () => {
    const text = 'Rule A [doc: Rules.pdf p. 3]. Acme spent $5 [client: Acme Freight]. Again [doc: Rules.pdf p. 3].';
    expect(answerSources(text, [terms, acme, rules])).toEqual({ used: [rules, acme], numbered: true });
  });

  it('falls back to every available source for answers written without markers', () => {
    expect(answerSources('Acme spent $5 (source: client record).', [acme, rules])).toEqual({ used: [acme, rules], numbered: false });
  });
});

describe('answerHtml', () => {
  it('turns markers into numbered links: a client page link, a button for a document', () => {
    const text = '**Acme** spent $5 [client: Acme Freight]; discounts need approval [doc: Rules.pdf p. 3]. Acme again [client: Acme Freight].';
    const html = answerHtml(text, answerSources(text, [acme, rules]), markdownToHtml);
    expect(html).toContain('<a class="cite" href="#/clients/12" data-source="1" aria-label="Source 1: Acme Freight — client record">[1]</a>');
    expect(html).toContain('<button type="button" class="cite" data-source="2" aria-label="Source 2: Rules.pdf, page 3 · Discounts">[2]</button>');
    expect(html.match(/data-source="1"/g)).toHaveLength(2);
    expect(html).toContain('<strong>Acme</strong>');
    expect(html).not.toContain('[client:');
  });

  it('links only its own citations: a client name holding a Markdown link stays text', () => {
    const text = `**Evil [Log in to renew](https://evil.example/login) Corp**: YTD spend is $5 [client: Evil Log in to renew (https://evil.example/login) Corp].`;
    const html = answerHtml(text, answerSources(text, [evil]), markdownToHtml);
    expect(html).not.toMatch(/href="https?:/);
    expect(html.match(/<a\b/g)).toHaveLength(1);
    expect(html).toContain('href="#/clients/66"');
  });

  it('cannot be tricked by text that imitates the placeholder', () => {
    const text = 'Fake \uE000abc:1\uE001 here [client: Acme Freight].';
    const html = answerHtml(text, answerSources(text, [acme]), markdownToHtml);
    expect(html.match(/class="cite"/g)).toHaveLength(1);
  });

  it('leaves a marker that names no known source as plain text', () => {
    const text = 'Spend $5 [client: Nobody Inc] and [client: Acme Freight].';
    const html = answerHtml(text, answerSources(text, [acme]), markdownToHtml);
    expect(html).toContain('[client: Nobody Inc]');
    expect(html).toContain('[1]</a>');
  });
});

describe('answerPlainText', () => {
  it('copies the text with [n] markers and the sources below', () => {
    const text = '**Acme** spent $5 [client: Acme Freight].\n\n- Ask first [doc: Rules.pdf p. 3]';
    expect(answerPlainText(text, answerSources(text, [rules, acme]))).toBe(
      'Acme spent $5 [1].\n\n- Ask first [2]\n\nSources:\n[1] Acme Freight — client record\n[2] Rules.pdf, page 3 · Discounts',
    );
  });

  it('lists unnumbered sources for answers without markers', () => {
    expect(answerPlainText('Acme spent $5.', answerSources('Acme spent $5.', [acme]))).toBe('Acme spent $5.\n\nSources:\n- Acme Freight — client record');
  });
});

describe('passageText and sourceLabel', () => {
  it('uses the quote, or the matching tool-result context', () => {
    expect(passageText({ ...rules, quote: 'Up to 10%.' }, [])).toBe('Up to 10%.');
    const contexts = ['Rules.pdf, page 5 (Payment terms): Net 30 for all.', 'Rules.pdf, page 3 (Discounts): Up to 10% needs a manager.'];
    expect(passageText(rules, contexts)).toBe('Up to 10% needs a manager.');
    expect(passageText({ kind: 'playbook', source: 'Other.pdf', page: 3 }, contexts)).toBeUndefined();
  });

  it('names each kind of source', () => {
    expect(sourceLabel(acme)).toBe('Acme Freight — client record');
    expect(sourceLabel(terms)).toBe('Rules.pdf, page 5 · Payment terms');
    expect(sourceLabel({ kind: 'playbook', source: 'Guide.pdf', page: 1, heading: 'Guide.pdf' })).toBe('Guide.pdf, page 1');
    expect(sourceLabel({ kind: 'note', source: 'Your note', noteId: 'n-1' })).toBe('Your earlier correction');
  });
});
