import { join } from 'node:path';
import { xml } from '@xmpp/client';
import type { ArchivedChat } from '../test-support/seed.mjs';
import { writeArchive, writeRoster } from '../test-support/seed.mjs';
import { expectConnected, PASSWORD, send } from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { expect, test } from './fixtures';

// A new browser (or one whose data was forgotten) signs in to an account with a history.

const DAY = 24 * 60 * 60;

test('a new browser lists every conversation of the last 30 days, in order, with its last message and what the peer read', async ({
  browser,
}) => {
  test.skip(
    process.env['PARLEY_SERVER'] === 'ejabberd',
    'The history is written in Prosody’s own storage format (test-support/seed.mjs).',
  );
  test.setTimeout(120_000);
  const world = await createWorld();
  try {
    const [me, amy, bob, carol, erin, dan] = await Promise.all(
      ['me', 'amy', 'bob', 'carol', 'erin', 'dan'].map((u) => world.register(u, PASSWORD)),
    );
    // History from before this test: written into the server's files while it is down, since
    // messages sent now would all be from now.
    const data = join(world.server.dataDir, 'data');
    await world.crashServer();
    const now = Math.floor(Date.now() / 1000);
    const items: ArchivedChat[] = [];
    const chat = (from: string, to: string, ago: number, body: string, id: string) => {
      const ours = from.startsWith(`${me}/`);
      items.push({
        from,
        to,
        with: ours ? to : (from.split('/')[0] ?? ''),
        body,
        id,
        when: now - ago,
      });
    };
    chat(`${dan}/x`, `${me}/web`, 40 * DAY, 'Dan, long ago', 'd1');
    chat(`${carol}/x`, `${me}/web`, 12 * DAY, 'Carol asks', 'c0');
    chat(`${me}/web`, carol ?? '', 11 * DAY, 'To Carol, seen by her', 'c1');
    items.push({
      from: `${carol}/x`,
      to: `${me}/web`,
      with: carol ?? '',
      id: 'c2',
      marker: { name: 'displayed', id: 'c1' },
      when: now - 11 * DAY + 60,
    });
    chat(`${me}/web`, erin ?? '', 8 * DAY, 'To Erin, nothing known', 'e1');
    chat(`${bob}/x`, `${me}/web`, 5 * DAY, 'Bob, five days ago', 'b1');
    // The newest page and more (the server gives 250 at most): all Amy's.
    for (let i = 1; i <= 300; i++)
      chat(`${amy}/x`, `${me}/web`, 2 * 3600 - i * 10, `Amy ${i}`, `a${i}`);
    writeArchive(data, world.domain, 'me', items);
    writeRoster(data, world.domain, 'me', [{ jid: bob ?? '', name: 'Bob' }]);
    writeRoster(data, world.domain, 'bob', [{ jid: me ?? '', name: 'Me' }]);
    await world.startServerAgain();

    const app = world.apps[0];
    const page = await (await browser.newContext({ baseURL: app?.url })).newPage();
    await page.goto('/');
    await page.getByLabel('Address').fill(me ?? '');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectConnected(page);

    const chats = page.getByRole('navigation', { name: 'Chats' }).getByRole('listitem');
    const expected = [
      ['amy', 'Amy 300'],
      ['Bob', 'Bob, five days ago'],
      ['erin', 'You: To Erin, nothing known'],
      ['carol', 'You: To Carol, seen by her'],
    ];
    await expect(chats).toHaveCount(expected.length, { timeout: 30_000 });
    for (const [i, [name, preview]] of expected.entries()) {
      // The row's own button (the first; its "Chat actions" menu button follows it).
      const row = chats.nth(i).getByRole('button').first();
      await expect(row).toHaveAccessibleName(name ?? '');
      await expect(row).toHaveAccessibleDescription(preview ?? '');
    }

    // Older than 30 days: found when the person reaches the end of the list and asks.
    await page.getByRole('button', { name: 'Show older conversations' }).click();
    await expect(chats).toHaveCount(expected.length + 1);
    await expect(chats.last().getByRole('button').first()).toHaveAccessibleName('dan');
    await expect(chats.last().getByRole('button').first()).toHaveAccessibleDescription(
      'Dan, long ago',
    );

    // Carol read our message (her displayed marker is in the archive); of Erin nothing is known.
    const log = page.getByRole('log');
    await page.getByRole('button', { name: 'carol', exact: true }).click();
    await expect(
      log.getByRole('listitem').filter({ hasText: 'To Carol, seen by her' }),
    ).toContainText('Read');
    await page.getByRole('button', { name: 'erin', exact: true }).click();
    await expect(
      log.getByRole('listitem').filter({ hasText: 'To Erin, nothing known' }),
    ).toContainText('Sent');

    // And live: Bob reads a message; a browser signed in afterwards knows it from the archive.
    const bobBot = await world.bot('bob', PASSWORD);
    await page.getByRole('button', { name: 'Bob', exact: true }).click();
    await send(page, 'Read this, Bob');
    const got = await bobBot.waitForMessage((m) => m.body === 'Read this, Bob');
    await bobBot.xmpp.send(
      xml(
        'message',
        { to: me, type: 'chat', id: 'bob-marker' },
        xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id: got.id }),
      ),
    );
    await expect(log.getByRole('listitem').filter({ hasText: 'Read this, Bob' })).toContainText(
      'Read',
    );
    const fresh = await (await browser.newContext({ baseURL: app?.url })).newPage();
    await fresh.goto('/');
    await fresh.getByLabel('Address').fill(me ?? '');
    await fresh.getByLabel('Password').fill(PASSWORD);
    await fresh.getByRole('button', { name: 'Sign in' }).click();
    await expectConnected(fresh);
    await fresh.getByRole('button', { name: 'Bob', exact: true }).click();
    await expect(
      fresh.getByRole('log').getByRole('listitem').filter({ hasText: 'Read this, Bob' }),
    ).toContainText('Read');
  } finally {
    await world.dispose();
  }
});
