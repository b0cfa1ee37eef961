/** A fixed-size min-heap that keeps the k highest-scoring ids. */
export class TopK {
  readonly #k: number;
  readonly #ids: number[] = [];
  readonly #scores: number[] = [];

  constructor(k: number) {
    this.#k = Math.max(0, Math.floor(k));
  }

  /** Lowest score currently kept, or -Infinity while the heap is not full. */
  get threshold(): number {
    return this.#scores.length < this.#k ? -Infinity : this.#scores[0];
  }

  push(id: number, score: number): void {
    if (this.#k === 0) return;
    if (this.#scores.length < this.#k) {
      this.#ids.push(id);
      this.#scores.push(score);
      this.#up(this.#scores.length - 1);
    } else if (score > this.#scores[0]) {
      this.#ids[0] = id;
      this.#scores[0] = score;
      this.#down(0);
    }
  }

  /** Results best first (ties by lower id for stable output). */
  sorted(): { id: number; score: number }[] {
    return this.#ids.map((id, i) => ({ id, score: this.#scores[i] })).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  #swap(i: number, j: number): void {
    [this.#ids[i], this.#ids[j]] = [this.#ids[j], this.#ids[i]];
    [this.#scores[i], this.#scores[j]] = [this.#scores[j], this.#scores[i]];
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#scores[parent] <= this.#scores[i]) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const n = this.#scores.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.#scores[l] < this.#scores[m]) m = l;
      if (r < n && this.#scores[r] < this.#scores[m]) m = r;
      if (m === i) return;
      this.#swap(i, m);
      i = m;
    }
  }
}
