/**
 * Three-way merge of plain data (JSON-like objects): what `mine` changed since `base` is applied
 * over `theirs`; everything else keeps `theirs`. Objects merge key by key; arrays and other
 * values are replaced whole. Used so a stale tab's save never erases another tab's save.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  return false;
}

export function merge3<T>(base: T, mine: T, theirs: T): T {
  if (same(mine, base)) return theirs;
  if (isObj(base) && isObj(mine) && isObj(theirs)) {
    const out: Obj = { ...theirs };
    for (const k of new Set([...Object.keys(mine), ...Object.keys(base)])) {
      const merged = merge3(base[k], mine[k], theirs[k]);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out as T;
  }
  return mine;
}
