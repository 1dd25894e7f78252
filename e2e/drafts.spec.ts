// Drafts (issue 13, bug 1): every conversation keeps its own unsent text, through switching,
// a room, a reload and other tabs, and the chat list shows it.
import type { Page } from '@playwright/test';
import { createAccount, createRoom, expectConnected } from '../test-support/steps';
import { registeredBot as bot, expect, test, uniqueUser } from './fixtures';

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const chatList = (page: Page) => page.getByRole('navigation', { name: 'Chats' });
const chatRow = (page: Page, name: string) =>
  chatList(page).getByRole('button', { name, exact: true });

async function openFromChats(page: Page, name: string) {
  await page.getByRole('tab', { name: /Chats/ }).click();
  await chatRow(page, name).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
}

test('a draft stays in its own conversation: not in the next one, through a room and a reload, shown in the chat list of every tab', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const me = uniqueUser('drafter');
  const ann = uniqueUser('ann');
  const ben = uniqueUser('ben');
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, me);
  const [annBot, benBot] = await Promise.all([bot(ann), bot(ben)]);
  try {
    await annBot.sendChat(`${me}@localhost`, 'hi from ann');
    await page.getByRole('tab', { name: /Chats/ }).click();
    await expect(chatRow(page, ann)).toContainText('hi from ann');
    await benBot.sendChat(`${me}@localhost`, 'hi from ben');
    await expect(chatRow(page, ben)).toContainText('hi from ben');

    // Typed to Ann, not sent; then Ben's conversation: its box is empty, Enter sends nothing.
    await openFromChats(page, ann);
    await composer(page).fill('secret plan');
    await openFromChats(page, ben);
    await expect(composer(page)).toHaveValue('');
    await composer(page).press('Enter');
    await composer(page).fill('hello ben');
    await composer(page).press('Enter');
    await benBot.waitForMessage((m) => m.body === 'hello ben', 15_000);
    expect(benBot.received.map((m) => m.body)).toEqual(['hello ben']);

    // The list says what waits in Ann's conversation; the draft alone does not lift it above Ben.
    await expect(chatRow(page, ann)).toContainText('Draft: secret plan');
    await expect(chatRow(page, ann).locator('.draft-label')).toHaveText('Draft:');
    await expect(chatRow(page, ben)).toContainText('You: hello ben');
    await expect(chatRow(page, ben)).not.toContainText('Draft:');
    const rows = chatList(page).getByRole('listitem');
    await expect(rows.nth(0)).toContainText(ben);
    await expect(rows.nth(1)).toContainText(ann);

    // Back to Ann: the draft is there.
    await openFromChats(page, ann);
    await expect(composer(page)).toHaveValue('secret plan');

    // Through a room and back: still there, and the room's box never had it.
    await createRoom(page, `Plans ${me}`);
    await expect(composer(page)).toHaveValue('');
    await composer(page).fill('room words');
    await openFromChats(page, ann);
    await expect(composer(page)).toHaveValue('secret plan');

    // Typed to Ben and reloaded at once, before the pause in typing that saves it.
    await openFromChats(page, ben);
    await expect(composer(page)).toHaveValue('');
    await composer(page).fill('half a thought');
    await page.reload();
    await expectConnected(page, 15_000);
    await page.getByRole('tab', { name: /Chats/ }).click();
    await expect(chatRow(page, ann)).toContainText('Draft: secret plan');
    await expect(chatRow(page, ben)).toContainText('Draft: half a thought');
    await expect(chatRow(page, `Plans ${me}`)).toContainText('Draft: room words');
    await openFromChats(page, ann);
    await expect(composer(page)).toHaveValue('secret plan');

    // Another tab of the same browser lists the drafts, and follows one written here.
    const other = await page.context().newPage();
    await other.goto('/');
    await other.getByRole('tab', { name: /Chats/ }).click();
    await expect(chatRow(other, ann)).toContainText('Draft: secret plan');
    await openFromChats(page, ben);
    await expect(composer(page)).toHaveValue('half a thought');
    await composer(page).fill('changed in the first tab');
    await expect(chatRow(other, ben)).toContainText('Draft: changed in the first tab');

    // Sent, the draft is gone: Ann gets it as her first message, and the list shows it as sent.
    await openFromChats(page, ann);
    await composer(page).press('Enter');
    await expect(composer(page)).toHaveValue('');
    await annBot.waitForMessage((m) => m.body === 'secret plan', 15_000);
    expect(annBot.received.map((m) => m.body)).toEqual(['secret plan']);
    await expect(chatRow(page, ann)).toContainText('You: secret plan');
    await expect(chatRow(page, ann)).not.toContainText('Draft:');
    await expect(chatRow(other, ann)).not.toContainText('Draft:');
    await page.reload();
    await expectConnected(page, 15_000);
    await openFromChats(page, ann);
    await expect(composer(page)).toHaveValue('');
  } finally {
    await Promise.all([annBot.stop(), benBot.stop()]);
  }
});
