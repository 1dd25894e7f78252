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
import { engineGateway } from '../../engine/gateway';
import { ConnectError } from '../../shared/connectError';
import { joinBrowserSession } from '../browserSession';
import { recoverStashedDraft } from '../draftStash';
import { joinElection, someoneLeads } from '../leader';
import { type Args, type CallName, callEngine, type Result } from './engineCalls';
import { signInThroughLeader } from './follower';
import { createTabKeys, safeSessionStorage } from './keys';
import { answerTab } from './leaderAnswers';
import { type Live, startLive } from './live';
import { openAccount, openDeps, type Secret } from './open';
import type { AuthState, SessionOptions } from './options';
import { changePassword, verifyPassword } from './password';
import { accountAtStart } from './restore';
import { createTabChannel, defaultChannel, type TabMessage } from './tabChannel';

export type { AuthState, SessionOptions } from './options';

export type Session = ReturnType<typeof createSession>;

export function createSession(opts: SessionOptions) {
  const lockName = opts.lockName ?? 'parley-leader';
  const locks = 'locks' in opts ? opts.locks : globalThis.navigator?.locks;
  const engine = opts.engine ?? engineGateway;
  const keys = createTabKeys(
    opts.tabStorage !== undefined ? opts.tabStorage : safeSessionStorage(),
  );
  const deps = openDeps(opts.config, engine, opts.browserSession ?? (() => joinBrowserSession()));
  const [auth, setAuth] = createSignal<AuthState>({ phase: 'loading' });
  let db: AccountDb | null = null;
  let live: Live | null = null;
  let election: ReturnType<typeof joinElection> | null = null;
  let firstConnect: { stop(): void } | null = null;
  let following: { unsubscribe(): void } | null = null;
  let channel: ReturnType<typeof createTabChannel> | null = null;
  // Bumped whenever this tab leaves an account or stops: a connection attempt begun before must
  // not bring the account back once it ends (a sign-out while the first connection was opening).
  let epoch = 0;

  const currentAccount = () => {
    const a = auth();
    return a.phase === 'signedIn' ? a.account : null;
  };
  const isLeader = () => election?.isLeader() ?? false;
  const elect = (onLeader: () => Promise<void> | void) => joinElection(lockName, onLeader, locks);

  function onTabMessage(m: Exclude<TabMessage, { type: 'answer' }>) {
    const account = currentAccount();
    if (!account || m.account !== account || !channel) return;
    live?.noticeTab();
    answerTab(m, {
      account,
      tabs: channel,
      keys,
      leads: isLeader(),
      engine: live?.engine ?? null,
      signIn: (k) => signInHere(account, { scramKeys: k }, {}),
    });
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
      const s = await accountAtStart(deps.browserSession, () => someoneLeads(lockName, locks));
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

    /** Check a password typed in this tab (it goes to no other); ConnectError('auth') if wrong. */
    async verifyPassword(password: string) {
      const account = currentAccount();
      if (!account) throw new ConnectError('other', 'signed out');
      await verifyPassword({ ...deps, keys }, account, password);
    },

    /** Change the password on a stream of this tab's own; the caller signs in again with it. */
    async changePassword(current: string, fresh: string) {
      const account = currentAccount();
      if (!account) throw new ConnectError('other', 'signed out');
      await changePassword(deps, account, current, fresh);
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
      (await deps.joined())?.stop();
    },
  };
}
