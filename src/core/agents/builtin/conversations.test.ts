/** Follow-up conversations end to end: each turn is read with the thread's earlier frames. */
import { beforeAll, describe, it } from 'vitest';
import type { Copilot } from '../copilot.ts';
import { ALT, DEMO, conversation, expectCase, loadCopilot, type Case } from '../testing/harness.ts';

let demo: Copilot;
let alt: Copilot;
beforeAll(async () => {
  [demo, alt] = await Promise.all([loadCopilot(DEMO), loadCopilot(ALT)]);
});

type Turn = [string, Case];

async function run(copilot: Copilot, turns: Turn[]): Promise<void> {
  const chat = conversation(copilot);
  for (const [q, c] of turns) expectCase(await chat.ask(q), c);
}

const CONVERSATIONS: [string, 'demo' | 'alt', Turn[]][] = [
  [
    'a pilot, then a reduction on a longer deal: the new question keeps the client, not the old ask',
    'alt',
    [
      ['How much has Ironworks Manufacturing spent this year?', { has: ['$250,000'] }],
      ['Can I offer them a free pilot of Audio Spots?', { kind: 'check:trial', has: [/^\*\*Yes\*\*/m] }],
      ['And a 12% reduction on a three-year deal?', { kind: 'check:discount', has: ['16%', 'Chief Revenue Officer'], not: ['pilot'] }],
    ],
  ],
  [
    'what a client is not running yet, then the same for another client',
    'demo',
    [
      ['Which recommended products is Delta Mobility not running yet?', { kind: 'recommend', has: [/^\*\*Not using yet: Connected TV and Search Ads\*\*/m] }],
      [
        'And what about RetailCo?',
        { kind: 'recommend', has: [/^\*\*Nothing new from the playbook\*\* — RetailCo already runs Social Media Starter Pack/m], not: ['Recommendation:'] },
      ],
    ],
  ],
  [
    'compare two, which one is growing, then a draft to the second one',
    'alt',
    [
      ['Compare Telenova and Skyline Mobile.', { kind: 'compare', has: ['| YTD spend | $268,900 | $61,800 |'] }],
      ['Which one is growing?', { has: [/^\*\*Telenova\*\* \(up \$28,900/m, '**Skyline Mobile** (down $8,400'] }],
      ['Draft an email to the second one about Video Pre-Roll.', { kind: 'draft', has: ['Draft — Email to Skyline Mobile', 'open support escalation'] }],
    ],
  ],
  [
    'a client, then their renewal, pitch and trial',
    'demo',
    [
      ['How much has RetailCo spent?', { has: ['$45,000'] }],
      ['When is their renewal?', { kind: 'facts', has: ['2026-12-31'], not: ['90 days'] }],
      ['What should I pitch them?', { kind: 'recommend', has: ['Social Media Starter Pack'], not: ['Programmatic Display'] }],
      ['Can I offer them a free trial?', { kind: 'check:trial', has: [/^\*\*Yes\*\*/m] }],
    ],
  ],
  [
    'two clients, then compare them',
    'demo',
    [
      ['How much have TechGiant and TechGiant Labs spent?', { has: ['$120,000', '$18,500'] }],
      ['compare them', { kind: 'compare', has: ['| YTD spend | $120,000 | $18,500 |'] }],
    ],
  ],
  [
    'a list, then the first one and the second one',
    'demo',
    [
      ['Which clients renew in December 2026?', { kind: 'list', has: ['Vertex Bank'] }],
      ['Tell me about the first one', { kind: 'facts', has: ['Vertex Bank', '$229,750'] }],
    ],
  ],
  [
    'a list narrowed by "of them"',
    'demo',
    [
      ['Which clients renew in December 2026?', { kind: 'list', has: [/^11 clients/m] }],
      ['How many of them are in Finance?', { kind: 'count', has: [/^\*\*4\*\*/m] }],
    ],
  ],
  [
    'the same question for another tier',
    'demo',
    [
      ['How many Platinum clients do we have?', { kind: 'count', has: [/^\*\*13\*\*/] }],
      ['the same for Gold clients', { kind: 'count', has: [/^\*\*16\*\*/m] }],
    ],
  ],
  [
    'what about another client',
    'demo',
    [
      ['Who manages TechGiant?', { has: ['Sarah Chen'] }],
      ['What about Orion Media?', { kind: 'facts', has: ['Elena Rossi'] }],
    ],
  ],
  [
    'and the renewal?',
    'demo',
    [
      ['What does Keystone Travel run?', { has: ['Connected TV'] }],
      ['and the renewal date?', { kind: 'facts', has: ['2027-03-21'] }],
    ],
  ],
  [
    'a discount, then the multi-year version',
    'demo',
    [
      ['Can I give TechGiant 12% off?', { kind: 'check:discount', has: ['sales manager'] }],
      ['What if it is a two-year deal?', { kind: 'check:discount', has: ['17%'] }],
    ],
  ],
  [
    'a new question breaks the thread',
    'demo',
    [
      ['How much has RetailCo spent?', { has: ['$45,000'] }],
      ['What is our policy on discussing 2026 pricing?', { kind: 'policy', has: ['Sales Kickoff'], not: ['RetailCo'] }],
    ],
  ],
  [
    'alt: a client, their level and what to propose',
    'alt',
    [
      ['How much has Hearthstone Lodge spent?', { has: ['$94,000'] }],
      ['What level are they?', { has: ['Growth'] }],
      ['What should I propose to them?', { kind: 'recommend', has: ['Video Pre-Roll together with Sponsored Listings'] }],
    ],
  ],
  [
    'alt: what about region',
    'alt',
    [
      ['Which Hospitality clients are in the Coastal region?', { kind: 'list', has: ['Driftwood Resorts'] }],
      ['and in the Mountain region?', { kind: 'list', has: ['Maplewood Inn', 'Summit Foods'], not: ['Driftwood Resorts'] }],
    ],
  ],
  [
    'alt: drafting after a brief',
    'alt',
    [
      ['Prepare me for my meeting with Pinecrest Academy', { kind: 'brief', has: ['Meeting brief — Pinecrest Academy'] }],
      ['Now draft a meeting agenda for them', { kind: 'draft', has: ['Meeting agenda — Pinecrest Academy'] }],
    ],
  ],
];

describe('conversations', () => {
  it.each(CONVERSATIONS)('%s', async (_name, set, turns) => {
    await run(set === 'demo' ? demo : alt, turns);
  });
});
