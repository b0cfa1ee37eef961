/**
 * Opens what a citation points to: a client's page (`#/clients/<id>`), or the playbook PDF at
 * the cited page with the passage highlighted. Citations saved before they carried ids are
 * resolved by name.
 */
import type { Citation } from '../../core/citations.ts';
import { clientHref, passageText } from '../components/chat/answer-view.ts';
import { documentViewer } from './document-viewer.svelte.ts';
import { workspace } from './workspace.svelte.ts';

/** The client's id, from the citation or by looking its exact name up in the book. */
async function clientIdOf(c: Citation): Promise<number | undefined> {
  if (c.clientId !== undefined) return c.clientId;
  const found = await workspace.clients.lookup(c.source).catch(() => undefined);
  return found?.status === 'found' && found.client.name === c.source ? found.client.id : undefined;
}

export async function openClientSource(c: Citation): Promise<void> {
  location.hash = clientHref(await clientIdOf(c));
}

/** Shows a playbook citation in the document viewer; `contexts` supply the passage of older answers. */
export function openDocumentSource(c: Citation, contexts: string[]): void {
  documentViewer.show({ docName: c.source, docId: c.docId, page: c.page ?? 1, passage: passageText(c, contexts) });
}
