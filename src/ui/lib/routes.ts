// The app's places as hash routes (#/chat/alice@example.com): one route pattern per screen,
// addresses percent-encoded in one segment (a room's private chat, room/nick, has a slash).

export type Place =
  | { view: 'list' }
  | { view: 'chat'; jid: string }
  | { view: 'room'; jid: string }
  | { view: 'open' }
  /** #/share?id=...: what another app shared, waiting for "Send to…" (the service worker). */
  | { view: 'share' };

/** An address as a path segment; `@` stays readable. */
const segment = (jid: string) => encodeURIComponent(jid).replaceAll('%40', '@');

export const listPath = () => '/';
export const chatPath = (jid: string) => `/chat/${segment(jid)}`;
export const roomPath = (jid: string) => `/room/${segment(jid)}`;

/** The place a path names; an unknown or malformed one is the list. */
export function placeOf(pathname: string): Place {
  const m = /^\/(chat|room|open|share)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return { view: 'list' };
  if (m[1] === 'open') return m[2] === undefined ? { view: 'open' } : { view: 'list' };
  if (m[1] === 'share') return m[2] === undefined ? { view: 'share' } : { view: 'list' };
  let jid: string;
  try {
    jid = decodeURIComponent(m[2] ?? '');
  } catch {
    return { view: 'list' };
  }
  if (!jid.includes('@')) return { view: 'list' };
  return m[1] === 'room' ? { view: 'room', jid } : { view: 'chat', jid };
}
