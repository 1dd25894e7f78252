// The chat list's own actions (issue 17, "Chats"): pin, mark unread, archive and delete here,
// from the row's button, right-click and the keyboard, followed by another tab of the same
// browser; and "Forward" from the message menu to another conversation (issue 17, "Forward").
import type { Page } from '@playwright/test';
import type { Bot } from '../test-support/bot';
import { befriend, createAccount, drawnPng, openChat, send } from '../test-support/steps';
import { registeredBot as bot, expect, newPerson, test, uniqueUser } from './fixtures';

const chatList = (page: Page) => page.getByRole('navigation', { name: 'Chats' });
/** The names in the chat list (not the archived view), top to bottom. */
const listed = (page: Page) =>
  chatList(page)
    .getByRole('list', { name: 'Chats' })
    .locator('li > button.row')
    .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
const row = (page: Page, name: string) => chatList(page).getByRole('button', { name, exact: true });

test('pin, mark unread, archive and delete a chat; another tab follows', async ({ browser }) => {
  test.setTimeout(150_000);
  const me = uniqueUser('lister');
  const context = await browser.newContext();
  const page = await context.newPage();
  await createAccount(page, me);
  const [b, c, d] = [uniqueUser('bea'), uniqueUser('cai'), uniqueUser('dov')];
  const bots = await Promise.all([bot(b), bot(c), bot(d)]);
  const [botB, botC, botD] = bots as [Bot, Bot, Bot];
  try {
    // Bea is a contact (asked), the others write as strangers.
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Contact address').fill(`${b}@localhost`);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('tab', { name: /Chats/ }).click();
    for (const [who, text] of [
      [botB, 'from bea'],
      [botC, 'from cai'],
      [botD, 'from dov'],
    ] as const) {
      await who.sendChat(`${me}@localhost`, text);
      await expect(row(page, who.jid.split('@')[0] ?? '')).toBeVisible();
    }
    await expect.poll(() => listed(page)).toEqual([d, c, b]);
    const tab2 = await context.newPage();
    await tab2.goto('/');
    await expect.poll(() => listed(tab2)).toEqual([d, c, b]);

    // Pin Bea with the row's own button: she goes on top, with a pin mark, in both tabs.
    await row(page, b).hover();
    await chatList(page)
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: b, exact: true }) })
      .getByRole('button', { name: 'Chat actions' })
      .click();
    await page.getByRole('menuitem', { name: 'Pin' }).click();
    await expect.poll(() => listed(page)).toEqual([b, d, c]);
    await expect(chatList(page).getByRole('img', { name: 'Pinned' })).toHaveCount(1);
    await expect.poll(() => listed(tab2)).toEqual([b, d, c]);
    await expect(chatList(tab2).getByRole('img', { name: 'Pinned' })).toHaveCount(1);
    // A new message elsewhere does not lift a chat above the pinned one.
    await botC.sendChat(`${me}@localhost`, 'cai again');
    await expect.poll(() => listed(page)).toEqual([b, c, d]);

    // Open Cai (read), then mark the chat unread by right-click: a dot, in both tabs.
    await row(page, c).click();
    await expect(page.getByRole('log').getByText('cai again')).toBeVisible();
    await page.goBack();
    await row(page, c).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Mark as unread' }).click();
    const dot = (p: Page) => row(p, c).getByRole('img', { name: 'Marked as unread' });
    await expect(dot(page)).toBeVisible();
    await expect(dot(tab2)).toBeVisible();
    // Opening it clears the mark.
    await row(tab2, c).click();
    await expect(dot(page)).toBeHidden();
    await tab2.goBack();

    // Archive Dov from the keyboard: the menu key on the focused row, arrows, Enter.
    await row(page, d).focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: `Actions for ${d}` });
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    while (
      !(await menu
        .getByRole('menuitem', { name: 'Archive' })
        .evaluate((el) => el === document.activeElement))
    )
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => listed(page)).toEqual([b, c]);
    await expect.poll(() => listed(tab2)).toEqual([b, c]);
    const archivedEntry = chatList(page).getByRole('button', { name: /Archived chats/ });
    await expect(archivedEntry).toContainText('1');
    await archivedEntry.click();
    await expect(chatList(page).getByRole('list', { name: 'Archived chats' })).toContainText(
      'from dov',
    );
    await chatList(page).getByRole('button', { name: 'Back to chats' }).click();
    // Dov writes again: the chat is back in the list in both tabs, no archive left.
    await botD.sendChat(`${me}@localhost`, 'dov is back');
    await expect.poll(() => listed(page)).toEqual([b, d, c]);
    await expect.poll(() => listed(tab2)).toEqual([b, d, c]);
    await expect(archivedEntry).toBeHidden();

    // Delete Bea's chat, asked in the app's own dialog: gone here and in the other tab.
    await row(page, b).click();
    await expect(page.getByRole('log').getByText('from bea')).toBeVisible();
    await row(page, b).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete chat' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete the chat with ${b}?` });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Delete chat' }).click();
    await expect.poll(() => listed(page)).toEqual([d, c]);
    await expect.poll(() => listed(tab2)).toEqual([d, c]);
    // The open chat closed; the contact stays.
    await expect(page.getByRole('log')).toBeHidden();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await expect(page.getByRole('button', { name: b, exact: true })).toBeVisible();
    await page.getByRole('tab', { name: /Chats/ }).click();

    // After a reload (and its catch-up with the archive) it stays deleted; a new message
    // starts it again with only that message.
    await page.reload();
    await expect.poll(() => listed(page)).toEqual([d, c]);
    await botB.sendChat(`${me}@localhost`, 'bea, later');
    await row(page, b).click();
    await expect(page.getByRole('log').getByText('bea, later')).toBeVisible();
    await expect(page.getByRole('log').getByText('from bea')).toHaveCount(0);
  } finally {
    await Promise.all(bots.map((x) => x.stop()));
  }
});

test("forward: A forwards B's picture and text to C, who sees them", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await newPerson(browser, 'fwa');
  const b = await newPerson(browser, 'fwb');
  const c = await newPerson(browser, 'fwc');
  await befriend(a.page, a.user, b.page, b.user);
  await befriend(a.page, a.user, c.page, c.user);

  // B sends A a picture and a text.
  await openChat(b.page, a.user);
  const chooser = b.page.waitForEvent('filechooser');
  await b.page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles([
    { name: 'sunset.png', mimeType: 'image/png', buffer: await drawnPng(b.page, 640, 480) },
  ]);
  const sendDialog = b.page.getByRole('dialog', { name: `Send to ${a.user}` });
  await sendDialog.getByRole('button', { name: 'Send' }).click();
  // The dialog is modal until the picture is prepared and sent: only then can B type again.
  await expect(sendDialog).toBeHidden();
  await send(b.page, 'dinner at eight?');

  await openChat(a.page, b.user);
  const picture = a.page.getByRole('button', { name: 'Open sunset.png' });
  await expect(picture).toBeVisible({ timeout: 20_000 });
  const rowOf = (p: Page, has: string) =>
    p.getByRole('log').locator('li.msg').filter({ hasText: has }).last();

  // The picture, by the message's menu: search the picker by name, Enter.
  const pictureRow = a.page.getByRole('log').locator('li.msg').filter({ has: picture });
  await pictureRow.hover();
  await pictureRow.getByRole('button', { name: 'More actions' }).click();
  await a.page.getByRole('menuitem', { name: 'Forward' }).click();
  const picker = a.page.getByRole('dialog', { name: 'Forward to…' });
  const search = picker.getByRole('combobox', { name: 'Search chats' });
  await search.fill(c.user.slice(0, 6));
  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker.getByRole('option', { name: `Forward to ${c.user}` })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await search.press('Enter');
  await expect(picker).toBeHidden();

  // The text, from the keyboard: Enter on the focused message opens its menu.
  const textRow = rowOf(a.page, 'dinner at eight?');
  await textRow.focus();
  await a.page.keyboard.press('Enter');
  await a.page.getByRole('menuitem', { name: 'Forward' }).click();
  await expect(picker).toBeVisible();
  await picker.getByRole('option', { name: `Forward to ${c.user}` }).click();
  await expect(picker).toBeHidden();
  // A's chat with C says it was A who sent the text last.
  await expect(row(a.page, c.user)).toContainText('You: dinner at eight?');

  // C sees the picture (loaded from the same URL) and the text, from A, not as a reply.
  await openChat(c.page, a.user);
  const got = c.page.getByRole('button', { name: 'Open sunset.png' });
  await expect(got).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() =>
      got.locator('img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth),
    )
    .toBe(640);
  const text = rowOf(c.page, 'dinner at eight?');
  await expect(text).toBeVisible();
  await expect(text).toHaveClass(/msg-in/);
  await expect(text.getByRole('button', { name: /^Reply to / })).toHaveCount(0);
});
