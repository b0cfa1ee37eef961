import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './routes.ts';

describe('parseHash', () => {
  it('reads a route with and without a parameter', () => {
    expect(parseHash('#/clients')).toEqual({ route: 'clients', param: null });
    expect(parseHash('#/clients/42')).toEqual({ route: 'clients', param: '42' });
    expect(parseHash('#/clients/Caf%C3%A9%20M%C3%BCller?x=1')).toEqual({ route: 'clients', param: 'Café Müller' });
  });

  it('falls back to the chat for anything unknown', () => {
    expect(parseHash('')).toEqual({ route: 'chat', param: null });
    expect(parseHash('#/nowhere/1')).toEqual({ route: 'chat', param: null });
  });

  it('keeps a malformed escape as written', () => {
    expect(parseHash('#/clients/100%')).toEqual({ route: 'clients', param: '100%' });
  });

  it('round-trips hrefFor', () => {
    expect(parseHash(hrefFor('clients', 'O’Brien & Sons/West'))).toEqual({ route: 'clients', param: 'O’Brien & Sons/West' });
    expect(hrefFor('playbook')).toBe('#/playbook');
  });
});
