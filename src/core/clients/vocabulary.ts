/** The distinct filter values of a client list (for in-memory stores; SQL stores use DISTINCT). */
import type { Client, ClientVocabulary } from './types.ts';

export function vocabularyOf(clients: Client[]): ClientVocabulary {
  const uniq = (xs: string[]): string[] => [...new Set(xs.filter(Boolean))];
  return {
    industries: uniq(clients.map((c) => c.industry)),
    regions: uniq(clients.map((c) => c.region)),
    managers: uniq(clients.map((c) => c.account_manager)),
    products: uniq(clients.flatMap((c) => c.products)),
  };
}
