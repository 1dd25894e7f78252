import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { accountDb, currentSession, forgetAccount, setCurrentSession, storeIncoming } from '.';

const msg = (id: string, extra: object = {}) => ({
  id,
  peer: 'bob@x.org',
  direction: 'in' as const,
  body: `m ${id}`,
  at: 1000,
  state: 'delivered' as const,
  ...extra,
});

describe('the account database', () => {
  it('forgetting an account deletes its whole database and the session row', async () => {
    const account = `d-${crypto.randomUUID()}@x.org`;
    const db = accountDb(account);
    await storeIncoming(db, msg('1'));
    await setCurrentSession(account, 'r1');
    expect(await Dexie.exists(db.name)).toBe(true);
    await forgetAccount(account);
    expect(await Dexie.exists(`parley:${account}`)).toBe(false);
    expect(await currentSession()).toBeUndefined();
  });
});
