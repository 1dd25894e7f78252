import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  accountDb,
  accountDbExists,
  clearCurrentSession,
  currentSession,
  getMeta,
  rootDb,
  setMeta,
} from '../../db';
import { ConnectError } from '../../shared/connectError';
import type { BrowserSession } from '../browserSession';
import { createSession, type Session } from './createSession';
import { fakeLocks, fakeServer, tabOptions } from './testing';

const PASSWORD = 'correct horse';
const alive: BrowserSession = { id: 'browser-1', isAlive: async () => true, stop() {} };
let opened: Session[] = [];
let n = 0;

/** A browser: its tabs share locks, a channel name, the server and IndexedDB. */
function browser(server = fakeServer(PASSWORD), session = alive) {
  n++;
  const env = { locks: fakeLocks(), channel: `parley-test-${n}`, lock: `leader-${n}` };
  return {
    server,
    env,
    account: `alice${n}@example.org`,
    async tab(storage?: ReturnType<typeof tabOptions>['storage']) {
      const t = tabOptions(env, server, session, storage);
      const s = createSession(t.options);
      opened.push(s);
      await s.start();
      return { s, ...t };
    },
  };
}

afterEach(async () => {
  for (const s of opened) await s.stop();
  opened = [];
  await clearCurrentSession();
});

const signedIn = (s: Session) => s.currentAccount();

describe('createSession', () => {
  it('shows the account in every tab; the next tab takes the connection when the leader closes', async () => {
    const b = browser();
    const a = await b.tab();
    expect(a.s.auth()).toEqual({ phase: 'signedOut' });
    await a.s.signIn(b.account, PASSWORD, { remember: true });
    expect(a.s.holdsConnection()).toBe(true);

    const other = await b.tab();
    expect(signedIn(other.s)).toBe(b.account);
    expect(other.s.holdsConnection()).toBe(false);
    // A follower's engine call is answered by the leader tab.
    await expect(other.s.engineCall('mucService')).resolves.toBe('conference.example.org');

    await a.s.stop();
    await vi.waitFor(() => expect(other.s.holdsConnection()).toBe(true));
    // The new leader signed in with the kept keys, not a password.
    const last = b.server.opened.at(-1);
    expect(last?.password).toBeUndefined();
    expect(last?.scramKeys).toBeDefined();
    expect(last?.resource).toBe((await currentSession())?.resource);
  });

  it('shows a wrong password typed in a follower tab in that tab, and signs in with the right one', async () => {
    const b = browser();
    const leader = await b.tab();
    await leader.s.signIn(b.account, PASSWORD, { remember: true });
    const follower = await b.tab();
    const streams = b.server.opened.length;

    const wrong = follower.s.signIn(b.account, 'not it');
    await expect(wrong).rejects.toBeInstanceOf(ConnectError);
    await expect(wrong).rejects.toMatchObject({ code: 'auth' });
    await expect(follower.s.signIn(b.account, PASSWORD)).resolves.toBeUndefined();
    expect(follower.s.holdsConnection()).toBe(false);
    expect(leader.s.holdsConnection()).toBe(true);
    // The salt was known: only the refused password needed a check stream of the follower's own.
    const since = b.server.opened.slice(streams);
    expect(since.filter((o) => o.resource.startsWith('parley-check-'))).toHaveLength(1);
    expect(since.filter((o) => !o.resource.startsWith('parley-check-'))).toHaveLength(2);
  });

  it('learns a changed salt on a short stream of its own when the derived keys are refused', async () => {
    const b = browser();
    const leader = await b.tab();
    await leader.s.signIn(b.account, PASSWORD, { remember: true });
    const follower = await b.tab();
    // The password was changed in another client: new salt, new password.
    b.server.password = 'battery staple';
    b.server.salt = 'bmV3c2FsdA==';
    await follower.s.signIn(b.account, 'battery staple');
    expect((await currentSession())?.keys?.salt).toBe('bmV3c2FsdA==');
    expect(leader.s.holdsConnection()).toBe(true);
  });

  it('never posts the password on the tab channel nor keeps it in storage', async () => {
    const b = browser();
    const leader = await b.tab();
    await leader.s.signIn(b.account, PASSWORD, { remember: false });
    const follower = await b.tab();
    await expect(follower.s.signIn(b.account, 'a wrong one')).rejects.toThrow();
    await follower.s.signIn(b.account, PASSWORD);
    await follower.s.engineCall('mucService');

    const posted = JSON.stringify([...leader.posted, ...follower.posted]);
    expect(follower.posted.some((m) => m.type === 'signin')).toBe(true);
    expect(posted).not.toContain(PASSWORD);
    expect(posted).not.toContain('a wrong one');
    const stored = [...leader.storage.values(), ...follower.storage.values()].join();
    expect(stored).toContain('clientKey');
    expect(stored).not.toContain(PASSWORD);
    const rows = JSON.stringify([
      await rootDb().session.toArray(),
      await rootDb().accounts.toArray(),
    ]);
    expect(rows).not.toContain(PASSWORD);
  });

  it.each([
    ['kept keys', true],
    ['session-only keys', false],
  ])(
    'checks a password in the tab it was typed in (to delete the account), and posts it nowhere: %s',
    async (_, remember) => {
      const b = browser();
      const leader = await b.tab();
      await leader.s.signIn(b.account, PASSWORD, { remember });
      const follower = await b.tab();
      const streams = b.server.opened.length;
      await expect(follower.s.verifyPassword('not it')).rejects.toMatchObject({ code: 'auth' });
      await expect(leader.s.verifyPassword('not it either')).rejects.toMatchObject({
        code: 'auth',
      });
      await expect(follower.s.verifyPassword(PASSWORD)).resolves.toBeUndefined();
      await expect(leader.s.verifyPassword(PASSWORD)).resolves.toBeUndefined();
      await expect(follower.s.engineCall('deleteAccount')).resolves.toBeUndefined();
      // With kept keys the check needs no stream; without them, short ones of the tab's own.
      const checks = b.server.opened.slice(streams);
      expect(checks.every((o) => o.resource.startsWith('parley-check-'))).toBe(true);
      if (remember) expect(checks.filter((o) => o.password === PASSWORD)).toHaveLength(0);
      const posted = JSON.stringify([...leader.posted, ...follower.posted]);
      expect(posted).toContain('deleteAccount');
      for (const typed of [PASSWORD, 'not it', 'not it either'])
        expect(posted).not.toContain(typed);
    },
  );

  it('changes the password on a stream of the tab where both were typed; neither goes to another tab', async () => {
    const b = browser();
    const leader = await b.tab();
    await leader.s.signIn(b.account, PASSWORD, { remember: true });
    const follower = await b.tab();
    await expect(follower.s.changePassword('not it', 'battery staple')).rejects.toMatchObject({
      code: 'auth',
    });
    expect(b.server.password).toBe(PASSWORD);
    await follower.s.changePassword(PASSWORD, 'battery staple');
    expect(b.server.password).toBe('battery staple');
    // Signed in again with the new one (as the app does next), through the leader.
    await follower.s.signIn(b.account, 'battery staple');
    expect(leader.s.holdsConnection()).toBe(true);
    expect((await currentSession())?.keys?.salt).toBe(b.server.salt);
    const posted = JSON.stringify([...leader.posted, ...follower.posted]);
    for (const typed of [PASSWORD, 'not it', 'battery staple']) expect(posted).not.toContain(typed);
    // The stream it was changed on was its own, and is closed.
    const own = b.server.live.filter((l) => l.resource.startsWith('parley-check-'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((l) => l.stopped)).toBe(true);
  });

  it('signs out every tab from any tab, and closes the connection', async () => {
    const b = browser();
    const leader = await b.tab();
    await leader.s.signIn(b.account, PASSWORD, { remember: true });
    const follower = await b.tab();
    await follower.s.signOut({ forget: false });
    expect(follower.s.auth()).toEqual({ phase: 'signedOut' });
    await vi.waitFor(() => expect(leader.s.auth()).toEqual({ phase: 'signedOut' }));
    expect(leader.s.holdsConnection()).toBe(false);
    expect(b.server.live.every((l) => l.stopped)).toBe(true);
  });

  it('keeps a session-only account in the tabs only, and deletes it once the browser session ends', async () => {
    const b = browser();
    const first = await b.tab();
    await first.s.signIn(b.account, PASSWORD, { remember: false });
    expect((await currentSession())?.keys).toBeUndefined();

    // A second tab is handed the keys, so it can lead when the first closes.
    const second = await b.tab();
    await vi.waitFor(() => expect(second.storage.values().join()).toContain('clientKey'));
    await first.s.stop();
    await vi.waitFor(() => expect(second.s.holdsConnection()).toBe(true));
    await second.s.stop();

    // Every tab closed: a tab of a new browser session finds nothing of the account.
    const ended: BrowserSession = { id: 'browser-2', isAlive: async () => false, stop() {} };
    const later = await browser(b.server, ended).tab();
    expect(later.s.auth()).toEqual({ phase: 'signedOut' });
    expect(await accountDbExists(b.account)).toBe(false);
  });

  it('starts a remembered account without waiting for the browser-session lock', async () => {
    const b = browser();
    const first = await b.tab();
    await first.s.signIn(b.account, PASSWORD, { remember: true });
    await first.s.stop();
    // A tab whose lock is granted only after its start (it took up to 50 ms there): no
    // session-only account is there to judge, so the start does not wait for it.
    let grant: (session: BrowserSession) => void = () => {};
    const late = new Promise<BrowserSession>((resolve) => {
      grant = resolve;
    });
    const env = { locks: fakeLocks(), channel: 'parley-test-nolock', lock: 'leader-nolock' };
    const t = tabOptions(env, b.server, alive);
    const s = createSession({ ...t.options, browserSession: () => late });
    opened.push(s);
    await s.start();
    expect(s.auth()).toEqual({ phase: 'signedIn', account: b.account });
    grant(alive);
    await s.signOut({ forget: true });
  });

  it('after a reload shows "connecting", not the closed page\'s "connected"; beside a leader, its status', async () => {
    const b = browser();
    const first = await b.tab();
    await first.s.signIn(b.account, PASSWORD, { remember: true });
    const mirror = accountDb(b.account);
    await setMeta(mirror, 'connection', { status: 'online', at: Date.now() });
    // A second tab beside the leader: the status is the leader's, and true.
    await b.tab();
    expect(await getMeta(mirror, 'connection')).toMatchObject({ status: 'online' });
    // Every tab closes (a reload of the only tab): the next start connects anew.
    for (const s of opened) await s.stop();
    await vi.waitFor(async () => expect((await b.env.locks.query()).held).toEqual([]));
    const after = await b.tab();
    expect(signedIn(after.s)).toBe(b.account);
    expect(await getMeta(mirror, 'connection')).toMatchObject({ status: 'connecting' });
  });

  it('a tab that closes as the lead passes to it keeps neither the lead nor a connection', async () => {
    const b = browser();
    const first = await b.tab();
    await first.s.signIn(b.account, PASSWORD, { remember: true });
    const second = await b.tab();
    // The first tab closes; the second is granted the lead while it is closing too.
    await first.s.stop();
    await second.s.stop();
    await vi.waitFor(async () => expect((await b.env.locks.query()).held).toEqual([]));
    expect(second.s.holdsConnection()).toBe(false);
    expect(b.server.live.filter((l) => !l.stopped)).toEqual([]);
  });

  it('a sign-out while the kept account is still connecting does not bring it back', async () => {
    const b = browser();
    const first = await b.tab();
    await first.s.signIn(b.account, PASSWORD, { remember: true });
    await first.s.stop();
    // The next start's connection hangs in the handshake until we let it go.
    const open = b.server.engine.openConnection;
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let asked = false;
    b.server.engine.openConnection = async (o) => {
      asked = true;
      await held;
      return open(o);
    };
    const t = await b.tab();
    expect(signedIn(t.s)).toBe(b.account);
    await vi.waitFor(() => expect(asked).toBe(true));
    await t.s.signOut({ forget: false });
    release();
    await vi.waitFor(() => expect(b.server.live.every((l) => l.stopped)).toBe(true));
    expect(t.s.auth()).toEqual({ phase: 'signedOut' });
    expect(t.s.holdsConnection()).toBe(false);
    expect(await currentSession()).toBeUndefined();
  });

  it('refuses a wrong password on the sign-in screen and leaves nothing of the account behind', async () => {
    const b = browser();
    const a = await b.tab();
    await expect(a.s.signIn(b.account, 'nope')).rejects.toMatchObject({ code: 'auth' });
    expect(a.s.auth()).toEqual({ phase: 'signedOut' });
    // The failed sign-in left no database behind and let go of the lead.
    expect(await accountDbExists(b.account)).toBe(false);
    await a.s.signIn(b.account, PASSWORD);
    expect(a.s.holdsConnection()).toBe(true);
  });
});
