// storedMessages runs in the page; here against fake-indexeddb, laid out as each client keeps
// its messages.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storedMessages } from './steps';

const open = (name: string, stores: string[]) =>
  new Promise<IDBDatabase>((done, fail) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const s of stores) req.result.createObjectStore(s, { keyPath: undefined });
    };
    req.onsuccess = () => done(req.result);
    req.onerror = () => fail(req.error);
  });
const put = (db: IDBDatabase, store: string, rows: Array<[string, unknown]>) =>
  new Promise<void>((done, fail) => {
    const tx = db.transaction(store, 'readwrite');
    for (const [k, v] of rows) tx.objectStore(store).put(v, k);
    tx.oncomplete = () => done();
    tx.onerror = () => fail(tx.error);
  });
const drop = (name: string) =>
  new Promise<void>((done) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => done();
    req.onerror = () => done();
  });

describe('messages a client stored, counted in the page', () => {
  beforeEach(() => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 12_345 }) } });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    for (const d of await indexedDB.databases()) if (d.name) await drop(d.name);
  });

  it("Parley: the rows of its database's messages store, not the others", async () => {
    const db = await open('parley:me@localhost', ['messages', 'conversations']);
    await put(db, 'messages', [
      ['a', { body: 'x' }],
      ['b', { body: 'y' }],
      ['c', { body: 'z' }],
    ]);
    await put(db, 'conversations', [['p', {}]]);
    db.close();
    const r = await storedMessages(false);
    expect(r.messages).toBe(3);
    expect(r.usage).toBe(12_345);
  });

  it('Converse.js: the models of its message collections, not the lists of them', async () => {
    const db = await open('converse-persistent', ['me@localhost']);
    const coll = 'converse.messages-c1@localhost-me@localhost';
    await put(db, 'me@localhost', [
      [coll, [`${coll}-1`, `${coll}-2`]],
      [`${coll}-1`, { body: 'x' }],
      [`${coll}-2`, { body: 'y' }],
      ['converse.contacts-me@localhost', ['converse.contacts-me@localhost-c1']],
    ]);
    db.close();
    const r = await storedMessages(true);
    expect(r.messages).toBe(2);
  });
});
