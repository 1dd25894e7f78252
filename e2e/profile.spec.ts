// People (issue 17): a picture and a display name set in one browser reach a contact's other
// browser over PEP; a rename shows everywhere; a blocked contact's message never appears;
// a changed password is the one that signs in; a deleted account is gone from the server;
// a block can carry a spam report where the server takes one.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  befriend,
  createAccount,
  openChat,
  openContactDetails,
  openSettings,
  PASSWORD,
  send,
} from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { expect, newPerson, test, uniqueUser } from './fixtures';

/** A 300×200 PNG drawn in the page: red, with a blue 100 px square from (100, 50). */
async function picture(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 300;
    c.height = 200;
    const g = c.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.fillStyle = '#c33';
    g.fillRect(0, 0, 300, 200);
    g.fillStyle = '#33c';
    g.fillRect(100, 50, 100, 100);
    const blob = await new Promise<Blob | null>((done) => c.toBlob(done, 'image/png'));
    if (!blob) throw new Error('not encoded');
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  return Buffer.from(bytes);
}

const chatRow = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name, exact: true });
const contactRow = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Contacts' }).getByRole('button', { name, exact: true });

test('profile: a picture and a display name set by A appear in B’s chat list and contacts', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await newPerson(browser, 'juliet');
  const b = await newPerson(browser, 'romeo');
  await befriend(a.page, a.user, b.page, b.user);
  await openChat(a.page, b.user);
  await send(a.page, 'Hello from A');
  await b.page.getByRole('tab', { name: /Chats/ }).click();
  // Before: initials on a colour, no picture.
  await expect(chatRow(b.page, a.user).locator('.avatar-initials')).toBeVisible({
    timeout: 15_000,
  });

  const settings = await openSettings(a.page);
  await settings.getByLabel('Display name').fill('Juliet Capulet');
  await settings.getByRole('button', { name: 'Save name' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved. Your contacts will see this name.');
  await settings.getByLabel('Choose a picture').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: await picture(a.page),
  });
  // The square to show: it starts centred (red at its left edge); moved with the keyboard to
  // the right edge, the blue square fills the left half of the avatar.
  const crop = a.page.getByRole('dialog', { name: 'Choose what your picture shows' });
  const frame = crop.getByRole('button', { name: 'Part of the picture to show' });
  await frame.focus();
  for (let i = 0; i < 3; i++) await frame.press('Shift+ArrowRight');
  await crop.getByRole('button', { name: 'Use this picture' }).click();
  await expect(crop).toBeHidden();
  // Our own picture shows in Settings at once, cropped square where the frame was.
  const own = settings.locator('.profile-picture .avatar img');
  await expect(own).toBeVisible();
  const leftEdge = await own.evaluate(async (el) => {
    const img = el as HTMLImageElement;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g?.drawImage(img, 0, 0);
    const [r = 0, , b = 0] = g?.getImageData(5, Math.floor(c.height / 2), 1, 1).data ?? [];
    return { r, b };
  });
  expect(leftEdge.b).toBeGreaterThan(150);
  expect(leftEdge.r).toBeLessThan(100);
  await settings.getByRole('button', { name: 'Close' }).click();

  // B: the name A gave themselves, and A's picture, in the chat list and the contacts.
  const row = chatRow(b.page, 'Juliet Capulet');
  await expect(row).toBeVisible({ timeout: 20_000 });
  const img = row.locator('.avatar img');
  await expect(img).toBeVisible({ timeout: 20_000 });
  expect(await img.getAttribute('src')).toMatch(/^blob:/);
  const size = await img.evaluate((el) => [
    (el as HTMLImageElement).naturalWidth,
    (el as HTMLImageElement).naturalHeight,
  ]);
  expect(size).toEqual([192, 192]);
  await b.page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(contactRow(b.page, 'Juliet Capulet').locator('.avatar img')).toBeVisible();
  // After a reload it comes from the local cache, not the network.
  await b.page.reload();
  await b.page.getByRole('tab', { name: /Chats/ }).click();
  await expect(chatRow(b.page, 'Juliet Capulet').locator('.avatar img')).toBeVisible();
});

test('contacts: a rename shows everywhere; a blocked contact’s message never appears', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const a = await newPerson(browser, 'bea');
  const b = await newPerson(browser, 'ben');
  await befriend(a.page, a.user, b.page, b.user);
  await openChat(a.page, b.user);
  await send(a.page, 'First, before any block');
  await openChat(b.page, a.user);
  await expect(b.page.getByRole('log')).toContainText('First, before any block');

  // Rename from the contact's details: header, chat list and contact list follow.
  const details = await openContactDetails(b.page, a.user);
  await expect(details).toContainText(`${a.user}@localhost`);
  await expect(details.getByRole('heading', { name: 'Devices online' })).toBeVisible();
  await details.getByLabel('Name').fill('Bea from work');
  await details.getByRole('button', { name: 'Rename' }).click();
  // The dialog is named after the contact: it follows the new name too.
  const renamed = b.page.getByRole('dialog', { name: 'Bea from work' });
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: 'Close' }).click();
  await expect(b.page.locator('.chat-title h2')).toHaveText('Bea from work');
  await b.page.getByRole('tab', { name: /Chats/ }).click();
  await expect(chatRow(b.page, 'Bea from work')).toBeVisible();
  await b.page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(contactRow(b.page, 'Bea from work')).toBeVisible();
  // The server kept it: it survives a reload (the roster is fetched again).
  await b.page.reload();
  await b.page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(contactRow(b.page, 'Bea from work')).toBeVisible({ timeout: 15_000 });

  // Groups, from the details too: the contact list files the contact under each.
  await contactRow(b.page, 'Bea from work').click();
  const again = await openContactDetails(b.page, 'Bea from work');
  await expect(again.getByText('In no group: listed under Contacts.')).toBeVisible();
  for (const group of ['  Book   club ', '同学']) {
    await again.getByLabel('Add to a group').fill(group);
    await again.getByRole('button', { name: 'Add', exact: true }).click();
  }
  await expect(again.getByRole('button', { name: 'Take out of Book club' })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Take out of 同学' })).toBeVisible();
  const group = (name: string) =>
    b.page.locator('section.group', { has: b.page.getByRole('heading', { name, exact: true }) });
  await again.getByRole('button', { name: 'Close' }).click();
  await b.page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(
    group('Book club').getByRole('button', { name: 'Bea from work', exact: true }),
  ).toBeVisible();
  await expect(
    group('同学').getByRole('button', { name: 'Bea from work', exact: true }),
  ).toBeVisible();
  await expect(group('Contacts')).toHaveCount(0);
  // Out of one: the server keeps the other (after a reload, the roster as the server has it).
  await group('同学').getByRole('button', { name: 'Bea from work', exact: true }).click();
  await openContactDetails(b.page, 'Bea from work');
  await again.getByRole('button', { name: 'Take out of Book club' }).click();
  await expect(again.getByRole('button', { name: 'Take out of Book club' })).toBeHidden();
  await again.getByRole('button', { name: 'Close' }).click();
  await b.page.reload();
  await b.page.getByRole('tab', { name: 'Contacts' }).click();
  await expect(
    group('同学').getByRole('button', { name: 'Bea from work', exact: true }),
  ).toBeVisible({
    timeout: 15_000,
  });
  await expect(group('Book club')).toHaveCount(0);

  // Block, with the app's own confirmation.
  await contactRow(b.page, 'Bea from work').click();
  await openContactDetails(b.page, 'Bea from work');
  await again.getByRole('button', { name: 'Block' }).click();
  await b.page
    .getByRole('dialog', { name: 'Block Bea from work?' })
    .getByRole('button', { name: 'Block' })
    .click();
  await again.getByRole('button', { name: 'Close' }).click();
  await expect(b.page.getByText('You blocked this contact.')).toBeVisible();
  const settings = await openSettings(b.page);
  await expect(settings.getByRole('button', { name: `Unblock ${a.user}@localhost` })).toBeVisible({
    timeout: 15_000,
  });
  await settings.getByRole('button', { name: 'Close' }).click();

  await send(a.page, 'Sent while blocked');
  // Unblock, then a message after it: once that shows, the blocked one would have shown first.
  await b.page
    .getByText('You blocked this contact.')
    .getByRole('button', { name: 'Unblock' })
    .click();
  await expect(b.page.getByText('You blocked this contact.')).toBeHidden({ timeout: 15_000 });
  await send(a.page, 'After the unblock');
  await expect(b.page.getByRole('log')).toContainText('After the unblock', { timeout: 15_000 });
  await expect(b.page.getByRole('log')).not.toContainText('Sent while blocked');
  // Nor does the archive bring it back on a new session.
  await b.page.reload();
  await b.page.getByRole('tab', { name: 'Contacts' }).click();
  await contactRow(b.page, 'Bea from work').click();
  await expect(b.page.getByRole('log')).toContainText('After the unblock', { timeout: 15_000 });
  await expect(b.page.getByRole('log')).not.toContainText('Sent while blocked');
});

test('password: changed in Settings, the new one signs in and the old one no longer does', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const a = await newPerson(browser, 'pat');
  const settings = await openSettings(a.page);
  const fresh = 'a much better passphrase 2';
  await settings.getByLabel('Current password').fill('not my password');
  await settings.getByLabel('New password', { exact: true }).fill(fresh);
  await settings.getByLabel('New password again').fill(fresh);
  await settings.getByRole('button', { name: 'Change password' }).click();
  await expect(settings.getByRole('alert')).toHaveText('The current password is not right.', {
    timeout: 15_000,
  });
  await settings.getByLabel('Current password').fill(PASSWORD);
  await settings.getByLabel('New password again').fill('not the same');
  await settings.getByRole('button', { name: 'Change password' }).click();
  await expect(settings.getByRole('alert')).toHaveText(
    'The two passwords are not the same. Type them again.',
  );
  await settings.getByLabel('New password again').fill(fresh);
  await settings.getByRole('button', { name: 'Change password' }).click();
  await expect(settings.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible({
    timeout: 15_000,
  });

  // Still connected here (signed in again with the new password), then sign out.
  await settings.getByRole('button', { name: 'Sign out' }).click();
  await a.page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(a.page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await a.page.getByLabel('Address').fill(`${a.user}@localhost`);
  await a.page.getByLabel('Password').fill(PASSWORD);
  await a.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(a.page.getByRole('alert')).toBeVisible({ timeout: 15_000 });

  await a.page.getByLabel('Password').fill(fresh);
  await a.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(a.page.getByRole('combobox', { name: 'Your presence' })).toBeVisible({
    timeout: 15_000,
  });
});

test('delete account: from a second tab, with the password checked there; every tab signs out and the account is gone from the server', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const a = await newPerson(browser, 'gone');
  // A second tab of the same browser: it follows the first, which holds the connection.
  const second = await a.context.newPage();
  await second.goto('/');
  await expect(second.getByRole('combobox', { name: 'Your presence' })).toBeVisible();

  const settings = await openSettings(second);
  await settings.getByRole('button', { name: 'Delete account…' }).click();
  const confirm = second.getByRole('dialog', { name: `Delete ${a.user}@localhost?` });
  await expect(confirm).toBeVisible();
  // Cancel has the focus: Enter right away deletes nothing.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByLabel('Your password').fill('not my password');
  await confirm.getByRole('button', { name: 'Delete account' }).click();
  await expect(confirm.getByRole('alert')).toHaveText('That is not the password of this account.');
  await expect(a.page.getByRole('combobox', { name: 'Your presence' })).toBeVisible();

  await confirm.getByLabel('Your password').fill(PASSWORD);
  await confirm.getByRole('button', { name: 'Delete account' }).click();
  await expect(
    second.getByRole('status').filter({ hasText: `The account ${a.user}@localhost was deleted` }),
  ).toBeVisible({ timeout: 15_000 });
  // Both tabs are back at the sign-in screen, and neither offers the address any more.
  for (const page of [a.page, second]) {
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByLabel('Address')).toHaveValue('');
  }
  // The server no longer knows the account.
  await second.getByLabel('Address').fill(`${a.user}@localhost`);
  await second.getByLabel('Password').fill(PASSWORD);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByRole('alert')).toHaveText(
    'Wrong address or password. Check both and try again.',
    { timeout: 15_000 },
  );
});

test('block and report: on a server that takes reports (XEP-0377), the block carries a spam report naming the messages', async ({
  browser,
}) => {
  test.skip(
    process.env['PARLEY_SERVER'] === 'ejabberd',
    'What the server was told is read from a test-only Prosody module that logs each report.',
  );
  test.setTimeout(120_000);
  // Its own Prosody, with a test module that takes reports and logs each one.
  const world = await createWorld({ testModules: ['parley_reports'] });
  try {
    const [app] = world.apps;
    if (!app) throw new Error('world needs an app server');
    const a = uniqueUser('rep');
    const b = uniqueUser('spam');
    const pa = await (await browser.newContext({ baseURL: app.url })).newPage();
    const pb = await (await browser.newContext({ baseURL: app.url })).newPage();
    await createAccount(pa, a);
    await createAccount(pb, b);
    await befriend(pa, a, pb, b);
    await openChat(pb, a);
    await send(pb, 'cheap pills 1');
    await send(pb, 'cheap pills 2');
    await openChat(pa, b);
    await expect(pa.getByRole('log').getByText('cheap pills 2')).toBeVisible({ timeout: 15_000 });

    const details = await openContactDetails(pa, b);
    await details.getByRole('button', { name: 'Block' }).click();
    const confirm = pa.getByRole('dialog', { name: `Block ${b}?` });
    const report = confirm.getByRole('checkbox', {
      name: "Also report it as spam to your server's operator",
    });
    await report.check();
    await confirm.getByRole('button', { name: 'Block' }).click();
    await details.getByRole('button', { name: 'Close' }).click();
    await expect(pa.getByText('You blocked this contact.')).toBeVisible({ timeout: 15_000 });

    // What the server was told: A reports B as spam, naming B's two messages by their ids.
    const log = world.server.logPath;
    await expect
      .poll(
        async () =>
          (await readFile(log, 'utf8')).split('\n').find((l) => l.includes('parley-report')) ?? '',
        { timeout: 15_000 },
      )
      .toContain(`by=${a}@localhost jid=${b}@localhost reason=urn:xmpp:reporting:spam`);
    const logged = (await readFile(log, 'utf8'))
      .split('\n')
      .find((l) => l.includes('parley-report'));
    const ids = /ids=(\S*)/.exec(logged ?? '')?.[1]?.split(',') ?? [];
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  } finally {
    await world.dispose();
  }
});
