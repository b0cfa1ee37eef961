/**
 * Plain-text cues the critic's features are built from: which tools a question needs, which
 * numbers and client names an answer states, and whether "not found" was handled.
 */

const POLICY_CUES =
  /\b(polic(y|ies)|playbook|rules?|allowed|may i|can (i|we)|should (i|we)|recommend\w*|pitch\w*|upsell|cross-sell|discount\w*|approv\w*|trials?|pric(e|es|ing)|terms?|net \d+|gifts?|references?|case stud\w+|competitor\w*|tiers?|escalation\w*|renewal conversation|multi-year|nda|prepare|meeting)\b/i;
const CLIENT_CUES = /\b(clients?|accounts?|customers?|spend|ytd|renew\w*|their|products?|account manager|region)\b/i;
const NOT_FOUND_CONTEXT = /"status"\s*:\s*"not-found"|\bnot[ -]found\b|"total"\s*:\s*0\b/i;
const NOT_FOUND_ANSWER =
  /\b(couldn'?t|could not|can'?t|cannot|unable to|didn'?t|did not) find\b|\bnot (found|in the crm|in our (crm|records))\b|\bno (client|account|record)s? (named|called|matching)\b|\bdid you mean\b/i;

/** Client names that appear in tool results (`"name": "..."` fields of client rows). */
export function clientNamesInResults(results: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of results) {
    for (const m of text.matchAll(/"name"\s*:\s*"((?:[^"\\]|\\.)+)"/g)) names.add(m[1]);
  }
  return [...names];
}

/** Known names mentioned in text, longest first, so "TechGiant" inside "TechGiant Labs" is not counted. */
export function mentionedNames(text: string, names: readonly string[]): string[] {
  let rest = text.toLowerCase();
  const found: string[] = [];
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const needle = name.toLowerCase();
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(needle)}(?=$|[^\\p{L}\\p{N}])`, 'u');
    if (re.test(rest)) {
      found.push(name);
      rest = rest.replace(new RegExp(escapeRegExp(needle), 'g'), ' ');
    }
  }
  return found;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Capitalized words past the first of a sentence, a cheap "a name is mentioned" cue. */
function hasProperNoun(text: string): boolean {
  return /[^.?!\s]\s+[A-Z][\p{L}'’]+/u.test(text);
}

/** Which tools a question needs, from simple intent cues. */
export function neededTools(question: string, knownClients: readonly string[]): { clients: boolean; playbook: boolean } {
  const clients = mentionedNames(question, knownClients).length > 0 || CLIENT_CUES.test(question) || hasProperNoun(question);
  return { clients, playbook: POLICY_CUES.test(question) };
}

/** Numbers stated in text, normalized ("$215,000" → "215000", dates kept whole). */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  const withoutDates = text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => {
    out.push(d);
    return ' ';
  });
  for (const m of withoutDates.matchAll(/(?<![\p{L}\d])\d[\d,]*(?:\.\d+)?/gu)) {
    const raw = m[0].replace(/,(?=\d{3}\b)/g, '').replace(/[.,]$/, '');
    const value = Number(raw);
    if (Number.isFinite(value)) out.push(String(value));
  }
  return out;
}

/** Fraction of the answer's numbers found in the sources (1 when the answer states none). */
export function groundedNumberFraction(answer: string, sources: readonly string[]): { fraction: number; ungrounded: number } {
  const stated = numbersIn(answer);
  if (stated.length === 0) return { fraction: 1, ungrounded: 0 };
  const known = new Set(sources.flatMap(numbersIn));
  const ungrounded = stated.filter((n) => !known.has(n)).length;
  return { fraction: 1 - ungrounded / stated.length, ungrounded };
}

/** Whether tool results said nothing matched, and whether the answer owns up to it. */
export function notFoundCues(answer: string, results: readonly string[]): { context: boolean; acknowledged: boolean } {
  return { context: results.some((r) => NOT_FOUND_CONTEXT.test(r)), acknowledged: NOT_FOUND_ANSWER.test(answer) };
}
