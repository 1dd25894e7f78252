import { createSignal } from 'solid-js';
import {
  type AccountDb,
  accountDb,
  clearCurrentSession,
  currentSession,
  forgetAccount,
  liveQuery,
  type Message,
  type OutboxRow,
  rootDb,
  type SessionRow,
  type StoredKeys,
  setCurrentSession,
  setMeta,
} from '../db';
import type { Engine, UploadService } from '../engine';
import {
  ConnectError,
  type ConnectErrorCode,
  createRetry,
  onWakeSignals,
  type XmppSession,
} from '../engine/light';
import { loadConfig, type RuntimeConfig } from './config';
import { startIdle } from './idle';
import { joinElection } from './leader';

export type AuthState =
  | { phase: 'loading' }
  | { phase: 'signedOut' }
  | { phase: 'signedIn'; account: string };

const [auth, setAuth] = createSignal<AuthState>({ phase: 'loading' });

export { auth };

let live: { session: XmppSession; engine: Engine; stopIdle: () => void } | null = null;
let db: AccountDb | null = null;
let election: ReturnType<typeof joinElection> | null = null;
let resumer: ReturnType<typeof createRetry> | null = null;
let stopWake: (() => void) | null = null;
/** Keys in memory only: from this tab's sign-in or handed over by the leader tab. */
let memoryKeys: { account: string; keys: StoredKeys } | null = null;

// Without "keep me signed in", the SCRAM keys live in this tab only: gone when it closes.
const TAB_KEYS = 'parley.tabKeys';
const LOCK = 'parley-leader';

/** Requests to the engine that any tab may make; the leader tab answers (see engineCall). */
export interface EngineCalls {
  uploadService: { args: []; result: UploadService | null };
  mucService: { args: []; result: string | null };
  roomDirectory: { args: [service: string]; result: Array<{ jid: string; name?: string }> };
  sendNow: { args: [msg: Message, row: OutboxRow]; result: boolean };
}
type CallName = keyof EngineCalls;
type Args<K extends CallName> = EngineCalls[K]['args'];
type Result<K extends CallName> = EngineCalls[K]['result'];

type TabMessage =
  | { type: 'call'; account: string; id: string; name: CallName; args: unknown[] }
  | { type: 'answer'; account: string; id: string; value?: unknown; error?: string }
  | { type: 'keys?'; account: string }
  | { type: 'keys'; account: string; keys: StoredKeys }
  | { type: 'signin'; account: string; password: string };
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('parley');

/** The signed-in account's database; commands write here. */
export function currentDb(): AccountDb {
  if (!db) throw new Error('not signed in');
  return db;
}

export function currentAccount(): string | null {
  const a = auth();
  return a.phase === 'signedIn' ? a.account : null;
}

export function isLeader(): boolean {
  return election?.isLeader() ?? false;
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
  if (memoryKeys?.account === account) return memoryKeys.keys;
  try {
    const raw = sessionStorage.getItem(TAB_KEYS);
    const v = raw ? (JSON.parse(raw) as { account: string; keys: StoredKeys }) : null;
    return v?.account === account ? v.keys : undefined;
  } catch {
    return undefined;
  }
}

channel?.addEventListener('message', (e: MessageEvent<TabMessage>) => {
  const m = e.data;
  const account = currentAccount();
  if (!account || m.account !== account) return;
  if (m.type === 'keys?' && isLeader()) {
    const keys = tabKeys(account);
    if (keys) channel.postMessage({ type: 'keys', account, keys } satisfies TabMessage);
  } else if (m.type === 'keys') {
    memoryKeys = { account, keys: m.keys };
  } else if (m.type === 'signin' && isLeader()) {
    void signIn(account, m.password).catch(() => {});
  } else if (m.type === 'call' && live) {
    const reply = (a: { value?: unknown; error?: string }) =>
      channel.postMessage({ type: 'answer', account, id: m.id, ...a } satisfies TabMessage);
    void callHere(m.name, ...(m.args as Args<typeof m.name>)).then(
      (value) => reply({ value }),
      (err: unknown) => reply({ error: String(err) }),
    );
  } else if (m.type === 'answer') {
    const wait = calls.get(m.id);
    calls.delete(m.id);
    if (m.error !== undefined) wait?.reject(new Error(m.error));
    else wait?.resolve(m.value);
  }
});

const calls = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
const CALL_TIMEOUT_MS = 20_000;

function callHere<K extends CallName>(name: K, ...args: Args<K>): Promise<Result<K>> {
  if (!live) return Promise.reject(new Error('offline'));
  const engine = live.engine;
  const calls: { [N in CallName]: (...a: Args<N>) => Promise<Result<N>> } = {
    uploadService: () => engine.uploadService(),
    mucService: () => engine.mucService(),
    roomDirectory: (service) => engine.roomDirectory(service),
    sendNow: (msg, row) => engine.sendNow(msg, row),
  };
  const call = calls[name] as ((...a: Args<K>) => Promise<Result<K>>) | undefined;
  return call ? call(...args) : Promise.reject(new Error(`unknown call ${name}`));
}

/**
 * Fetch the engine and the XMPP library while the person types their address and password:
 * after the sign-in screen shows, not before it.
 */
export function preloadEngine(): void {
  const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1));
  idle(() => void import('../engine').catch(() => {}));
}

/** This tab holds the connection (its engine runs here). */
export function holdsConnection(): boolean {
  return live !== null;
}

/**
 * Ask the engine something (disco and the like, not in the mirror). In the tab that holds the
 * connection it is a direct call; other tabs ask that tab over the BroadcastChannel.
 */
export function engineCall<K extends CallName>(name: K, ...args: Args<K>): Promise<Result<K>> {
  if (live) return callHere(name, ...args);
  const account = currentAccount();
  if (!account || !channel) return Promise.reject(new Error('offline'));
  const id = crypto.randomUUID();
  return new Promise<Result<K>>((resolve, reject) => {
    const timer = setTimeout(() => {
      calls.delete(id);
      reject(new Error('timeout'));
    }, CALL_TIMEOUT_MS);
    calls.set(id, {
      resolve: (v) => {
        clearTimeout(timer);
        resolve(v as Result<K>);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    channel.postMessage({ type: 'call', account, id, name, args } satisfies TabMessage);
  });
}

/** On page load: show the last account's data at once, from IndexedDB, then connect. */
export async function restore() {
  const s = await currentSession();
  if (s) enterAccount(s);
  else setAuth({ phase: 'signedOut' });
  // Every tab follows sign-in and sign-out done in any other tab.
  liveQuery(() => rootDb().session.get('current')).subscribe({
    next: (row) => {
      const mine = currentAccount();
      if (row && row.account !== mine) {
        if (mine) leaveAccount();
        enterAccount(row);
      } else if (!row && mine) {
        leaveAccount();
        setAuth({ phase: 'signedOut' });
      }
    },
  });
}

/** Show an account from the local mirror; whichever tab wins the election connects. */
function enterAccount(s: SessionRow) {
  if (currentAccount() === s.account) return;
  db = accountDb(s.account);
  setAuth({ phase: 'signedIn', account: s.account });
  channel?.postMessage({ type: 'keys?', account: s.account } satisfies TabMessage);
  election ??= joinElection(LOCK, () => becomeLeader(s.account));
}

function leaveAccount() {
  resumer?.stop();
  stopWake?.();
  void stopLive();
  election?.release();
  election = null;
  db = null;
  memoryKeys = null;
}

async function becomeLeader(account: string) {
  if (live || currentAccount() !== account) return;
  const row = await currentSession();
  if (!row || row.account !== account || !db) return;
  const keys = row.keys ?? tabKeys(account);
  if (!keys) {
    await setMeta(db, 'connection', { status: 'offline', error: 'auth', at: Date.now() });
    return;
  }
  const cfg = await loadConfig();
  const target = db;
  resumer = createRetry({
    maxDelayMs: cfg.reconnectMaxSeconds * 1000,
    attempt: () =>
      connect(
        account,
        { scramKeys: keys },
        { resource: row.resource, remember: Boolean(row.keys) },
      ),
    fatal: (err) => errorCode(err) === 'auth',
    onTrying: () => void setMeta(target, 'connection', { status: 'connecting', at: Date.now() }),
    onWaiting: (retryAt, err) =>
      void setMeta(target, 'connection', {
        status: 'offline',
        error: errorCode(err),
        retryAt,
        at: Date.now(),
      }),
    onGiveUp: () =>
      void setMeta(target, 'connection', { status: 'offline', error: 'auth', at: Date.now() }),
  });
  stopWake = onWakeSignals(() => resumer?.now());
  resumer.start();
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
  // The engine and the XMPP library load on the first connection, not with the first screen.
  const { openSession, startEngine } = await import('../engine');
  const session = await openSession({
    // WebSocket when there is one; BOSH when it is all there is, or when a WebSocket fails.
    service: cfg.websocketUrl ?? cfg.boshUrl ?? '',
    ...(cfg.websocketUrl && cfg.boshUrl ? { fallbackService: cfg.boshUrl } : {}),
    domain,
    username,
    resource,
    timeoutMs: cfg.connectTimeoutSeconds * 1000,
    ...secret,
    onScramKeys: (k) => {
      keys = k;
    },
    ...(opts.register ? { register: true } : {}),
  });
  await stopLive();
  await dbReady;
  if (currentAccount() && currentAccount() !== bare) leaveAccount();
  db = accountDb(bare);
  if (keys) memoryKeys = { account: bare, keys };
  if (!opts.remember && keys)
    sessionStorage.setItem(TAB_KEYS, JSON.stringify({ account: bare, keys }));
  else sessionStorage.removeItem(TAB_KEYS);
  live = startLive(startEngine, db, session, bare, cfg);
  setAuth({ phase: 'signedIn', account: bare });
  election ??= joinElection(LOCK, () => {});
  await setCurrentSession(bare, resource, opts.remember ? keys : undefined);
}

function startLive(
  startEngine: typeof import('../engine').startEngine,
  target: AccountDb,
  session: XmppSession,
  account: string,
  cfg: RuntimeConfig,
) {
  const engine = startEngine({
    db: target,
    session,
    account,
    connectivity: {
      reconnectMaxMs: cfg.reconnectMaxSeconds * 1000,
      keepaliveMs: cfg.keepaliveSeconds * 1000,
      keepaliveTimeoutMs: cfg.keepaliveTimeoutSeconds * 1000,
      connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
    },
  });
  const idle = startIdle(target, cfg.idleAwayMinutes);
  // A reload signs in again with the same resource: end this session as the page goes, or the
  // server keeps it for resumption and later hands its room exits to the new one.
  // Not when another tab waits to lead: it signs in at once and replaces this session, and
  // closing first made that handover slower than the 2 s tabs.spec.ts allows.
  let followers = false;
  const checkFollowers = () =>
    void globalThis.navigator?.locks
      ?.query()
      .then((s) => {
        followers = (s.pending ?? []).some((l) => l.name === LOCK);
      })
      .catch(() => {});
  checkFollowers();
  const followerTimer = setInterval(checkFollowers, 3000);
  const onPageHide = () => {
    if (!followers) session.closeNow();
  };
  globalThis.addEventListener?.('pagehide', onPageHide);
  const stopIdle = () => {
    idle();
    clearInterval(followerTimer);
    globalThis.removeEventListener?.('pagehide', onPageHide);
  };
  return { session, engine, stopIdle };
}

/**
 * Sign in (or create the account first). Throws ConnectError with a code the UI can word.
 * In a tab that does not hold the connection, the leader tab signs in instead.
 */
export async function signIn(
  address: string,
  password: string,
  opts: { register?: boolean; remember?: boolean } = {},
) {
  if (!password) throw new ConnectError('auth', 'empty password');
  const account = currentAccount();
  if (account && election && !isLeader() && !opts.register) {
    channel?.postMessage({ type: 'signin', account, password } satisfies TabMessage);
    return;
  }
  resumer?.stop();
  if (!election) {
    // Signing in from the sign-in screen: take the lead first (nobody holds it when signed out).
    await new Promise<void>((resolve) => {
      election = joinElection(LOCK, resolve);
    });
  }
  try {
    await connect(address, { password }, { ...opts, remember: opts.remember ?? false });
  } catch (err) {
    if (!currentAccount()) {
      election?.release();
      election = null;
    }
    throw err;
  }
}

async function stopLive() {
  if (!live) return;
  const { session, engine, stopIdle } = live;
  live = null;
  stopIdle();
  engine.stop();
  await session.stop();
}

/** Ask the tab holding the connection to try again now. */
export async function retryNow() {
  await setMeta(currentDb(), 'retryNow', Date.now());
  resumer?.now();
}

/** Sign out everywhere in this browser; with `forget`, delete all the account's local data. */
export async function signOut(opts: { forget: boolean }) {
  const account = currentAccount();
  sessionStorage.removeItem(TAB_KEYS);
  leaveAccount();
  setAuth({ phase: 'signedOut' });
  if (account && opts.forget) await forgetAccount(account);
  else await clearCurrentSession();
}

export function errorCode(err: unknown): ConnectErrorCode {
  return err instanceof ConnectError ? err.code : 'other';
}
