/**
 * String similarity for fuzzy client lookup: optimal-string-alignment distance (Levenshtein plus
 * adjacent transpositions, so "gaint" is one edit from "giant") and a token-level score that
 * tolerates word reordering.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment (restricted Damerau-Levenshtein) distance. */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  if (rowA.length <= m) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
    rowC = new Int32Array(m + 1);
  }
  // prev2 = row i-2, prev = row i-1, cur = row i (rotated, no allocation per call).
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** 1 − distance / longer length, in [0, 1]. */
export function stringSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - osaDistance(a, b) / longest;
}

function sideScore(from: string[], to: string[]): number {
  let weighted = 0;
  let total = 0;
  for (const t of from) {
    let best = 0;
    for (const u of to) best = Math.max(best, stringSimilarity(t, u));
    weighted += best * t.length;
    total += t.length;
  }
  return total === 0 ? 0 : weighted / total;
}

/**
 * Similarity of two normalized names: the best of whole-string, space-insensitive
 * ("tech gaint" vs "techgiant") and token alignment ("logistics obrien"), where token alignment
 * takes the worse of both directions so extra or missing words cost ("TechGiant Lab" ≠ TechGiant).
 */
export function nameSimilarity(query: string, candidate: string): number {
  const whole = stringSimilarity(query, candidate);
  const compact = stringSimilarity(query.replaceAll(' ', ''), candidate.replaceAll(' ', ''));
  const qt = query.split(' ');
  const ct = candidate.split(' ');
  const tokens = qt.length > 1 || ct.length > 1 ? Math.min(sideScore(qt, ct), sideScore(ct, qt)) : 0;
  return Math.max(whole, compact, tokens);
}
