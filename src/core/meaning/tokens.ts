/**
 * Tokenisation for word meaning: the project's own word splitter (shared with keyword search,
 * `src/core/playbook/text-features.ts`), so passages, queries and the vocabulary built from the
 * shipped data all see the same tokens. No stemming: the vectors know "renewal" and "renewals".
 */
import { words } from '../playbook/text-features.ts';

const NEGATED: Readonly<Record<string, string>> = {
  can: 'can',
  won: 'will',
  don: 'do',
  doesn: 'does',
  isn: 'is',
  aren: 'are',
  shouldn: 'should',
  mustn: 'must',
  didn: 'did',
  wasn: 'was',
};

/** Lower-cased word tokens; "client's" → "client", "can't" → "can not". */
export function meaningTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const apos = w.indexOf("'");
    if (apos < 0) {
      out.push(w);
      continue;
    }
    const head = w.slice(0, apos);
    if (w.endsWith("n't") || w.slice(apos) === "'t") out.push(NEGATED[head] ?? head.replace(/n$/, ''), 'not');
    else out.push(head);
  }
  return out;
}
