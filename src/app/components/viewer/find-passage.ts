/**
 * Finds a passage in a PDF page's text items, so the viewer can highlight it. Chunking joins
 * lines and may drop hyphens or spacing, so words are compared, not characters: the longest run
 * of words shared by the page and the passage anchors it, and the passage's length extends it.
 */

interface Word {
  word: string;
  item: number;
}

function words(text: string, item = 0): Word[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).map((word) => ({ word, item }));
}

/** Indices (inclusive) of the first and last text item that hold the passage, or null when it is not on the page. */
export function findPassage(items: string[], passage: string): { first: number; last: number } | null {
  const page = items.flatMap((text, i) => words(text, i));
  const quote = words(passage).map((w) => w.word);
  if (page.length === 0 || quote.length === 0) return null;
  // Longest common run of words (dynamic programming over one row).
  let best = { len: 0, pageEnd: -1, quoteEnd: -1 };
  let prev = new Uint16Array(quote.length + 1);
  for (let i = 1; i <= page.length; i++) {
    const row = new Uint16Array(quote.length + 1);
    for (let k = 1; k <= quote.length; k++) {
      if (page[i - 1].word !== quote[k - 1]) continue;
      row[k] = prev[k - 1] + 1;
      if (row[k] > best.len) best = { len: row[k], pageEnd: i - 1, quoteEnd: k - 1 };
    }
    prev = row;
  }
  if (best.len < Math.min(4, quote.length)) return null;
  const start = Math.max(0, best.pageEnd - best.quoteEnd);
  const end = Math.min(page.length - 1, start + quote.length - 1);
  return { first: page[start].item, last: page[end].item };
}
