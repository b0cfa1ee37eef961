/**
 * Renders one PDF page with pdf.js on the main thread (loaded on first use): the page on a
 * canvas and pdf.js' text layer above it, in which the cited passage is highlighted.
 */
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFWorker, RenderTask } from 'pdfjs-dist';
import { findPassage } from './find-passage.ts';

type Pdfjs = typeof import('pdfjs-dist');

let pdfjs: Promise<{ lib: Pdfjs; worker: PDFWorker }> | undefined;

/**
 * pdf.js and one worker for every document the viewer opens. Starting the worker (a 1.2 MB
 * module) takes seconds on a slow machine, so `warmUpPdfViewer` may start it ahead of a click.
 */
function loadPdfjs(): Promise<{ lib: Pdfjs; worker: PDFWorker }> {
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')])
    .then(([lib, workerUrl]) => {
      lib.GlobalWorkerOptions.workerSrc = workerUrl.default;
      return { lib, worker: new lib.PDFWorker() };
    })
    .catch((err: unknown) => {
      pdfjs = undefined;
      throw err;
    });
  return pdfjs;
}

/** Starts loading pdf.js and its worker when the browser is idle (an answer cites a document). */
export function warmUpPdfViewer(): void {
  if (pdfjs) return;
  const start = () => void loadPdfjs().catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 5000 });
  else setTimeout(start, 500);
}

export interface OpenPdf {
  doc: PDFDocumentProxy;
  close(): void;
}

/** Opens PDF bytes (a copy is handed to pdf.js, whose worker takes ownership of it). */
export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  const { lib, worker } = await loadPdfjs();
  const task: PDFDocumentLoadingTask = lib.getDocument({ data: bytes.slice(), worker });
  const doc = await task.promise;
  return { doc, close: () => void task.destroy() };
}

/**
 * Draws `pageNumber` into `host` at `width` CSS pixels and highlights `passage` in the text
 * layer (its spans get `role="mark"`). Replaces whatever `host` held. Resolves to true when
 * the passage was found and highlighted.
 */
export async function renderPage(
  pdf: OpenPdf,
  pageNumber: number,
  host: HTMLElement,
  width: number,
  passage: string | undefined,
  signal: AbortSignal,
): Promise<boolean> {
  const { lib } = await loadPdfjs();
  const page = await pdf.doc.getPage(pageNumber);
  const scale = width / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;

  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  canvas.setAttribute('aria-hidden', 'true');
  const text = document.createElement('div');
  text.className = 'textLayer';
  host.replaceChildren(canvas, text);
  host.style.setProperty('--total-scale-factor', String(scale));
  host.style.width = `${Math.floor(viewport.width)}px`;
  host.style.height = `${Math.floor(viewport.height)}px`;

  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context.');
  const task: RenderTask = page.render({ canvas, canvasContext: context, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
  const layer = new lib.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport });
  signal.addEventListener('abort', () => {
    task.cancel();
    layer.cancel();
  });
  await Promise.all([task.promise, layer.render()]);

  const range = passage ? findPassage(layer.textContentItemsStr, passage) : null;
  if (range) {
    for (let i = range.first; i <= range.last; i++) {
      const span = layer.textDivs[i];
      if (!span?.textContent?.trim()) continue;
      span.classList.add('highlight');
      span.setAttribute('role', 'mark');
    }
    layer.textDivs[range.first]?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
  return range !== null;
}
