import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqlClientStore } from '../clients/sql-client-store.ts';
import { BuiltinEmbedder } from '../playbook/builtin-embedder.ts';
import { PlaybookLibrary } from '../playbook/library.ts';
import { createPdfTextExtractor } from '../playbook/pdf-text.ts';
import type { PlaybookIndex } from '../playbook/types.ts';
import { BENCH_QUESTIONS, README_QUESTIONS, benchAnswers, percentile } from './answer-bench.ts';

let clients: SqlClientStore;
let library: PlaybookLibrary;

beforeAll(async () => {
  clients = await SqlClientStore.create();
  await clients.importText(readFileSync(new URL('../../../data/clients.json', import.meta.url), 'utf8'), 'json', 'replace');
  library = new PlaybookLibrary({ embedder: new BuiltinEmbedder(), pdf: createPdfTextExtractor() });
  await library.addPdf('playbook.pdf', new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url))));
});

/** Counts the playbook searches that reach the index (i.e. were not served by the tool cache). */
function countingPlaybook(inner: PlaybookIndex): { index: PlaybookIndex; searches: () => number } {
  let n = 0;
  const index: PlaybookIndex = {
    listDocuments: () => inner.listDocuments(),
    stats: () => inner.stats(),
    addPdf: (name, bytes, onProgress) => inner.addPdf(name, bytes, onProgress),
    removeDocument: (id) => inner.removeDocument(id),
    setWinner: (id) => inner.setWinner(id),
    search: (query, k) => {
      n++;
      return inner.search(query, k);
    },
    exportSnapshot: () => inner.exportSnapshot(),
    loadSnapshot: (bytes) => inner.loadSnapshot(bytes),
  };
  return { index, searches: () => n };
}

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(xs, 0.5)).toBe(5);
    expect(percentile(xs, 0.95)).toBe(10);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });
});

describe('benchAnswers', () => {
  it('asks the README questions plus ten others', () => {
    expect(BENCH_QUESTIONS).toHaveLength(13);
    expect(BENCH_QUESTIONS.slice(0, 3)).toEqual(README_QUESTIONS);
    expect(new Set(BENCH_QUESTIONS).size).toBe(13);
  });

  it('answers the README questions, and only cold passes reach the playbook index', async () => {
    const { index, searches } = countingPlaybook(library);
    const marks: { mode: string; searches: number }[] = [];
    const result = await benchAnswers({ clients, playbook: index, today: '2026-11-24' }, README_QUESTIONS, {
      onPass: (mode) => marks.push({ mode, searches: searches() }),
    });
    expect(result.questions).toBe(3);
    expect(result.passes).toBe(3);
    expect(result.passed_reflection).toBe(3);
    expect(result.empty_answers).toBe(0);
    expect(result.p95_ms).toBeGreaterThanOrEqual(result.p50_ms);
    expect(result.warm_p95_ms).toBeGreaterThanOrEqual(result.warm_p50_ms);
    // Every answer ran the agent, its tools and reflection; the parts add up to no more than the p95.
    const parts = result.cold_breakdown_ms;
    expect(parts.crm_agent).toBeGreaterThan(0);
    expect(parts.tools).toBeGreaterThan(0);
    expect(parts.crm_agent + parts.tools + parts.reflection + parts.graph).toBeLessThanOrEqual(result.p95_ms + 0.05);
    expect(marks.map((m) => m.mode)).toEqual(['cold', 'cold', 'cold', 'warm', 'warm', 'warm']);
    // Every cold pass searches the index equally often; warm passes never do.
    const perPass = marks[1].searches - marks[0].searches;
    expect(perPass).toBeGreaterThan(0);
    expect(marks[2].searches - marks[1].searches).toBe(perPass);
    // The untimed priming pass before the warm passes searches at most as often as a cold pass.
    expect(marks[3].searches - marks[2].searches).toBeLessThanOrEqual(perPass);
    expect(marks[5].searches).toBe(marks[3].searches);
  });
});
