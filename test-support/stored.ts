// What the app has stored for an account, read from inside its page (IndexedDB `parley:<jid>`),
// for the specs that check the mirror itself rather than the screen.
import type { Page } from '@playwright/test';

/**
 * The rows of `store` in `account`'s database: all of them, or the one under `key` (as a
 * one-row list, or empty). The database is opened and closed for each read, so the app's own
 * connection is not held up.
 */
export function storedRows<T>(page: Page, account: string, store: string, key?: string) {
  return page.evaluate(
    async ({ account, store, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(`parley:${account}`);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        return await new Promise<unknown[]>((resolve, reject) => {
          const os = db.transaction(store, 'readonly').objectStore(store);
          const req = key === undefined ? os.getAll() : os.get(key);
          req.onsuccess = () =>
            resolve(key === undefined ? req.result : req.result === undefined ? [] : [req.result]);
          req.onerror = () => reject(req.error);
        });
      } finally {
        db.close();
      }
    },
    { account, store, key },
  ) as Promise<T[]>;
}
