/** Dot product of row `off` of a row-major Float32Array with `query` (length d). */
export function dotAt(v: Float32Array, off: number, query: Float32Array, d: number): number {
  // Four accumulators let the JIT overlap multiplies (about 2x faster than one).
  let d0 = 0,
    d1 = 0,
    d2 = 0,
    d3 = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    d0 += v[off + j] * query[j];
    d1 += v[off + j + 1] * query[j + 1];
    d2 += v[off + j + 2] * query[j + 2];
    d3 += v[off + j + 3] * query[j + 3];
  }
  for (; j < d; j++) d0 += v[off + j] * query[j];
  return d0 + d1 + d2 + d3;
}
