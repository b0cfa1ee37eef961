/**
 * Tiny in-memory ClientStore / PlaybookIndex fakes for tests of the tools and the agent graph
 * (the real SQL store and hybrid index are tested in their own folders).
 */
import { AppError } from '../errors.ts';
import type { Client, ClientQuery, ClientStore, LookupResult, QueryResult } from '../clients/types.ts';
import { vocabularyOf } from '../clients/vocabulary.ts';
import type { Chunk, PlaybookIndex, SearchHit } from '../playbook/types.ts';

export const FAKE_CLIENTS: Client[] = [
  {
    id: 1,
    name: 'TechGiant',
    industry: 'Electronics',
    ytd_spend: 120000,
    last_year_spend: 98000,
    account_manager: 'Sarah Chen',
    region: 'West',
    renewal_date: '2027-02-28',
    products: ['Search Ads'],
    open_escalation: false,
    payment_terms: 'net 30',
    reference_consent: true,
  },
  {
    id: 2,
    name: 'Acme Foods',
    industry: 'Food',
    ytd_spend: 45000,
    last_year_spend: 50000,
    account_manager: 'Diego Alvarez',
    region: 'East',
    renewal_date: '2026-12-15',
    products: ['Display', 'Video'],
    open_escalation: true,
    payment_terms: 'net 60',
    reference_consent: false,
  },
];

export const FAKE_CHUNKS: Chunk[] = [
  { id: 1, docId: 'pb', docName: 'playbook.pdf', page: 2, heading: 'Discounts', text: 'Discounts above 15% need VP approval.' },
  { id: 2, docId: 'pb', docName: 'playbook.pdf', page: 3, heading: 'Tiers', text: 'Platinum tier: YTD spend of $100,000 or more.' },
];

/** Counts calls so tests can see the cache working; `delay` lets tests hold calls open. */
export class FakeClientStore implements ClientStore {
  calls = 0;
  delay: (() => Promise<void>) | undefined;
  constructor(readonly clients: Client[] = FAKE_CLIENTS) {}
  async count() {
    return this.clients.length;
  }
  async list() {
    return this.clients;
  }
  async vocabulary() {
    return vocabularyOf(this.clients);
  }
  async lookup(name: string): Promise<LookupResult> {
    this.calls += 1;
    await this.delay?.();
    const client = this.clients.find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
    if (client) return { status: 'found', client, match: 'exact', score: 1, alternatives: [] };
    return { status: 'not-found', query: name, suggestions: this.clients.slice(0, 1).map((c) => ({ name: c.name, score: 0.4 })) };
  }
  async findMentions(text: string): Promise<LookupResult[]> {
    return Promise.all(this.clients.filter((c) => text.includes(c.name)).map((c) => this.lookup(c.name)));
  }
  async query(q: ClientQuery): Promise<QueryResult> {
    this.calls += 1;
    const matches = this.clients.filter(
      (c) => (!q.industry || [q.industry].flat().includes(c.industry)) && (q.min_spend === undefined || c.ytd_spend >= q.min_spend),
    );
    const sum = matches.reduce((s, c) => s + c.ytd_spend, 0);
    const last = matches.reduce((s, c) => s + c.last_year_spend, 0);
    const n = matches.length;
    return {
      clients: matches.slice(0, q.limit ?? 20),
      total: n,
      sum_ytd_spend: sum,
      avg_ytd_spend: n ? sum / n : 0,
      sum_last_year_spend: last,
      avg_last_year_spend: n ? last / n : 0,
    };
  }
  async importText(): Promise<never> {
    throw new AppError('bad-import', 'not supported by the fake');
  }
  async exportBytes() {
    return new Uint8Array();
  }
  async loadBytes() {}
}

export class FakePlaybook implements PlaybookIndex {
  calls = 0;
  delay: (() => Promise<void>) | undefined;
  constructor(readonly chunks: Chunk[] = FAKE_CHUNKS) {}
  async listDocuments() {
    return [];
  }
  async stats() {
    return { documents: 1, chunks: this.chunks.length, embedder: 'fake', index: 'flat' as const };
  }
  async addPdf(): Promise<never> {
    throw new AppError('bad-pdf', 'not supported by the fake');
  }
  async removeDocument() {}
  async setWinner() {}
  async search(query: string, k = 4): Promise<SearchHit[]> {
    this.calls += 1;
    await this.delay?.();
    const words = query
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 3);
    return this.chunks
      .map((chunk) => ({ chunk, score: words.filter((w) => chunk.text.toLowerCase().includes(w)).length / Math.max(1, words.length) }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
  async exportSnapshot() {
    return new Uint8Array();
  }
  async loadSnapshot() {}
}
