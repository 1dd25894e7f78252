import { describe, expect, it } from 'vitest';
import { accountDb, applyRoster } from '.';

describe('the roster', () => {
  it('keeps the roster when the server says it is up to date', async () => {
    const db = accountDb(`c-${crypto.randomUUID()}@x.org`);
    await applyRoster(db, [{ jid: 'bob@x.org', groups: [], subscription: 'both' }], 'v1');
    await applyRoster(db, null, 'v2');
    expect(await db.contacts.count()).toBe(1);
    expect(await db.meta.get('rosterVer')).toBe('v2');
  });
});
