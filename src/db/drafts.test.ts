import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AccountDb, accountDbName, getDraft, putDraft, versions } from '.';

describe('drafts in the database', () => {
  it('version 4 adds drafts to a database of version 3 and keeps what it held', async () => {
    const account = `u-${crypto.randomUUID()}@x.org`;
    const old = new Dexie(accountDbName(account));
    for (const v of versions.filter((v) => v.version <= 3)) old.version(v.version).stores(v.stores);
    await old.table('conversations').put({
      peer: 'ann@x.org',
      lastAt: 1000,
      preview: 'hi',
      previewDirection: 'in',
      unread: 2,
    });
    old.close();

    const db = new AccountDb(account);
    expect((await db.conversations.get('ann@x.org'))?.unread).toBe(2);
    await putDraft(db, 'ann@x.org', 'secret plan');
    expect(await getDraft(db, 'ann@x.org')).toBe('secret plan');
    // Blank text is no draft.
    await putDraft(db, 'ann@x.org', ' \n ');
    expect(await db.drafts.count()).toBe(0);
    db.close();
  });
});
