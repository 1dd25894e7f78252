// Every conversation and room has its own URL (hash routes): Back and Forward move between the
// list and conversations, a reload keeps the open one, a phone's Back returns to the list, and
// xmpp: URIs open the right place without sending or joining by themselves.
import type { Browser, Page } from '@playwright/test';
import { befriend, createAccount, createRoom, expectInRoom, openChat } from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

async function person(browser: Browser, prefix: string, phone = false) {
  const user = uniqueUser(prefix);
  const context = await browser.newContext({
    locale: 'en-US',
    ...(phone ? { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await createAccount(page, user);
  return { user, page };
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const chatWith = (page: Page, name: string) =>
  page.getByRole('log', { name: `Messages with ${name}` });
const noConversation = (page: Page) => page.getByText('Choose a conversation.');

// Two accounts that become contacts, then a walk through several screens.
test.describe.configure({ timeout: 120_000 });

test('a chat and a room have URLs: Back, Forward and reload go where the person expects', async ({
  browser,
}) => {
  const a = await person(browser, 'nav');
  const b = await person(browser, 'pal');
  await befriend(a.page, a.user, b.page, b.user);

  await openChat(a.page, b.user);
  await expect(a.page).toHaveURL(new RegExp(`#/chat/${b.user}@localhost$`));
  await expect(chatWith(a.page, b.user)).toBeVisible();

  await createRoom(a.page, 'Routes room');
  await expect(a.page).toHaveURL(/#\/room\/[^/]+@conference\.localhost$/);
  const roomUrl = a.page.url();
  await expect(chatWith(a.page, 'Routes room')).toBeVisible();

  await a.page.goBack();
  await expect(chatWith(a.page, b.user)).toBeVisible();
  await a.page.goBack();
  await expect(noConversation(a.page)).toBeVisible();
  await a.page.goForward();
  await expect(chatWith(a.page, b.user)).toBeVisible();
  await a.page.goForward();
  await expect(chatWith(a.page, 'Routes room')).toBeVisible();
  expect(a.page.url()).toBe(roomUrl);

  // A reload keeps the open conversation: the room, then the chat.
  await a.page.reload();
  await expect(chatWith(a.page, 'Routes room')).toBeVisible();
  await expectInRoom(a.page);
  await a.page.goBack();
  await expect(chatWith(a.page, b.user)).toBeVisible();
  await a.page.reload();
  await expect(chatWith(a.page, b.user)).toBeVisible();
});

test('on a phone, Back from a conversation shows the list, also for a conversation opened by its URL', async ({
  browser,
}) => {
  const a = await person(browser, 'phone', true);
  const b = await person(browser, 'pal');
  await befriend(a.page, a.user, b.page, b.user);
  const list = a.page.getByRole('tab', { name: /Chats/ });

  await openChat(a.page, b.user);
  await expect(list).toBeHidden(); // the conversation is a screen of its own
  await a.page.goBack();
  await expect(list).toBeVisible();
  await expect(chatWith(a.page, b.user)).toBeHidden();

  // The app's own back arrow does the same as the browser's Back.
  await a.page.goForward();
  await expect(chatWith(a.page, b.user)).toBeVisible();
  await a.page.getByRole('button', { name: 'Back to conversations' }).click();
  await expect(list).toBeVisible();

  // Opened straight on a conversation (a bookmark, a link): Back still shows the list.
  const fresh = await a.page.context().newPage();
  await fresh.goto(`/#/chat/${b.user}@localhost`);
  await expect(chatWith(fresh, b.user)).toBeVisible();
  await fresh.goBack();
  await expect(fresh.getByRole('tab', { name: /Chats/ })).toBeVisible();
  await expect(fresh).toHaveURL(/#\/$/);
});

test('xmpp: URIs open the chat with the text in the composer, or the join form, sending nothing', async ({
  browser,
}) => {
  const a = await person(browser, 'uri');
  const b = await person(browser, 'pal');
  await befriend(a.page, a.user, b.page, b.user);

  const uri = `xmpp:${b.user}@localhost?message;body=Hello%20from%20a%20link%3B%20%E4%BD%A0%E5%A5%BD`;
  await a.page.goto(`/#/open?uri=${encodeURIComponent(uri)}`);
  await expect(chatWith(a.page, b.user)).toBeVisible();
  await expect(composer(a.page)).toHaveValue('Hello from a link; 你好');
  await expect(a.page).toHaveURL(new RegExp(`#/chat/${b.user}@localhost$`));
  await expect(chatWith(a.page, b.user).getByRole('listitem')).toHaveCount(0);
  // Only the person's Enter sends it: B gets it once (had the link sent it, twice).
  await composer(a.page).press('Enter');
  await b.page.getByRole('tab', { name: /Chats/ }).click();
  await b.page.getByRole('button', { name: a.user, exact: true }).click();
  const got = chatWith(b.page, a.user).locator('li.msg .body');
  await expect(got).toHaveText(['Hello from a link; 你好']);
  await expect(chatWith(a.page, b.user).locator('li.msg-out')).toHaveAttribute(
    'data-state',
    /delivered|displayed/,
  );
  await expect(got).toHaveCount(1);

  // ?join opens the join form for that room; nothing is joined until the person clicks Join.
  const room = `lobby-${a.user}@conference.localhost`;
  await a.page.goto(`/#/open?uri=${encodeURIComponent(`xmpp:${room}?join`)}`);
  const dialog = a.page.getByRole('dialog', { name: 'Group chats' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Room address')).toHaveValue(room);
  await expect(a.page).toHaveURL(/#\/$/);
  await dialog.getByRole('button', { name: 'Join' }).click();
  await expect(dialog).toBeHidden();
  await expect(a.page).toHaveURL(new RegExp(`#/room/${room}$`));

  // A URI that is not a usable address opens nothing: the list stays.
  await a.page.goto(`/#/open?uri=${encodeURIComponent('xmpp:not an address')}`);
  await expect(a.page).toHaveURL(/#\/$/);
});
