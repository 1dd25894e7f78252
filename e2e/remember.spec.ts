import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';
import {
  befriend,
  createAccount,
  drawnPng,
  expectConnected,
  openChat,
  PASSWORD,
  send,
} from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

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
  // Every text the connection bar shows after the reload, in order.
  await page.addInitScript(() => {
    const shown: string[] = [];
    Object.assign(window, { shownStatus: shown });
    new MutationObserver(() => {
      const text = document.querySelector('aside [role=status]')?.textContent;
      if (text && shown.at(-1) !== text) shown.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.reload();
  await expectConnected(page);
  await expect(page.getByLabel('Enter your password to reconnect')).toHaveCount(0);
  // The page that was closed had said "Connected": the new one says so only once it is.
  expect(
    await page.evaluate(() => (window as unknown as { shownStatus: string[] }).shownStatus),
  ).toEqual(['Connecting…', 'Connected']);

  const everything = await dumpStorage(page);
  expect(everything).toContain(`${user}@localhost`); // the scan really saw the account's data
  expect(everything).toContain('clientKey'); // what it keeps instead: SCRAM salted keys
  expect(everything).not.toContain(PASSWORD);
  expect(everything).not.toContain(btoa(PASSWORD));
  const cookies = JSON.stringify(await context.cookies());
  expect(cookies).not.toContain(PASSWORD);
  await context.close();
});

/** Wait until no tab of this origin keeps a Parley browser session alive (its tabs are closed). */
async function expectNoLiveTab(context: BrowserContext) {
  const probe = await context.newPage();
  await probe.goto('/config.json'); // same origin, not the app: it holds no lock itself
  await expect
    .poll(() =>
      probe.evaluate(async () =>
        (await navigator.locks.query()).held?.some((l) => l.name?.startsWith('parley-session:')),
      ),
    )
    .toBe(false);
  await probe.close();
}

test('without remember me, nothing of the account outlives its last tab', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = uniqueUser('tab');
  await createAccount(page, user, { remember: false });
  // A reload in the same tab still connects (the keys live in this tab only).
  await page.reload();
  await expectConnected(page);
  expect(await dumpStorage(page)).not.toContain(PASSWORD);

  // A tab opened beside it belongs to the same browser session, and keeps it alive.
  const second = await context.newPage();
  await second.goto('/');
  await expectConnected(second);
  await page.close();
  await second.reload();
  await expectConnected(second);
  await second.close();
  await expectNoLiveTab(context);

  // Every tab closed: the next one shows the sign-in screen and holds nothing of the account.
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(again.getByLabel('Address')).toHaveValue('');
  const stored = await dumpStorage(again);
  expect(stored).not.toContain(user);
  expect(stored).not.toContain('clientKey');
  expect(stored).not.toContain(PASSWORD);
  await context.close();
});

/** A browser of its own whose profile (IndexedDB included) outlives it, as a person's does. */
function launchProfile(dir: string) {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: process.env['PARLEY_URL'] ?? '',
  });
}

/** Chat with a peer, a message each way and a picture from the peer; then close the browser. */
async function chatThenQuit(browser: Browser, dir: string, user: string, remember: boolean) {
  const profile = await launchProfile(dir);
  const page = profile.pages()[0] ?? (await profile.newPage());
  const peer = uniqueUser('peer');
  const pb = await (await browser.newContext()).newPage();
  await createAccount(page, user, { remember });
  await createAccount(pb, peer);
  await befriend(page, user, pb, peer);
  await openChat(page, peer);
  await send(page, 'hello from the shared computer');
  await openChat(pb, user);
  await expect(pb.getByRole('log')).toContainText('hello from the shared computer');
  await send(pb, 'a reply only you should read');
  const chooser = pb.waitForEvent('filechooser');
  await pb.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles([
    { name: 'holiday.png', mimeType: 'image/png', buffer: await drawnPng(pb) },
  ]);
  await pb
    .getByRole('dialog', { name: `Send to ${user}` })
    .getByRole('button', { name: 'Send' })
    .click();
  await expect(page.getByRole('log')).toContainText('a reply only you should read');
  await expect(page.getByRole('button', { name: 'Open holiday.png' }).locator('img')).toBeVisible();
  await profile.close();
  return peer;
}

test('without remember me, closing the browser erases the account: chats, pictures, everything', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'parley-profile-'));
  try {
    const user = uniqueUser('shared');
    await chatThenQuit(browser, dir, user, false);

    const profile = await launchProfile(dir);
    const page = profile.pages()[0] ?? (await profile.newPage());
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Address')).toHaveValue('');
    await expect(page.getByText('a reply only you should read')).toHaveCount(0);
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(names).not.toContain(`parley:${user}@localhost`);
    expect(await dumpStorage(page)).not.toContain(user);
    await profile.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('with remember me, the next browser start shows everything and reconnects', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'parley-profile-'));
  try {
    const user = uniqueUser('mine');
    const peer = await chatThenQuit(browser, dir, user, true);

    const profile = await launchProfile(dir);
    const page = profile.pages()[0] ?? (await profile.newPage());
    await page.goto('/');
    await expectConnected(page);
    await openChat(page, peer);
    await expect(page.getByRole('log')).toContainText('a reply only you should read');
    await expect(
      page.getByRole('button', { name: 'Open holiday.png' }).locator('img'),
    ).toBeVisible();
    await profile.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
