import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountDb, forgetAccount, getMeta, setMeta } from '../db';
import { ConnectError } from '../shared/connectError';
import { connectUntilUp } from './connectivity';

const ACCOUNT = 'first-connect@example.org';
afterEach(() => forgetAccount(ACCOUNT));

describe('connectUntilUp (the leader tab’s first connection)', () => {
  it('says it is offline and when it tries next, and tries at once when any tab asks', async () => {
    const db = accountDb(ACCOUNT);
    let tries = 0;
    const up = connectUntilUp(db, {
      maxDelayMs: 60_000,
      attempt: async () => {
        tries++;
        if (tries === 1) throw new ConnectError('unreachable', 'refused');
      },
    });
    await vi.waitFor(async () => {
      const c = await getMeta(db, 'connection');
      expect(c).toMatchObject({ status: 'offline', error: 'unreachable' });
      expect(c?.retryAt).toBeGreaterThan(Date.now());
    });
    // "Retry now" pressed in another tab is a row in the mirror: no wait for the backoff.
    await setMeta(db, 'retryNow', Date.now());
    await vi.waitFor(() => expect(tries).toBe(2));
    up.stop();
  });

  it('gives up on a refused password and says so, instead of trying again', async () => {
    const db = accountDb(ACCOUNT);
    let tries = 0;
    const up = connectUntilUp(db, {
      maxDelayMs: 60_000,
      attempt: async () => {
        tries++;
        throw new ConnectError('auth', 'not-authorized');
      },
    });
    await vi.waitFor(async () =>
      expect(await getMeta(db, 'connection')).toMatchObject({ status: 'offline', error: 'auth' }),
    );
    up.stop();
    expect(tries).toBe(1);
  });
});
