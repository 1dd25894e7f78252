// How messages read: styling and /me as the peer sees them, day dividers, the theme switch,
// and moving between conversations by keyboard.
import type { Page } from '@playwright/test';
import { xml } from '@xmpp/client';
import { nickColours } from '../src/ui/lib/nickColour';
import { type Bot, connectBot } from '../test-support/bot';
import {
  befriend,
  createAccount,
  createRoom,
  openChat,
  PASSWORD,
  send,
} from '../test-support/steps';
import { expect, registerAccount, test, uniqueUser } from './fixtures';

test.describe.configure({ timeout: 240_000 });

const log = (page: Page) => page.getByRole('log');

/** A stranger (a bot) who writes to `to`: the app files it under the bot's address. */
async function strangerBot(): Promise<{ bot: Bot; user: string }> {
  const user = uniqueUser('bot');
  await registerAccount(user, PASSWORD);
  const service = `${process.env['PARLEY_URL']?.replace(/^http/, 'ws')}xmpp-websocket`;
  const bot = await connectBot({
    service,
    domain: 'localhost',
    username: user,
    password: PASSWORD,
  });
  return { bot, user };
}

test('styling and /me reach the peer as styled text, in the chat and the chat list', async ({
  browser,
}) => {
  const a = uniqueUser('sty');
  const b = uniqueUser('stypeer');
  const pa = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const pb = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  await openChat(pa, b);
  await send(pa, '*bold* _soft_ ~gone~ `x*y*` https://example.org/a_b');
  await send(pa, '> quoted\nreply');
  await send(pa, '/me waves');

  await openChat(pb, a);
  const styled = log(pb).locator('.body').filter({ hasText: 'bold' });
  await expect(styled.locator('strong')).toHaveText('*bold*');
  await expect(styled.locator('em')).toHaveText('_soft_');
  await expect(styled.locator('s')).toHaveText('~gone~');
  // Nothing is styled inside code.
  await expect(styled.locator('code')).toHaveText('`x*y*`');
  await expect(styled.locator('code strong')).toHaveCount(0);
  await expect(styled.getByRole('link', { name: 'https://example.org/a_b' })).toHaveAttribute(
    'href',
    'https://example.org/a_b',
  );
  await expect(log(pb).locator('blockquote')).toHaveText('quoted');
  // The bold text looks bold to the peer.
  // (A retrying assertion: the row may be drawn again as its state changes, detaching the node.)
  await expect(styled.locator('strong')).toHaveCSS('font-weight', '700');

  // "/me waves" from A reads "* A waves" on both sides, and in B's chat list.
  await expect(log(pb).locator('.body.action')).toHaveText(`* ${a} waves`);
  await expect(log(pa).locator('.body.action')).toHaveText(`* ${a} waves`);
  await pb.getByRole('tab', { name: /Chats/ }).click();
  await expect(pb.getByRole('navigation', { name: 'Chats' })).toContainText(`* ${a} waves`);
});

test('a message from yesterday sits under "Yesterday", today’s under "Today"', async ({
  browser,
}) => {
  const me = uniqueUser('days');
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await createAccount(page, me);
  const { bot, user } = await strangerBot();
  try {
    // Written yesterday at this hour and delivered now: its <delay/> says when.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await bot.xmpp.send(
      xml(
        'message',
        { to: `${me}@localhost`, type: 'chat', id: 'old1' },
        xml('body', {}, 'sent yesterday'),
        xml('delay', { xmlns: 'urn:xmpp:delay', stamp: yesterday }),
      ),
    );
    await bot.sendChat(`${me}@localhost`, 'sent today');
    await page.getByRole('tab', { name: /Chats/ }).click();
    await page.getByRole('button', { name: user, exact: true }).click();
    await expect(log(page).locator('.body')).toHaveText(['sent yesterday', 'sent today']);
    // The days are headings, for a screen reader's "next heading", each above its messages.
    await expect(log(page).getByRole('heading', { level: 3 })).toHaveText(['Yesterday', 'Today']);
    const order = await log(page)
      .locator('ol > li')
      .evaluateAll((lis) =>
        lis.map((li) =>
          li.classList.contains('msg') ? li.querySelector('.body')?.textContent : li.textContent,
        ),
      );
    expect(order).toEqual([
      'Yesterday',
      'Unread messages',
      'sent yesterday',
      'Today',
      'sent today',
    ]);
  } finally {
    await bot.stop();
  }
});

test('the theme chosen in Settings holds across a reload, from the first frame', async ({
  browser,
}) => {
  const me = uniqueUser('theme');
  // The system is light: dark can only come from the choice.
  const ctx = await browser.newContext({ locale: 'en-US', colorScheme: 'light' });
  const page = await ctx.newPage();
  await createAccount(page, me);
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await background()).toBe('rgb(245, 246, 248)');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Theme').selectOption({ label: 'Dark' });
  await expect.poll(background).toBe('rgb(17, 19, 21)');
  await settings.getByRole('button', { name: 'Close' }).click();

  // On reload the page is dark before the app has run: the first paint is never light.
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector('#app');
  expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  expect(await background()).toBe('rgb(17, 19, 21)');
  await expect(page.getByRole('complementary').getByRole('status')).toHaveText('Connected');

  // Back to the system's: light again.
  await page.getByRole('button', { name: 'Settings' }).click();
  await settings.getByLabel('Theme').selectOption({ label: 'Same as the system' });
  await expect.poll(background).toBe('rgb(245, 246, 248)');
  await page.reload();
  await expect(page.getByRole('complementary').getByRole('status')).toHaveText('Connected');
  expect(await background()).toBe('rgb(245, 246, 248)');
});

test('Alt+Down and Alt+Up move between conversations; "?" lists the shortcuts', async ({
  browser,
}) => {
  const me = uniqueUser('keys');
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await createAccount(page, me);
  const first = await strangerBot();
  const second = await strangerBot();
  try {
    await first.bot.sendChat(`${me}@localhost`, 'from the first');
    await expect(page.getByRole('button', { name: first.user, exact: true })).toBeVisible();
    await second.bot.sendChat(`${me}@localhost`, 'from the second');
    const chats = page.getByRole('navigation', { name: 'Chats' });
    // Newest first: the second bot's conversation tops the list.
    await expect(chats.locator('button.row')).toHaveCount(2);
    await expect(chats.locator('button.row').first()).toHaveAccessibleName(second.user);

    await chats.getByRole('button', { name: second.user, exact: true }).click();
    await expect(log(page).locator('.body')).toHaveText(['from the second']);
    // Typing a message does not stop the shortcut.
    await page.getByRole('textbox', { name: 'Message', exact: true }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(log(page).locator('.body')).toHaveText(['from the first']);
    await expect(chats.getByRole('button', { name: first.user, exact: true })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await page.keyboard.press('Alt+ArrowUp');
    await expect(log(page).locator('.body')).toHaveText(['from the second']);

    // "?" in the message box is a character; elsewhere it opens the list; Esc closes it.
    const box = page.getByRole('textbox', { name: 'Message', exact: true });
    await box.press('?');
    await expect(box).toHaveValue('?');
    await log(page).focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Next conversation');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    // And from Settings.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page
      .getByRole('dialog', { name: 'Settings' })
      .getByRole('button', { name: 'Keyboard shortcuts' })
      .click();
    await expect(help).toBeVisible();
  } finally {
    await first.bot.stop();
    await second.bot.stop();
  }
});

test('in a room: /me and styling from another client, nicks in their XEP-0392 colours, Esc closes the people panel', async ({
  browser,
}) => {
  const me = uniqueUser('roomlook');
  const page = await (
    await browser.newContext({
      locale: 'en-US',
      colorScheme: 'light',
      viewport: { width: 1280, height: 800 },
    })
  ).newPage();
  await createAccount(page, me);
  const room = await createRoom(page, `Look ${me.slice(-6)}`);
  expect(room).toContain('@');

  // Another client joins and writes, as Conversations would.
  const { bot } = await strangerBot();
  try {
    const nick = 'Romeo';
    await bot.xmpp.send(
      xml(
        'presence',
        { to: `${room}/${nick}` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      ),
    );
    const people = page.getByRole('complementary', { name: 'People (2)' });
    await expect(people).toBeVisible();
    for (const body of ['/me cheers', 'hello *all*']) {
      await bot.xmpp.send(xml('message', { to: room, type: 'groupchat' }, xml('body', {}, body)));
    }
    await expect(log(page).locator('.body.action')).toHaveText('* Romeo cheers');
    await expect(log(page).locator('.body strong')).toHaveText('*all*');
    // Its nick in the colour every XEP-0392 client gives "Romeo", made for the light theme.
    const hex = nickColours(nick).light;
    const rgb = `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    await expect(log(page).locator('.nick').first()).toHaveCSS('color', rgb);
    // Two messages from Romeo a moment apart: one group, his name once.
    await expect(log(page).locator('.nick')).toHaveCount(1);

    // Esc inside the people panel closes it and gives the focus back to its button.
    await people.getByRole('button', { name: 'Hide the list of people' }).focus();
    await page.keyboard.press('Escape');
    await expect(people).toBeHidden();
    await expect(page.getByRole('button', { name: /People in this room/ })).toBeFocused();
  } finally {
    await bot.stop();
  }
});
