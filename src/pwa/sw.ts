/// <reference lib="webworker" />
// Parley's service worker. Built by vite-plugin-pwa (injectManifest): the build replaces
// self.__WB_MANIFEST with every file of dist/ the app needs, each with its hash or revision.
//   the app's HTML   network first, PAGE_TIMEOUT_SECONDS, then the precached shell
//   /assets/*        cache first (names carry their content hash)
//   config.json      network first, the last copy when offline
//   share-target     POST from the system share sheet (share.ts)
// Everything else (the XMPP endpoints, uploads, other origins) is not touched.
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import {
  cleanupOutdatedCaches,
  matchPrecache,
  type PrecacheEntry,
  precacheAndRoute,
} from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { installNotificationClicks } from './notificationClicks';
import { CONFIG_TIMEOUT_SECONDS, PAGE_TIMEOUT_SECONDS, type RouteKind, routeOf } from './rules';
import { SHARE_CACHE, storeShare } from './share';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

const CONFIG_CACHE = 'parley-config';
const scope = () => self.registration.scope;
const is =
  (kind: RouteKind) =>
  ({ request }: { request: Request }) =>
    routeOf({ url: request.url, method: request.method, mode: request.mode }, scope()) === kind;

// The page route is registered before the precache route: the precache holds index.html too,
// and would otherwise answer page loads from the cache even when a newer version is online.
registerRoute(
  is('page'),
  async ({ request }) => {
    try {
      return await withTimeout(fetch(request), PAGE_TIMEOUT_SECONDS * 1000);
    } catch {
      // Offline, server down or too slow: the shell this worker precached, which matches the
      // assets it holds (a copy of some newer HTML might name assets it never saw).
      return (await matchPrecache('index.html')) ?? Response.error();
    }
  },
  'GET',
);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  is('config'),
  new NetworkFirst({
    cacheName: CONFIG_CACHE,
    networkTimeoutSeconds: CONFIG_TIMEOUT_SECONDS,
    // A month offline is long enough to trust an old copy; after that, ask the server again.
    plugins: [new ExpirationPlugin({ maxEntries: 2, maxAgeSeconds: 30 * 24 * 60 * 60 })],
  }),
  'GET',
);

// Assets of a newer HTML than this worker precached (loaded online before the update applies).
registerRoute(
  is('asset'),
  new CacheFirst({
    cacheName: 'parley-assets',
    plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 90 * 24 * 60 * 60 })],
  }),
  'GET',
);

registerRoute(
  is('share'),
  async ({ request }) => {
    const form = await request.formData();
    const id = crypto.randomUUID();
    await storeShare(form, await caches.open(SHARE_CACHE), scope(), id, Date.now());
    // 303: the browser follows with a GET, so a reload of the picker does not post again.
    return Response.redirect(new URL(`./#/share?id=${id}`, scope()).href, 303);
  },
  'POST',
);

self.addEventListener('install', (event) => {
  // The first visit fetched config.json before this worker existed: keep a copy for the
  // first start without network.
  event.waitUntil(
    caches
      .open(CONFIG_CACHE)
      .then((c) => c.add(new Request(new URL('config.json', scope()), { cache: 'no-cache' })))
      .catch(() => undefined),
  );
});

// A new version waits until the person agrees ("Update ready — Reload" in the page sends this).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first install takes the open page at once, so it works offline from its first visit.
clientsClaim();

// ── Other parts of the worker ──────────────────────────────────────────────────────────────
// A click on a message's notification focuses (or opens) Parley on that conversation.
installNotificationClicks(self);

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
