import type { Browser, Page } from '@playwright/test';
import { expect, test, uniqueUser } from './fixtures';

const PASSWORD = 'correct horse 1';

async function createAccount(page: Page, user: string) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Address').fill(`${user}@localhost`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('combobox', { name: 'Your presence' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Connected');
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'en-US' });
  return context.newPage();
}

test('two people become contacts and chat, with receipts, unread counts and history', async ({
  browser,
}) => {
  const a = uniqueUser('ann');
  const b = uniqueUser('ben');
  const pa = await newPage(browser);
  const pb = await newPage(browser);
  await createAccount(pa, a);
  await createAccount(pb, b);

  // A adds B; B accepts; both see each other online.
  await pa.getByRole('tab', { name: 'Contacts' }).click();
  await pa.getByRole('button', { name: 'Add contact' }).click();
  await pa.getByLabel('Contact address').fill(`${b}@localhost`);
  await pa.getByRole('button', { name: 'Send request' }).click();
  await expect(pa.getByRole('button', { name: b, exact: true })).toContainText(
    'Waiting for approval',
  );

  await pb.getByRole('tab', { name: 'Contacts' }).click();
  await pb.getByRole('button', { name: `Accept ${a}@localhost` }).click();
  const annOnB = pb.getByRole('button', { name: a, exact: true });
  const benOnA = pa.getByRole('button', { name: b, exact: true });
  await expect(annOnB.getByRole('img', { name: 'Online' })).toBeVisible();
  await expect(benOnA.getByRole('img', { name: 'Online' })).toBeVisible();

  // A writes to B. Shift+Enter makes a new line; Enter sends. HTML stays literal text.
  await benOnA.click();
  const composer = pa.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('Hello Ben');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('<b>not bold</b> https://example.com');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  const logA = pa.getByRole('log');
  const sentMsg = logA.getByRole('listitem').last();
  await expect(sentMsg).toContainText('Hello Ben\n<b>not bold</b>');
  await expect(sentMsg.locator('b')).toHaveCount(0);
  await expect(sentMsg.getByRole('link', { name: 'https://example.com' })).toHaveAttribute(
    'href',
    'https://example.com/',
  );

  // B sees the unread count in the list and the title before opening the chat.
  await pb.getByRole('tab', { name: /Chats/ }).click();
  const convOnB = pb.getByRole('button', { name: a, exact: true });
  await expect(convOnB).toContainText('1');
  await expect(pb).toHaveTitle('(1) Parley');
  // Delivered to B's device (receipt) before B has read it...
  await expect(sentMsg).toContainText('Delivered');
  await convOnB.click();
  await expect(pb.getByRole('log')).toContainText('<b>not bold</b>');
  await expect(pb).toHaveTitle('Parley');
  // ...and read once B opened the chat (displayed marker).
  await expect(sentMsg).toContainText('Read');

  // B types: A sees it; then B answers.
  const composerB = pb.getByRole('textbox', { name: 'Message', exact: true });
  await composerB.pressSequentially('Hi A');
  await expect(pa.getByText(`${b} is typing…`)).toBeVisible();
  await composerB.press('Enter');
  await expect(logA).toContainText('Hi A');
  await expect(pa.getByText(`${b} is typing…`)).toBeHidden();
  await expect(pb.getByRole('log').getByRole('listitem').last()).toContainText(/Delivered|Read/);

  // B reloads with the server out of reach: history shows from IndexedDB alone.
  await pb.routeWebSocket(/xmpp-websocket/, () => {
    /* never connects */
  });
  await pb.reload();
  await pb.getByRole('button', { name: a, exact: true }).click();
  await expect(pb.getByRole('log')).toContainText('<b>not bold</b>');
  await expect(pb.getByRole('log')).toContainText('Hi A');
  await pb.unrouteAll();

  // Sign out and forget the device: nothing of B's account is left in IndexedDB.
  await pb.getByRole('button', { name: 'Settings' }).click();
  await pb.getByRole('button', { name: 'Sign out' }).click();
  await pb.getByLabel(/Forget this device/).check();
  await pb.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(pb.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const leftovers = await pb.evaluate(async (account) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const hits = names.filter((n) => n.includes(account));
    const root = await new Promise<unknown[]>((resolve, reject) => {
      const req = indexedDB.open('parley');
      req.onsuccess = () => {
        const tx = req.result.transaction('session', 'readonly');
        const all = tx.objectStore('session').getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      };
      req.onerror = () => reject(req.error);
    });
    return { hits, root, local: JSON.stringify({ ...localStorage }) };
  }, `${b}@localhost`);
  expect(leftovers.hits).toEqual([]);
  expect(JSON.stringify(leftovers.root)).not.toContain(b);
  expect(leftovers.local).not.toContain(b);
});

test('sign-in failures are said in words', async ({ browser }) => {
  const page = await newPage(browser);
  const user = uniqueUser('cat');
  await createAccount(page, user);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();

  await page.getByLabel('Address').fill(`${user}@localhost`);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Wrong address or password/);

  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Address').fill(`${user}@localhost`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText(/already taken/);
});
