/**
 * Storage growth of a conversation, measured from IndexedDB: the real app (dist/) in a fresh
 * headless Chromium profile answers 20 questions in one conversation with the built-in agent;
 * every IndexedDB record is weighed before the first and after the last question.
 */
import { chromium, type Page } from 'playwright-core';
import { forwardConsole, launchOptions } from './bench-browser.ts';

export interface StorageResult {
  questions: number;
  /** (IndexedDB bytes after − before) / questions / 1024. */
  kb_per_question: number;
  before_kb: number;
  after_kb: number;
  /** Bytes per key family after the run (e.g. "checkpoints", "conversation"), KB. */
  by_family_kb: Record<string, number>;
  records: number;
}

/** Varied questions over the demo book and playbook: lookups, lists, policies, follow-ups. */
export const STORAGE_QUESTIONS = [
  'How much has TechGiant spent so far?',
  'What is our policy on discussing 2026 pricing?',
  'I have a meeting with TechGiant. Based on their spending and industry, what product should I pitch?',
  'Can I give RetailCo a 15% discount?',
  'Which Retail clients renew in the next 90 days?',
  'Prepare me for my meeting with GreenLeaf Grocers.',
  'Who is the account manager for Café Müller GmbH?',
  'How many clients are in the Healthcare industry?',
  'What did TechGiant spend last year?',
  'Which clients have an open escalation?',
  'What discount needs manager approval?',
  'When does GreenLeaf Grocers renew?',
  'Which region is RetailCo in?',
  'What products should I pitch to a Finance client?',
  'List the clients managed by Marcus Lee.',
  'Who are our top 5 clients by spend this year?',
  'Is a free trial allowed for a new Retail client?',
  'What are the payment terms for TechGiant?',
  'Which Manufacturing clients spent more than 100000 this year?',
  'Summarize what I should know before calling RetailCo.',
];

/** Sums every IndexedDB record of the page: bytes for binary values, UTF-8 length for text. */
const MEASURE_SCRIPT = `(async () => {
  const enc = new TextEncoder();
  const size = (v) => {
    if (v === null || v === undefined) return 0;
    if (typeof v === 'string') return enc.encode(v).length;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return 8;
    if (v instanceof ArrayBuffer) return v.byteLength;
    if (ArrayBuffer.isView(v)) return v.byteLength;
    if (v instanceof Blob) return v.size;
    if (v instanceof Date) return 8;
    if (Array.isArray(v)) return v.reduce((n, x) => n + size(x), 0);
    if (v instanceof Map) { let n = 0; for (const [k, x] of v) n += size(k) + size(x); return n; }
    if (typeof v === 'object') { let n = 0; for (const k of Object.keys(v)) n += enc.encode(k).length + size(v[k]); return n; }
    return 0;
  };
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const family = (key) => {
    const k = String(key).replace(/^v\\d+\\//, '');
    if (k.startsWith('checkpoints')) return 'checkpoints';
    return k.split(/[/:.]/)[0] || k;
  };
  const out = { total: 0, records: 0, families: {} };
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await req(indexedDB.open(info.name));
    for (const name of Array.from(db.objectStoreNames)) {
      const store = db.transaction(name, 'readonly').objectStore(name);
      const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
      keys.forEach((k, i) => {
        const n = size(k) + size(values[i]);
        out.total += n;
        out.records++;
        const f = family(k);
        out.families[f] = (out.families[f] || 0) + n;
      });
    }
    db.close();
  }
  return out;
})()`;

interface Measured {
  total: number;
  records: number;
  families: Record<string, number>;
}

const measure = (page: Page) => page.evaluate(MEASURE_SCRIPT) as Promise<Measured>;

/** Measures until two reads in a row agree (saves finish after an answer is shown). */
async function settled(page: Page): Promise<Measured> {
  let last = await measure(page);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    const next = await measure(page);
    if (next.total === last.total) return next;
    last = next;
  }
  return last;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Runs the conversation on `appUrl` and reports IndexedDB growth per question. */
export async function measureStorage(appUrl: string, log: (line: string) => void, questions = STORAGE_QUESTIONS): Promise<StorageResult> {
  const browser = await chromium.launch(launchOptions());
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    forwardConsole(context, log);
    const page = await context.newPage();
    await page.goto(`${appUrl}/#/chat`);
    const header = page.locator('header');
    await header.getByText(/[\d,]+ clients · [\d,]+ passages/).waitFor({ timeout: 120_000 });
    // The first run saves the workspace once the vectors are built.
    await header.getByText('building index…').waitFor({ state: 'detached', timeout: 120_000 });
    const before = await settled(page);
    const box = page.getByRole('textbox', { name: 'Ask the co-pilot' });
    const answers = page.getByRole('article', { name: 'Co-pilot answer' });
    // waitForFunction evaluates strings, which the app's CSP forbids: wait on locators instead.
    const finished = answers.and(page.locator('[aria-busy="false"]'));
    for (const [i, q] of questions.entries()) {
      await box.fill(q);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await answers.nth(i).waitFor({ timeout: 60_000 });
      await finished.nth(i).waitFor({ timeout: 90_000 });
    }
    const after = await settled(page);
    const perQuestion = (after.total - before.total) / questions.length;
    const byFamily = Object.fromEntries(Object.entries(after.families).map(([k, v]) => [k, kb(v)]));
    log(`storage: ${kb(perQuestion)} KB per question (${kb(before.total)} KB → ${kb(after.total)} KB, ${after.records} records)`);
    return {
      questions: questions.length,
      kb_per_question: kb(perQuestion),
      before_kb: kb(before.total),
      after_kb: kb(after.total),
      by_family_kb: byFamily,
      records: after.records,
    };
  } finally {
    await browser.close();
  }
}
