import { describe, expect, it } from 'vitest';
import { TtlCache, normalizeKey } from './cache.ts';
import { FakeClientStore, FakePlaybook } from './fakes.ts';
import { CLIENTS_TTL_MS, PLAYBOOK_TTL_MS, createTools } from './tools.ts';
import type { SearchClientsResult, SearchPlaybookResult } from './types.ts';

function setup() {
  let t = 1_000;
  const clients = new FakeClientStore();
  const playbook = new FakePlaybook();
  const tools = createTools({ clients, playbook, now: () => t });
  return { tools, clients, playbook, advance: (ms: number) => (t += ms) };
}

describe('TtlCache', () => {
  it('expires entries after the TTL and reports hit rate', () => {
    let t = 0;
    const cache = new TtlCache<string>({ ttlMs: 100, now: () => t });
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'A');
    expect(cache.get('a')).toBe('A');
    t = 99;
    expect(cache.get('a')).toBe('A');
    t = 100;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.stats()).toEqual({ hits: 2, misses: 2, size: 0, hitRate: 0.5 });
  });

  it('clear drops entries', () => {
    const cache = new TtlCache<number>({ ttlMs: 1000, now: () => 0 });
    cache.set('x', 1);
    cache.clear();
    expect(cache.get('x')).toBeUndefined();
    expect(cache.stats().size).toBe(0);
  });

  it('normalizes keys: order, case and whitespace do not matter', () => {
    expect(normalizeKey({ b: 1, a: ' Tech  Giant ' })).toBe(normalizeKey({ a: 'techgiant'.replace('giant', ' giant'), b: 1 }));
    expect(normalizeKey({ a: 1 })).not.toBe(normalizeKey({ a: 2 }));
  });
});

describe('createTools', () => {
  it('looks up a client and describes it in a context line with a citation', async () => {
    const { tools } = setup();
    const r = await tools.run('search_clients', '{"client_name":"TechGiant"}');
    expect(r.isError).toBe(false);
    const parsed = JSON.parse(r.content) as SearchClientsResult;
    expect(parsed.kind).toBe('lookup');
    expect(r.contexts[0]).toMatch(/^TechGiant — industry Electronics, YTD spend \$120,000/);
    expect(r.citations).toEqual([{ kind: 'client', source: 'TechGiant', clientId: 1 }]);
  });

  it('reports a missing client with suggestions instead of inventing one', async () => {
    const { tools } = setup();
    const r = await tools.run('search_clients', '{"client_name":"Globex"}');
    expect(r.contexts[0]).toContain('No client named "Globex"');
    expect(r.citations).toEqual([]);
  });

  it('runs a filtered query and accepts numbers sent as strings', async () => {
    const { tools } = setup();
    const r = await tools.run('search_clients', '{"min_spend":"50,000","aggregate":"list"}');
    const parsed = JSON.parse(r.content) as SearchClientsResult;
    expect(parsed.kind === 'query' && parsed.query.min_spend).toBe(50000);
    expect(r.contexts[0]).toMatch(/^1 client match \(min spend 50000/);
  });

  it('searches the playbook with doc and page in contexts and citations', async () => {
    const { tools } = setup();
    const r = await tools.run('search_playbook', JSON.stringify({ query: 'discount approval' }));
    const parsed = JSON.parse(r.content) as SearchPlaybookResult;
    expect(parsed.passages[0].page).toBe(2);
    expect(r.contexts[0]).toBe('playbook.pdf, page 2 (Discounts): Discounts above 15% need VP approval.');
    expect(r.citations[0]).toMatchObject({ kind: 'playbook', source: 'playbook.pdf', page: 2, heading: 'Discounts' });
  });

  it('turns bad arguments into readable tool errors', async () => {
    const { tools } = setup();
    const bad = await tools.run('search_clients', '{"limit":"many"}');
    expect(bad.isError).toBe(true);
    expect(bad.content).toMatch(/^Error: invalid arguments for search_clients: limit/);
    expect((await tools.run('search_playbook', '{query:')).content).toMatch(/not valid JSON/);
    expect((await tools.run('search_playbook', '{}')).content).toMatch(/query/);
    expect((await tools.run('delete_everything', '{}')).content).toMatch(/no tool named "delete_everything"/);
  });

  it('caches by normalized args with separate TTLs and invalidates on import', async () => {
    const { tools, clients, playbook, advance } = setup();
    await tools.run('search_clients', '{"client_name":"TechGiant"}');
    const again = await tools.run('search_clients', '{"client_name":" techgiant "}');
    expect(again.cached).toBe(true);
    expect(clients.calls).toBe(1);
    await tools.run('search_playbook', '{"query":"discount approval"}');
    advance(CLIENTS_TTL_MS);
    expect((await tools.run('search_clients', '{"client_name":"TechGiant"}')).cached).toBe(false);
    expect((await tools.run('search_playbook', '{"query":"Discount  approval"}')).cached).toBe(true);
    advance(PLAYBOOK_TTL_MS - CLIENTS_TTL_MS);
    expect((await tools.run('search_playbook', '{"query":"discount approval"}')).cached).toBe(false);
    expect(playbook.calls).toBe(2);
    tools.invalidate();
    expect((await tools.run('search_clients', '{"client_name":"TechGiant"}')).cached).toBe(false);
    const stats = tools.stats();
    expect(stats.clients).toMatchObject({ hits: 1, misses: 3, size: 1 });
    expect(stats.clients.hitRate).toBeCloseTo(0.25);
  });

  it('tool specs carry a JSON schema with descriptions', () => {
    const { tools } = setup();
    expect(tools.specs.map((s) => s.function.name)).toEqual(['search_clients', 'search_playbook']);
    for (const spec of tools.specs) expect(spec.function.description.length).toBeGreaterThan(100);
  });
});
