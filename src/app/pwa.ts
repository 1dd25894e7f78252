import { type Accessor, createSignal } from 'solid-js';
import { Workbox } from 'workbox-window';

export interface AppUpdates {
  /** A new version is installed and waits for the person's yes. */
  ready: Accessor<boolean>;
  /** The person agreed: the new version takes over and every Parley tab reloads into it. */
  apply(): void;
  stop(): void;
}

/** How often an open tab asks the server whether a new version is out. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Register the service worker (src/pwa/sw.ts) once the page has loaded, so it never competes
 * with the first paint, and follow new versions. Only built apps have a worker: the dev server
 * and unit tests get an inert object.
 */
export function startAppUpdates(): AppUpdates {
  const [ready, setReady] = createSignal(false);
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) {
    return { ready, apply() {}, stop() {} };
  }
  const wb = new Workbox(new URL('sw.js', document.baseURI).href, { scope: './' });
  // Also fires for a version that was already waiting when this tab opened.
  wb.addEventListener('waiting', () => setReady(true));
  // A new worker took over because someone agreed (here or in another tab): this tab's code
  // is the old version, whose lazy chunks the new worker no longer holds. Reload into the new.
  wb.addEventListener('controlling', (e) => {
    if (e.isUpdate) window.location.reload();
  });
  const check = () => void wb.update().catch(() => undefined);
  const onVisible = () => {
    if (document.visibilityState === 'visible') check();
  };
  const timer = setInterval(check, CHECK_EVERY_MS);
  document.addEventListener('visibilitychange', onVisible);
  const register = () =>
    void wb.register().catch((err: unknown) => console.warn('[parley] service worker', err));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
  return {
    ready,
    apply: () => wb.messageSkipWaiting(),
    stop() {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('load', register);
    },
  };
}
