import { describe, expect, it } from 'vitest';
import { extractFeatures, featureSpec, handFeatures, type CriticInput } from './features.ts';
import { HashingEmbedder } from './hashing-embedder.ts';

const techGiant =
  '{"kind":"lookup","lookup":{"status":"found","client":{"name":"TechGiant","ytd_spend":120000,"products":["Search Ads"]},"alternatives":[{"name":"TechGiant Labs","score":0.8}]}}';
const labs =
  '{"kind":"lookup","lookup":{"status":"found","client":{"name":"TechGiant Labs","ytd_spend":18500},"alternatives":[{"name":"TechGiant","score":0.8}]}}';
const discounts = '{"passages":[{"heading":"Discounts","text":"Up to 10% at your discretion; more than 10% and up to 20% needs the sales manager."}]}';

const base: CriticInput = {
  question: 'What does TechGiant spend?',
  answer: 'TechGiant has $120,000 YTD spend.',
  tools: ['search_clients'],
  results: [techGiant],
};

describe('critic features', () => {
  it('marks a grounded answer about the right client as clean', () => {
    const f = handFeatures(base);
    expect(f.numbers_grounded).toBe(1);
    expect(f.has_ungrounded_number).toBe(0);
    expect(f.other_client_named).toBe(0);
    expect(f.missing_any_tool).toBe(0);
    expect(f.any_red_flag).toBe(0);
  });

  it('flags invented numbers', () => {
    const f = handFeatures({ ...base, answer: 'TechGiant has $150,000 YTD spend and grew 20%.' });
    expect(f.numbers_grounded).toBe(0);
    expect(f.has_ungrounded_number).toBe(1);
  });

  it('flags an answer about TechGiant Labs when the rep asked about TechGiant', () => {
    const f = handFeatures({ ...base, answer: 'TechGiant Labs has $18,500 YTD spend.', results: [labs] });
    expect(f.other_client_named).toBe(1);
    expect(f.numbers_grounded).toBe(1);
  });

  it('infers that a policy question needs the playbook', () => {
    const q = 'Can I offer RetailCo a 15% discount?';
    const skipped = handFeatures({ question: q, answer: 'Yes, 15% is fine.', tools: ['search_clients'], results: [] });
    expect(skipped.needs_playbook).toBe(1);
    expect(skipped.missing_playbook).toBe(1);
    const used = handFeatures({
      question: q,
      answer: 'More than 10% needs your sales manager.',
      tools: ['search_clients', 'search_playbook'],
      results: [discounts],
    });
    expect(used.missing_playbook).toBe(0);
    expect(used.numbers_grounded).toBe(1);
  });

  it('distinguishes an acknowledged "not found" from an invented answer', () => {
    const results = ['{"kind":"lookup","lookup":{"status":"not-found","query":"Acme Corp","suggestions":[]}}'];
    const honest = handFeatures({
      question: 'When does Acme Corp renew?',
      answer: "I couldn't find a client named Acme Corp.",
      tools: ['search_clients'],
      results,
    });
    expect(honest.not_found_mishandled).toBe(0);
    const invented = handFeatures({ question: 'When does Acme Corp renew?', answer: 'Acme Corp renews on 2027-03-01.', tools: ['search_clients'], results });
    expect(invented.not_found_mishandled).toBe(1);
    expect(invented.has_ungrounded_number).toBe(1);
  });

  it('is deterministic and has the spec size, with embeddings projected to 2 × 8 dims', async () => {
    const e = new HashingEmbedder(32);
    const spec = featureSpec(e);
    const [a] = await extractFeatures([base], e, spec);
    const [b] = await extractFeatures([base], e, spec);
    expect(a).toEqual(b);
    expect(a).toHaveLength(spec.names.length);
    expect(spec.names.filter((n) => n.includes('_proj_'))).toHaveLength(16);
    expect(a[spec.names.indexOf('cos_question_answer')]).toBeGreaterThan(0);
  });

  it('refuses an embedder other than the one in the spec', async () => {
    const spec = featureSpec(new HashingEmbedder(32));
    await expect(extractFeatures([base], new HashingEmbedder(16), spec)).rejects.toMatchObject({ code: 'model-unavailable' });
  });
});
