/**
 * Markdown from models, PDFs and client records, rendered to HTML and sanitized: no script ever
 * runs from it, and data never becomes a link. A Markdown link or image in that text is shown as
 * the text it was written as (URL visible, not clickable); the only links in an answer are the
 * app's own citations, added after sanitizing (see `components/chat/answer-view.ts`).
 */
import { Marked, type Token, type Tokens } from 'marked';
import DOMPurify from 'dompurify';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for use in element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Links and images from data stay visible as written, never clickable or loaded.
    link: (token: Tokens.Link) => escapeHtml(token.raw),
    image: (token: Tokens.Image) => escapeHtml(token.raw),
  },
});

/** Markdown → HTML with links and images kept as plain text (before sanitizing). */
export function markdownToHtml(text: string): string {
  return marked.parse(text) as string;
}

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'b',
  'i',
  'ul',
  'ol',
  'li',
  'code',
  'pre',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'del',
];

/** Markdown rendered to sanitized HTML: no `a`, `img`, script, style or event handler survives. */
export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(markdownToHtml(text), { ALLOWED_TAGS, ALLOWED_ATTR: [] });
}

function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'br':
          return '\n';
        case 'link':
        case 'image':
        case 'html':
          return t.raw;
        case 'codespan':
        case 'escape':
          return t.text;
        default:
          return 'tokens' in t && t.tokens ? inlineText(t.tokens) : 'text' in t ? String(t.text) : t.raw;
      }
    })
    .join('');
}

function blockText(token: Token): string {
  switch (token.type) {
    case 'paragraph':
    case 'heading':
    case 'text':
      return inlineText(token.tokens ?? [{ type: 'text', raw: token.raw, text: token.text } as Tokens.Text]);
    case 'list':
      return (token as Tokens.List).items
        .map((item, i) => `${token.ordered ? `${(Number(token.start) || 1) + i}.` : '-'} ${item.tokens.map(blockText).join('\n').trim()}`)
        .join('\n');
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens
        .map(blockText)
        .join('\n\n')
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
    case 'code':
      return token.text;
    case 'table': {
      const t = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens)).join('\t');
      return [row(t.header), ...t.rows.map(row)].join('\n');
    }
    case 'hr':
      return '—';
    case 'space':
      return '';
    case 'html':
      return token.raw.trim();
    default:
      return 'text' in token ? String(token.text) : token.raw;
  }
}

/** Markdown as plain text (for copying): emphasis marks dropped, lists and tables kept readable. */
export function markdownToPlainText(text: string): string {
  return marked
    .lexer(text)
    .map(blockText)
    .filter((s) => s.trim() !== '')
    .join('\n\n')
    .trim();
}
