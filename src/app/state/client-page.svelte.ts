/**
 * The client page: one record (by id, or by name for links written with a name) and what the
 * playbook says about it. Stale loads are dropped when the rep moves on to another client.
 */
import type { Client, ClientSuggestion } from '../../core/clients/types.ts';
import { clientGuidance, type ClientGuidance } from '../../core/guidance/client-guidance.ts';
import { describeError } from '../errors.ts';
import { chatDraft } from './chat-draft.svelte.ts';
import { router } from './router.svelte.ts';
import { workspace } from './workspace.svelte.ts';

export type ClientPageStatus = 'loading' | 'ready' | 'not-found' | 'error';

export class ClientPageView {
  status = $state<ClientPageStatus>('loading');
  client = $state.raw<Client | null>(null);
  guidance = $state.raw<ClientGuidance | null>(null);
  guidanceError = $state<string | null>(null);
  suggestions = $state.raw<ClientSuggestion[]>([]);
  error = $state<string | null>(null);
  #request = 0;

  /** Loads the client named by the route parameter: a numeric id, or a name. */
  async load(param: string): Promise<void> {
    if (workspace.status !== 'ready') return;
    const id = ++this.#request;
    const current = () => id === this.#request;
    this.status = 'loading';
    this.guidance = null;
    this.guidanceError = null;
    try {
      const client = await this.#find(param);
      if (!current()) return;
      this.client = client;
      this.status = client ? 'ready' : 'not-found';
      if (!client) return;
      try {
        const guidance = await clientGuidance(client, workspace.playbook);
        if (current()) this.guidance = guidance;
      } catch (err) {
        if (current()) this.guidanceError = describeError(err);
      }
    } catch (err) {
      if (!current()) return;
      this.error = describeError(err);
      this.status = 'error';
    }
  }

  async #find(param: string): Promise<Client | null> {
    this.suggestions = [];
    if (/^\d+$/.test(param)) return (await workspace.clients.get(Number(param))) ?? null;
    const found = await workspace.clients.lookup(param);
    if (found.status === 'found' && (found.match === 'exact' || found.match === 'normalized')) return found.client;
    // A near match is offered, never opened silently: it could be another company.
    this.suggestions = found.status === 'found' ? [{ name: found.client.name, score: found.score }, ...found.alternatives] : found.suggestions;
    return null;
  }

  /** Opens the chat with a question about this client ready to send. */
  askAbout(): void {
    if (!this.client) return;
    chatDraft.set(`Prepare me for my meeting with ${this.client.name}.`);
    router.go('chat');
  }
}
