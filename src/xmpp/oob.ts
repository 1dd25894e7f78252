// XEP-0066 out-of-band data, the <x xmlns='jabber:x:oob'/> a message carries a shared file's
// URL in (XEP-0363 uploads are shared this way, with the same URL as the body).
import xml, { type Element } from '@xmpp/xml';
import { shortText } from './stanza';
import { xmlText } from './text';
import type { OutOfBand } from './types';

export const NS_OOB = 'jabber:x:oob';

export const MAX_URL = 8192; // characters; a longer URL is refused, not cut

/** True when `s` holds an ASCII control character (C0 or DEL). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * `s` trimmed, when it is an absolute http: or https: URL that fetch() accepts as it is:
 * at most MAX_URL characters, no control characters (the URL parser would silently drop tabs
 * and newlines, so what is shown would differ from what is fetched), and no user:password@
 * (fetch refuses those, and `https://bank.example@evil.example/` is a phishing trick).
 * Undefined otherwise. The string is returned as given, not normalized by the URL parser, so
 * it still equals a body that repeats it.
 */
export function httpUrl(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  if (!t || t.length > MAX_URL || hasControl(t)) return undefined;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username !== '' || u.password !== '') return undefined;
  return t;
}

/** `<x xmlns='jabber:x:oob'><url/><desc/></x>`, <desc/> only when non-empty. */
export function buildOob(opts: OutOfBand): Element {
  const { url, desc } = opts;
  return xml(
    'x',
    { xmlns: NS_OOB },
    xml('url', {}, xmlText(url)),
    desc ? xml('desc', {}, xmlText(desc)) : undefined,
  );
}

/**
 * The first jabber:x:oob <x/> among `el`'s children (a <message/>), when its <url/> is an
 * http(s) URL (see httpUrl); undefined otherwise, also when that first <x/> is unusable.
 */
export function parseOob(el: Element | null | undefined): OutOfBand | undefined {
  if (typeof el?.getChild !== 'function') return undefined;
  const x = el.getChild('x', NS_OOB);
  if (!x) return undefined;
  const url = httpUrl(x.getChildText('url', NS_OOB));
  if (!url) return undefined;
  const desc = shortText(x.getChildText('desc', NS_OOB));
  return desc ? { url, desc } : { url };
}
