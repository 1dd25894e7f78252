import { createSignal } from 'solid-js';
import {
  type AccountDb,
  type AccountRow,
  accountDb,
  accountDbExists,
  clearCurrentSession,
  currentSession,
  forgetAccount,
  getAccountRow,
  lastAccount,
  liveQuery,
  putAccountRow,
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
import { completeAddress } from './address';
import { type BrowserSession, joinBrowserSession, sweepSessionOnly } from './browserSession';
import { loadConfig, type RuntimeConfig } from './config';
import { recoverStashedDraft } from './draftStash';
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
let browserSession: Promise<BrowserSession> | null = null;

/** The browser session this tab belongs to; session-only accounts live as long as it. */
function joinedSession(): Promise<BrowserSession> {
  browserSession ??= joinBrowserSession();
  return browserSession;
}

// Without "keep me signed in", the SCRAM keys live in this tab only: gone when it closes.
const TAB_KEYS = 'parley.tabKeys';
const LOCK = 'parley-leader';

/** Requests to the engine that any tab may make; the leader tab answers (see engineCall). */
export interface EngineCalls {
  uploadService: { args: []; result: UploadService | null };
  mucService: { args: []; result: string | null };
  roomDirectory: { args: [service: string]; result: Array<{ jid: string; name?: string }> };
}
type CallName = keyof EngineCalls;
type Args<K extends CallName> = EngineCalls[K]['args'];
type Result<K extends CallName> = EngineCalls[K]['result'];

// The typed password never crosses tabs: a tab that is not the leader checks it itself and
// hands the leader the SCRAM keys it derived ('signin'); the leader answers with the outcome.
type TabMessage =
  | { type: 'call'; account: string; id: string; name: CallName; args: unknown[] }
  | {
      type: 'answer';
      account: string;
      id: string;
      value?: unknown;
      error?: string;
      code?: ConnectErrorCode;
    }
  | { type: 'keys?'; account: string }
  | { type: 'keys'; account: string; keys: StoredKeys }
  | { type: 'signin'; account: string; id: string; keys: StoredKeys };
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

/** The address that signed in here last (never its password), while this browser holds it. */
export function lastAddress(): Promise<string | undefined> {
  return lastAccount();
}

export function splitAddress(address: string, defaultDomain: string) {
  const parts = completeAddress(address, defaultDomain);
  if (!parts) throw new ConnectError('not-acceptable', 'address');
  return parts;
}

function keepTabKeys(account: string, keys: StoredKeys) {
  try {
    sessionStorage.setItem(TAB_KEYS, JSON.stringify({ account, keys }));
  } catch {
    // storage full or blocked: the keys stay in memory only
  }
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
    // Kept in this tab too, so that it still connects after a reload once the others are gone.
    memoryKeys = { account, keys: m.keys };
    keepTabKeys(account, m.keys);
  } else if (m.type === 'signin' && isLeader()) {
    const reply = (code?: ConnectErrorCode) =>
      channel.postMessage({
        type: 'answer',
        account,
        id: m.id,
        ...(code ? { code, error: code } : {}),
      } satisfies TabMessage);
    void signInHere(account, { scramKeys: m.keys }, {}).then(
      () => reply(),
      (err: unknown) => reply(errorCode(err)),
    );
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
    if (m.code !== undefined) wait?.reject(new ConnectError(m.code, 'in the leader tab'));
    else if (m.error !== undefined) wait?.reject(new Error(m.error));
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
  return askLeader((id) => ({ type: 'call', account, id, name, args })) as Promise<Result<K>>;
}

/** Post a request to the leader tab; resolves or rejects with its answer. */
function askLeader(message: (id: string) => TabMessage): Promise<unknown> {
  if (!channel) return Promise.reject(new Error('offline'));
  const id = crypto.randomUUID();
  return new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => {
      calls.delete(id);
      reject(new Error('timeout'));
    }, CALL_TIMEOUT_MS);
    calls.set(id, {
      resolve: (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    channel.postMessage(message(id));
  });
}

/**
 * On page load: show the last account's data at once, from IndexedDB, then connect. A
 * session-only account whose browser session has ended is deleted first, unseen.
 */
export async function restore() {
  await sweepSessionOnly(await joinedSession());
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
  void recoverStashedDraft(db).catch((err) => console.error('[parley] draft not recovered', err));
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
  sessionStorage.removeItem(TAB_KEYS);
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

/** Without a choice (a reconnect asking for the password): what the account chose last. */
async function keepsSignedIn(account: string): Promise<boolean> {
  const row = await getAccountRow(account);
  if (row) return row.sessionOnly === undefined;
  return Boolean((await currentSession())?.keys);
}

async function connect(
  address: string,
  secret: Secret,
  opts: { register?: boolean; remember?: boolean; resource?: string },
) {
  performance.mark('parley:signin:start');
  const cfg = await loadConfig();
  const { username, domain, bare } = splitAddress(address, cfg.domain);
  const [prior, known, joined] = await Promise.all([
    currentSession(),
    getAccountRow(bare),
    joinedSession(),
  ]);
  const remember = opts.remember ?? (await keepsSignedIn(bare));
  const sessionOnly = remember ? {} : { sessionOnly: joined.id };
  performance.mark('parley:signin:local-ready');
  const resource =
    opts.resource ??
    (prior?.account === bare ? prior.resource : `parley-${crypto.randomUUID().slice(0, 8)}`);
  let keys: StoredKeys | undefined;
  // Open the account's database while the network handshake runs. Note first whether it is
  // new (a failed sign-in must leave no database behind), and mark a session-only account as
  // such before its database holds anything.
  const dbReady = (async () => {
    const existed = await accountDbExists(bare);
    await putAccountRow({ account: bare, lastSignIn: known?.lastSignIn ?? 0, ...sessionOnly });
    await accountDb(bare).open();
    return existed;
  })().catch(() => true);
  let session: XmppSession;
  try {
    // The engine and the XMPP library load on the first connection, not with the first screen.
    const { openSession } = await import('../engine');
    session = await openSession({
      ...endpoints(cfg),
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
  } catch (err) {
    await undoAccountRow(bare, await dbReady, known);
    throw err;
  }
  const { startEngine } = await import('../engine');
  await stopLive();
  await dbReady;
  if (currentAccount() && currentAccount() !== bare) leaveAccount();
  db = accountDb(bare);
  if (keys) memoryKeys = { account: bare, keys };
  if (!remember && keys) keepTabKeys(bare, keys);
  else sessionStorage.removeItem(TAB_KEYS);
  live = startLive(startEngine, db, session, bare, cfg);
  void recoverStashedDraft(db).catch((err) => console.error('[parley] draft not recovered', err));
  setAuth({ phase: 'signedIn', account: bare });
  election ??= joinElection(LOCK, () => {});
  await putAccountRow({ account: bare, lastSignIn: Date.now(), ...sessionOnly });
  await setCurrentSession(bare, resource, remember ? keys : undefined);
}

/** A sign-in failed: delete the database it opened if it was new, else put the row back. */
async function undoAccountRow(account: string, existed: boolean, known: AccountRow | undefined) {
  if (!existed) await forgetAccount(account);
  else if (known) await putAccountRow(known);
  else await rootDb().accounts.delete(account);
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
 * In a tab that does not hold the connection, this tab checks the password and the leader tab
 * signs in with the SCRAM keys it gives; its error comes back here.
 */
export async function signIn(
  address: string,
  password: string,
  opts: { register?: boolean; remember?: boolean } = {},
) {
  if (!password) throw new ConnectError('auth', 'empty password');
  const account = currentAccount();
  if (account && election && !isLeader() && !opts.register) {
    const keys = await deriveKeys(account, password);
    await askLeader((id) => ({ type: 'signin', account, id, keys }));
    return;
  }
  await signInHere(address, { password }, opts);
}

async function signInHere(
  address: string,
  secret: Secret,
  opts: { register?: boolean; remember?: boolean },
) {
  resumer?.stop();
  if (!election) {
    // Signing in from the sign-in screen: take the lead first (nobody holds it when signed out).
    await new Promise<void>((resolve) => {
      election = joinElection(LOCK, resolve);
    });
  }
  try {
    await connect(address, secret, opts);
  } catch (err) {
    if (!currentAccount()) {
      election?.release();
      election = null;
    }
    throw err;
  }
}

/** WebSocket when there is one; BOSH when it is all there is, or when a WebSocket fails. */
function endpoints(cfg: RuntimeConfig): { service: string; fallbackService?: string } {
  return {
    service: cfg.websocketUrl ?? cfg.boshUrl ?? '',
    ...(cfg.websocketUrl && cfg.boshUrl ? { fallbackService: cfg.boshUrl } : {}),
  };
}

/** Check a password on a short session of this tab's own and keep only its SCRAM keys. */
async function deriveKeys(address: string, password: string): Promise<StoredKeys> {
  const cfg = await loadConfig();
  const { username, domain } = splitAddress(address, cfg.domain);
  const { openSession } = await import('../engine');
  let keys: StoredKeys | undefined;
  const check = await openSession({
    ...endpoints(cfg),
    domain,
    username,
    resource: `parley-check-${crypto.randomUUID().slice(0, 8)}`,
    timeoutMs: cfg.connectTimeoutSeconds * 1000,
    password,
    onScramKeys: (k) => {
      keys = k;
    },
  });
  await check.stop();
  // Without SCRAM (PLAIN only) there are no keys to hand over, and the password stays here.
  if (!keys) throw new ConnectError('unsupported', 'no SCRAM keys to hand to the leader tab');
  return keys;
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
  // Forget before the sign-in screen shows: it must not offer the address being forgotten.
  setAuth({ phase: 'loading' });
  if (account && opts.forget) await forgetAccount(account);
  else await clearCurrentSession();
  setAuth({ phase: 'signedOut' });
}

export function errorCode(err: unknown): ConnectErrorCode {
  return err instanceof ConnectError ? err.code : 'other';
}
