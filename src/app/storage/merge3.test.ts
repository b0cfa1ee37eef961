import { describe, expect, it } from 'vitest';
import { merge3 } from './merge3.ts';

describe('merge3', () => {
  it('keeps what the other side saved when this side did not touch it', () => {
    const base = { keys: {}, providers: { crm: 'builtin', openai: { baseUrl: 'https://a.example/v1' } } };
    const theirs = { keys: { 'https://a.example': 'sk-theirs' }, providers: { crm: 'openai', openai: { baseUrl: 'https://a.example/v1' } } };
    const mine = { keys: {}, providers: { crm: 'builtin', openai: { baseUrl: 'https://a.example/v1' } } };
    expect(merge3(base, mine, theirs)).toEqual(theirs);
  });

  it('applies only the fields this side changed', () => {
    const base = { keys: { 'https://a.example': 'old' }, embedder: { kind: 'builtin' }, model: 'm1' };
    const mine = { keys: { 'https://a.example': 'old' }, embedder: { kind: 'transformers' }, model: 'm1' };
    const theirs = { keys: { 'https://a.example': 'new', 'https://b.example': 'other' }, embedder: { kind: 'builtin' }, model: 'm2' };
    expect(merge3(base, mine, theirs)).toEqual({
      keys: { 'https://a.example': 'new', 'https://b.example': 'other' },
      embedder: { kind: 'transformers' },
      model: 'm2',
    });
  });

  it('removes a key this side removed and replaces arrays whole', () => {
    expect(merge3({ a: 1, b: 2, l: [1] }, { b: 2, l: [1, 2] } as { a?: number; b: number; l: number[] }, { a: 1, b: 3, l: [0] })).toEqual({ b: 3, l: [1, 2] });
  });
});
