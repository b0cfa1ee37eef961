/** Test fixtures: the demo client book, the demo playbook and a second, different playbook. */
import { readFileSync } from 'node:fs';
import type { Client } from '../../../clients/types.ts';
import { chunksFromMarkdown, MemoryClientStore, MemoryPlaybook } from './fakes.ts';

export const demoClients = JSON.parse(readFileSync(new URL('../../../../../data/clients.json', import.meta.url), 'utf8')) as Client[];
export const demoPlaybookMd = readFileSync(new URL('../../../../../data/playbook/playbook.md', import.meta.url), 'utf8');

/** A different company's playbook: other tiers, products, thresholds and approvers. */
export const otherPlaybookMd = `# Contoso Ads Field Guide

## Account Levels
Accounts are levelled by year-to-date spend.
- Diamond: YTD spend of $300,000 or more.
- Ruby: YTD spend of $50,000 to $299,999.
- Pearl: YTD spend under $50,000.

## What to Pitch
- Electronics, Diamond: Connected TV.
- Electronics, Ruby or Pearl: Podcast Ads.
- Retail with YTD spend of $40,000 or more: Email Sponsorships.
- Retail under $40,000: Search Ads.
- Any other industry: Social Video Ads.

## Discount Authority
- Up to 5%: the rep may give it at their own discretion.
- More than 5% and up to 12%: needs the regional director's approval.
- More than 12%: needs the CFO's approval.
- Pearl-level clients are never offered more than 3%.

## Trials
- A free trial may be offered only to clients with YTD spend of $100,000 or more.

## Payment
- Standard terms are net 45.
- Net 60 is never offered.
- Net 90 is never offered.

## Escalations
- Never pitch new products while a support escalation is open.
`;

export function demoDeps(md = demoPlaybookMd): { clients: MemoryClientStore; playbook: MemoryPlaybook } {
  return { clients: new MemoryClientStore(demoClients), playbook: new MemoryPlaybook(chunksFromMarkdown(md)) };
}
