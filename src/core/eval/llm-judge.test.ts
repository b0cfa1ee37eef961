/** The LLM-judge variants through the real OpenAI-compatible provider, against a local mock server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAIServer, type MockOpenAIServer } from '../../test-support/mock-openai-server.ts';
import { OpenAICompatibleProvider } from '../providers/openai.ts';
import { runEvaluation } from './run.ts';
import { TableEmbedder } from './testing/fakes.ts';

let server: MockOpenAIServer;
beforeAll(async () => {
  server = await startMockOpenAIServer();
});
afterAll(() => server.close());

const Q = 'How much has TechGiant spent?';
const A = 'TechGiant has spent $120,000 YTD. It is Platinum.';
const GT = 'TechGiant has spent $120,000 YTD.';
const json = (o: object) => ({ content: JSON.stringify(o) });

describe('runEvaluation with an OpenAI-compatible judge', () => {
  it('computes every metric with the RAGAS LLM formulas', async () => {
    server.enqueue(
      // faithfulness: 2 statements, 1 supported → 0.5
      json({ statements: ['TechGiant has spent $120,000 YTD.', 'TechGiant is Platinum.'] }),
      json({
        verdicts: [
          { statement: 'a', reason: '', verdict: 1 },
          { statement: 'b', reason: '', verdict: 0 },
        ],
      }),
      // answer relevancy: generated questions embed to cosine 1, 1, 0.6 with Q → 2.6 / 3
      json({
        questions: [
          { question: 'g1', noncommittal: 0 },
          { question: 'g1', noncommittal: 0 },
          { question: 'g3', noncommittal: 0 },
        ],
      }),
      // context precision: one context, useful → 1
      json({ reason: 'has the spend', verdict: 1 }),
      // context recall: 1 of 1 reference sentence attributed → 1
      json({ classifications: [{ statement: GT, reason: '', attributed: 1 }] }),
      // answer correctness: TP 1, FP 1, FN 0 → F1 = 1 / (1 + 0.5) = 2/3; similarity(A, GT) = 0.6
      // → 0.75 × 2/3 + 0.25 × 0.6 = 0.5 + 0.15 = 0.65
      json({ statements: ['s1', 's2'] }),
      json({ statements: ['t1'] }),
      json({ TP: [{ statement: 's1', reason: '' }], FP: [{ statement: 's2', reason: '' }], FN: [] }),
    );
    const judge = new OpenAICompatibleProvider({ apiKey: 'test-key', baseUrl: server.url, model: 'judge-model' });
    const embedder = new TableEmbedder({ [Q]: [1, 0], g1: [1, 0], g3: [0.6, 0.8], [A]: [1, 0], [GT]: [0.6, 0.8] });
    const report = await runEvaluation({
      cases: [{ question: Q, ground_truth: GT, expected_tools: ['search_clients'], expected_contexts: ['TechGiant'] }],
      answer: async (question) => ({
        question,
        answer: A,
        tool_calls: [{ name: 'search_clients', args: { client_name: 'TechGiant' } }],
        contexts: ['TechGiant — YTD spend $120,000'],
        citations: [],
        reflections: [],
        attempts: 1,
        ms: 3,
      }),
      judge,
      embedder,
    });
    const s = report.cases[0].scores;
    expect(s.faithfulness).toBe(0.5);
    expect(s.answer_relevancy).toBeCloseTo(2.6 / 3, 6);
    expect(s.context_precision).toBe(1);
    expect(s.context_recall).toBe(1);
    expect(s.answer_correctness).toBeCloseTo(0.65, 6);
    expect(Object.values(report.variants)).toEqual(['llm', 'llm', 'llm', 'llm', 'llm']);
    expect(report.judge).toBe('openai/judge-model');
    const bodies = server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as { response_format?: unknown });
    expect(bodies).toHaveLength(8);
    expect(bodies.every((b) => JSON.stringify(b.response_format) === '{"type":"json_object"}')).toBe(true);
  });
});
