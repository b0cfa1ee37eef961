/**
 * `npm run data:playbook [-- --in FILE.md --out FILE.pdf]`: renders a playbook's Markdown into a
 * PDF with pdf-lib (Helvetica, bold headings, word-wrapped paragraphs and bullets, page numbers in
 * the footer). Without flags it builds the demo: data/playbook/playbook.md → data/playbook.pdf.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

type Block = { kind: 'title'; text: string } | { kind: 'heading'; text: string } | { kind: 'para'; text: string } | { kind: 'bullet'; text: string };

/** Parses the small Markdown subset the playbook uses: `#`, `##`, paragraphs and `- ` bullets. */
export function parsePlaybookMarkdown(md: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'para', text: para.join(' ') });
    para = [];
  };
  for (const raw of md.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) flush();
    else if (line.startsWith('## ')) flush(), blocks.push({ kind: 'heading', text: line.slice(3).trim() });
    else if (line.startsWith('# ')) flush(), blocks.push({ kind: 'title', text: line.slice(2).trim() });
    else if (line.startsWith('- ')) flush(), blocks.push({ kind: 'bullet', text: line.slice(2).trim() });
    else para.push(line);
  }
  flush();
  return blocks;
}

/** Greedy word wrap; words are never split. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && font.widthOfTextAtSize(next, size) > width) {
      lines.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

const PAGE = { w: 612, h: 792, margin: 72, footer: 40 };
const BODY = { size: 11, lead: 16 };

/** Renders playbook Markdown to PDF bytes. */
export async function renderPlaybookPdf(
  md: string,
  footerTitle = 'Northwind Media Sales Playbook',
  author = 'Northwind Media Sales Operations',
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(footerTitle);
  doc.setAuthor(author);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = PAGE.w - 2 * PAGE.margin;
  let page: PDFPage = doc.addPage([PAGE.w, PAGE.h]);
  let y = PAGE.h - PAGE.margin;
  const bottom = PAGE.margin;

  const newPage = () => {
    page = doc.addPage([PAGE.w, PAGE.h]);
    y = PAGE.h - PAGE.margin;
  };
  const ensure = (needed: number) => {
    if (y - needed < bottom) newPage();
  };
  const draw = (text: string, x: number, font: PDFFont, size: number) => page.drawText(text, { x, y, size, font, color: rgb(0.1, 0.1, 0.12) });

  for (const block of parsePlaybookMarkdown(md)) {
    if (block.kind === 'title') {
      ensure(60);
      y -= 10;
      for (const line of wrap(block.text, bold, 22, width)) draw(line, PAGE.margin, bold, 22), (y -= 28);
      page.drawLine({ start: { x: PAGE.margin, y: y + 12 }, end: { x: PAGE.w - PAGE.margin, y: y + 12 }, thickness: 1 });
      y -= 14;
    } else if (block.kind === 'heading') {
      // Keep a heading with at least three lines of its section.
      ensure(24 + 3 * BODY.lead + 20);
      y -= 14;
      draw(block.text, PAGE.margin, bold, 15);
      y -= 24;
    } else {
      const indent = block.kind === 'bullet' ? 18 : 0;
      const lines = wrap(block.text, regular, BODY.size, width - indent);
      lines.forEach((line, i) => {
        ensure(BODY.lead);
        if (i === 0 && block.kind === 'bullet') draw('-', PAGE.margin + 6, regular, BODY.size);
        draw(line, PAGE.margin + indent, regular, BODY.size);
        y -= BODY.lead;
      });
      y -= block.kind === 'bullet' ? 3 : 9;
    }
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = `${footerTitle} - Page ${i + 1} of ${pages.length}`;
    const size = 9;
    p.drawText(label, {
      x: (PAGE.w - regular.widthOfTextAtSize(label, size)) / 2,
      y: PAGE.footer,
      size,
      font: regular,
      color: rgb(0.4, 0.4, 0.45),
    });
  });
  // Fixed dates keep the committed PDF byte-stable across runs.
  doc.setCreationDate(new Date('2025-01-06T00:00:00Z'));
  doc.setModificationDate(new Date('2025-01-06T00:00:00Z'));
  return doc.save({ useObjectStreams: false });
}

export interface PlaybookArgs {
  in: string;
  out: string;
  /** Footer and PDF title; by default the Markdown's `# ` title without a trailing year. */
  title?: string;
}

const DEMO = { in: 'data/playbook/playbook.md', out: 'data/playbook.pdf' };

/** Reads `--in`, `--out` and `--title`; no flags means the demo playbook. */
export function parsePlaybookArgs(argv: string[]): PlaybookArgs {
  const args: PlaybookArgs = { ...DEMO };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--in' && flag !== '--out' && flag !== '--title') throw new Error(`Unknown option: ${flag}`);
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    if (flag === '--in') args.in = value;
    else if (flag === '--out') args.out = value;
    else args.title = value;
    i++;
  }
  return args;
}

/** Footer title and author for a playbook: the demo keeps its historical ones (byte-stable PDF). */
export function playbookLabels(md: string, title?: string): { footerTitle: string; author: string } {
  const heading = parsePlaybookMarkdown(md).find((b) => b.kind === 'title')?.text ?? 'Sales Playbook';
  const footerTitle = title ?? heading.replace(/\s+\d{4}$/, '');
  const company = footerTitle.replace(/\s+(Sales Playbook|Commercial Handbook|Handbook|Playbook)$/i, '');
  return { footerTitle, author: `${company} Sales Operations` };
}

async function main(): Promise<void> {
  const args = parsePlaybookArgs(process.argv.slice(2));
  const md = await readFile(args.in, 'utf8');
  const { footerTitle, author } = playbookLabels(md, args.title);
  const bytes = await renderPlaybookPdf(md, footerTitle, author);
  const pages = (await PDFDocument.load(bytes)).getPageCount();
  if (pages < 6 || pages > 10) throw new Error(`Playbook has ${pages} pages; expected 6-10.`);
  await writeFile(args.out, bytes);
  console.log(`${args.out}: ${pages} pages, ${bytes.length} bytes`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
