/**
 * PDF → text per page with pdf.js. Lines are rebuilt from text items by their y-position, and
 * lines are grouped into blocks (headings, paragraphs, bullets) so chunking can respect structure.
 * No DOM or Worker globals: the host injects how pdf.js is loaded and its worker URL.
 */
import { AppError } from '../errors.ts';

type PdfjsModule = typeof import('pdfjs-dist');

export const MAX_PDF_BYTES = 50 * 1024 * 1024;

export interface TextBlock {
  kind: 'heading' | 'text';
  text: string;
}

export interface PdfPageText {
  page: number;
  /** Blocks joined by newlines; wrapped lines of a paragraph or bullet are joined by spaces. */
  text: string;
  /** Visual lines, top to bottom. */
  lines: string[];
  blocks: TextBlock[];
}

export interface ExtractOptions {
  onPage?: (done: number, total: number) => void;
}

/** Turns PDF bytes into page texts; implemented here and usable behind any host. */
export interface PdfTextExtractor {
  extractPages(bytes: Uint8Array, opts?: ExtractOptions): Promise<PdfPageText[]>;
}

/** How the host provides pdf.js: the browser passes `workerSrc` (a `?url` import); Node needs nothing. */
export interface PdfjsSetup {
  load?: () => Promise<PdfjsModule>;
  workerSrc?: string;
  standardFontDataUrl?: string;
  maxBytes?: number;
}

/** pdf.js 6 uses Promise.withResolvers, which Node 20 lacks. */
function polyfillWithResolvers(): void {
  const P = Promise as PromiseConstructor & { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') return;
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (v: T | PromiseLike<T>) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const defaultLoad = (): Promise<PdfjsModule> => import('pdfjs-dist/legacy/build/pdf.mjs');

interface RawItem {
  str: string;
  x: number;
  y: number;
  size: number;
  width: number;
}
interface RawLine {
  y: number;
  size: number;
  text: string;
}

function isTextItem(item: object): item is { str: string; transform: number[]; width: number } {
  return 'str' in item && 'transform' in item;
}

/** Groups items into visual lines (same baseline within half a font size), left to right. */
export function itemsToLines(items: RawItem[]): RawLine[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: RawItem[] }[] = [];
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - item.y) <= Math.max(last.size, item.size) * 0.5) {
      last.items.push(item);
      last.size = Math.max(last.size, item.size);
    } else lines.push({ y: item.y, size: item.size, items: [item] });
  }
  return lines.map((line) => {
    const parts = line.items.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const p of parts) {
      const gap = p.x - end;
      if (text && gap > p.size * 0.15 && !text.endsWith(' ') && !p.str.startsWith(' ')) text += ' ';
      text += p.str;
      end = p.x + p.width;
    }
    return { y: line.y, size: line.size, text: text.replace(/\s+/g, ' ').trim() };
  });
}

const BULLET = /^([-•*–·]|\d{1,2}[.)])\s/;

/** Groups lines into heading and paragraph/bullet blocks using font size, bullets and vertical gaps. */
export function linesToBlocks(lines: RawLine[], bodySize: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  let prev: RawLine | undefined;
  for (const line of lines) {
    const heading = line.size >= bodySize * 1.2 && line.text.length <= 120;
    const last = blocks[blocks.length - 1];
    const gap = prev ? prev.y - line.y : Infinity;
    const continues = last !== undefined && last.kind === 'text' && !heading && !BULLET.test(line.text) && gap <= line.size * 1.6;
    if (continues) last.text = `${last.text} ${line.text}`;
    else if (heading && last?.kind === 'heading' && gap <= line.size * 1.6) last.text = `${last.text} ${line.text}`;
    else blocks.push({ kind: heading ? 'heading' : 'text', text: line.text });
    prev = line;
  }
  return blocks;
}

/** The most common font size, weighted by characters: the body text size. */
function bodySizeOf(lines: RawLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + l.text.length);
  }
  let best = 0;
  let bestW = -1;
  for (const [s, w] of weight) if (w > bestW) [best, bestW] = [s, w];
  return best || 10;
}

/** Creates a pdf.js-backed extractor; `setup` is the injection point for the host environment. */
export function createPdfTextExtractor(setup: PdfjsSetup = {}): PdfTextExtractor {
  const maxBytes = setup.maxBytes ?? MAX_PDF_BYTES;
  let loaded: Promise<PdfjsModule> | undefined;
  const pdfjs = () => {
    polyfillWithResolvers();
    loaded ??= (setup.load ?? defaultLoad)().then((mod) => {
      if (setup.workerSrc) mod.GlobalWorkerOptions.workerSrc = setup.workerSrc;
      return mod;
    });
    return loaded;
  };

  return {
    async extractPages(bytes, opts = {}) {
      if (bytes.byteLength > maxBytes) {
        throw new AppError('file-too-large', `The PDF is larger than ${Math.round(maxBytes / 1048576)} MB.`, {
          bytes: bytes.byteLength,
        });
      }
      const lib = await pdfjs();
      // pdf.js may transfer the buffer to its worker: give it a copy so the caller's bytes survive.
      const task = lib.getDocument({
        data: bytes.slice(),
        verbosity: 0,
        ...(setup.standardFontDataUrl ? { standardFontDataUrl: setup.standardFontDataUrl } : {}),
      });
      try {
        const doc = await task.promise;
        const raw: RawLine[][] = [];
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          const content = await page.getTextContent();
          const items: RawItem[] = [];
          for (const it of content.items) {
            if (!isTextItem(it)) continue;
            const [a, b, c, d, x, y] = it.transform;
            items.push({ str: it.str, x, y, width: it.width, size: Math.hypot(c, d) || Math.hypot(a, b) });
          }
          raw.push(itemsToLines(items));
          page.cleanup();
          opts.onPage?.(n, doc.numPages);
        }
        const body = bodySizeOf(raw.flat());
        const pages = raw.map((lines, i) => {
          const blocks = linesToBlocks(lines, body);
          return { page: i + 1, text: blocks.map((b) => b.text).join('\n'), lines: lines.map((l) => l.text), blocks };
        });
        if (pages.every((p) => p.text.trim() === '')) {
          throw new AppError('pdf-no-text', 'The PDF has no text layer (it may be a scan).', { pages: pages.length });
        }
        return pages;
      } catch (err) {
        throw toPdfError(err);
      } finally {
        await task.destroy();
      }
    },
  };
}

function toPdfError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'PasswordException') return new AppError('pdf-encrypted', 'The PDF is password-protected.');
  const detail = err instanceof Error ? err.message : 'unreadable';
  return new AppError('bad-pdf', `The file is not a readable PDF (${detail}).`);
}

let shared: PdfTextExtractor | undefined;

/** Extracts page texts with the default (Node / legacy build) pdf.js setup. */
export function extractPages(bytes: Uint8Array, opts?: ExtractOptions): Promise<PdfPageText[]> {
  shared ??= createPdfTextExtractor();
  return shared.extractPages(bytes, opts);
}
