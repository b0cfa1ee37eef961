/**
 * The document viewer's state: which playbook document, page and passage to show, and the PDF
 * bytes to render (kept per document in IndexedDB; the demo playbook can be fetched again).
 */
import type { PlaybookDocument } from '../../core/playbook/types.ts';
import { loadPdf, savePdf } from '../storage/pdf-store.ts';
import demoPlaybookUrl from '../../../data/playbook.pdf?url';

export const DEMO_PLAYBOOK_NAME = 'Sales Playbook.pdf';

export interface ViewerTarget {
  docName: string;
  docId?: string;
  /** 1-based. */
  page: number;
  /** The passage to highlight. */
  passage?: string;
}

/**
 * The stored PDF of a document. Workspaces seeded before PDFs were kept get the demo playbook
 * fetched again when its size matches the indexed one.
 */
export async function pdfBytesFor(doc: PlaybookDocument): Promise<Uint8Array | undefined> {
  const stored = await loadPdf(doc.id).catch(() => undefined);
  if (stored) return stored;
  if (doc.name !== DEMO_PLAYBOOK_NAME) return undefined;
  const res = await fetch(demoPlaybookUrl).catch(() => undefined);
  if (!res?.ok) return undefined;
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength !== doc.bytes) return undefined;
  await savePdf(doc.id, bytes).catch(() => undefined);
  return bytes;
}

export class DocumentViewer {
  target = $state.raw<ViewerTarget | null>(null);

  show(target: ViewerTarget): void {
    this.target = target;
  }

  close(): void {
    this.target = null;
  }
}

export const documentViewer = new DocumentViewer();
