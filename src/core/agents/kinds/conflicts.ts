/**
 * Documents that disagree. A yes/no decision (discount, trial, payment terms, gift) is also taken
 * on each document's passages alone; when two documents lead to different verdicts, the answer
 * names both and picks neither — unless the rep marked on the Playbook page which document wins,
 * in which case that one is applied and the other is still named. The reviewer fails an answer
 * that uses one side of such a conflict without saying so.
 */
import type { PlaybookPassage } from '../../tools/types.ts';
import { verdictOf } from './common.ts';
import type { Decision } from './discount.ts';
import type { Evidence } from './evidence.ts';
import type { Finding } from './kind.ts';

/** One document's decision. */
export interface Ruling {
  doc: string;
  decision: Decision;
}

export interface Conflict {
  /** One ruling with a verdict per document, in the order the documents were retrieved. */
  rulings: Ruling[];
  /** The ruling of the document the rep marked to win, when it is one of them. */
  winner?: Ruling;
}

/** The retrieved passages grouped by document, in first-seen order. */
export function byDocument(passages: readonly PlaybookPassage[]): PlaybookPassage[][] {
  const groups = new Map<string, PlaybookPassage[]>();
  for (const p of passages) {
    const key = p.docId ?? p.doc;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()];
}

/** The documents whose passages alone lead to different verdicts, or undefined when they agree. */
export function findConflict(decide: (ev: Evidence) => Decision, ev: Evidence): Conflict | undefined {
  const groups = byDocument(ev.passages);
  if (groups.length < 2) return undefined;
  const rulings: (Ruling & { wins: boolean })[] = [];
  for (const passages of groups) {
    const decision = decide({ ...ev, passages });
    if (decision.verdict) rulings.push({ doc: passages[0].doc, decision, wins: passages.some((p) => p.wins) });
  }
  if (rulings.length < 2 || rulings.every((r) => r.decision.verdict === rulings[0].decision.verdict)) return undefined;
  return { rulings: rulings.map(({ doc, decision }) => ({ doc, decision })), winner: rulings.find((r) => r.wins) };
}

const plain = (lead: string): string => lead.replace(/\*\*/g, '');
const inWords = (rulings: readonly Ruling[]): string[] => rulings.map((r) => `- **${r.doc}**: ${plain(r.decision.lead)}`);

/**
 * `decide` over all passages when the documents agree; otherwise the conflict in words (no
 * verdict), or the winning document's decision with the others named under it.
 */
export function decideAcrossDocuments(
  topic: string,
  decide: (ev: Evidence) => Decision,
  ev: Evidence,
  conflict: Conflict | undefined = findConflict(decide, ev),
): Decision {
  if (!conflict) return decide(ev);
  const { winner, rulings } = conflict;
  if (!winner) {
    return {
      lead: `**The documents disagree on ${topic}**, so I won't pick one. Check with your manager which applies, or mark the document that wins on the Playbook page.`,
      sections: [inWords(rulings).join('\n')],
    };
  }
  const others = rulings.filter((r) => r !== winner);
  return {
    ...winner.decision,
    sections: [
      ...winner.decision.sections,
      `Another document disagrees on ${topic}. I applied **${winner.doc}**, which you marked on the Playbook page as the one that wins:\n${inWords(others).join('\n')}`,
    ],
  };
}

/** True when an answer says that documents disagree, or names every document of the conflict. */
export function mentionsConflict(answer: string, c: Conflict): boolean {
  if (/\b(?:disagree|conflict|contradict|inconsistent)/i.test(answer)) return true;
  return c.rulings.every((r) => answer.includes(r.doc));
}

/** Findings for an answer to a yes/no decision: one side of a conflict used silently, or a missing or wrong verdict. */
export function decisionFindings(topic: string, decide: (ev: Evidence) => Decision, ev: Evidence, answer: string): Finding[] {
  // Each document is decided once, for both the conflict check and the expected verdict.
  const conflict = findConflict(decide, ev);
  if (conflict && !mentionsConflict(answer, conflict)) return [{ kind: 'conflict-unmentioned', topic, docs: conflict.rulings.map((r) => r.doc) }];
  const d = decideAcrossDocuments(topic, decide, ev, conflict);
  if (!d.verdict) return [];
  const said = verdictOf(answer);
  if (!said) return [{ kind: 'no-verdict', expected: d.verdict }];
  return said === d.verdict ? [] : [{ kind: 'wrong-verdict', expected: d.verdict, found: said }];
}
