/** Hash-based routing, so the app works from any static host and offline. */
export type Route = 'chat' | 'clients' | 'playbook' | 'evaluate' | 'feedback' | 'settings';

export const ROUTES: { id: Route; label: string }[] = [
  { id: 'chat', label: 'Chat' },
  { id: 'clients', label: 'Clients' },
  { id: 'playbook', label: 'Playbook' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'settings', label: 'Settings' },
];

function parse(hash: string): Route {
  const id = hash.replace(/^#\/?/, '').split('?')[0];
  return ROUTES.some((r) => r.id === id) ? (id as Route) : 'chat';
}

export class Router {
  current = $state<Route>(parse(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.current = parse(location.hash);
    });
  }

  go(route: Route): void {
    location.hash = `#/${route}`;
  }
}

export const router = new Router();
