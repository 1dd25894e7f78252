// SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677) on WebCrypto, for @xmpp/sasl.
// It keeps only the salted keys, so "remember me" never stores the password itself.

export type ScramMechanism = 'SCRAM-SHA-1' | 'SCRAM-SHA-256';

export interface ScramKeys {
  mechanism: ScramMechanism;
  salt: string; // base64, as the server sent it
  iterations: number;
  clientKey: string; // base64
  serverKey: string; // base64
}

export interface ScramCredentials {
  username: string;
  password?: string;
  keys?: ScramKeys;
  /** Called with the keys this sign-in used, so they can be kept instead of the password. */
  onKeys?: (keys: ScramKeys) => void;
}

const HASH: Record<ScramMechanism, 'SHA-1' | 'SHA-256'> = {
  'SCRAM-SHA-1': 'SHA-1',
  'SCRAM-SHA-256': 'SHA-256',
};

const enc = new TextEncoder();
const toB64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
/** @xmpp/sasl base64-encodes with btoa: responses must be byte strings. */
const byteString = (s: string) => String.fromCharCode(...enc.encode(s));

async function hmac(hash: string, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    { name: 'HMAC', hash },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data as BufferSource));
}

async function digest(hash: string, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, data as BufferSource));
}

export async function deriveKeys(
  mechanism: ScramMechanism,
  password: string,
  salt: string,
  iterations: number,
): Promise<ScramKeys> {
  const hash = HASH[mechanism];
  const base = await crypto.subtle.importKey(
    'raw',
    enc.encode(password.normalize('NFKC')) as BufferSource,
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = hash === 'SHA-1' ? 160 : 256;
  const salted = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash, salt: fromB64(salt) as BufferSource, iterations },
      base,
      bits,
    ),
  );
  const clientKey = await hmac(hash, salted, enc.encode('Client Key'));
  const serverKey = await hmac(hash, salted, enc.encode('Server Key'));
  return { mechanism, salt, iterations, clientKey: toB64(clientKey), serverKey: toB64(serverKey) };
}

function saslName(s: string) {
  return s.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttrs(msg: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of msg.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) m.set(part.slice(0, i), part.slice(i + 1));
  }
  return m;
}

async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}

export class ScramError extends Error {
  override name = 'ScramError';
}

/** Builds a saslmechanisms-style class for one SCRAM variant. */
export function scramMechanism(
  mechanism: ScramMechanism,
  nonce = () => toB64(crypto.getRandomValues(new Uint8Array(18))),
) {
  return class Scram {
    static prototype_name = mechanism;
    name = mechanism;
    clientFirst = true;
    private step = 0;
    private cnonce = nonce();
    private clientFirstBare = '';
    private serverFirst = '';

    async response(cred: ScramCredentials): Promise<string> {
      if (this.step === 0) {
        this.step = 1;
        this.clientFirstBare = `n=${saslName(cred.username)},r=${this.cnonce}`;
        return byteString(`n,,${this.clientFirstBare}`);
      }
      const attrs = parseAttrs(this.serverFirst);
      const r = attrs.get('r') ?? '';
      const s = attrs.get('s') ?? '';
      const i = Number(attrs.get('i'));
      if (!r.startsWith(this.cnonce) || !s || !Number.isInteger(i) || i < 1)
        throw new ScramError('server-first-message is invalid');
      const known = cred.keys;
      const keys =
        known && known.mechanism === mechanism && known.salt === s && known.iterations === i
          ? known
          : cred.password
            ? await timed('parley:scram:derive', () =>
                deriveKeys(mechanism, cred.password ?? '', s, i),
              )
            : null;
      if (!keys)
        throw new ScramError('stored keys do not match the server; the password is needed');
      cred.onKeys?.(keys);
      const hash = HASH[mechanism];
      const clientFinalBare = `c=biws,r=${r}`;
      const authMessage = enc.encode(
        `${this.clientFirstBare},${this.serverFirst},${clientFinalBare}`,
      );
      const clientKey = fromB64(keys.clientKey);
      const storedKey = await digest(hash, clientKey);
      const signature = await hmac(hash, storedKey, authMessage);
      const proof = clientKey.map((b, idx) => b ^ (signature[idx] ?? 0));
      this.step = 2;
      return byteString(`${clientFinalBare},p=${toB64(proof)}`);
    }

    async challenge(chal: string) {
      // atob gave a byte string; the attributes are ASCII.
      this.serverFirst = chal;
      return this;
    }
  };
}
