import { createSignal } from 'solid-js';
import {
  type AccountDb,
  accountDb,
  clearCurrentSession,
  currentSession,
  forgetAccount,
  setCurrentSession,
  setMeta,
} from '../db';
import {
  ConnectError,
  type ConnectErrorCode,
  type Engine,
  openSession,
  startEngine,
} from '../engine';
import type { XmppSession } from '../xmpp/session';
import { loadConfig } from './config';
import { startIdle } from './idle';

export type AuthState =
  | { phase: 'loading' }
  | { phase: 'signedOut' }
  | { phase: 'signedIn'; account: string; live: boolean };

const [auth, setAuth] = createSignal<AuthState>({ phase: 'loading' });

export { auth };

let live: { session: XmppSession; engine: Engine; stopIdle: () => void } | null = null;
let db: AccountDb | null = null;

/** The signed-in account's database; commands write here. */
export function currentDb(): AccountDb {
  if (!db) throw new Error('not signed in');
  return db;
}

export function currentAccount(): string | null {
  const a = auth();
  return a.phase === 'signedIn' ? a.account : null;
}

/** On page load: show the last account's data at once, from IndexedDB, before any network. */
export async function restore() {
  const s = await currentSession();
  if (!s) return setAuth({ phase: 'signedOut' });
  db = accountDb(s.account);
  await setMeta(db, 'connection', { status: 'offline', at: Date.now() });
  setAuth({ phase: 'signedIn', account: s.account, live: false });
}

export function splitAddress(address: string, defaultDomain: string) {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  const username = at >= 0 ? a.slice(0, at) : a;
  const domain = at >= 0 ? a.slice(at + 1) : defaultDomain;
  if (!username || !domain || /[\s/"&'<>:]/.test(username) || /[\s/@]/.test(domain))
    throw new ConnectError('not-acceptable', 'address');
  return { username, domain, bare: `${username}@${domain}` };
}

/** Sign in (or create the account first). Throws ConnectError with a code the UI can word. */
export async function signIn(address: string, password: string, opts: { register?: boolean } = {}) {
  const cfg = await loadConfig();
  const { username, domain, bare } = splitAddress(address, cfg.domain);
  if (!password) throw new ConnectError('auth', 'empty password');
  const prior = await currentSession();
  const resource =
    prior?.account === bare ? prior.resource : `parley-${crypto.randomUUID().slice(0, 8)}`;
  const session = await openSession({
    service: cfg.websocketUrl,
    domain,
    username,
    password,
    resource,
    ...(opts.register ? { register: true } : {}),
  });
  await stopLive();
  db = accountDb(bare);
  await setCurrentSession(bare, resource);
  const engine = startEngine({ db, session, account: bare });
  const stopIdle = startIdle(db, cfg.idleAwayMinutes);
  live = { session, engine, stopIdle };
  setAuth({ phase: 'signedIn', account: bare, live: true });
}

async function stopLive() {
  if (!live) return;
  const { session, engine, stopIdle } = live;
  live = null;
  stopIdle();
  engine.stop();
  await session.stop();
}

/** Sign out; with `forget`, delete everything this browser keeps for the account. */
export async function signOut(opts: { forget: boolean }) {
  const account = currentAccount();
  await stopLive();
  db = null;
  if (account && opts.forget) await forgetAccount(account);
  else await clearCurrentSession();
  setAuth({ phase: 'signedOut' });
}

export function errorCode(err: unknown): ConnectErrorCode {
  return err instanceof ConnectError ? err.code : 'other';
}
