import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import {
  befriend,
  createAccount,
  drawnPng,
  expectInRoom,
  openChat,
  send,
} from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

test.describe.configure({ timeout: 400_000 });

/**
 * axe-core on what is on screen (open dialogs included): every serious or critical violation
 * is listed with the elements it was found on, so a failure says what to fix.
 */
async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

async function person(
  browser: Browser,
  prefix: string,
  opts: { dark?: boolean; phone?: boolean } = {},
) {
  const user = uniqueUser(prefix);
  const ctx = await browser.newContext({
    locale: 'en-US',
    colorScheme: opts.dark ? 'dark' : 'light',
    ...(opts.phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : {}),
  });
  const page = await ctx.newPage();
  return { user, page };
}

/** Visit every main screen and dialog of the app in one look and theme; collect what axe finds. */
async function auditScreens(browser: Browser, opts: { dark?: boolean; phone?: boolean }) {
  const found: string[] = [];
  const check = async (page: Page, screen: string) => {
    const started = Date.now();
    const v = await seriousViolations(page, screen);
    console.log(`axe ${screen}: ${v.length} serious (${Date.now() - started} ms)\n${v.join('\n')}`);
    found.push(...v);
  };
  const a = await person(browser, 'axe', opts);
  const b = await person(browser, 'axepeer');

  await a.page.goto('/');
  await expect(a.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await check(a.page, 'sign-in');
  await a.page.getByRole('button', { name: 'Create account' }).click();

  await createAccount(a.page, a.user);
  await createAccount(b.page, b.user);
  await befriend(a.page, a.user, b.page, b.user);

  await openChat(b.page, a.user);
  await send(b.page, 'hello, accessible world');
  await a.page.getByRole('tab', { name: /Chats/ }).click();
  await expect(
    a.page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: b.user }),
  ).toBeVisible();
  await check(a.page, 'chat list');

  await a.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: b.user })
    .click();
  await expect(a.page.getByRole('log').getByText('hello, accessible world')).toBeVisible();
  await check(a.page, 'conversation');

  await a.page.getByRole('button', { name: 'Notifications for this conversation' }).click();
  await check(a.page, 'mute dialog');
  await a.page.keyboard.press('Escape');
  // A phone shows the list or the conversation: back to the list for its buttons.
  if (opts.phone) await a.page.getByRole('button', { name: 'Back to conversations' }).click();

  await a.page.getByRole('button', { name: 'Settings' }).click();
  await check(a.page, 'settings');
  await a.page.getByLabel('Choose a picture').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: await drawnPng(a.page),
  });
  const crop = a.page.getByRole('dialog', { name: 'Choose what your picture shows' });
  await expect(crop.getByRole('button', { name: 'Part of the picture to show' })).toBeVisible();
  await check(a.page, 'picture crop dialog');
  await a.page.keyboard.press('Escape');
  await expect(crop).toBeHidden();
  await a.page.getByRole('button', { name: 'Delete account…' }).click();
  await a.page
    .getByRole('dialog', { name: /^Delete .*\?$/ })
    .getByRole('button', { name: 'Delete account' })
    .click();
  await expect(a.page.getByRole('alert').filter({ hasText: 'Type your password' })).toBeVisible();
  await check(a.page, 'delete account dialog');
  await a.page.keyboard.press('Escape');

  await a.page.getByRole('tab', { name: 'Contacts' }).click();
  await a.page.getByRole('button', { name: 'Add contact' }).click();
  await check(a.page, 'add contact');
  await a.page.keyboard.press('Escape');

  await a.page.getByRole('tab', { name: /Chats/ }).click();
  await a.page.getByRole('button', { name: 'Group chats' }).click();
  const rooms = a.page.getByRole('dialog', { name: 'Group chats' });
  await rooms.getByRole('tab', { name: 'Create' }).click();
  await check(a.page, 'group chats: create');
  await rooms.getByLabel('Room name').fill(`axe room ${a.user}`);
  await rooms.getByRole('button', { name: 'Create room' }).click();
  await expect(rooms).toBeHidden();
  await expectInRoom(a.page);
  await send(a.page, 'a room message');
  await a.page.getByRole('button', { name: /People in this room/ }).click();
  await check(a.page, 'room with occupants');
  await a.page.getByRole('button', { name: 'Room options' }).click();
  await a.page.getByRole('button', { name: 'Invite people' }).click();
  await check(a.page, 'invite dialog');
  await a.page.keyboard.press('Escape');
  await a.page.getByRole('button', { name: 'Room options' }).click();
  await a.page.getByRole('button', { name: 'Change nickname' }).click();
  await check(a.page, 'nickname dialog');
  await a.page.keyboard.press('Escape');
  return found;
}

test('axe: no serious or critical violation on any screen (light, desktop)', async ({
  browser,
}) => {
  expect(await auditScreens(browser, {})).toEqual([]);
});

test('axe: no serious or critical violation on any screen (dark theme, phone width)', async ({
  browser,
}) => {
  expect(await auditScreens(browser, { dark: true, phone: true })).toEqual([]);
});
