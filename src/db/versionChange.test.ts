import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { onSchemaUpgrade } from './versionChange';

describe('a newer schema opened elsewhere', () => {
  it('closes this connection for good and says so; a deletion is not an upgrade', async () => {
    const name = `vc-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({ items: 'id' });
    await old.table('items').put({ id: 1 });
    let told = 0;
    const stop = onSchemaUpgrade(old, () => {
      told += 1;
    });

    // Another tab, a newer build: version 2 of the same database.
    const newer = new Dexie(name);
    newer.version(1).stores({ items: 'id' });
    newer.version(2).stores({ items: 'id, at' });
    await newer.open();
    expect(told).toBe(1);
    expect(old.isOpen()).toBe(false);
    // The old code does not quietly reopen onto the new schema.
    await expect(old.table('items').get(1)).rejects.toThrow();
    stop();
    newer.close();
  });

  it('ignores a deletion', async () => {
    const name = `vc-${crypto.randomUUID()}`;
    const db = new Dexie(name);
    db.version(1).stores({ items: 'id' });
    await db.open();
    let told = 0;
    onSchemaUpgrade(db, () => {
      told += 1;
    });
    await Dexie.delete(name);
    expect(told).toBe(0);
  });
});
