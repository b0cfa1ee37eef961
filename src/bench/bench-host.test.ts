import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createPdfTextExtractor } from '../core/playbook/pdf-text.ts';
import { createBenchHost } from './bench-host.ts';
import { parseWorkerSections } from './protocol.ts';

const root = new URL('../../', import.meta.url);
const logs: string[] = [];
const host = createBenchHost({
  pdf: createPdfTextExtractor(),
  readClients: () => readFile(new URL('data/clients.json', root), 'utf8'),
  readPlaybook: async () => new Uint8Array(await readFile(new URL('data/playbook.pdf', root))),
  environment: () => ({ userAgent: 'node', hardwareConcurrency: 2, crossOriginIsolated: false }),
  questions: ['How much has TechGiant spent so far?'],
  // A small "large" row: the same code path as 100,000 clients and 20,000 passages, in test time.
  large: { clients: 500, chunks: 200 },
  log: (m) => logs.push(m),
});

describe('parseWorkerSections', () => {
  it('defaults to every worker section and keeps the canonical order', () => {
    expect(parseWorkerSections(null)).toEqual(['retrieval', 'lookup', 'ingest', 'answer']);
    expect(parseWorkerSections('answer, lookup,bundle')).toEqual(['lookup', 'answer']);
  });
});

describe('bench host', () => {
  it('measures retrieval with exact recall for the flat index', async () => {
    const [row] = await host.retrieval([300]);
    expect(row.chunks).toBe(300);
    expect(row.recall_at_5).toBeGreaterThan(0.9);
    expect(row.default_recall_at_5).toBe(1);
  });

  it('measures lookups on a synthetic book', async () => {
    const [row] = await host.lookup([60]);
    expect(row).toMatchObject({ clients: 60, lookups: 300 });
    expect(row.found).toBeGreaterThanOrEqual(200);
  });

  it('measures ingestion of the demo PDF', async () => {
    const r = await host.ingest();
    expect(r.pages).toBeGreaterThan(0);
    expect(r.pages_per_s).toBeGreaterThan(0);
  });

  it('answers over the demo workspace and a grown one, and logs each timed pass', async () => {
    const r = await host.answer();
    expect(r).toMatchObject({ questions: 1, passes: 3, passed_reflection: 1, empty_answers: 0 });
    expect(r.large).toMatchObject({ clients: 500, chunks: 200, passed_reflection: 1 });
    expect(r.large?.p50_ms).toBeGreaterThan(0);
    const passes = (prefix: string) => [1, 2, 3].map((n) => `${prefix}: cold pass ${n} done`).concat([1, 2, 3].map((n) => `${prefix}: warm pass ${n} done`));
    expect(logs).toEqual([...passes('answer'), 'answer: large workspace ready (500 clients, 200 passages)', ...passes('answer (large)')]);
  });
});
