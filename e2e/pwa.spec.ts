// The installed app: installability, an offline start from the service worker, updates only
// when the person agrees, a newer schema in another tab, and the share target.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';
import { serveApp } from '../dev/serve.mjs';
import {
  befriend,
  connectionStatus,
  controlled,
  createAccount,
  expectConnected,
  openChat,
  send,
  serverOutOfReach,
} from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

// The service worker is what this spec is about (the suite blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

// Two or three accounts that befriend each other before the part under test: slow on a
// loaded machine.
test.describe.configure({ timeout: 150_000 });

test('the manifest and service worker pass Chromium’s installability check', async () => {
  // Chromium offers no install in an incognito profile, which every Playwright context is
  // unless it is persistent.
  const profile = await mkdtemp(join(tmpdir(), 'parley-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL: process.env['PARLEY_URL'] ?? '',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    // What the install dialog and the system use, as the browser parsed it.
    const parsed = JSON.parse(manifest.data ?? '{}') as {
      display: string;
      shortcuts: Array<{ name: string; url: string }>;
      icons: Array<{ src: string; purpose?: string; sizes: string }>;
      protocol_handlers: Array<{ protocol: string; url: string }>;
      share_target: { method: string; enctype: string };
    };
    expect(parsed.display).toBe('standalone');
    expect(parsed.shortcuts.map((s) => s.name)).toEqual(['New chat', 'Group chats']);
    expect(parsed.icons.filter((i) => i.purpose === 'maskable').map((i) => i.sizes)).toEqual([
      '192x192',
      '512x512',
    ]);
    expect(parsed.protocol_handlers[0]).toMatchObject({ protocol: 'xmpp' });
    expect(parsed.share_target).toMatchObject({ method: 'POST', enctype: 'multipart/form-data' });
    for (const i of parsed.icons) {
      const res = await page.request.get(new URL(i.src, page.url()).href);
      expect(res.ok(), i.src).toBe(true);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test('with the network gone, a reload shows the chats and history, says offline, and queues what is sent', async ({
  browser,
}) => {
  const a = uniqueUser('pwa');
  const b = uniqueUser('peer');
  const ctxA = await browser.newContext();
  const pa = await ctxA.newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  await openChat(pa, b);
  await send(pa, 'kept for the road');
  await expect(pa.getByRole('log').getByRole('listitem').last()).toContainText(/Delivered|Read/);
  await controlled(pa);

  await ctxA.setOffline(true);
  // The page itself has no network now (a file the worker does not hold cannot be fetched).
  expect(
    await pa.evaluate(() =>
      fetch('/favicon.svg?probe').then(
        () => 'reached',
        () => 'offline',
      ),
    ),
  ).toBe('offline');
  await pa.reload();
  await pa.getByRole('tab', { name: 'Chats' }).click();
  const chats = pa.getByRole('navigation', { name: 'Chats' });
  await expect(chats.getByRole('button', { name: b, exact: true })).toBeVisible();
  await expect(connectionStatus(pa)).toContainText('Offline');
  await chats.getByRole('button', { name: b, exact: true }).click();
  await expect(pa.getByRole('log')).toContainText('kept for the road');

  await send(pa, 'typed without a network');
  const mine = pa.getByRole('log').getByRole('listitem').last();
  await expect(mine).toContainText('Queued');

  await ctxA.setOffline(false);
  await expectConnected(pa, 30_000);
  await openChat(pb, a);
  await expect(pb.getByRole('log')).toContainText('typed without a network');
  await expect(mine).toContainText(/Delivered|Read/);
});

test('with the XMPP server out of reach, a fresh start shows the chats and queues', async ({
  browser,
}) => {
  const a = uniqueUser('down');
  const b = uniqueUser('peer');
  const ctxA = await browser.newContext();
  const pa = await ctxA.newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  await openChat(pb, a);
  await send(pb, 'hello before the outage');
  await openChat(pa, b);
  await expect(pa.getByRole('log')).toContainText('hello before the outage');
  await controlled(pa);
  await pa.close();

  // The web server answers, the XMPP server does not: the socket is refused.
  const fresh = await ctxA.newPage();
  await serverOutOfReach(fresh);
  await fresh.goto('/');
  await expect(connectionStatus(fresh)).not.toHaveText('Connected');
  await fresh
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: b, exact: true })
    .click();
  await expect(fresh.getByRole('log')).toContainText('hello before the outage');
  await send(fresh, 'waiting for the server');
  await expect(fresh.getByRole('log').getByRole('listitem').last()).toContainText('Queued');
});

test('a new version is announced and applied only when the person agrees', async ({ browser }) => {
  // A server of its own over a copy of dist/, so the test can publish a "new version".
  const root = await mkdtemp(join(tmpdir(), 'parley-update-'));
  await cp(DIST, root, { recursive: true });
  const app = await serveApp({
    root,
    port: 0,
    config: { domain: 'localhost', websocketUrl: '/xmpp-websocket' },
  });
  try {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await page.goto('/');
    await controlled(page);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Update ready')).toHaveCount(0);

    // Publish: a changed worker (as any build with a changed file makes).
    const sw = join(root, 'sw.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// next version\n`);
    await page.reload();
    const banner = page.getByRole('status').filter({ hasText: 'Update ready' });
    await expect(banner).toBeVisible({ timeout: 30_000 });

    // Not applied by itself: another reload still runs the old version, still asking.
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 30_000 });
    expect(
      await page.evaluate(
        async () =>
          (await navigator.serviceWorker.ready) &&
          !!(await navigator.serviceWorker.getRegistration())?.waiting,
      ),
    ).toBe(true);

    // The person agrees: the new version takes over and the page reloads into it.
    await page.evaluate(() => {
      (window as { beforeUpdate?: boolean }).beforeUpdate = true;
    });
    await banner.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => !(window as { beforeUpdate?: boolean }).beforeUpdate);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Update ready')).toHaveCount(0);
    expect(
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { waiting: !!reg?.waiting, active: reg?.active?.state };
      }),
    ).toEqual({ waiting: false, active: 'activated' });
  } finally {
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('an old tab is told, in words, when a newer version upgrades the database', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const old = await context.newPage();
  await createAccount(old, uniqueUser('schema'));

  // A newer build in another tab opens the same database at a higher version.
  const newer = await context.newPage();
  await newer.goto('/');
  await newer.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const probe = indexedDB.open('parley');
        probe.onsuccess = () => {
          const v = probe.result.version;
          probe.result.close();
          const up = indexedDB.open('parley', v + 10);
          up.onsuccess = () => {
            up.result.close();
            resolve();
          };
          up.onerror = () => reject(up.error);
          up.onblocked = () => reject(new Error('blocked: an old tab held on'));
        };
        probe.onerror = () => reject(probe.error);
      }),
  );
  const alert = old.getByRole('alert').filter({ hasText: 'updated in another tab' });
  await expect(alert).toContainText('reload it to go on');
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(alert).toHaveCount(0);
});

test('a file shared from another app goes to the conversation picked in “Send to…”', async ({
  browser,
}) => {
  const a = uniqueUser('share');
  const b = uniqueUser('dest');
  const pa = await (await browser.newContext()).newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  await controlled(pa);

  // What the system share sheet does: a POST of the file and text to the share target.
  await pa.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = 'share-target';
    form.enctype = 'multipart/form-data';
    form.innerHTML =
      '<input type="file" name="files" multiple><input name="text" value="From the gallery">';
    form.hidden = true;
    document.body.append(form);
  });
  await pa.locator('form[action="share-target"] input[type=file]').setInputFiles({
    name: 'trip-notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('day one: the sea'),
  });
  await pa.evaluate(() =>
    (document.querySelector('form[action="share-target"]') as HTMLFormElement).submit(),
  );

  const picker = pa.getByRole('dialog', { name: 'Send to…' });
  await expect(picker).toContainText('trip-notes.txt');
  await expect(picker).toContainText('From the gallery');
  const search = picker.getByRole('searchbox', { name: 'Search conversations' });
  await search.fill('nobody-by-this-name');
  await expect(picker).toContainText('No conversation matches.');
  await search.fill(b.slice(0, 8));
  await picker.getByRole('button', { name: `Send to ${b}` }).click();
  await expect(picker).toBeHidden();

  // Sent, and the conversation is open on it.
  const log = pa.getByRole('log');
  await expect(log).toContainText('trip-notes.txt');
  await expect(log).toContainText('From the gallery');
  await openChat(pb, a);
  await expect(pb.getByRole('log')).toContainText('trip-notes.txt', { timeout: 20_000 });
  await expect(pb.getByRole('log')).toContainText('From the gallery');
  // A reload does not post it again: the share is gone.
  await pa.goto('/');
  await expect(pa.getByRole('dialog', { name: 'Send to…' })).toHaveCount(0);
});

test('the install offer is a button in Settings, and the shortcuts open New chat and Group chats', async ({
  page,
}) => {
  await createAccount(page, uniqueUser('inst'));
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('button', { name: 'Install Parley' })).toHaveCount(0);

  // The browser's offer (what Chromium sends once the manifest and worker qualify).
  await page.evaluate(() => {
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => {
        (window as { prompted?: boolean }).prompted = true;
      },
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(offer);
  });
  await settings.getByRole('button', { name: 'Install Parley' }).click();
  await expect(settings).toContainText('Parley is installed on this device.');
  expect(await page.evaluate(() => (window as { prompted?: boolean }).prompted)).toBe(true);
  await settings.getByRole('button', { name: 'Close' }).click();

  // The manifest's shortcuts, as the installed app opens them.
  await page.goto('/?s=1#/?tab=contacts');
  await expect(page.getByRole('tab', { name: 'Contacts' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
  await page.goto('/?s=2#/?groups=open');
  await expect(page.getByRole('dialog', { name: 'Group chats' })).toBeVisible();
});
