/**
 * How an answer is shown: its inline citation markers become numbered links to one list of the
 * sources it used, and a plain-text copy carries the same numbers and list. Text from data is
 * rendered by `renderMarkdown` (no links); the citation links are the app's own, added after it.
 */
import { numberMarkers, parseCitations, usedCitations, type Citation } from '../../../core/citations.ts';
import { escapeHtml, markdownToPlainText } from '../../markdown.ts';

export interface AnswerSources {
  /** Sources in list order: `[n]` in the text is `used[n - 1]`. */
  used: Citation[];
  /** False for answers written without markers: the list is shown unnumbered. */
  numbered: boolean;
}

/** The sources an answer used, numbered by first mention; every available one for unmarked answers. */
export function answerSources(answer: string, available: Citation[]): AnswerSources {
  if (parseCitations(answer).length === 0) return { used: available, numbered: false };
  return { used: usedCitations(answer, available).used, numbered: true };
}

/** What a source is, in words: "TechGiant — client record", "Sales Playbook.pdf, page 2 · Discounts". */
export function sourceLabel(c: Citation): string {
  if (c.kind === 'client') return `${c.source} — client record`;
  if (c.kind === 'note') return 'Your earlier correction';
  const heading = c.heading && c.heading !== c.source ? ` · ${c.heading}` : '';
  return `${c.source}${c.page ? `, page ${c.page}` : ''}${heading}`;
}

/** The hash route of a client's page. */
export function clientHref(clientId: number | undefined): string {
  return clientId === undefined ? '#/clients' : `#/clients/${clientId}`;
}

/** The inline `[n]` for a source: a link to a client's page, a button for documents and notes. */
export function citationHtml(c: Citation, n: number): string {
  const label = escapeHtml(`Source ${n}: ${sourceLabel(c)}`);
  if (c.kind === 'client') {
    return `<a class="cite" href="${escapeHtml(clientHref(c.clientId))}" data-source="${n}" aria-label="${label}">[${n}]</a>`;
  }
  return `<button type="button" class="cite" data-source="${n}" aria-label="${label}">[${n}]</button>`;
}

/** Replaces each marker that names a used source by `mark(n)`; other text is left as written. */
function replaceMarkers(answer: string, used: Citation[], mark: (n: number) => string): string {
  let out = '';
  let at = 0;
  for (const { marker, n } of numberMarkers(answer, used)) {
    out += answer.slice(at, marker.start) + mark(n);
    at = marker.end;
  }
  return out + answer.slice(at);
}

/**
 * The answer as HTML with numbered citation links. `render` turns Markdown into sanitized HTML;
 * markers travel through it as placeholders no text can forge (a per-call nonce), and only
 * then become links, so nothing in the data can produce one.
 */
export function answerHtml(answer: string, sources: AnswerSources, render: (markdown: string) => string): string {
  if (!sources.numbered) return render(answer);
  const nonce = Math.random().toString(36).slice(2, 10);
  const open = `\uE000${nonce}:`;
  const text = replaceMarkers(answer, sources.used, (n) => `${open}${n}\uE001`);
  const html = render(text);
  const placeholder = new RegExp(`\uE000${nonce}:(\\d+)\uE001`, 'g');
  return html.replace(placeholder, (_m, n: string) => {
    const c = sources.used[Number(n) - 1];
    return c ? citationHtml(c, Number(n)) : '';
  });
}

/** The answer as plain text with `[n]` markers and its sources listed below, for copying. */
export function answerPlainText(answer: string, sources: AnswerSources): string {
  const body = markdownToPlainText(sources.numbered ? replaceMarkers(answer, sources.used, (n) => `[${n}]`) : answer);
  if (sources.used.length === 0) return body;
  const list = sources.used.map((c, i) => `${sources.numbered ? `[${i + 1}]` : '-'} ${sourceLabel(c)}`);
  return `${body}\n\nSources:\n${list.join('\n')}`;
}

/**
 * The passage a playbook citation points to: its `quote`, or else the matching tool-result
 * context (`"doc, page N (heading): text"`) of the same answer.
 */
export function passageText(c: Citation, contexts: string[]): string | undefined {
  if (c.quote) return c.quote;
  if (c.kind !== 'playbook' || c.page === undefined) return undefined;
  const prefix = `${c.source}, page ${c.page}${c.heading ? ` (${c.heading})` : ''}: `;
  const hit = contexts.find((ctx) => ctx.startsWith(prefix));
  return hit?.slice(prefix.length);
}
