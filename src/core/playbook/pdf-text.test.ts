import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { INJECTION_TEXT, makeCorruptPdf, makeEncryptedLikePdf, makeImageOnlyPdf, makeInjectionPdf, makePdf } from '../../test-support/pdf-fixtures.ts';
import { createPdfTextExtractor, extractPages } from './pdf-text.ts';

const demo = new Uint8Array(readFileSync(new URL('../../../data/playbook.pdf', import.meta.url)));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
}

describe('extractPages', () => {
  it('reads every page of the demo playbook with headings as their own blocks', async () => {
    const seen: number[] = [];
    const pages = await extractPages(demo, { onPage: (done) => seen.push(done) });
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.length).toBeLessThanOrEqual(10);
    expect(seen).toEqual(pages.map((p) => p.page));
    const tiers = pages.find((p) => p.blocks.some((b) => b.kind === 'heading' && b.text === 'Spend Tiers'));
    expect(tiers).toBeDefined();
    const all = pages.map((p) => p.text).join('\n');
    expect(all).toContain('- Platinum: YTD spend of $200,000 or more.');
    expect(all).toContain("- More than 20%: needs the VP of Sales' approval.");
    // A bullet wrapped over two visual lines comes back as one block line.
    expect(all).toContain('- Platinum accounts get a dedicated customer success manager and quarterly business reviews.');
    expect(pages[0].lines[0]).toBe('Northwind Media Sales Playbook 2025');
  });

  it('keeps the caller bytes intact', async () => {
    const bytes = await makePdf([['Hello world']]);
    const before = bytes.byteLength;
    await extractPages(bytes);
    expect(bytes.byteLength).toBe(before);
  });

  it('puts each fact on the page it was drawn on', async () => {
    const pages = await extractPages(await makePdf([['First page text'], ['Net 90 is never offered.']]));
    expect(pages.map((p) => p.text)).toEqual(['First page text', 'Net 90 is never offered.']);
  });

  it('maps bad files to typed errors', async () => {
    expect(await codeOf(extractPages(await makeEncryptedLikePdf()))).toBe('pdf-encrypted');
    expect(await codeOf(extractPages(makeCorruptPdf()))).toBe('bad-pdf');
    expect(await codeOf(extractPages(new TextEncoder().encode('just some text')))).toBe('bad-pdf');
    expect(await codeOf(extractPages(await makeImageOnlyPdf()))).toBe('pdf-no-text');
  });

  it('rejects files over the size limit before parsing', async () => {
    let loaded = false;
    const small = createPdfTextExtractor({
      maxBytes: 1000,
      load: async () => {
        loaded = true;
        return import('pdfjs-dist/legacy/build/pdf.mjs');
      },
    });
    expect(await codeOf(small.extractPages(new Uint8Array(1001)))).toBe('file-too-large');
    expect(loaded).toBe(false);
  });

  it('returns injection text verbatim as data', async () => {
    const pages = await extractPages(await makeInjectionPdf());
    expect(pages[0].text).toContain(INJECTION_TEXT);
  });
});
