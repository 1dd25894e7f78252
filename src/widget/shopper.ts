// Who the shopper is: a guest (null), or the shop's signed-in customer, whom the shop's backend
// vouches for with a credential fetched when the widget needs to sign in (dev/customers.mjs is
// an example backend). Everything here comes from the host page: checked before use.
import type { WidgetUser } from './publicApi';
import { parseJid, parseSameOrigin, type UserSettings } from './settings';

export interface Credential {
  jid: string;
  password: string;
}

/** A known customer as the panel uses it: `credential()` asks the shop's backend each time. */
export interface Shopper {
  jid: string;
  name: string;
  email: string;
  credential: () => Promise<Credential>;
}

const MAX_TEXT = 80;
const clean = (v: unknown) =>
  typeof v === 'string'
    ? [...v]
        .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)
        .join('')
        .trim()
        .slice(0, MAX_TEXT)
    : '';

/** Check what the shop's backend answered: the address asked for and a password, nothing else. */
export function checkCredential(raw: unknown, jid: string): Credential {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const got = parseJid(r['jid']);
  const password = r['password'];
  if (got !== jid || typeof password !== 'string' || !password)
    throw new Error('the shop did not vouch for this customer');
  return { jid: got, password };
}

/** POST to the shop's own endpoint (its cookies say who is signed in) and check the answer. */
export function fetchCredential(url: string, jid: string): () => Promise<Credential> {
  return async () => {
    const res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (!res.ok) throw new Error(`the shop answered ${res.status}`);
    return checkCredential(await res.json(), jid);
  };
}

export function shopperFromSettings(u: UserSettings | null): Shopper | null {
  if (!u) return null;
  return {
    jid: u.jid,
    name: u.name,
    email: u.email,
    credential: fetchCredential(u.credentialUrl, u.jid),
  };
}

/** Parley.widget.setUser's argument, checked: a TypeError names what is wrong. */
export function shopperFromApi(v: WidgetUser | null, page: string): Shopper | null {
  if (v === null) return null;
  if (!v || typeof v !== 'object') throw new TypeError('Parley: setUser takes an object or null');
  const jid = parseJid(v.jid);
  if (!jid) throw new TypeError("Parley: setUser's jid is not a bare address");
  let credential: Shopper['credential'];
  if (typeof v.credential === 'function') {
    const ask = v.credential;
    credential = async () => checkCredential(await ask(), jid);
  } else {
    const url = parseSameOrigin(v.credential, page);
    if (!url)
      throw new TypeError("Parley: setUser's credential must be a URL on this page's origin");
    credential = fetchCredential(url, jid);
  }
  return { jid, name: clean(v.name), email: clean(v.email), credential };
}
