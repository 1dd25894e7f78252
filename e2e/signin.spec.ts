// The sign-in screen: what it offers, and what a failed sign-in leaves behind (nothing).
import type { Page } from '@playwright/test';
import { connectionStatus, createAccount, expectConnected, PASSWORD } from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { expect, test, uniqueUser } from './fixtures';

async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

async function signOut(page: Page, opts: { forget: boolean }) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  if (opts.forget) await page.getByLabel(/Forget this device/).check();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

test('a failed sign-in or sign-up leaves no database behind', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const taken = uniqueUser('taken');
  await createAccount(page, taken);
  await signOut(page, { forget: true });

  const nobody = uniqueUser('nosuchuser');
  await page.getByLabel('Address').fill(`${nobody}@localhost`);
  await page.getByLabel('Password').fill('whatever it was');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Wrong address or password/);

  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Address').fill(`${taken}@localhost`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText(/already taken/);

  const names = await databaseNames(page);
  expect(names).toContain('parley'); // the scan works: the app's own small database is there
  expect(names.filter((n) => n.startsWith('parley:'))).toEqual([]);
});

test('the sign-in screen offers the last address, never the password, and switches language', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const user = uniqueUser('back');
  await createAccount(page, user);
  await signOut(page, { forget: false });
  await expect(page.getByLabel('Address')).toHaveValue(`${user}@localhost`);
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page.getByLabel('Keep me signed in on this device')).not.toBeChecked();
  await expect(page.getByText(/Unchecked: this device erases your chats/)).toBeVisible();

  await page.getByLabel('Language').selectOption({ label: '繁體中文' });
  await expect(page.getByRole('heading', { name: '登入 Parley' })).toBeVisible();
  await expect(page.getByRole('button', { name: '登入' })).toBeVisible();
  await page.getByLabel('語言').selectOption({ label: '简体中文' });
  await expect(page.getByRole('heading', { name: '登录 Parley' })).toBeVisible();
  await page.getByLabel('语言').selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { name: 'Sign in to Parley' })).toBeVisible();

  // Forgetting the device forgets the address too.
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('combobox', { name: 'Your presence' })).toBeVisible();
  await signOut(page, { forget: true });
  await expect(page.getByLabel('Address')).toHaveValue('');
});

test('a password typed in a tab that does not hold the connection: its error shows there, and only SCRAM keys cross tabs', async ({
  browser,
}) => {
  const world = await createWorld();
  try {
    const app = world.apps[0];
    if (!app) throw new Error('no app server');
    const context = await browser.newContext({ baseURL: app.url });
    // Every message between this browser's tabs, as each tab receives it.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { tabTraffic: string[] }).tabTraffic = seen;
      new BroadcastChannel('parley').onmessage = (e) => seen.push(JSON.stringify(e.data));
    });
    const leader = await context.newPage();
    const user = uniqueUser('twotabs');
    await createAccount(leader, user, { remember: false });
    const other = await context.newPage();
    await other.goto('/');
    await expectConnected(other);

    // The password changes elsewhere; the next connection needs the new one.
    const NEW = 'a new password 2';
    await world.register(user, NEW);
    app.net.cut('rst');
    app.net.restore();
    const prompt = other.getByLabel('Enter your password to reconnect');
    await expect(prompt).toBeVisible({ timeout: 20_000 });

    await prompt.fill('not the password');
    await other.getByRole('button', { name: 'Reconnect' }).click();
    await expect(connectionStatus(other)).toContainText('Wrong address or password');

    await prompt.fill(NEW);
    await other.getByRole('button', { name: 'Reconnect' }).click();
    await expectConnected(other);
    await expectConnected(leader);

    const traffic = (await leader.evaluate(() =>
      (window as unknown as { tabTraffic: string[] }).tabTraffic.join('\n'),
    )) as string;
    expect(traffic).toContain('"type":"signin"'); // the sign-in did go through the leader tab
    expect(traffic).toContain('clientKey');
    expect(traffic).not.toContain(NEW);
    expect(traffic).not.toContain('not the password');
  } finally {
    await world.dispose();
  }
});
