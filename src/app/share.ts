// What the system share sheet gave Parley (see src/pwa/share.ts, which stores it), read back
// by the "Send to…" picker, and sending it to the conversation the person picked.
import { CommandError, sendMessage } from './commands';
import { FileTooLargeError, prepareFile, sendFile } from './files';

// Written by the service worker in the same layout (src/pwa/share.ts; layers keep them apart).
const SHARE_CACHE = 'parley-share';
const key = (id: string, part: string) => new URL(`__share/${id}/${part}`, document.baseURI).href;

export interface Shared {
  id: string;
  /** Title, text and link joined as the message text; '' when only files came. */
  text: string;
  files: File[];
  /** Files past the limit of one share, not kept. */
  dropped: number;
}

interface Meta {
  title?: unknown;
  text?: unknown;
  url?: unknown;
  files?: unknown;
  dropped?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * A share sheet's title, text and link as one message. Apps put the link in `text`, in `url`,
 * or in both: it is written once.
 */
export function shareText(meta: { title?: string; text?: string; url?: string }): string {
  const parts: string[] = [];
  const text = meta.text ?? '';
  if (meta.title && !text.includes(meta.title)) parts.push(meta.title);
  if (text) parts.push(text);
  if (meta.url && !text.includes(meta.url)) parts.push(meta.url);
  return parts.join('\n');
}

/** The share with this id, or null when it is gone (sent already, or swept after a day). */
export async function readShare(id: string): Promise<Shared | null> {
  if (!/^[0-9a-f-]{36}$/.test(id) || typeof caches === 'undefined') return null;
  const cache = await caches.open(SHARE_CACHE);
  const res = await cache.match(key(id, 'meta'));
  if (!res) return null;
  const meta = (await res.json()) as Meta;
  const list = Array.isArray(meta.files) ? (meta.files as Array<{ name?: unknown }>) : [];
  const files: File[] = [];
  for (const [i, f] of list.entries()) {
    const body = await cache.match(key(id, `file/${i}`));
    if (!body) continue;
    const blob = await body.blob();
    files.push(new File([blob], str(f.name) || 'file', { type: blob.type }));
  }
  return {
    id,
    text: shareText({ title: str(meta.title), text: str(meta.text), url: str(meta.url) }),
    files,
    dropped: Number(meta.dropped) || 0,
  };
}

/** Forget a share: sent, or the person cancelled. */
export async function discardShare(id: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(SHARE_CACHE);
  const prefix = key(id, '');
  for (const req of await cache.keys()) if (req.url.startsWith(prefix)) await cache.delete(req);
}

/**
 * Send a share to `peer`: the files through the upload queue, then the text. Every file is
 * checked against the server's limit before anything is queued, so a share is sent whole or
 * not at all.
 */
export async function sendShare(peer: string, share: Shared, maxFileSize?: number) {
  if (maxFileSize !== undefined) {
    const big = share.files.find((f) => f.size > maxFileSize);
    if (big) throw new FileTooLargeError(maxFileSize, big.name);
  }
  if (!share.files.length && !share.text.trim()) throw new CommandError('empty');
  for (const f of share.files) await sendFile(peer, await prepareFile(f), maxFileSize);
  if (share.text.trim()) await sendMessage(peer, share.text);
  await discardShare(share.id);
}
