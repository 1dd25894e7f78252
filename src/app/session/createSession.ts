import { createSignal } from 'solid-js';
import {
  type AccountDb,
  accountDb,
  clearCurrentSession,
  currentSession,
  forgetAccount,
  liveQuery,
  putAccountRow,
  rootDb,
  type SessionRow,
  setCurrentSession,
  setMeta,
} from '../../db';
import { type EngineGateway, engineGateway } from '../../engine/gateway';
import { ConnectError, errorCode } from '../../shared/connectError';
import { type BrowserSession, joinBrowserSession, sweepSessionOnly } from '../browserSession';
import type { RuntimeConfig } from '../config';
import { recoverStashedDraft } from '../draftStash';
import { joinElection } from '../leader';
import { type Args, type CallName, callEngine, type Result } from './engineCalls';
import { signInThroughLeader } from './follower';
import { createTabKeys, type KeyStorage, safeSessionStorage } from './keys';
import { type Live, startLive } from './live';
import { checkPassword, type OpenDeps, openAccount, openCheckStream, type Secret } from './open';
import { type ChannelLike, createTabChannel, defaultChannel, type TabMessage } from './tabChannel';

export type AuthState =
  | { phase: 'loading' }
  | { phase: 'signedOut' }
  | { phase: 'signedIn'; account: string };

/** What a face (the full app, the PWA, the widget) chooses when it starts its session. */
export interface SessionOptions {
  /** The runtime config: the full app's config.json, or what the widget was given. */
  config: () => Promise<RuntimeConfig>;
  /** Where a session-only account's keys survive a reload of this tab; null: memory only. */
  tabStorage?: KeyStorage | null;
  /** The tabs' channel; null for a tab on its own. Default: BroadcastChannel('parley'). */
  channel?: ChannelLike | null;
  /** Web Locks for the leader election; the same name on one origin shares one connection. */
  locks?: Pick<LockManager, 'request' | 'query'>;
  lockName?: string;
  engine?: EngineGateway;
  browserSession?: () => Promise<BrowserSession>;
  /** Where the person's activity is watched for the automatic away. */
  activity?: EventTarget;
}

export type Session = ReturnType<typeof createSession>;

export function createSession(opts: SessionOptions) {
  const lockName = opts.lockName ?? 'parley-leader';
  const locks = 'locks' in opts ? opts.locks : globalThis.navigator?.locks;
  const engine = opts.engine ?? engineGateway;
  const keys = createTabKeys(
    opts.tabStorage !== undefined ? opts.tabStorage : safeSessionStorage(),
  );
  let joined: Promise<BrowserSession> | null = null;
  const deps: OpenDeps = {
    config: opts.config,
    engine,
    browserSession: () => {
      joined ??= (opts.browserSession ?? (() => joinBrowserSession()))();
      return joined;
    },
  };
  const [auth, setAuth] = createSignal<AuthState>({ phase: 'loading' });
  let db: AccountDb | null = null;
  let live: Live | null = null;
  let election: ReturnType<typeof joinElection> | null = null;
  let firstConnect: { stop(): void } | null = null;
  let following: { unsubscribe(): void } | null = null;
  let channel: ReturnType<typeof createTabChannel> | null = null;
  // Bumped whenever this tab leaves an account: a connection attempt begun before must not
  // bring the account back once it ends (a sign-out while the first connection was opening).
  let epoch = 0;

  const currentAccount = () => {
    const a = auth();
    return a.phase === 'signedIn' ? a.account : null;
  };
  const isLeader = () => election?.isLeader() ?? false;
  const elect = (onLeader: () => Promise<void> | void) => joinElection(lockName, onLeader, locks);
  const someoneLeads = async () =>
    Boolean((await locks?.query())?.held?.some((l) => l.name === lockName));

  function onTabMessage(m: Exclude<TabMessage, { type: 'answer' }>) {
    const account = currentAccount();
    if (!account || m.account !== account || !channel) return;
    live?.noticeTab();
    const tabs = channel;
    if (m.type === 'keys?' && isLeader()) {
      const k = keys.get(account);
      if (k) tabs.post({ type: 'keys', account, keys: k });
    } else if (m.type === 'keys') {
      // Kept in this tab too, so that it still connects after a reload once the others are gone.
      keys.keep(account, m.keys, true);
    } else if (m.type === 'signin' && isLeader()) {
      void signInHere(account, { scramKeys: m.keys }, {}).then(
        () => tabs.post({ type: 'answer', account, id: m.id }),
        (err: unknown) =>
          tabs.post({ type: 'answer', account, id: m.id, code: errorCode(err), error: 'signin' }),
      );
    } else if (m.type === 'call' && live) {
      void callEngine(live.engine, m.name, ...(m.args as Args<typeof m.name>)).then(
        (value) => tabs.post({ type: 'answer', account, id: m.id, value }),
        (err: unknown) => tabs.post({ type: 'answer', account, id: m.id, error: String(err) }),
      );
    }
  }

  /** Show an account from the local mirror; whichever tab wins the election connects. */
  function enterAccount(s: SessionRow) {
    if (currentAccount() === s.account) return;
    db = accountDb(s.account);
    void recoverStashedDraft(db).catch((err) => console.error('[parley] draft not recovered', err));
    setAuth({ phase: 'signedIn', account: s.account });
    channel?.post({ type: 'keys?', account: s.account });
    // This tab may lead next: have the engine at hand, so a handover waits for no download.
    engine.preload();
    election ??= elect(() => becomeLeader(s.account));
  }

  function leaveAccount() {
    epoch++;
    firstConnect?.stop();
    firstConnect = null;
    void stopLive();
    election?.release();
    election = null;
    db = null;
    keys.clear();
  }

  async function becomeLeader(account: string) {
    if (live || currentAccount() !== account) return;
    const since = epoch;
    const row = await currentSession();
    if (!row || row.account !== account || !db || since !== epoch) return;
    const k = row.keys ?? keys.get(account);
    if (!k) {
      await setMeta(db, 'connection', { status: 'offline', error: 'auth', at: Date.now() });
      return;
    }
    const cfg = await opts.config();
    if (since !== epoch || !db) return;
    // The engine owns the retrying; the app says what one attempt is.
    firstConnect = engine.connectUntilUp(db, {
      maxDelayMs: cfg.reconnectMaxSeconds * 1000,
      attempt: () =>
        connect(
          account,
          { scramKeys: k },
          { resource: row.resource, remember: Boolean(row.keys) },
          since,
        ),
    });
  }

  async function connect(
    address: string,
    secret: Secret,
    o: { register?: boolean; remember?: boolean; resource?: string },
    since = epoch,
  ) {
    const opened = await openAccount(deps, address, secret, o);
    if (since !== epoch) {
      // The tab left the account while this opened: close it, show nothing of it.
      await opened.connection.stop().catch(() => {});
      throw new ConnectError('other', 'left while connecting');
    }
    firstConnect?.stop();
    firstConnect = null;
    await stopLive();
    const { account } = opened;
    if (currentAccount() && currentAccount() !== account) leaveAccount();
    db = accountDb(account);
    const k = opened.connection.keys;
    if (k) keys.keep(account, k, !opened.remember);
    else keys.clear();
    live = startLive(opened, db, { activity: opts.activity ?? globalThis.window, locks, lockName });
    void recoverStashedDraft(db).catch((err) => console.error('[parley] draft not recovered', err));
    setAuth({ phase: 'signedIn', account });
    election ??= elect(() => {});
    await putAccountRow({ account, lastSignIn: Date.now(), ...opened.sessionOnly });
    await setCurrentSession(account, opened.resource, opened.remember ? k : undefined);
  }

  async function stopLive() {
    const was = live;
    live = null;
    await was?.stop();
  }

  async function signInHere(
    address: string,
    secret: Secret,
    o: { register?: boolean; remember?: boolean },
  ) {
    firstConnect?.stop();
    firstConnect = null;
    if (!election) {
      // Signing in from the sign-in screen: take the lead first (nobody holds it when signed out).
      await new Promise<void>((resolve) => {
        election = elect(resolve);
      });
    }
    try {
      await connect(address, secret, o);
    } catch (err) {
      if (!currentAccount()) {
        election?.release();
        election = null;
      }
      throw err;
    }
  }

  return {
    auth,
    currentAccount,
    isLeader,
    /** The signed-in account's database; commands write here. */
    currentDb(): AccountDb {
      if (!db) throw new Error('not signed in');
      return db;
    },
    /** This tab holds the connection (its engine runs here). */
    holdsConnection: () => live !== null,

    /**
     * Show the last account's data at once, from IndexedDB, then connect. A session-only
     * account whose browser session has ended is deleted first, unseen.
     */
    async start() {
      channel ??= createTabChannel(
        opts.channel !== undefined ? opts.channel : defaultChannel(),
        onTabMessage,
      );
      // This tab joins the browser session now (its lock is asked for at once), but the start
      // waits for that only when a session-only account is there to judge.
      const joining = deps.browserSession();
      // Both reads at once; the current session is read again only if the sweep deleted one.
      const [gone, first, led] = await Promise.all([
        sweepSessionOnly(() => joining),
        currentSession(),
        someoneLeads(),
      ]);
      const s = gone.length ? await currentSession() : first;
      // No tab holds the connection: the stored status is a closed page's ("Connected" before a
      // reload), and this tab is about to connect. Say so before the account shows.
      if (s && !led)
        await setMeta(accountDb(s.account), 'connection', { status: 'connecting', at: Date.now() });
      if (s) enterAccount(s);
      else setAuth({ phase: 'signedOut' });
      // Every tab follows sign-in and sign-out done in any other tab.
      following ??= liveQuery(() => rootDb().session.get('current')).subscribe({
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
    },

    /**
     * Sign in (or create the account first). Throws ConnectError with a code the UI can word,
     * also when the leader tab did the signing in for this one.
     */
    async signIn(
      address: string,
      password: string,
      o: { register?: boolean; remember?: boolean } = {},
    ) {
      if (!password) throw new ConnectError('auth', 'empty password');
      const account = currentAccount();
      if (account && election && !isLeader() && !o.register)
        return signInThroughLeader({ ...deps, keys, channel }, account, password);
      await signInHere(address, { password }, o);
    },

    /**
     * Check that `password` is the account's, in this tab (it goes to no other): against the
     * SCRAM keys this browser keeps when it has them, else, or when they no longer fit (changed
     * elsewhere), on a short stream of this tab's own. Throws ConnectError('auth') when wrong.
     */
    async verifyPassword(password: string) {
      const account = currentAccount();
      if (!account) throw new ConnectError('other', 'signed out');
      if (!password) throw new ConnectError('auth', 'empty password');
      const known = keys.get(account) ?? (await currentSession())?.keys;
      if (known && (await deps.engine.deriveKeys(known, password)).clientKey === known.clientKey)
        return;
      await checkPassword(deps, account, password);
    },

    /**
     * Change the password (XEP-0077) on a short stream of this tab's own, signed in with the
     * current one: neither password goes to another tab. Throws ConnectError('auth') for a wrong
     * current password, or the server's refusal. The caller signs in again with the new one.
     */
    async changePassword(current: string, fresh: string) {
      const account = currentAccount();
      if (!account) throw new ConnectError('other', 'signed out');
      if (!current) throw new ConnectError('auth', 'empty password');
      const stream = await openCheckStream(deps, account, current);
      try {
        await stream.changePassword(fresh);
      } finally {
        await stream.stop();
      }
    },

    /** Sign out everywhere in this browser; with `forget`, delete all the account's local data. */
    async signOut(o: { forget: boolean }) {
      const account = currentAccount();
      leaveAccount();
      // Forget before the sign-in screen shows: it must not offer the address being forgotten.
      setAuth({ phase: 'loading' });
      if (account && o.forget) await forgetAccount(account);
      else await clearCurrentSession();
      setAuth({ phase: 'signedOut' });
    },

    /** Ask the tab holding the connection to try again now (the engine listens in any tab). */
    async retryNow() {
      if (db) await setMeta(db, 'retryNow', Date.now());
    },

    /**
     * Ask the engine something (disco and the like, not in the mirror). In the tab that holds
     * the connection it is a direct call; other tabs ask that tab over the channel.
     */
    engineCall<K extends CallName>(name: K, ...args: Args<K>): Promise<Result<K>> {
      if (live) return callEngine(live.engine, name, ...args);
      const account = currentAccount();
      if (!account || !channel?.open) return Promise.reject(new Error('offline'));
      return channel.ask((id) => ({ type: 'call', account, id, name, args })) as Promise<Result<K>>;
    },

    /** Leave this tab's part: the connection, the election, the channel (the account stays). */
    async stop() {
      // A connection still opening must not come up after this, nor the lock be granted while
      // the engine stops (this tab would lead again): both before the first await.
      epoch++;
      following?.unsubscribe();
      following = null;
      firstConnect?.stop();
      firstConnect = null;
      election?.release();
      election = null;
      await stopLive();
      channel?.stop();
      channel = null;
      (await joined)?.stop();
    },
  };
}
