import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parsePlaybookArgs, playbookLabels, renderPlaybookPdf } from './make-playbook.ts';

describe('make-playbook', () => {
  it('builds the demo playbook when given no flags', () => {
    expect(parsePlaybookArgs([])).toEqual({ in: 'data/playbook/playbook.md', out: 'data/playbook.pdf' });
  });

  it('reads --in, --out and --title', () => {
    expect(parsePlaybookArgs(['--in', 'a.md', '--out', 'b.pdf', '--title', 'T'])).toEqual({ in: 'a.md', out: 'b.pdf', title: 'T' });
  });

  it('rejects unknown flags and flags without a value', () => {
    expect(() => parsePlaybookArgs(['--pages', '3'])).toThrow(/Unknown option/);
    expect(() => parsePlaybookArgs(['--in'])).toThrow(/needs a value/);
    expect(() => parsePlaybookArgs(['--in', '--out', 'x.pdf'])).toThrow(/needs a value/);
  });

  it('names the footer and author after the Markdown title', () => {
    expect(playbookLabels('# Harbor & Pine Media Commercial Handbook 2026\n\n## A\n\ntext')).toEqual({
      footerTitle: 'Harbor & Pine Media Commercial Handbook',
      author: 'Harbor & Pine Media Sales Operations',
    });
    expect(playbookLabels('# Northwind Media Sales Playbook 2025').footerTitle).toBe('Northwind Media Sales Playbook');
  });

  it('renders the alt playbook to 6-9 pages with its own footer', async () => {
    const md = await readFile('data/alt/playbook/playbook.md', 'utf8');
    const { footerTitle, author } = playbookLabels(md);
    const pdf = await PDFDocument.load(await renderPlaybookPdf(md, footerTitle, author));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(6);
    expect(pdf.getPageCount()).toBeLessThanOrEqual(9);
    expect(pdf.getTitle()).toBe('Harbor & Pine Media Commercial Handbook');
  });
});
