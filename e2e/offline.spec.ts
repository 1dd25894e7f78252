import {
  befriend,
  connectionStatus,
  createAccount,
  expectConnected,
  openChat,
  send,
} from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { expect, test, uniqueUser } from './fixtures';

test('a message sent while offline survives closing the tab and is delivered later', async ({
  browser,
}) => {
  const a = uniqueUser('off');
  const b = uniqueUser('recv');
  const ctxA = await browser.newContext();
  const pa = await ctxA.newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  await pa.close();

  // The server is out of reach for this browser: the app opens from IndexedDB and queues.
  const offline = await ctxA.newPage();
  await offline.routeWebSocket(/xmpp-websocket/, () => {
    /* swallowed: the server never answers */
  });
  await offline.goto('/');
  await expect(offline.getByRole('status')).not.toHaveText('Connected');
  await openChat(offline, b);
  await send(offline, 'written while offline');
  const mine = offline.getByRole('log').getByRole('listitem').last();
  await expect(mine).toContainText('written while offline');
  await expect(mine).toContainText('Queued');
  await offline.close();

  // Later, a new tab with the network back: the queued message goes out and is delivered.
  const back = await ctxA.newPage();
  await back.goto('/');
  await expectConnected(back);
  await openChat(pb, a);
  await expect(pb.getByRole('log')).toContainText('written while offline');
  await openChat(back, b);
  await expect(back.getByRole('log').getByRole('listitem').last()).toContainText(/Delivered|Read/);
});

test('going offline shows at once in the bar and in your own dot, and coming back shows Connected', async ({
  browser,
}) => {
  // A keepalive far longer than the test waits: only the browser's offline event can tell.
  const world = await createWorld({
    appConfig: { keepaliveSeconds: 120, keepaliveTimeoutSeconds: 60 },
  });
  try {
    const app = world.apps[0];
    if (!app) throw new Error('no app server');
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await createAccount(page, uniqueUser('net'));
    const ownDot = page.getByRole('complementary').locator('.own').getByRole('img');
    await expect(ownDot).toHaveAccessibleName('Online');

    // The network goes: the path falls silent (nobody is told) and the browser says offline.
    app.net.cut('blackhole');
    await context.setOffline(true);
    const cutAt = Date.now();
    await expect(connectionStatus(page)).not.toHaveText('Connected', { timeout: 3_000 });
    await expect(connectionStatus(page)).toContainText('Offline');
    await expect(ownDot).toHaveAccessibleName('Not connected');
    await expect(ownDot).toHaveAttribute('title', 'Not connected');
    expect(Date.now() - cutAt).toBeLessThan(10_000);

    // Back: connected again, and the dot shows the chosen presence.
    app.net.restore();
    await context.setOffline(false);
    await expectConnected(page);
    await expect(ownDot).toHaveAccessibleName('Online');
  } finally {
    await world.dispose();
  }
});
