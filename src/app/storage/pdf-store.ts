/**
 * The original bytes of each playbook PDF, kept so a cited page can be shown as it looks
 * (one record per document, `v1/playbook.pdfs/<docId>`; exported with the workspace).
 */
import { KEYS, storage } from './persistence.ts';

const pdfKey = (docId: string) => `${KEYS.playbookPdfs}/${docId}`;

export function savePdf(docId: string, bytes: Uint8Array): Promise<void> {
  return storage.set(pdfKey(docId), bytes);
}

export function loadPdf(docId: string): Promise<Uint8Array | undefined> {
  return storage.get<Uint8Array>(pdfKey(docId));
}

export function deletePdf(docId: string): Promise<void> {
  return storage.del(pdfKey(docId));
}
