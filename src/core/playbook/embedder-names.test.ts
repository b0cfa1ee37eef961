import { describe, expect, it } from 'vitest';
import { embedderName } from './embedder-names.ts';

describe('embedderName', () => {
  it("names each embedder in a rep's words, never by its id", () => {
    expect(embedderName('word-vectors-sif-100d-50027').name).toBe('Word meaning (offline)');
    expect(embedderName('transformers:Xenova/all-MiniLM-L6-v2:auto').name).toBe('MiniLM (downloaded)');
    expect(embedderName('builtin-hash-384').name).toBe('Basic keywords (offline)');
    expect(embedderName('transformers:tiny-bert:fp32').name).toBe('Downloaded model (tiny-bert)');
    expect(embedderName('').name).toBe('…');
    expect(embedderName('blend(builtin-hash-384*0.75+word-vectors-sif-100d-5*0.25)').name).toBe('Keywords + word meaning (offline)');
  });
});
