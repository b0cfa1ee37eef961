import { describe, expect, it } from 'vitest';
import type { CopilotEvent } from '../../../core/agents/events.ts';
import type { AnswerRecord } from '../../../core/agents/types.ts';
import { rawTraceLine, traceInWords, traceSummary } from './trace-words.ts';
import { answerLabel, isFallback, reviewedBy, writtenBy } from './answer-label.ts';

type StepEvent = Exclude<CopilotEvent, { type: 'token' }>;

const record = (over: Partial<AnswerRecord> = {}): AnswerRecord => ({
  question: 'q',
  answer: 'a',
  tool_calls: [],
  contexts: [],
  citations: [],
  reflections: [{ verdict: 'pass', feedback: '' }],
  attempts: 1,
  ms: 812,
  ...over,
});

describe('traceInWords', () => {
  it('says what was looked up and searched, pairing parallel calls with their results', () => {
    const events: StepEvent[] = [
      { type: 'node.start', node: 'crm_agent', attempt: 1 },
      { type: 'node.end', node: 'crm_agent', attempt: 1, ms: 4 },
      { type: 'tool.call', name: 'search_clients', args: { client_name: 'Nordwind Logistik' } },
      { type: 'tool.call', name: 'search_playbook', args: { query: 'freight discount approval' } },
      { type: 'tool.result', name: 'search_playbook', ms: 2, cached: false, error: false, count: 2 },
      { type: 'tool.result', name: 'search_clients', ms: 3, cached: true, error: false },
      { type: 'node.start', node: 'crm_agent', attempt: 1 },
      { type: 'node.end', node: 'crm_agent', attempt: 1, ms: 9 },
      { type: 'node.start', node: 'reflection', attempt: 1 },
      { type: 'reflection', attempt: 1, verdict: { verdict: 'pass', feedback: 'Every figure matches the record.' } },
    ];
    expect(traceInWords(events).map((l) => l.text)).toEqual([
      'Looked up Nordwind Logistik in your client book — 3 ms (reused an earlier result)',
      'Searched the playbook for “freight discount approval” — 2 passages, 2 ms',
      'Wrote the answer — 9 ms',
      'Checked the answer — Every figure matches the record.',
    ]);
  });

  it('puts filters and retries into words, without tool names', () => {
    const events: StepEvent[] = [
      {
        type: 'tool.call',
        name: 'search_clients',
        args: { industry: 'Healthcare', region: 'North', renewal_within_days: 60, aggregate: 'count', min_spend: 50000 },
      },
      { type: 'tool.result', name: 'search_clients', ms: 5, cached: false, error: true },
      { type: 'reflection', attempt: 1, verdict: { verdict: 'retry', feedback: 'Should have used search_playbook for the policy.' } },
      { type: 'retry', attempt: 2, feedback: 'Should have used search_playbook for the policy.' },
      { type: 'notice', text: 'Answered by the built-in agent because the API key was rejected.' },
    ];
    const lines = traceInWords(events, record({ attempts: 3, reflections: [{ verdict: 'retry', feedback: 'x' }] }));
    expect(lines.map((l) => l.text)).toEqual([
      'Counted Healthcare clients in the North region spending $50,000 or more renewing within 60 days in your client book — it failed',
      'Checked the answer — found a problem: Should have used the playbook search for the policy.',
      'Trying again to fix it (attempt 2 of 3)',
      'Answered by the built-in agent because the API key was rejected.',
      "Shown with the reviewer's reservations after 3 attempts",
    ]);
    expect(lines.every((l) => !/search_|[\u{1F300}-\u{1FAFF}]/u.test(l.text))).toBe(true);
    expect(lines[0].tone).toBe('warn');
  });

  it('keeps the raw step for Details', () => {
    expect(rawTraceLine({ type: 'tool.call', name: 'search_clients', args: { client_name: 'X' } })).toBe('tool_call search_clients {"client_name":"X"}');
    expect(rawTraceLine({ type: 'reflection', attempt: 1, verdict: { verdict: 'pass', feedback: '', critic_score: 0.91 } })).toBe(
      'reflection · PASS · critic 0.91',
    );
    expect(traceSummary(record())).toBe('1 attempt · 812 ms');
    expect(traceSummary(record({ attempts: 2, ms: 2400 }))).toBe('2 attempts · 2.4 s');
  });
});

describe('answer labels', () => {
  it('uses the runner’s words when present', () => {
    const r = record({ written_by: 'gpt-4o-mini', reviewed_by: 'TinyLlama' });
    expect(answerLabel(r)).toBe('Written by gpt-4o-mini · checked by TinyLlama');
    expect(isFallback(r)).toBe(false);
  });

  it('labels older answers from the provider and the fallback notice', () => {
    const r = record({ provider: 'builtin', notice: 'Answered by the built-in agent because the API key was rejected.' });
    expect(writtenBy(r)).toBe('Built-in, because the API key was rejected');
    expect(isFallback(r)).toBe(true);
    expect(writtenBy(record({ provider: 'openai' }))).toBe('OpenAI-compatible model');
    expect(reviewedBy(record({ reflections: [{ verdict: 'pass', feedback: '', critic_score: 0.7 }] }))).toBe('Built-in checks + trained critic');
    expect(answerLabel(record())).toBe('Written by Built-in · checked by Built-in checks');
  });
});
