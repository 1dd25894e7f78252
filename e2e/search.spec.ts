// Local search (issue 17): one box over chats, contacts and message text, found in the index
// kept in IndexedDB, for Chinese without spaces as for English with its cases and accents.
import type { Page } from '@playwright/test';
import { connectBot } from '../test-support/bot';
import { createAccount, PASSWORD } from '../test-support/steps';
import { expect, registerAccount, test, uniqueUser } from './fixtures';

const searchBox = (page: Page) => page.getByRole('combobox', { name: /^Search chats/ });
const results = (page: Page) => page.getByRole('listbox', { name: /^Search chats/ });
const group = (page: Page, name: 'Chats' | 'Contacts' | 'Messages') =>
  results(page).getByRole('group', { name });

const service = () => `${process.env['PARLEY_URL']?.replace(/^http/, 'ws')}xmpp-websocket`;

/** A (a bot) sends `bodies` to B, whose browser is signed in; resolves once B's list has the last. */
async function receive(page: Page, b: string, bodies: string[]) {
  const a = uniqueUser('sender');
  await registerAccount(a, PASSWORD);
  const bot = await connectBot({
    service: service(),
    domain: 'localhost',
    username: a,
    password: PASSWORD,
  });
  await bot.sendMany(`${b}@localhost`, bodies);
  await expect(page.getByRole('navigation', { name: 'Chats' })).toContainText(bodies.at(-1) ?? '', {
    timeout: 30_000,
  });
  return { a, bot };
}

test('a Chinese phrase in the middle of an old message is found and opened in place', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const b = uniqueUser('reader');
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, b);
  const phrase = '周五的会议改到下午三点，地点在图书馆门口集合，请大家准时到';
  const bodies = Array.from({ length: 150 }, (_, i) =>
    i === 30 ? phrase : `Update ${String(i).padStart(3, '0')}`,
  );
  const { a, bot } = await receive(page, b, bodies);

  // Ctrl+K from anywhere puts the cursor in the box.
  await page.getByRole('tab', { name: /Contacts/ }).click();
  await page.keyboard.press('Control+K');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('图书馆门口');
  const hit = group(page, 'Messages').getByRole('option', { name: new RegExp(a) });
  await expect(hit).toHaveCount(1);
  // The match is marked, as text; the rest of the message around it is there too.
  await expect(hit.locator('mark')).toHaveText('图书馆门口');
  await expect(hit).toContainText('地点在图书馆门口集合');
  await hit.click();

  // The conversation opens at the message, with what came before it, far from the newest.
  const log = page.getByRole('log');
  const found = log.locator('li.msg', { hasText: phrase });
  // First: the highlight is brief (2.5 s).
  await expect(found).toHaveClass(/msg-found/);
  await expect(found).toBeInViewport();
  await expect(log.getByText('Update 029', { exact: true })).toBeInViewport();
  await expect(log.getByText('Update 149', { exact: true })).not.toBeInViewport();
  await bot.stop();
});

test('an English word is found whatever its case, accents or width; Esc clears', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const b = uniqueUser('eng');
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, b);
  const { a, bot } = await receive(page, b, [
    'Lunch at the CAFÉ Müller on Friday?',
    'The cafeteria is closed',
    'See you there',
  ]);
  const box = searchBox(page);
  const messages = group(page, 'Messages');

  await box.fill('cafe muller');
  await expect(messages.getByRole('option')).toHaveCount(1);
  await expect(messages.getByRole('option').locator('mark')).toHaveText(['CAFÉ', 'Müller']);

  // Full-width letters fold too; the start of a word finds the longer words.
  await box.fill('ｃａｆｅ');
  await expect(messages.getByRole('option')).toHaveCount(2);

  // Arrows and Enter open the second message result, in its conversation.
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await box.press('Enter');
  // Newest first: the second result is the older message, the one highlighted in the log.
  await expect(page.getByRole('log').locator('li.msg-found')).toContainText('Lunch at the CAFÉ');
  await expect(page.getByRole('heading', { name: a })).toBeVisible();

  await box.press('Escape');
  await expect(box).toHaveValue('');
  await expect(results(page)).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Chats' })).toBeVisible();

  await box.fill('nowhere');
  await expect(page.getByText('Nothing found for “nowhere”.')).toBeVisible();
  await bot.stop();
});

test('a contact is found by name and opened', async ({ browser }) => {
  const b = uniqueUser('finder');
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, b);
  const friend = uniqueUser('zw');
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Contact address').fill(`${friend}@localhost`);
  await page.getByLabel('Name (optional)').fill('张伟 Zhang Wei');
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('tab', { name: /Chats/ }).click();

  const box = searchBox(page);
  await box.fill('伟');
  const contacts = group(page, 'Contacts');
  await expect(contacts.getByRole('option')).toHaveCount(1);
  await expect(contacts.getByRole('option').locator('mark')).toHaveText('伟');
  await box.fill('zhang');
  await expect(contacts.getByRole('option', { name: /Zhang Wei/ })).toBeVisible();
  await box.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '张伟 Zhang Wei' })).toBeVisible();
  // Opening a chat or contact ends the search: the lists are back.
  await expect(box).toHaveValue('');
});
