/**
 * What an `xmpp:` URI (RFC 5122) asks Parley to open. Nothing here acts: `?message` only
 * prefills the composer and `?join` only opens the join form, so a link can never send or join
 * without the person's click.
 */
export type XmppUriTarget =
  | { action: 'chat'; jid: string; body?: string }
  | { action: 'join'; room: string };

export type XmppUriResult = { ok: true; target: XmppUriTarget } | { ok: false; reason: string };

// A bare address: a localpart without the characters XMPP forbids there, and a host name.
const BARE_JID = /^([^@\s/"&'<>:]{1,1023})@((?:[^@\s/.:]+\.)*[^@\s/.:]+)$/u;
// The longest prefilled body taken from a link; longer text is refused rather than cut.
const MAX_BODY = 10_000;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The bare address of `path`, lowercased (a resource is dropped), or null when invalid. */
function bareJid(path: string): string | null {
  const decoded = decode(path);
  if (decoded === null) return null;
  const bare = decoded.split('/', 1)[0] ?? '';
  const m = BARE_JID.exec(bare);
  if (!m) return null;
  // Control characters never belong in an address (and would hide what it is on screen).
  for (const ch of bare) if ((ch.codePointAt(0) ?? 0) < 0x20) return null;
  return bare.toLowerCase();
}

/** `key=value` pairs after the query type (`;`-separated, each part percent-encoded). */
function queryPairs(parts: readonly string[]): Map<string, string> | null {
  const pairs = new Map<string, string>();
  for (const part of parts) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === null || value === null) return null;
    if (!pairs.has(key)) pairs.set(key, value);
  }
  return pairs;
}

/** Parse an `xmpp:` URI; never throws, and says why it refused one. */
export function parseXmppUri(input: string): XmppUriResult {
  const uri = input.trim();
  if (!/^xmpp:/i.test(uri)) return { ok: false, reason: 'not an xmpp: URI' };
  let rest = uri.slice(5);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  // `xmpp://account@host/target`: the authority names the account to act as; Parley has one.
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    if (slash < 0) return { ok: false, reason: 'no target after the account' };
    rest = rest.slice(slash + 1);
  }
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const jid = bareJid(path);
  if (!jid) return { ok: false, reason: 'not a valid address' };
  const [type = '', ...params] = q < 0 ? [] : rest.slice(q + 1).split(';');
  const pairs = queryPairs(params);
  if (!pairs) return { ok: false, reason: 'bad percent-encoding in the query' };
  const action = decode(type)?.toLowerCase() ?? '';
  // A room password in a link is not taken: the person types it into the form if needed.
  if (action === 'join') return { ok: true, target: { action: 'join', room: jid } };
  if (action === 'message') {
    const body = pairs.get('body');
    if (body && body.length > MAX_BODY) return { ok: false, reason: 'body too long' };
    return { ok: true, target: { action: 'chat', jid, ...(body ? { body } : {}) } };
  }
  // RFC 5122 §2.5: a query type not understood is ignored, the URI opens its address.
  return { ok: true, target: { action: 'chat', jid } };
}
