/**
 * Service-worker lifecycle for the UI: registers `/sw.js` with workbox-window after the page has
 * loaded (so it never delays first render), and exposes `offlineReady` (the shell is cached) and
 * `needRefresh` (a new version is installed and waiting). `update()` activates the waiting worker
 * and reloads once it controls the page.
 */
import type { Workbox } from 'workbox-window';

export class Pwa {
  /** A new service worker is installed and waits for the user to reload. */
  needRefresh = $state(false);
  /** The app shell is cached: the app works offline from now on. */
  offlineReady = $state(false);
  /** The service worker could not be registered (the app still works online). */
  error = $state<string | null>(null);
  #wb: Workbox | null = null;
  #started = false;
  #updating = false;

  /** Registers the service worker once the page has loaded; a no-op in dev and without SW support. */
  start(scriptUrl = '/sw.js'): void {
    if (this.#started || typeof window === 'undefined' || !('serviceWorker' in navigator) || import.meta.env.DEV) return;
    this.#started = true;
    const go = () => void this.#register(scriptUrl);
    if (document.readyState === 'complete') go();
    else addEventListener('load', go, { once: true });
  }

  async #register(scriptUrl: string): Promise<void> {
    try {
      const { Workbox } = await import('workbox-window');
      const wb = new Workbox(scriptUrl, { scope: '/' });
      this.#wb = wb;
      wb.addEventListener('waiting', () => (this.needRefresh = true));
      wb.addEventListener('activated', (e) => {
        if (!e.isUpdate && !e.isExternal) this.offlineReady = true;
      });
      wb.addEventListener('controlling', () => {
        if (this.#updating) location.reload();
      });
      const registration = await wb.register();
      // Already installed on an earlier visit: the shell is cached.
      if (registration?.active && navigator.serviceWorker.controller) this.offlineReady = true;
      if (registration?.waiting && navigator.serviceWorker.controller) this.needRefresh = true;
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'The service worker could not be registered.';
    }
  }

  /** Asks the server for a newer service worker (the browser also checks on navigation). */
  async checkForUpdate(): Promise<void> {
    await this.#wb?.update();
  }

  /** Activates the waiting service worker; the page reloads when it takes control. */
  update(): void {
    if (!this.#wb) return;
    this.#updating = true;
    this.#wb.messageSkipWaiting();
  }

  /** Hides the prompt until the next update is found. */
  dismiss(): void {
    this.needRefresh = false;
  }
}

export const pwa = new Pwa();
