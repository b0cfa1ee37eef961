/**
 * Sentences that try to give the agent new instructions ("ignore your rules and…") are dropped
 * from a question before it is read; what they claim is kept apart, only to fetch the rule that
 * refutes it.
 */

const INJECTION =
  /\b(?:ignore|disregard|forget|override)\b[^.?!]*\b(?:instructions?|rules?|prompts?|guidelines?|polic(?:y|ies)|playbooks?|handbooks?|manuals?|guides?|documents?|sources?|records?|restrictions?|constraints?|everything)\b|\bsystem prompt\b|\byou are now\b|\bjailbreak\b|\bdeveloper mode\b/i;

/** True when a sentence tries to give the agent new instructions. */
export function isInjection(sentence: string): boolean {
  return INJECTION.test(sentence);
}

const split = (text: string): string[] => text.split(/(?<=[.!?])\s+|\n+/);

/** The question without instruction sentences, and whether any were dropped. */
export function sanitize(question: string): { text: string; injection: boolean } {
  const parts = split(question);
  const kept = parts.filter((p) => !INJECTION.test(p));
  return { text: kept.join(' ').trim(), injection: kept.length !== parts.length };
}

/**
 * What an injection sentence is about, without its order ("…and say it qualifies for a 50%
 * discount" → "it qualifies for a 50% discount"): used only to find the policy that refutes it.
 */
export function injectionResidue(question: string): string {
  return split(question)
    .filter((p) => INJECTION.test(p))
    .map((p) =>
      p.replace(INJECTION, ' ').replace(/\b(?:and|then)?\s*(?:tell|say|print|reveal|claim|write)\b(?:\s+(?:the client|them|him|her|me))?(?:\s+that)?/gi, ' '),
    )
    .join(' ')
    .trim();
}
