/**
 * The original bytes of each playbook PDF, kept so a cited page can be shown as it looks
 * (one record per document, `v2/playbook.pdfs/<docId>`; exported with the workspace). Written
 * through the one write path; nobody else needs an announcement (the playbook change is announced).
 */
import { KEYS, read, write } from './persistence.ts';
import type { HeldLock } from './tabs.ts';

const pdfKey = (docId: string) => `${KEYS.playbookPdfs}/${docId}`;

export function savePdf(docId: string, bytes: Uint8Array, lock?: HeldLock): Promise<void> {
  return write(null, {}, (_, batch) => batch.set(pdfKey(docId), bytes), { lock });
}

export function loadPdf(docId: string): Promise<Uint8Array | undefined> {
  return read<Uint8Array>(pdfKey(docId));
}

export function deletePdf(docId: string): Promise<void> {
  return write(null, {}, (_, batch) => batch.del(pdfKey(docId)));
}
