// Two ejabberd nodes in one cluster (test-support/cluster.ts): two people on different nodes
// chat, share a room and see each other's presence; one node stops in the middle of the
// conversation and its person carries on on the other node, with nothing lost or shown twice;
// the node comes back into the cluster and takes new people again.
import type { Browser, Page } from '@playwright/test';
import { createClusterWorld, nodesOf } from '../test-support/cluster';
import {
  befriend,
  connectionStatus,
  createAccount,
  createRoom,
  expectInRoom,
  messageRow,
  messageTexts,
  openChat,
  send,
} from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

test.skip(
  ({ server }) => server !== 'ejabberd',
  'Clustering is ejabberd’s (Prosody 0.12 has none): this runs in the ejabberd project only.',
);

async function person(browser: Browser, prefix: string, baseURL: string) {
  const user = uniqueUser(prefix);
  const page = await (await browser.newContext({ baseURL })).newPage();
  await createAccount(page, user);
  return { user, page };
}

async function openRoom(page: Page, name: string) {
  await page.getByRole('tab', { name: /Chats/ }).click();
  await page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name }).click();
}

test('a cluster of two nodes: people on each chat and share a room; a node stops mid-conversation and comes back', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const world = await createClusterWorld();
  try {
    const [appA, appB] = world.apps;
    const [name1, name2] = world.cluster.names;
    if (!appA || !appB || !name1 || !name2) throw new Error('the cluster has two nodes');
    const port2 = world.cluster.nodes[1]?.httpPort ?? 0;
    const ann = await person(browser, 'ann', appA.url);
    const ben = await person(browser, 'ben', appB.url);
    await befriend(ann.page, ann.user, ben.page, ben.user); // presence across the nodes
    expect(await nodesOf(port2, ann.user)).toEqual([name1]);
    expect(await nodesOf(port2, ben.user)).toEqual([name2]);

    await openChat(ann.page, ben.user);
    await openChat(ben.page, ann.user);
    await send(ann.page, 'hello from node one');
    // Ben answers once he has read it: typed before it reached him, his own would come first on
    // his screen (and on a busy machine it did), which is right but not this test's point.
    await expect(messageRow(ben.page, 'hello from node one')).toBeVisible();
    await send(ben.page, 'hello from node two');
    for (const p of [ann.page, ben.page]) {
      await expect
        .poll(() => messageTexts(p))
        .toEqual(['hello from node one', 'hello from node two']);
    }

    // A room on the cluster's MUC service, with one person on each node.
    const roomName = `Ops ${ann.user.slice(-6)}`;
    const room = await createRoom(ann.page, roomName, { history: true });
    await ben.page.goto(`/#/open?uri=${encodeURIComponent(`xmpp:${room}?join`)}`);
    await ben.page
      .getByRole('dialog', { name: 'Group chats' })
      .getByRole('button', { name: 'Join' })
      .click();
    await expectInRoom(ben.page, 20_000);
    await send(ann.page, 'room: before the stop');
    await expect(ben.page.getByRole('log').getByText('room: before the stop')).toBeVisible();

    // Node one stops in the middle of the conversation. Ann's link goes with it; her app
    // server now sends new connections to node two, and she is back there by herself.
    await openChat(ann.page, ben.user);
    await openChat(ben.page, ann.user);
    const stoppedAt = Date.now();
    await world.cluster.stopNode(0);
    await send(ben.page, 'sent while node one stops');
    await expect(connectionStatus(ann.page)).toHaveText('Connected', { timeout: 60_000 });
    console.log(
      `cluster: Ann back on node two ${Date.now() - stoppedAt} ms after node one stopped`,
    );
    expect(await nodesOf(port2, ann.user)).toEqual([name2]);
    await send(ann.page, 'ann again, from node two');
    const expected = [
      'hello from node one',
      'hello from node two',
      'sent while node one stops',
      'ann again, from node two',
    ];
    await expect.poll(() => messageTexts(ann.page), { timeout: 30_000 }).toEqual(expected);
    await expect.poll(() => messageTexts(ben.page), { timeout: 30_000 }).toEqual(expected);

    // The room lived on node one. Both are back in it on node two by themselves (Ann after her
    // reconnection, Ben after the room's goodbye), with what was said before.
    for (const p of [ann.page, ben.page]) await openRoom(p, roomName);
    await expectInRoom(ann.page);
    await expectInRoom(ben.page);
    await send(ben.page, 'room: after the stop');
    for (const p of [ann.page, ben.page]) {
      await expect
        .poll(() => messageTexts(p), { timeout: 30_000 })
        .toEqual(['room: before the stop', 'room: after the stop']);
    }

    // Node one comes back and is in the cluster again; a new person lands there and reaches
    // Ann on node two.
    await world.cluster.startNode(0);
    await expect
      .poll(() => world.cluster.members(1), { timeout: 30_000 })
      .toEqual([name1, name2].sort());
    const cai = await person(browser, 'cai', appA.url);
    expect(await nodesOf(port2, cai.user)).toEqual([name1]);
    await befriend(cai.page, cai.user, ann.page, ann.user);
    await openChat(cai.page, ann.user);
    await send(cai.page, 'hello from the node that came back');
    await openChat(ann.page, cai.user);
    await expect.poll(() => messageTexts(ann.page)).toEqual(['hello from the node that came back']);
  } finally {
    await world.dispose();
  }
});
