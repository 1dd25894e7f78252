// Which strategy answers a request the service worker sees. Pure, so the rules are unit-tested
// without a worker: the worker (sw.ts) only maps each answer to a Workbox strategy.

export type RouteKind =
  /** A POST from the system share sheet (manifest share_target). */
  | 'share'
  /** The app's HTML: network first, a short wait, then the cached shell. */
  | 'page'
  /** config.json: network first, the last copy when offline; never served stale when online. */
  | 'config'
  /** Hashed build output (/assets/...): never changes under a name, so cache first. */
  | 'asset'
  /** Everything else: the XMPP endpoints, uploads, other origins. Not touched. */
  | 'network';

export interface RequestFacts {
  url: string;
  method: string;
  /** Request.mode: 'navigate' for a page load. */
  mode: string;
}

export const SHARE_PATH = 'share-target';
/** How long a page load waits for the network before the cached shell is shown. */
export const PAGE_TIMEOUT_SECONDS = 3;
export const CONFIG_TIMEOUT_SECONDS = 3;

/** `scope` is the registration's scope, e.g. https://chat.example.com/app/ */
export function routeOf(req: RequestFacts, scope: string): RouteKind {
  const url = new URL(req.url);
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return 'network';
  const path = url.pathname.slice(base.pathname.length);
  if (req.method === 'POST') return path === SHARE_PATH ? 'share' : 'network';
  if (req.method !== 'GET') return 'network';
  if (req.mode === 'navigate') return isAppPage(path) ? 'page' : 'network';
  if (path === 'config.json') return 'config';
  if (path.startsWith('assets/')) return 'asset';
  return 'network';
}

// The XMPP endpoints and the upload proxy share the origin in some deployments: a navigation
// to them (a person opening a download link) must reach the server, never the app shell.
const SERVER_PATHS = ['xmpp-websocket', 'http-bind', 'file_share', 'upload', '.well-known'];

/** The app is one page (hash routes); any other path here that a person opens is the app too. */
function isAppPage(path: string): boolean {
  const first = path.split('/')[0] ?? '';
  if (SERVER_PATHS.includes(first)) return false;
  // A file with an extension other than .html is a file (a source map, a picture), not a page.
  const last = path.split('/').pop() ?? '';
  return !last.includes('.') || last.endsWith('.html');
}
