/**
 * Eligibility checks that turn on one rule and one client record: free trials, payment terms,
 * gifts and references. Each decides once; the composer prints the decision and the reviewer
 * compares any answer's verdict with it.
 */
import type { Client } from '../../clients/types.ts';
import { minSpendIn, moneyLimitIn, ruleStance } from '../builtin/rules.ts';
import type { CheckKind, QuestionFrame } from '../question/frame.ts';
import { keywords, normalize } from '../question/words.ts';
import { bestSentences, clientCite, foundClients, lookupCalls, passageCite, quote, topicCall, usd } from './common.ts';
import type { Decision } from './discount.ts';
import { decideAcrossDocuments, decisionFindings } from './conflicts.ts';
import type { Evidence } from './evidence.ts';
import type { Finding, Kind, KindContext, PlannedCall, ReviewInput } from './kind.ts';
import { topicQuery, type TopicId } from './topics.ts';

/** The client's product the frame's offer refers to, if it already runs it. */
export function ownedProduct(c: Client, frame: QuestionFrame): string | undefined {
  const p = frame.product;
  if (!p) return undefined;
  if (p.resolved) return c.products.find((x) => x.toLowerCase() === p.resolved?.toLowerCase());
  const words = keywords(p.phrase);
  return c.products.find((x) => words.length > 0 && words.every((w) => normalize(x).includes(w)));
}

export function decideTrial(frame: QuestionFrame, ev: Evidence): Decision {
  const c = foundClients(frame, ev)[0];
  const rules = bestSentences(ev.passages, topicQuery('trial'), 4, /\btrials?\b|\bpilots?\b/i);
  const eligibility = rules.find((r) => minSpendIn(r.sentence) !== undefined);
  if (!eligibility) return { lead: "I couldn't find the free-trial eligibility rule in the retrieved playbook passages, so I won't guess.", sections: [] };
  const others = rules.filter((r) => r !== eligibility && /\b(?:only|at most|never|must|needs?|no more than|maximum|limit|per)\b/i.test(r.sentence));
  const also = others.map((r) => `Also: ${quote(r.sentence)} ${passageCite(r.passage)}.`);
  const rule = `${quote(eligibility.sentence)} ${passageCite(eligibility.passage)}`;
  if (!c) return { lead: `The rule: ${rule}.`, sections: also };
  const min = minSpendIn(eligibility.sentence) ?? 0;
  const owned = ownedProduct(c, frame);
  const newOnly = /\b(?:does not|doesn['’]t|do not|not)\s+(?:yet|already)?\s*(?:use|run|have|buy)\b|\bnot (?:yet|already) (?:use|run)|\bnew to\b/i.test(
    eligibility.sentence,
  );
  if (owned && newOnly) {
    return {
      verdict: 'no',
      lead: `**No** — ${c.name} already runs ${owned} ${clientCite(c)}, and a trial is only for a product the client does not use yet: ${rule}.`,
      sections: also,
    };
  }
  const ok = c.ytd_spend >= min;
  const lead = `**${ok ? 'Yes' : 'No'}** — ${c.name}'s YTD spend is ${usd(c.ytd_spend)} ${clientCite(c)}, ${ok ? 'at or above' : 'below'} the ${usd(min)} minimum: ${rule}.`;
  const sections = [...also];
  if (ok) sections.push('Check in the CRM that no other trial was given to this client this calendar year before offering it.');
  if (ok && !frame.product) sections.push('It must be a product the client does not run yet.');
  return { verdict: ok ? 'yes' : 'no', lead, sections };
}

export function decidePayment(frame: QuestionFrame, ev: Evidence): Decision {
  const c = foundClients(frame, ev)[0];
  const n = frame.amounts.netDays ?? (c ? Number(/\bnet\s?(\d+)/i.exec(c.payment_terms)?.[1] ?? NaN) : undefined);
  const must = n !== undefined && !Number.isNaN(n) ? new RegExp(`\\bnet\\s?${n}\\b`, 'i') : /\bnet\s?\d+/i;
  const hit = bestSentences(ev.passages, topicQuery('payment'), 1, must)[0];
  const current = c ? [`${c.name} is currently on ${c.payment_terms} ${clientCite(c)}.`] : [];
  if (!hit)
    return {
      lead: `I couldn't find a rule about ${n !== undefined && !Number.isNaN(n) ? `net ${n}` : 'payment terms'} in the retrieved playbook passages.`,
      sections: current,
    };
  const stance = ruleStance(hit.sentence);
  const rule = `${quote(hit.sentence)} ${passageCite(hit.passage)}`;
  if (stance.kind === 'never') return { verdict: 'no', lead: `**No** — the playbook says ${rule}.`, sections: current };
  if (stance.kind === 'approval')
    return { verdict: 'approval', lead: `**Only with ${stance.approver} approval** — the playbook says ${rule}.`, sections: current };
  return { verdict: 'yes', lead: `**Yes** — the playbook says ${rule}.`, sections: current };
}

export function decideGift(frame: QuestionFrame, ev: Evidence): Decision {
  const hits = bestSentences(ev.passages, `${frame.text} ${topicQuery('gifts')}`, 3, /\bgifts?\b|\$/i);
  if (hits.length === 0) return { lead: "I couldn't find the gift rules in the retrieved playbook passages, so I won't guess.", sections: [] };
  const cite = (h: (typeof hits)[number]) => `${quote(h.sentence)} ${passageCite(h.passage)}`;
  const tender = /\b(?:rfp|procurement|tender|bid|bidding)\b/i.test(frame.text);
  const tenderRule = hits.find((h) => /\b(?:rfp|procurement|tender)\b/i.test(h.sentence) && ruleStance(h.sentence).kind === 'never');
  const limitHit = hits.find((h) => moneyLimitIn(h.sentence) !== undefined);
  const rest = hits.map((h) => `- ${cite(h)}`).join('\n');
  if (tender && tenderRule) return { verdict: 'no', lead: `**No** — ${cite(tenderRule)}.`, sections: [rest] };
  const amount = frame.amounts.money;
  if (amount !== undefined && limitHit) {
    const limit = moneyLimitIn(limitHit.sentence) ?? 0;
    const ok = amount <= limit;
    const extra = tenderRule ? [`Not while the client runs an active procurement or tender: ${cite(tenderRule)}.`] : [];
    return {
      verdict: ok ? 'yes' : 'no',
      lead: ok
        ? `**Yes** — ${usd(amount)} is within the ${usd(limit)} limit: ${cite(limitHit)}.`
        : `**No** — ${usd(amount)} is over the ${usd(limit)} limit: ${cite(limitHit)}.`,
      sections: extra,
    };
  }
  return { lead: 'The gift rules in the playbook:', sections: [rest] };
}

export function decideReference(frame: QuestionFrame, ev: Evidence): Decision {
  const c = foundClients(frame, ev)[0];
  const rule = bestSentences(ev.passages, topicQuery('reference'), 1, /\breferences?\b|\bcase stud|\bconsent/i)[0];
  const because = rule ? ` The playbook says ${quote(rule.sentence)} ${passageCite(rule.passage)}.` : '';
  if (!c)
    return {
      lead: rule
        ? `The playbook says ${quote(rule.sentence)} ${passageCite(rule.passage)}.`
        : "I couldn't find the references rule in the retrieved playbook passages.",
      sections: [],
    };
  return c.reference_consent
    ? { verdict: 'yes', lead: `**Yes** — ${c.name} has given reference consent ${clientCite(c)}.${because}`, sections: [] }
    : { verdict: 'no', lead: `**No** — ${c.name} has not given reference consent ${clientCite(c)}.${because}`, sections: [] };
}

function checkVerdict(topic: (f: QuestionFrame) => string, decide: (f: QuestionFrame, ev: Evidence) => Decision) {
  return ({ frame, answer, ev }: ReviewInput): Finding[] => decisionFindings(topic(frame), (e) => decide(frame, e), ev, answer);
}

function planFor(topic: TopicId) {
  return (frame: QuestionFrame, ev: Evidence, _ctx: KindContext): PlannedCall[] => {
    const calls = lookupCalls(frame, ev);
    if (ev.passages.length === 0) calls.push(topicCall(topic, frame));
    return calls;
  };
}

function eligibilityKind(
  id: string,
  _check: CheckKind,
  topic: TopicId,
  /** What the rule is called in an answer ("free trials", "net 60 terms"). */
  subject: (f: QuestionFrame) => string,
  decide: (f: QuestionFrame, ev: Evidence) => Decision,
  examples: string[],
  detect: Kind['detect'],
): Kind {
  return {
    id,
    examples,
    detect,
    plan: planFor(topic),
    compose: (f, ev) => decideAcrossDocuments(subject(f), (e) => decide(f, e), ev),
    check: checkVerdict(subject, decide),
  };
}

const PERMISSION = /\b(?:can|could|may|might|should|allowed|ok|okay|eligible|qualif|able|possible|permitted|approv)\w*/i;

export const trial = eligibilityKind(
  'trial',
  'trial',
  'trial',
  () => 'free trials',
  decideTrial,
  ['Can I offer Keystone Travel a free trial of Connected TV?', 'Is RetailCo eligible for a free trial?', 'Who can get a free pilot?'],
  (s) => (s.topics.has('trial') && (s.clients.length > 0 || (s.polar && PERMISSION.test(s.text))) ? { kind: 'check', check: 'trial' } : undefined),
);

export const payment = eligibilityKind(
  'payment',
  'payment',
  'payment',
  (f) => (f.amounts.netDays === undefined ? 'payment terms' : `net ${f.amounts.netDays} terms`),
  decidePayment,
  ['Can I give GreenLeaf Grocers net 90 terms?', 'Can a client pay in 60 days?', 'Is net 60 allowed?'],
  (s) =>
    s.topics.has('payment') && !(s.plural && s.clients.length === 0) && (s.amounts.netDays !== undefined || (s.polar && PERMISSION.test(s.text)))
      ? { kind: 'check', check: 'payment' }
      : undefined,
);

export const gift = eligibilityKind(
  'gift',
  'gift',
  'gifts',
  (f) => (f.amounts.money === undefined ? 'gifts' : `a ${usd(f.amounts.money)} gift`),
  decideGift,
  ['Can I send RetailCo a $150 gift basket?', 'Is a $80 dinner ok for a client?', 'Can I give a gift to a client during an RFP?'],
  (s) => (s.topics.has('gifts') && (s.amounts.money !== undefined || (s.polar && PERMISSION.test(s.text))) ? { kind: 'check', check: 'gift' } : undefined),
);

export const reference = eligibilityKind(
  'reference',
  'reference',
  'reference',
  () => 'references',
  decideReference,
  ['Can I use TechGiant as a reference?', 'Can we name GreenLeaf Grocers in a case study?'],
  (s) => (s.topics.has('reference') && s.clients.length > 0 ? { kind: 'check', check: 'reference' } : undefined),
);
