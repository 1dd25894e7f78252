// Connecting: the session ends with the page (a reload must not leave it lingering on the
// server), and signing in and chatting over BOSH.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { serveApp } from '../dev/serve.mjs';
import { befriend, createAccount, openChat, send } from '../test-support/steps';
import { domain, expect, test, uniqueUser } from './fixtures';

const DIST = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');

test('closing the page ends the session at once: a contact sees us go offline', async ({
  browser,
}) => {
  const a = uniqueUser('ann');
  const b = uniqueUser('ben');
  const pa = await (await browser.newContext()).newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  const annOnB = pb.getByRole('button', { name: a, exact: true });
  await expect(annOnB.getByRole('img', { name: 'Online' })).toBeVisible();
  // Leaving the page: without a closed stream the server keeps the session for resumption
  // (Prosody's smacks: ten minutes) and Ann stays online for Ben all that time.
  await pa.goto('about:blank');
  await expect(annOnB.getByRole('img', { name: 'Online' })).toBeHidden({ timeout: 30_000 });
});

/** The XMPP server's own HTTP port (WebSocket, BOSH), from the global setup. */
function serverHttpPort(): number {
  const port = Number(process.env['PARLEY_SERVER_HTTP_PORT']);
  if (!port) throw new Error('PARLEY_SERVER_HTTP_PORT is not set');
  return port;
}

/** A second app server over the same dist/ and XMPP server, serving `config` as config.json. */
async function appWith(config: object) {
  return serveApp({
    root: DIST,
    port: 0,
    prosodyHttpPort: serverHttpPort(),
    config: { allowRegistration: true, ...config },
  });
}

async function settingsSay(page: Page, text: string) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByText(text)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('signs in and chats over BOSH when config.json has only a BOSH URL', async ({ browser }) => {
  test.setTimeout(90_000);
  const app = await appWith({ boshUrl: '/http-bind', domain: domain() });
  try {
    const a = uniqueUser('bosh');
    const b = uniqueUser('ws');
    const pa = await (await browser.newContext({ baseURL: app.url })).newPage();
    const pb = await (await browser.newContext()).newPage();
    const sockets: string[] = [];
    pa.on('websocket', (ws) => sockets.push(ws.url()));
    await createAccount(pa, a);
    await createAccount(pb, b);
    await settingsSay(pa, 'Connected over BOSH (HTTP long polling)');
    await settingsSay(pb, 'Connected over WebSocket');
    await befriend(pa, a, pb, b);
    await openChat(pa, b);
    await send(pa, 'hello over BOSH');
    await openChat(pb, a);
    await expect(pb.getByRole('log').getByText('hello over BOSH')).toBeVisible();
    await send(pb, 'and back over WebSocket');
    await expect(pa.getByRole('log').getByText('and back over WebSocket')).toBeVisible();
    // Sent and delivered: the receipt came back over BOSH too.
    await expect(
      pa.getByRole('log').locator('li.msg-out', { hasText: 'hello over BOSH' }),
    ).toHaveAttribute('data-state', /delivered|displayed/);
    expect(sockets).toEqual([]);
  } finally {
    await app.close();
  }
});

test('falls back to BOSH when the WebSocket cannot be opened', async ({ browser }) => {
  test.setTimeout(60_000);
  // A WebSocket endpoint that refuses every upgrade, as some corporate proxies do.
  const app = await appWith({
    websocketUrl: '/no-websocket-here',
    boshUrl: '/http-bind',
    domain: domain(),
  });
  try {
    const page = await (await browser.newContext({ baseURL: app.url })).newPage();
    await createAccount(page, uniqueUser('proxy'));
    await settingsSay(page, 'Connected over BOSH (HTTP long polling)');
  } finally {
    await app.close();
  }
});

test('finds the server from host-meta when config.json names only the domain', async ({
  browser,
}) => {
  const app = await appWith({ domain: domain() });
  try {
    const page = await (await browser.newContext({ baseURL: app.url })).newPage();
    await createAccount(page, uniqueUser('found'));
    await settingsSay(page, 'Connected over WebSocket');
  } finally {
    await app.close();
  }
});
