/** Every question quoted in the "understands the question" issue, answered on the real stack. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Copilot } from '../copilot.ts';
import { DEMO, conversation, loadCopilot, passedFirstTime } from '../testing/harness.ts';

let copilot: Copilot;
beforeAll(async () => {
  copilot = await loadCopilot(DEMO);
});

const ask = (q: string) => copilot.answer(q);

describe('conditions are applied, not dropped', () => {
  it('renewals in a month name only the clients renewing that month', async () => {
    const r = await ask('Which clients renew in December 2026?');
    expect(r.tool_calls[0].args).toMatchObject({ renewal_from: '2026-12-01', renewal_to: '2026-12-31' });
    expect(r.answer).toMatch(/^11 clients match/);
    expect(r.answer).not.toContain('TechGiant');
    expect(r.conditions?.every((c) => c.applied)).toBe(true);
    expect(passedFirstTime(r)).toBe(true);
  });

  it("one manager's renewals before a month", async () => {
    const r = await ask("Which of Elena Rossi's clients renew before March 2027?");
    expect(r.tool_calls[0].args).toMatchObject({ account_manager: 'Elena Rossi', renewal_to: '2027-02-28' });
    expect(r.answer).toMatch(/^5 clients match/);
    for (const name of ['AutoDrive Motors', 'Café Müller GmbH', 'Apex Foods', 'Orion Media', 'Harbor Clinics']) expect(r.answer).toContain(name);
  });

  it('clients spending less than last year are counted, not the whole book', async () => {
    const r = await ask('How many clients are spending less than last year?');
    expect(r.answer).toMatch(/^\*\*27\*\* clients match/);
  });

  it('clients with no products', async () => {
    const r = await ask('Which clients have no products yet?');
    expect(r.answer).toMatch(/^21 clients match/);
  });
});

describe('follow-ups keep the conversation', () => {
  it('their renewal, what to pitch them, compare them', async () => {
    const chat = conversation(copilot);
    await chat.ask('How much has RetailCo spent?');
    const renewal = await chat.ask('When is their renewal?');
    expect(renewal.answer).toContain('2026-12-31');
    expect(renewal.answer).not.toMatch(/90 days/);
    const pitch = await chat.ask('What should I pitch them?');
    expect(pitch.answer).toContain('Social Media Starter Pack');
    expect(pitch.answer).not.toMatch(/Programmatic Display/);
    const chat2 = conversation(copilot);
    await chat2.ask('How much have RetailCo and GreenLeaf Grocers spent?');
    const compared = await chat2.ask('compare them');
    expect(compared.frame?.ask.kind).toBe('compare');
    expect(compared.answer).toContain('| YTD spend | $45,000 | $132,500 |');
    expect(compared.answer).not.toMatch(/battlecard/i);
  });
});

describe('the right reading of the question', () => {
  it('"Whose" is never a client name', async () => {
    const r = await ask('A client is asking for a 15% discount. Whose approval do I need?');
    expect(r.answer).not.toMatch(/couldn't find a client/i);
    expect(r.answer).toMatch(/sales manager/);
  });

  it('a forbidden pitch gets a clear no with the rule', async () => {
    const r = await ask('Is it ok to propose an influencer campaign to FinServe Capital?');
    expect(r.answer).toMatch(/^\*\*No\*\* — /);
    expect(r.answer).toMatch(/Never pitch Influencer Partnerships to Finance clients/);
    const h = await ask('Can we run behavioural retargeting for Granite Health?');
    expect(h.answer).toMatch(/^\*\*No\*\* — /);
    expect(h.answer).toMatch(/No behavioural retargeting/);
  });

  it('no trial of a product the client already runs', async () => {
    const r = await ask('Can I offer Keystone Travel a free trial of Connected TV?');
    expect(r.answer).toMatch(/^\*\*No\*\* — Keystone Travel already runs Connected TV/);
  });

  it('drafts an email without a model', async () => {
    const r = await ask('Draft a short email to TechGiant proposing Mobile App Banners');
    expect(r.frame?.ask.kind).toBe('draft');
    expect(r.answer).toMatch(/^\*\*Draft — Email to TechGiant: Mobile App Banners\*\*/);
    expect(r.answer).toMatch(/> Hi TechGiant team/);
    expect(r.answer).not.toMatch(/> .*\$\d/);
    expect(passedFirstTime(r)).toBe(true);
  });

  it('out of scope gets one polite line and no lookup', async () => {
    const r = await ask("What's the weather in Paris?");
    expect(r.tool_calls).toEqual([]);
    expect(r.answer).not.toMatch(/Paris/);
    expect(r.answer.split('\n')).toHaveLength(1);
  });
});
