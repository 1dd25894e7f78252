// JIDs per RFC 7622, checked roughly: enough to refuse garbage, not a full PRECIS profile.

export interface Jid {
  local: string; // lowercased, '' when absent
  domain: string; // lowercased, trailing dot removed
  resource: string; // as sent, '' when absent
}

const MAX_PART_BYTES = 1023;
// RFC 7622 §3.3.1: characters a localpart may not hold.
const LOCAL_FORBIDDEN = /["&'/:<>@]/;
/** ASCII a domain may hold, by code: letters, digits, '-', '_', '.'. */
const ASCII_DOMAIN_CODE = Array.from({ length: 128 }, (_, c) =>
  /[a-z0-9._-]/i.test(String.fromCharCode(c)),
);
const IP6_LITERAL = /^\[[0-9a-f:.]+\]$/i;

/** UTF-8 bytes of `s`, counted without encoding it. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair: one character of four bytes
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Non-empty, within the length limit, no control characters or lone surrogates (and no white
 * space unless `allowSpace`). One pass over the characters: every stanza's addresses come here.
 */
function validPart(s: string, allowSpace: boolean): boolean {
  if (s.length === 0 || s.length > MAX_PART_BYTES) return false;
  // At most 3 bytes per UTF-16 unit: only a long part can be over the limit in bytes.
  if (s.length * 3 > MAX_PART_BYTES && utf8Length(s) > MAX_PART_BYTES) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false; // control characters
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1); // NaN past the end
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
    else if (!allowSpace && (c === 0x20 || (c > 0x7f && WHITE.test(s[i] as string)))) return false;
  }
  return true;
}

/** White space beyond ASCII's (the only ASCII white space past the controls is U+0020). */
const WHITE = /\s/;

function validDomain(d: string): boolean {
  if (!validPart(d, false)) return false;
  if (d.startsWith('[')) return IP6_LITERAL.test(d);
  // ASCII limited to letters, digits, '-', '_', '.'; other scripts are left to the server (IDNA).
  let labelStart = 0;
  for (let i = 0; i <= d.length; i++) {
    const c = i < d.length ? d.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (i === labelStart) return false; // an empty label
      labelStart = i + 1;
    } else if (c < 0x80 && !ASCII_DOMAIN_CODE[c]) return false;
  }
  return true;
}

/** Split and check a JID; null when it is not one. */
export function parseJid(s: string): Jid | null {
  if (typeof s !== 'string' || s.length === 0 || s.length > 3 * MAX_PART_BYTES + 2) return null;
  const slash = s.indexOf('/');
  const bare = slash === -1 ? s : s.slice(0, slash);
  const resource = slash === -1 ? '' : s.slice(slash + 1);
  if (slash !== -1 && !validPart(resource, true)) return null; // MUC nicks may hold spaces
  const at = bare.indexOf('@');
  if (at !== bare.lastIndexOf('@')) return null;
  const local = at === -1 ? '' : bare.slice(0, at);
  if (at !== -1 && (!validPart(local, false) || LOCAL_FORBIDDEN.test(local))) return null;
  let domain = bare.slice(at + 1);
  if (domain.endsWith('.')) domain = domain.slice(0, -1); // RFC 7622 §3.2
  if (!validDomain(domain)) return null;
  return {
    local: local.normalize('NFC').toLowerCase(),
    domain: domain.toLowerCase(),
    resource,
  };
}

/** The normalized bare JID (`local@domain` or `domain`), or '' when `s` is not a JID. */
export function bareJid(s: string): string {
  const j = parseJid(s);
  if (!j) return '';
  return j.local ? `${j.local}@${j.domain}` : j.domain;
}

/** The domain part (the server of an account), or '' when `s` is not a JID. */
export function domainOf(s: string): string {
  return parseJid(s)?.domain ?? '';
}

/** The resource part, or '' when there is none or `s` is not a JID. */
export function resourceOf(s: string): string {
  return parseJid(s)?.resource ?? '';
}

export function isValidBareJid(s: string): boolean {
  const j = parseJid(s);
  return j !== null && j.resource === '' && !s.includes('/');
}

/** Same account? False when either side is not a JID, so '' never matches ''. */
export function sameBare(a: string, b: string): boolean {
  const bare = bareJid(a);
  return bare !== '' && bare === bareJid(b);
}
