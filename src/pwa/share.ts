// Web Share Target (POST, multipart): the system share sheet posts a picture, file or link to
// the app's share path. The worker keeps it in Cache Storage, which the page can read too, and
// sends the browser to the app's "Send to…" picker (#/share?id=...). Cache Storage, not a
// message to a page: the app may not be open yet, and a reload of the picker must still work.
//
// The page-side reader is src/app/share.ts; the layers keep the two apart, so the cache name
// and key layout are written in both (the e2e share test exercises them together).

export const SHARE_CACHE = 'parley-share';
/** At most this many files from one share; the rest are dropped (and counted). */
export const MAX_SHARED_FILES = 10;
const MAX_TEXT = 10_000;
/** Shares left unsent (the picker closed) are dropped after a day. */
const KEEP_MS = 24 * 60 * 60 * 1000;

export interface SharedMeta {
  id: string;
  at: number;
  title?: string;
  text?: string;
  url?: string;
  files: Array<{ name: string; type: string; size: number }>;
  /** Files over MAX_SHARED_FILES that were not kept. */
  dropped: number;
}

/** The part of the Cache API the store uses, so tests can pass a Map-backed one. */
export interface CacheLike {
  put(key: string, res: Response): Promise<void>;
  match(key: string): Promise<Response | undefined>;
  keys(): Promise<ReadonlyArray<{ url: string }>>;
  delete(key: string): Promise<boolean>;
}

export const shareKey = (scope: string, id: string, part: string) =>
  new URL(`__share/${id}/${part}`, scope).href;

function field(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  if (typeof v !== 'string') return undefined;
  const s = v.trim().slice(0, MAX_TEXT);
  return s || undefined;
}

/** Keep what was shared; returns its id. Older shares are swept on the way. */
export async function storeShare(
  form: FormData,
  cache: CacheLike,
  scope: string,
  id: string,
  now: number,
): Promise<string> {
  await sweepShares(cache, now);
  const all = form.getAll('files').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  const files = all.slice(0, MAX_SHARED_FILES);
  const meta: SharedMeta = { id, at: now, files: [], dropped: all.length - files.length };
  const title = field(form, 'title');
  const text = field(form, 'text');
  const url = field(form, 'url');
  if (title) meta.title = title;
  if (text) meta.text = text;
  if (url) meta.url = url;
  for (const [i, f] of files.entries()) {
    const type = f.type || 'application/octet-stream';
    meta.files.push({ name: f.name || 'file', type, size: f.size });
    await cache.put(
      shareKey(scope, id, `file/${i}`),
      new Response(f, { headers: { 'Content-Type': type } }),
    );
  }
  await cache.put(
    shareKey(scope, id, 'meta'),
    new Response(JSON.stringify(meta), { headers: { 'Content-Type': 'application/json' } }),
  );
  return id;
}

/** Drop shares older than a day: a share never sent must not fill the disk. */
async function sweepShares(cache: CacheLike, now: number) {
  const keys = await cache.keys();
  for (const k of keys) {
    if (!k.url.endsWith('/meta')) continue;
    const res = await cache.match(k.url);
    const at = res ? Number(((await res.json()) as { at?: unknown }).at) : 0;
    if (Number.isFinite(at) && now - at < KEEP_MS) continue;
    const prefix = k.url.slice(0, -'meta'.length);
    for (const other of keys) if (other.url.startsWith(prefix)) await cache.delete(other.url);
  }
}
