import type { Page } from '@playwright/test';
import { expect, test, uniqueUser } from './fixtures';
import { createAccount, expectConnected, PASSWORD } from './steps';

/** Everything the page can read of itself: web storage, cookies, every IndexedDB record. */
async function dumpStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: unknown[] = [{ ...localStorage }, { ...sessionStorage }, document.cookie];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name as string);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push({ db: info.name, store, rows });
      }
      db.close();
    }
    return JSON.stringify(out);
  });
}

test('remember me signs in again after a reload, with no password at rest', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = uniqueUser('rem');
  await createAccount(page, user, { remember: true });
  await page.reload();
  await expectConnected(page);
  await expect(page.getByLabel('Enter your password to reconnect')).toHaveCount(0);

  const everything = await dumpStorage(page);
  expect(everything).toContain(`${user}@localhost`); // the scan really saw the account's data
  expect(everything).toContain('clientKey'); // what it keeps instead: SCRAM salted keys
  expect(everything).not.toContain(PASSWORD);
  expect(everything).not.toContain(btoa(PASSWORD));
  const cookies = JSON.stringify(await context.cookies());
  expect(cookies).not.toContain(PASSWORD);
  await context.close();
});

test('without remember me, nothing secret outlives the tab', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = uniqueUser('tab');
  await createAccount(page, user, { remember: false });
  // A reload in the same tab still connects (the keys live in this tab only).
  await page.reload();
  await expectConnected(page);
  expect(await dumpStorage(page)).not.toContain(PASSWORD);

  await page.close();
  const again = await context.newPage();
  await again.goto('/');
  // The local data is shown, but connecting needs the password again.
  await expect(again.getByLabel('Enter your password to reconnect')).toBeVisible();
  const stored = await dumpStorage(again);
  expect(stored).not.toContain('clientKey');
  expect(stored).not.toContain(PASSWORD);
  await again.getByLabel('Enter your password to reconnect').fill(PASSWORD);
  await again.getByRole('button', { name: 'Reconnect' }).click();
  await expectConnected(again);
  await context.close();
});
