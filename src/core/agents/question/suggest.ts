/**
 * Follow-up questions worth offering under an answer, from its typed frame and the clients it was
 * about. They are ordinary questions: asking one goes through the same graph.
 */
import type { FrameTurn, QuestionFrame } from './frame.ts';

/** Up to three follow-ups for an answered frame. */
export function suggestFollowUps(frame: QuestionFrame | null, clients: FrameTurn['clients']): string[] {
  if (!frame) return [];
  const one = clients.length === 1 ? clients[0].name : undefined;
  const out: string[] = [];
  switch (frame.ask.kind) {
    case 'facts':
    case 'change':
      if (one) out.push(`What should I pitch to ${one}?`, `Prepare me for my meeting with ${one}`);
      if (one && frame.ask.kind === 'facts' && !frame.ask.fields.includes('renewal')) out.push('When is their renewal?');
      break;
    case 'list':
    case 'rank':
    case 'count':
      if (clients.length > 1) out.push('How many of them have an open escalation?', `Tell me about ${clients[0].name}`);
      if (clients.length >= 2) out.push(`Compare ${clients[0].name} and ${clients[1].name}`);
      break;
    case 'recommend':
      if (one) out.push(`Draft a short email to ${one}`, `Is ${one} eligible for a free trial?`);
      break;
    case 'brief':
      if (one) out.push(`Prepare a meeting agenda for ${one}`, `Draft a follow-up to ${one}`);
      break;
    case 'check':
      if (frame.ask.check === 'discount' && frame.amounts.years === undefined && frame.amounts.percent !== undefined)
        out.push('What if it is a two-year deal?');
      if (one && frame.ask.check !== 'pitch') out.push(`What should I pitch to ${one}?`);
      break;
    case 'compare':
      if (clients.length >= 1) out.push(`Prepare me for my meeting with ${clients[0].name}`);
      break;
    default:
      break;
  }
  return [...new Set(out)].slice(0, 3);
}
