import { createSignal } from 'solid-js';
import {
  type AccountDb,
  accountDb,
  clearCurrentSession,
  currentSession,
  forgetAccount,
  type StoredKeys,
  setCurrentSession,
  setMeta,
} from '../db';
import {
  ConnectError,
  type ConnectErrorCode,
  type Engine,
  openSession,
  startEngine,
  type XmppSession,
} from '../engine';
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
let retry: ReturnType<typeof setTimeout> | undefined;

// Without "keep me signed in", the SCRAM keys live in this tab only: gone when it closes.
const TAB_KEYS = 'parley.tabKeys';

/** The signed-in account's database; commands write here. */
export function currentDb(): AccountDb {
  if (!db) throw new Error('not signed in');
  return db;
}

export function currentAccount(): string | null {
  const a = auth();
  return a.phase === 'signedIn' ? a.account : null;
}

export function splitAddress(address: string, defaultDomain: string) {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  const username = at >= 0 ? a.slice(0, at) : a;
  const domain = at >= 0 ? a.slice(at + 1) : defaultDomain;
  if (!username || !domain || /[\s/"&'<>:@]/.test(username) || /[\s/@]/.test(domain))
    throw new ConnectError('not-acceptable', 'address');
  return { username, domain, bare: `${username}@${domain}` };
}

function tabKeys(account: string): StoredKeys | undefined {
  try {
    const raw = sessionStorage.getItem(TAB_KEYS);
    const v = raw ? (JSON.parse(raw) as { account: string; keys: StoredKeys }) : null;
    return v?.account === account ? v.keys : undefined;
  } catch {
    return undefined;
  }
}

/** On page load: show the last account's data at once, from IndexedDB, then reconnect. */
export async function restore() {
  const s = await currentSession();
  if (!s) return setAuth({ phase: 'signedOut' });
  db = accountDb(s.account);
  await setMeta(db, 'connection', { status: 'connecting', at: Date.now() });
  setAuth({ phase: 'signedIn', account: s.account, live: false });
  const keys = s.keys ?? tabKeys(s.account);
  if (keys) void resume(s.account, s.resource, keys, Boolean(s.keys), 0);
  else await setMeta(db, 'connection', { status: 'offline', at: Date.now() });
}

async function resume(
  account: string,
  resource: string,
  keys: StoredKeys,
  remember: boolean,
  attempt: number,
) {
  try {
    await connect(account, { scramKeys: keys }, { resource, remember });
  } catch (err) {
    const code = errorCode(err);
    if (code === 'auth' || !db) {
      // The keys no longer work (password changed): ask for the password.
      await setMeta(currentDb(), 'connection', { status: 'offline', error: code, at: Date.now() });
      return;
    }
    const delay = Math.min(60_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
    await setMeta(currentDb(), 'connection', {
      status: 'offline',
      error: code,
      at: Date.now() + delay,
    });
    retry = setTimeout(() => void resume(account, resource, keys, remember, attempt + 1), delay);
  }
}

interface Secret {
  password?: string;
  scramKeys?: StoredKeys;
}

async function connect(
  address: string,
  secret: Secret,
  opts: { register?: boolean; remember: boolean; resource?: string },
) {
  performance.mark('parley:signin:start');
  const cfg = await loadConfig();
  const { username, domain, bare } = splitAddress(address, cfg.domain);
  const prior = await currentSession();
  performance.mark('parley:signin:local-ready');
  const resource =
    opts.resource ??
    (prior?.account === bare ? prior.resource : `parley-${crypto.randomUUID().slice(0, 8)}`);
  let keys: StoredKeys | undefined;
  // Open the account's database while the network handshake runs.
  const dbReady = accountDb(bare)
    .open()
    .catch(() => undefined);
  const session = await openSession({
    service: cfg.websocketUrl,
    domain,
    username,
    resource,
    ...secret,
    onScramKeys: (k) => {
      keys = k;
    },
    ...(opts.register ? { register: true } : {}),
  });
  await stopLive();
  await dbReady;
  db = accountDb(bare);
  await setCurrentSession(bare, resource, opts.remember ? keys : undefined);
  if (!opts.remember && keys)
    sessionStorage.setItem(TAB_KEYS, JSON.stringify({ account: bare, keys }));
  else sessionStorage.removeItem(TAB_KEYS);
  const engine = startEngine({ db, session, account: bare });
  const stopIdle = startIdle(db, cfg.idleAwayMinutes);
  live = { session, engine, stopIdle };
  setAuth({ phase: 'signedIn', account: bare, live: true });
}

/** Sign in (or create the account first). Throws ConnectError with a code the UI can word. */
export async function signIn(
  address: string,
  password: string,
  opts: { register?: boolean; remember?: boolean } = {},
) {
  if (!password) throw new ConnectError('auth', 'empty password');
  clearTimeout(retry);
  await connect(address, { password }, { ...opts, remember: opts.remember ?? false });
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
  clearTimeout(retry);
  await stopLive();
  db = null;
  sessionStorage.removeItem(TAB_KEYS);
  if (account && opts.forget) await forgetAccount(account);
  else await clearCurrentSession();
  setAuth({ phase: 'signedOut' });
}

export function errorCode(err: unknown): ConnectErrorCode {
  return err instanceof ConnectError ? err.code : 'other';
}
