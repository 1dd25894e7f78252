// The server's half of SCRAM (RFC 5802, RFC 7677) on node:crypto, with a fixed salt per user,
// so that keys a client kept from one sign-in fit the next, as with a real server.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramHash = 'sha1' | 'sha256';
export const SCRAM_MECHANISMS: Record<string, ScramHash> = {
  'SCRAM-SHA-256': 'sha256',
  'SCRAM-SHA-1': 'sha1',
};

/** What the server keeps of a password: never the password. */
export interface StoredScram {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (hash: ScramHash, key: Buffer, data: string) =>
  createHmac(hash, key).update(data).digest();

export function storeScram(hash: ScramHash, password: string, salt: Buffer, iterations = 4096) {
  const length = hash === 'sha1' ? 20 : 32;
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, length, hash);
  const clientKey = hmac(hash, salted, 'Client Key');
  return {
    salt,
    iterations,
    storedKey: createHash(hash).update(clientKey).digest(),
    serverKey: hmac(hash, salted, 'Server Key'),
  } satisfies StoredScram;
}

function attrs(msg: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of msg.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) m.set(part.slice(0, i), part.slice(i + 1));
  }
  return m;
}

/**
 * One SCRAM exchange. `first` takes the client-first message and returns the server-first (or
 * null: malformed); `final` takes the client-final and returns the server-final (`v=…`), or
 * null when the proof is wrong.
 */
export function scramExchange(hash: ScramHash, lookup: (user: string) => StoredScram | undefined) {
  let user = '';
  let clientFirstBare = '';
  let serverFirst = '';
  let nonce = '';
  let stored: StoredScram | undefined;
  return {
    get user() {
      return user;
    },
    first(clientFirst: string): string | null {
      // No channel binding: gs2 header "n,,".
      if (!clientFirst.startsWith('n,,')) return null;
      clientFirstBare = clientFirst.slice(3);
      const a = attrs(clientFirstBare);
      user = (a.get('n') ?? '').replace(/=2C/g, ',').replace(/=3D/g, '=');
      stored = lookup(user);
      const cnonce = a.get('r');
      if (!stored || !cnonce) return null;
      nonce = cnonce + randomBytes(12).toString('base64');
      serverFirst = `r=${nonce},s=${stored.salt.toString('base64')},i=${stored.iterations}`;
      return serverFirst;
    },
    final(clientFinal: string): string | null {
      if (!stored) return null;
      const a = attrs(clientFinal);
      if (a.get('c') !== 'biws' || a.get('r') !== nonce) return null;
      const proof = Buffer.from(a.get('p') ?? '', 'base64');
      const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const signature = hmac(hash, stored.storedKey, authMessage);
      if (proof.length !== signature.length) return null;
      const clientKey = Buffer.from(proof.map((b, i) => b ^ (signature[i] ?? 0)));
      const storedKey = createHash(hash).update(clientKey).digest();
      if (!timingSafeEqual(storedKey, stored.storedKey)) return null;
      return `v=${hmac(hash, stored.serverKey, authMessage).toString('base64')}`;
    },
  };
}
