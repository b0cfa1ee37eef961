/**
 * Routes and hash parsing (pure, testable in Node). Hash-based routing, so the app works from any static host and offline. A route may carry one
 * path parameter: `#/clients/42` opens client 42 (`router.param === '42'`).
 */
export type Route = 'chat' | 'clients' | 'playbook' | 'evaluate' | 'feedback' | 'settings';

export const ROUTES: { id: Route; label: string }[] = [
  { id: 'chat', label: 'Chat' },
  { id: 'clients', label: 'Clients' },
  { id: 'playbook', label: 'Playbook' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'settings', label: 'Settings' },
];

export interface Location {
  route: Route;
  /** The decoded segment after the route (`#/clients/42` → '42'), or null. */
  param: string | null;
}

/** Reads `#/route[/param][?query]`; anything unknown is the chat. */
export function parseHash(hash: string): Location {
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  const [id, ...rest] = path.split('/');
  const route = ROUTES.find((r) => r.id === id)?.id;
  if (!route) return { route: 'chat', param: null };
  const raw = rest.join('/');
  let param: string | null = null;
  if (raw) {
    try {
      param = decodeURIComponent(raw);
    } catch {
      param = raw;
    }
  }
  return { route, param };
}

/** The hash for a route and optional parameter. */
export function hrefFor(route: Route, param?: string | number): string {
  return param === undefined || param === '' ? `#/${route}` : `#/${route}/${encodeURIComponent(String(param))}`;
}
