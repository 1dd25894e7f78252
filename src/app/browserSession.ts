import { accountRows, forgetAccount } from '../db';

/**
 * "This browser session": what a session-only account (signed in without "keep me signed in")
 * lives as long as. It is alive while any tab of Parley holds its Web Lock (shared mode, one
 * per tab, released when the tab closes), and across a reload of a tab through the id kept in
 * that tab's sessionStorage (which a reload, a duplicated tab and a browser that restores its
 * tabs carry over, and a new tab or a new browser start does not). Locks rather than a session
 * cookie because closing every Parley tab must end it even while the browser stays open.
 * Without Web Locks (a page served over plain http from another host) a session cookie stands
 * in: it spans the tabs and ends with the browser.
 */
export interface BrowserSession {
  readonly id: string;
  /** A tab of the browser session `id` is alive (this one included). */
  isAlive(id: string): Promise<boolean>;
  stop(): void;
}

export interface BrowserSessionEnv {
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  locks: Pick<LockManager, 'request' | 'query'> | undefined;
  /** The session cookie, used only without Web Locks. */
  cookie: { get(): string | undefined; set(id: string): void };
  newId: () => string;
}

const MARK = 'parley.browserSession';
const PREFIX = 'parley-session:';

function defaultEnv(): BrowserSessionEnv {
  let storage: Storage | undefined;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    storage = undefined; // storage blocked: every start is a new session
  }
  const cookie = {
    get: () => /(?:^|; )parley-session=([\w-]+)/.exec(globalThis.document?.cookie ?? '')?.[1],
    set(id: string) {
      // biome-ignore lint/suspicious/noDocumentCookie: a fallback for pages without Web Locks, where the Cookie Store API is missing too
      if (globalThis.document) document.cookie = `parley-session=${id}; path=/; SameSite=Strict`;
    },
  };
  return { storage, locks: globalThis.navigator?.locks, cookie, newId: () => crypto.randomUUID() };
}

async function liveSessions(env: BrowserSessionEnv): Promise<string[]> {
  if (!env.locks) return [env.cookie.get() ?? ''].filter(Boolean);
  const { held = [] } = await env.locks.query();
  return held
    .map((l) => l.name ?? '')
    .filter((n) => n.startsWith(PREFIX))
    .map((n) => n.slice(PREFIX.length));
}

/** Join the browser session this tab belongs to (its own, another live tab's, or a new one). */
export async function joinBrowserSession(
  env: BrowserSessionEnv = defaultEnv(),
): Promise<BrowserSession> {
  const marked = env.storage?.getItem(MARK) ?? null;
  const id = marked ?? (await liveSessions(env))[0] ?? env.newId();
  env.storage?.setItem(MARK, id);
  if (!env.locks) env.cookie.set(id);
  const abort = new AbortController();
  let release: (() => void) | undefined;
  // Shared mode: every tab of the session holds it at once, until the tab goes (or stop()).
  if (env.locks) {
    const locks = env.locks;
    await new Promise<void>((granted) => {
      locks
        .request(`${PREFIX}${id}`, { mode: 'shared', signal: abort.signal }, () => {
          granted();
          return new Promise<void>((done) => {
            release = done;
          });
        })
        .catch(() => granted());
    });
  }
  return {
    id,
    async isAlive(other) {
      return other === id || (await liveSessions(env)).includes(other);
    },
    stop() {
      abort.abort();
      release?.();
    },
  };
}

/**
 * Delete every session-only account whose browser session has ended, before anything of it is
 * shown. Resolves with the accounts deleted. This tab's own session is waited for only when
 * there is a session-only account to judge: joining waits for a Web Lock, which took up to
 * 50 ms of a start that has none (the usual case: "keep me signed in").
 */
export async function sweepSessionOnly(join: () => Promise<BrowserSession>): Promise<string[]> {
  const gone: string[] = [];
  const judged = (await accountRows()).flatMap((r) =>
    r.sessionOnly === undefined ? [] : [{ account: r.account, session: r.sessionOnly }],
  );
  if (judged.length === 0) return gone;
  const here = await join();
  for (const { account, session } of judged) {
    if (await here.isAlive(session)) continue;
    await forgetAccount(account);
    gone.push(account);
  }
  return gone;
}
