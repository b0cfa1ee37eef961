/** The current route, kept in sync with `location.hash` (see routes.ts for the format). */
import { hrefFor, parseHash, type Route } from './routes.ts';

export { ROUTES, hrefFor, type Route } from './routes.ts';

export class Router {
  current = $state<Route>(parseHash(location.hash).route);
  param = $state<string | null>(parseHash(location.hash).param);

  constructor() {
    addEventListener('hashchange', () => {
      const next = parseHash(location.hash);
      this.current = next.route;
      this.param = next.param;
    });
  }

  go(route: Route, param?: string | number): void {
    location.hash = hrefFor(route, param);
  }
}

export const router = new Router();
