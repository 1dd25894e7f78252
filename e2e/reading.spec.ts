// Read markers (XEP-0333) go only for messages the person actually had on screen, with the
// page visible and focused. Scrolled up, new messages wait under a pill that counts them;
// opening a conversation with unread messages lands on an "Unread messages" line.
import type { Browser, Page } from '@playwright/test';
import { connectBot } from '../test-support/bot';
import { befriend, leavePage, openChat, PASSWORD, returnToPage, send } from '../test-support/steps';
import { expect, newPerson, test } from './fixtures';

test.describe.configure({ timeout: 120_000 });

/** Two contacts, A and B, and a bot signed in as B (another device of B's) for bulk sending. */
async function pair(browser: Browser) {
  const a = await newPerson(browser, 'reader', { locale: 'en-US' });
  const b = await newPerson(browser, 'writer', { locale: 'en-US' });
  await befriend(a.page, a.user, b.page, b.user);
  const service = `${process.env['PARLEY_URL']?.replace(/^http/, 'ws')}xmpp-websocket`;
  const bot = await connectBot({
    service,
    domain: 'localhost',
    username: b.user,
    password: PASSWORD,
  });
  return { a, b, bot };
}

const log = (page: Page) => page.getByRole('log');
/** B's own message with `text`, whose state (Delivered, Read) B sees on it. */
const mine = (page: Page, text: string) => log(page).locator('li.msg-out', { hasText: text });
const numbered = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix} ${String(i + 1).padStart(3, '0')}`);

test('a message that arrives while the person reads further up is not read until scrolled to', async ({
  browser,
}) => {
  const { a, b, bot } = await pair(browser);
  try {
    await openChat(a.page, b.user);
    const bodies = numbered('bulk', 150);
    await bot.sendMany(`${a.user}@localhost`, bodies);
    const newest = log(a.page).getByText('bulk 150', { exact: true });
    await expect(newest).toBeInViewport();

    // A scrolls far up; B writes once more.
    await log(a.page).evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect(newest).not.toBeInViewport();
    await openChat(b.page, a.user);
    // B's page has stored what B's other device (the bot) sent: A's marker for those, however
    // late it comes, then names messages stored before "one more" (a marker covers what B
    // filed before the message it names, and B files another device's message as it hears of it).
    await expect(log(b.page).getByText('bulk 150', { exact: true })).toBeVisible();
    await send(b.page, 'one more');

    // B's device has it (Delivered), A is told there is one new message below...
    await expect(mine(b.page, 'one more')).toContainText('Delivered');
    const pill = a.page.getByRole('button', { name: '1 new message' });
    await expect(pill).toBeVisible();
    // ...and whatever A's device sent before this reply has reached B by the time it arrives
    // (a status message: sending a message would take A down to it).
    const status = a.page.getByLabel('Status message');
    await status.fill('reading above');
    await status.press('Enter');
    await expect(b.page.locator('p.status', { hasText: 'reading above' })).toBeVisible();
    await expect(pill).toBeVisible();
    await expect(mine(b.page, 'one more')).not.toContainText('Read');
    await expect(log(a.page).getByText('one more', { exact: true })).not.toBeInViewport();

    // The pill brings A down to it: now it is read.
    await pill.click();
    await expect(log(a.page).getByText('one more', { exact: true })).toBeInViewport();
    await expect(mine(b.page, 'one more')).toContainText('Read');
    await expect(pill).toBeHidden();
  } finally {
    await bot.stop();
  }
});

test('a page that is hidden or not focused marks nothing read', async ({ browser }) => {
  const { a, b, bot } = await pair(browser);
  await bot.stop();
  await openChat(a.page, b.user);
  await openChat(b.page, a.user);

  for (const how of ['hidden', 'blurred'] as const) {
    await leavePage(a.page, how);
    const text = `while ${how}`;
    await send(b.page, text);
    await expect(mine(b.page, text)).toContainText('Delivered');
    // A's device counted it unread (it decides that as the message is stored, with the marker).
    await expect(a.page).toHaveTitle('(1) Parley');
    await expect(mine(b.page, text)).not.toContainText('Read');
    await returnToPage(a.page);
    await expect(mine(b.page, text)).toContainText('Read');
    await expect(a.page).toHaveTitle('Parley');
  }
});

test('opening a conversation with unread messages lands on the Unread messages line', async ({
  browser,
}) => {
  const { a, b, bot } = await pair(browser);
  try {
    await a.page.getByRole('tab', { name: /Chats/ }).click();
    await bot.sendMany(`${a.user}@localhost`, numbered('unread', 100));
    await expect(a.page).toHaveTitle('(100) Parley');

    await a.page.getByRole('button', { name: b.user, exact: true }).click();
    const divider = log(a.page).getByText('Unread messages');
    await expect(divider).toBeInViewport();
    await expect(log(a.page).getByText('unread 001', { exact: true })).toBeInViewport();
    const last = log(a.page).getByText('unread 100', { exact: true });
    await expect(last).not.toBeInViewport();
    // What is on screen is read; the rest still counts.
    await expect
      .poll(async () => Number(/\((\d+)\)/.exec(await a.page.title())?.[1] ?? 0))
      .toBeLessThan(100);
    await expect(a.page).toHaveTitle(/^\(\d+\) Parley$/);

    await a.page.getByRole('button', { name: /new messages$/ }).click();
    await expect(last).toBeInViewport();
    await expect(a.page).toHaveTitle('Parley');
  } finally {
    await bot.stop();
  }
});
