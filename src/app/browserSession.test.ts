import { beforeEach, describe, expect, it } from 'vitest';
import {
  accountDb,
  accountDbExists,
  accountRows,
  clearCurrentSession,
  currentSession,
  forgetAccount,
  putAccountRow,
  setCurrentSession,
} from '../db';
import { type BrowserSessionEnv, joinBrowserSession, sweepSessionOnly } from './browserSession';

/** The Web Locks of one browser profile: tabs take shared locks; query() lists them. */
function fakeLocks() {
  const held = new Map<string, number>();
  return {
    held,
    async request(
      name: string,
      opts: { signal?: AbortSignal },
      fn: () => Promise<void>,
    ): Promise<void> {
      held.set(name, (held.get(name) ?? 0) + 1);
      const drop = () => held.set(name, (held.get(name) ?? 1) - 1);
      opts.signal?.addEventListener('abort', drop);
      await fn();
    },
    async query() {
      return {
        held: [...held].filter(([, n]) => n > 0).map(([name]) => ({ name, mode: 'shared' })),
      };
    },
  };
}

/** One tab: its own sessionStorage, the profile's locks. */
function tab(
  locks: ReturnType<typeof fakeLocks>,
  ids: string[],
  marked?: string,
): BrowserSessionEnv {
  const store = new Map<string, string>(marked ? [['parley.browserSession', marked]] : []);
  return {
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    locks: locks as unknown as BrowserSessionEnv['locks'],
    cookie: { get: () => undefined, set: () => {} },
    newId: () => ids.shift() ?? 'out of ids',
  };
}

async function seedAccount(account: string, sessionOnly?: string) {
  await accountDb(account).messages.put({
    id: 'm1',
    peer: 'bob@x.org',
    direction: 'in',
    body: 'a secret',
    at: 1,
    state: 'delivered',
  });
  await putAccountRow({ account, lastSignIn: 1, ...(sessionOnly ? { sessionOnly } : {}) });
}

describe('session-only accounts', () => {
  beforeEach(async () => {
    for (const row of await accountRows()) await forgetAccount(row.account);
    await clearCurrentSession();
  });

  it('a new tab beside a live one joins its session; with every tab gone, a new one starts', async () => {
    const locks = fakeLocks();
    const first = await joinBrowserSession(tab(locks, ['s1']));
    const second = await joinBrowserSession(tab(locks, ['s2']));
    expect(second.id).toBe('s1');
    first.stop();
    expect(await second.isAlive('s1')).toBe(true);
    second.stop();
    const later = await joinBrowserSession(tab(locks, ['s3']));
    expect(later.id).toBe('s3');
    expect(await later.isAlive('s1')).toBe(false);
  });

  it('a reloaded tab keeps its session through sessionStorage, with no lock held meanwhile', async () => {
    const locks = fakeLocks();
    const env = tab(locks, ['s1', 's2']);
    (await joinBrowserSession(env)).stop(); // the page unloads: its lock goes
    expect((await joinBrowserSession(env)).id).toBe('s1');
  });

  it('erases an account of an ended session, before the sign-in screen could show it', async () => {
    const locks = fakeLocks();
    await seedAccount('ann@x.org', 'gone');
    await seedAccount('kept@x.org'); // "keep me signed in"
    await setCurrentSession('ann@x.org', 'r1');
    accountDb('ann@x.org').close();
    const session = await joinBrowserSession(tab(locks, ['s1']));

    expect(await sweepSessionOnly(async () => session)).toEqual(['ann@x.org']);
    expect(await accountDbExists('ann@x.org')).toBe(false);
    expect(await currentSession()).toBeUndefined();
    expect((await accountRows()).map((r) => r.account)).toEqual(['kept@x.org']);
    expect(await accountDbExists('kept@x.org')).toBe(true);
  });

  it('keeps an account while a tab of its session lives, even seen from another session', async () => {
    const locks = fakeLocks();
    const other = await joinBrowserSession(tab(locks, ['s1']));
    await seedAccount('ann@x.org', 's1');
    accountDb('ann@x.org').close();
    // A tab restored with a session of its own (its sessionStorage came back).
    const here = await joinBrowserSession(tab(locks, [], 's2'));
    expect(here.id).toBe('s2');
    expect(await sweepSessionOnly(async () => here)).toEqual([]);
    expect(await accountDbExists('ann@x.org')).toBe(true);
    other.stop();
    expect(await sweepSessionOnly(async () => here)).toEqual(['ann@x.org']);
  });
});
