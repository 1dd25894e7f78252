import { expect, test, uniqueUser } from './fixtures';
import { befriend, createAccount, expectConnected, openChat, send } from './steps';

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
