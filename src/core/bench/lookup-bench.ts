/**
 * Client lookup benchmark: builds deterministic synthetic books (seeded PRNG) of the given
 * sizes and times a mix of exact, prefix and typo lookups. Runs in Node and in a worker (pass
 * the sql.js wasm URL there).
 */
import { SqlClientStore } from '../clients/sql-client-store.ts';
import type { Client } from '../clients/types.ts';
import { mulberry32 } from '../prng.ts';

export interface LookupBenchRow {
  clients: number;
  p50_ms: number;
  p95_ms: number;
  /** Lookups that returned a client (exact and typo queries should; ambiguous prefixes may not). */
  found: number;
  lookups: number;
  import_ms: number;
}

const FIRST = (
  'Maple Cedar Willow Harbor Summit Keystone Orion Falcon Zenith Apex Tidal Granite River Delta Vertex Quartz ' +
  'Pioneer Iris Blue Urban Skyward Bright Green Silver Golden Northern Southern Eastern Western Crimson Amber ' +
  'Cobalt Emerald Ivory Onyx Ruby Sapphire Scarlet Violet Azure Coral Copper Iron Stone Oak Pine Birch Aspen ' +
  'Redwood Sequoia Cypress Juniper Laurel Magnolia Hazel Rowan Linden Alder Spruce Elm Ash'
).split(' ');
const MIDDLE = (
  'Ridge Valley Creek Harbor Point Bay Peak Field Meadow Grove Lake Brook Hill Stone Forest Canyon Prairie Coast ' +
  'Bridge Gate Tower Crest Shore Haven Springs Falls Rock Park Hollow Glen Mesa Bluff Delta Island Cove Marsh ' +
  'Plains Summit Vista Heights Landing Crossing Station Square Trail Road Port Wharf'
).split(' ');
const LAST = (
  'Logistics Capital Health Motors Foods Studios Travel Devices Systems Media Bank Clinics Freight Shipping ' +
  'Outfitters Kitchens Electronics Financial Mobility Cloud Stores Getaways Voyages Academy Labs Partners ' +
  'Group Holdings Ventures Works Supply Energy Analytics Robotics Pharma Insurance'
).split(' ');
const INDUSTRIES = ['Retail', 'Software', 'Electronics', 'Healthcare', 'Finance', 'Travel', 'Logistics', 'Media'];
const REGIONS = ['West', 'East', 'South', 'Midwest', 'Northeast'];
const MANAGERS = ['Sarah Chen', 'Marcus Lee', 'Diego Alvarez', 'Priya Patel', 'Tom Becker'];

/** Deterministic synthetic clients with unique three-word names (up to ~110,000). */
export function syntheticClients(count: number, seed = 42): Omit<Client, 'id'>[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const total = FIRST.length * MIDDLE.length * LAST.length;
  if (count > total) throw new RangeError(`At most ${total} synthetic clients.`);
  // A random permutation of combination numbers: unique names, spread over all first words.
  const order = Array.from({ length: total }, (_, i) => i);
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, count).map((n) => {
    const name = `${FIRST[n % FIRST.length]} ${MIDDLE[Math.floor(n / FIRST.length) % MIDDLE.length]} ${LAST[Math.floor(n / (FIRST.length * MIDDLE.length))]}`;
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    return {
      name,
      industry: pick(INDUSTRIES),
      ytd_spend: Math.round(rand() * 200_000),
      last_year_spend: Math.round(rand() * 200_000),
      account_manager: pick(MANAGERS),
      region: pick(REGIONS),
      renewal_date: `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      products: [pick(['Search Ads', 'Retail Media Network', 'Email Sponsorships', 'Social Media Starter Pack'])],
      open_escalation: rand() < 0.1,
      payment_terms: pick(['net 30', 'net 45', 'net 60']),
      reference_consent: rand() < 0.5,
    };
  });
}

/** Swaps two adjacent letters inside the longest word: a typical typing slip. */
function typo(name: string, rand: () => number): string {
  const words = name.split(' ');
  let w = 0;
  for (let i = 1; i < words.length; i++) if (words[i].length > words[w].length) w = i;
  const word = words[w];
  const at = 1 + Math.floor(rand() * (word.length - 2));
  words[w] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Times exact / whole-word-prefix / typo lookups at each book size; p50 per size in ms. */
export async function benchLookup(sizes: number[] = [60, 10_000, 100_000], lookups = 300, init: { wasmUrl?: string } = {}): Promise<LookupBenchRow[]> {
  const out: LookupBenchRow[] = [];
  for (const size of sizes) {
    const clients = syntheticClients(size);
    const store = await SqlClientStore.create(init);
    const t0 = performance.now();
    await store.importText(JSON.stringify(clients), 'json', 'replace');
    const importMs = performance.now() - t0;
    const rand = mulberry32(size);
    const queries: string[] = [];
    for (let i = 0; i < lookups; i++) {
      const name = clients[Math.floor(rand() * clients.length)].name;
      const kind = i % 3;
      queries.push(kind === 0 ? name.toLowerCase() : kind === 1 ? name.split(' ').slice(0, 2).join(' ') : typo(name, rand));
    }
    for (const q of queries.slice(0, 20)) await store.lookup(q); // warm-up (JIT)
    const times: number[] = [];
    let found = 0;
    for (const q of queries) {
      const s = performance.now();
      const r = await store.lookup(q);
      times.push(performance.now() - s);
      if (r.status === 'found') found++;
    }
    times.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    out.push({
      clients: size,
      p50_ms: round(percentile(times, 0.5)),
      p95_ms: round(percentile(times, 0.95)),
      found,
      lookups,
      import_ms: Math.round(importMs),
    });
  }
  return out;
}
