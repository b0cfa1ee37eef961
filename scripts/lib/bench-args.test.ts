import { describe, expect, it } from 'vitest';
import { BENCH_SECTIONS, BenchArgsError, parseBenchArgs } from './bench-args.ts';

describe('parseBenchArgs', () => {
  it('defaults to every section, table output, no forced build', () => {
    expect(parseBenchArgs([])).toEqual({ json: false, build: false, sections: [...BENCH_SECTIONS] });
  });

  it('reads --json, --build and --only in either form, in canonical order', () => {
    expect(parseBenchArgs(['--json', '--only', 'startup,retrieval', '--build'])).toEqual({
      json: true,
      build: true,
      sections: ['retrieval', 'startup'],
    });
    expect(parseBenchArgs(['--only=client_lookup,answer_builtin']).sections).toEqual(['lookup', 'answer']);
    expect(parseBenchArgs(['--only', 'retrieval-quality']).sections).toEqual(['retrieval-quality']);
  });

  it('rejects unknown flags and sections', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(['--only', 'gpu'])).toThrow(/Unknown section "gpu"/);
    expect(() => parseBenchArgs(['--only'])).toThrow(/--only needs/);
  });
});
