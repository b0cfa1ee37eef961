/**
 * Int8 scalar-quantized vector index with exact re-ranking.
 * Each vector is stored twice: as int8 codes with one symmetric scale per vector (for the scan)
 * and as the original float32 values (for re-ranking). A query scans every code with a
 * WebAssembly SIMD kernel (16 int8 lanes, i32 accumulation; a plain-JS loop where SIMD is
 * missing), keeps the best `k × oversample` candidates by approximate score, then re-scores
 * those exactly, so returned scores are true dot products and recall@5 stays ≈ 1.
 */
import { AppError } from '../errors.ts';
import { TopK } from './top-k.ts';
import type { VectorIndex } from './types.ts';
import { dotAt } from './dot.ts';

export interface QuantizedIndexOptions {
  /** Candidates kept per requested neighbour before exact re-ranking (default 8). */
  oversample?: number;
  /** Force the plain-JS scan (tests, or hosts without wasm). Default: SIMD when available. */
  simd?: boolean;
}

/** Which scan loop an index uses. */
export type Int8Kernel = 'wasm-simd' | 'js';

const LANES = 16;
const PAGE = 65536;

interface WasmScan {
  memory: WebAssembly.Memory;
  /** dots(codesPtr, queryPtr, rows, paddedDims, outPtr): out[r] = Σ codes[r]·query (i32). */
  dots: (codes: number, query: number, rows: number, dims: number, out: number) => void;
}

export class QuantizedIndex implements VectorIndex {
  readonly kind = 'int8' as const;
  readonly #oversample: number;
  readonly #wantSimd: boolean;
  #ids = new Int32Array(0);
  #vectors = new Float32Array(0);
  #scales = new Float32Array(0);
  #codes = new Int8Array(0);
  #dims = 0;
  /** Dimensions rounded up to a multiple of 16 (zero-padded codes). */
  #padded = 0;
  #wasm: WasmScan | undefined;
  #query = new Int8Array(0);
  #out = new Int32Array(0);
  // Reused candidate heap (min-heap on approximate score) so a query allocates almost nothing.
  #heapRows = new Int32Array(0);
  #heapScores = new Float64Array(0);

  constructor(opts: QuantizedIndexOptions = {}) {
    this.#oversample = Math.max(1, Math.floor(opts.oversample ?? 8));
    this.#wantSimd = opts.simd ?? true;
  }

  get size(): number {
    return this.#ids.length;
  }

  /** The scan loop in use after `build` (SIMD unless unavailable or switched off). */
  get kernel(): Int8Kernel {
    return this.#wasm ? 'wasm-simd' : 'js';
  }

  build(ids: Int32Array, vectors: Float32Array, dims: number): void {
    if (vectors.length !== ids.length * dims) {
      throw new AppError('internal', `Expected ${ids.length * dims} vector values, got ${vectors.length}.`);
    }
    const n = ids.length;
    const padded = Math.ceil(dims / LANES) * LANES;
    const wasm = this.#wantSimd && n > 0 ? createWasmScan(n * padded + padded + n * 4) : undefined;
    const codes = wasm ? new Int8Array(wasm.memory.buffer, 0, n * padded) : new Int8Array(n * padded);
    const scales = new Float32Array(n);
    for (let row = 0; row < n; row++) scales[row] = quantizeRow(vectors, row * dims, dims, codes, row * padded);
    this.#ids = ids.slice();
    this.#vectors = vectors.slice();
    this.#scales = scales;
    this.#codes = codes;
    this.#dims = dims;
    this.#padded = padded;
    this.#wasm = wasm;
    this.#query = wasm ? new Int8Array(wasm.memory.buffer, n * padded, padded) : new Int8Array(padded);
    this.#out = wasm ? new Int32Array(wasm.memory.buffer, n * padded + padded, n) : new Int32Array(n);
  }

  search(query: Float32Array, k: number): { id: number; score: number }[] {
    const n = this.size;
    if (n === 0 || k <= 0) return [];
    if (query.length !== this.#dims) {
      throw new AppError('internal', `Query has ${query.length} dimensions; the index has ${this.#dims}.`);
    }
    quantizeRow(query, 0, this.#dims, this.#query, 0);
    if (this.#wasm) this.#wasm.dots(0, n * this.#padded, n, this.#padded, n * this.#padded + this.#padded);
    else scanJs(this.#codes, this.#query, n, this.#padded, this.#out);
    const rows = this.#candidates(Math.min(n, Math.ceil(k) * this.#oversample));
    return this.#rerank(query, rows, Math.min(k, n));
  }

  /** Rows of the `c` best approximate scores (order unspecified). */
  #candidates(c: number): Int32Array {
    if (this.#heapRows.length < c) {
      this.#heapRows = new Int32Array(c);
      this.#heapScores = new Float64Array(c);
    }
    const rows = this.#heapRows;
    const scores = this.#heapScores;
    const out = this.#out;
    const scale = this.#scales;
    let size = 0;
    for (let r = 0; r < out.length; r++) {
      const s = out[r] * scale[r];
      if (size < c) {
        // Sift up.
        let i = size++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (scores[p] <= s) break;
          scores[i] = scores[p];
          rows[i] = rows[p];
          i = p;
        }
        scores[i] = s;
        rows[i] = r;
      } else if (s > scores[0]) {
        // Replace the minimum and sift down.
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= c) break;
          const m = l + 1 < c && scores[l + 1] < scores[l] ? l + 1 : l;
          if (scores[m] >= s) break;
          scores[i] = scores[m];
          rows[i] = rows[m];
          i = m;
        }
        scores[i] = s;
        rows[i] = r;
      }
    }
    return rows.subarray(0, size);
  }

  /** Exact dot products of the candidate rows; best `k` first (ties by lower id). */
  #rerank(query: Float32Array, rows: Int32Array, k: number): { id: number; score: number }[] {
    const d = this.#dims;
    const v = this.#vectors;
    const top = new TopK(k);
    for (let i = 0; i < rows.length; i++) {
      top.push(this.#ids[rows[i]], dotAt(v, rows[i] * d, query, d));
    }
    return top.sorted();
  }
}

/** Symmetric int8 codes of one row (scale = max|x| / 127); returns the scale (0 for a zero row). */
function quantizeRow(src: Float32Array, off: number, dims: number, dst: Int8Array, dstOff: number): number {
  let max = 0;
  for (let j = 0; j < dims; j++) {
    const a = Math.abs(src[off + j]);
    if (a > max) max = a;
  }
  if (!(max > 0) || !Number.isFinite(max)) {
    dst.fill(0, dstOff, dstOff + Math.ceil(dims / LANES) * LANES);
    return 0;
  }
  const inv = 127 / max;
  for (let j = 0; j < dims; j++) dst[dstOff + j] = Math.round(src[off + j] * inv);
  return max / 127;
}

/** Plain-JS fallback of the wasm kernel (dims is a multiple of 16). */
function scanJs(codes: Int8Array, q: Int8Array, n: number, dims: number, out: Int32Array): void {
  for (let r = 0, off = 0; r < n; r++, off += dims) {
    let a = 0,
      b = 0;
    for (let j = 0; j < dims; j += 8) {
      a = (a + codes[off + j] * q[j] + codes[off + j + 1] * q[j + 1] + codes[off + j + 2] * q[j + 2] + codes[off + j + 3] * q[j + 3]) | 0;
      b = (b + codes[off + j + 4] * q[j + 4] + codes[off + j + 5] * q[j + 5] + codes[off + j + 6] * q[j + 6] + codes[off + j + 7] * q[j + 7]) | 0;
    }
    out[r] = (a + b) | 0;
  }
}

let wasmModule: WebAssembly.Module | null | undefined;

/** A fresh kernel instance with at least `bytes` of memory, or undefined without wasm SIMD. */
function createWasmScan(bytes: number): WasmScan | undefined {
  if (wasmModule === undefined) {
    try {
      const code = scanModuleBytes();
      // The module is 225 bytes, under the main thread's 4 KB limit for synchronous compiles.
      wasmModule = typeof WebAssembly === 'object' && WebAssembly.validate(code) ? new WebAssembly.Module(code) : null;
    } catch {
      wasmModule = null;
    }
  }
  if (!wasmModule) return undefined;
  try {
    const instance = new WebAssembly.Instance(wasmModule);
    const memory = instance.exports.mem;
    const dots = instance.exports.dots;
    if (!(memory instanceof WebAssembly.Memory) || typeof dots !== 'function') return undefined;
    const need = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
    if (need > 0) memory.grow(need);
    return { memory, dots: dots as WasmScan['dots'] };
  } catch {
    // Out of memory for a huge index: the JS loop still works on an ordinary array.
    return undefined;
  }
}

/**
 * The scan kernel, hand-assembled (no wasm toolchain in the project):
 * `dots(codes, q, rows, dims, out)` — for each row, 16 int8 lanes at a time, sign-extends both
 * halves to i16, `i32x4.dot_i16x8_s`, accumulates in i32x4 and stores the lane sum at out[row].
 */
function scanModuleBytes(): Uint8Array<ArrayBuffer> {
  const leb = (n: number): number[] => {
    const o: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      o.push(b);
    } while (n);
    return o;
  };
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const name = (s: string) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const i32 = (n: number) => [0x41, n]; // small non-negative constants only (< 64)
  const simd = (op: number, ...imm: number[]) => [0xfd, ...leb(op), ...imm];
  const [CODES, Q, N, DIMS, OUT, R, J, P, ACC, V, QV] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [LOAD, CONST, LANE, EXT_LO, EXT_HI, ADD, DOT] = [0x00, 0x0c, 0x1b, 0x87, 0x88, 0xae, 0xba];
  const [I32_ADD, I32_SHL, I32_LT_U, I32_EQZ, I32_STORE, BR_IF, END] = [0x6a, 0x74, 0x49, 0x45, 0x36, 0x0d, 0x0b];
  const body = [
    ...[2, 3, 0x7f, 3, 0x7b], // locals: 3 × i32 (r, j, p), 3 × v128 (acc, v, qv)
    ...[0x02, 0x40],
    ...get(N),
    I32_EQZ,
    BR_IF,
    0,
    ...get(CODES),
    ...set(P),
    ...i32(0),
    ...set(R),
    ...[0x03, 0x40], // loop over rows
    ...simd(CONST, ...new Array<number>(16).fill(0)),
    ...set(ACC),
    ...i32(0),
    ...set(J),
    ...[0x03, 0x40], // loop over 16-lane blocks
    ...get(P),
    ...get(J),
    I32_ADD,
    ...simd(LOAD, 0, 0),
    ...set(V),
    ...get(Q),
    ...get(J),
    I32_ADD,
    ...simd(LOAD, 0, 0),
    ...set(QV),
    ...get(ACC),
    ...get(V),
    ...simd(EXT_LO),
    ...get(QV),
    ...simd(EXT_LO),
    ...simd(DOT),
    ...simd(ADD),
    ...get(V),
    ...simd(EXT_HI),
    ...get(QV),
    ...simd(EXT_HI),
    ...simd(DOT),
    ...simd(ADD),
    ...set(ACC),
    ...get(J),
    ...i32(16),
    I32_ADD,
    ...tee(J),
    ...get(DIMS),
    I32_LT_U,
    BR_IF,
    0,
    END,
    ...get(OUT),
    ...get(R),
    ...i32(2),
    I32_SHL,
    I32_ADD,
    ...get(ACC),
    ...simd(LANE, 0),
    ...get(ACC),
    ...simd(LANE, 1),
    I32_ADD,
    ...get(ACC),
    ...simd(LANE, 2),
    I32_ADD,
    ...get(ACC),
    ...simd(LANE, 3),
    I32_ADD,
    I32_STORE,
    2,
    0,
    ...get(P),
    ...get(DIMS),
    I32_ADD,
    ...set(P),
    ...get(R),
    ...i32(1),
    I32_ADD,
    ...tee(R),
    ...get(N),
    I32_LT_U,
    BR_IF,
    0,
    END,
    END,
    END,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name('mem'), 0x02, 0, ...name('dots'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}
