// Group chat (XEP-0045) with three browsers: create, invite, chat, leave and come back to
// exactly what was missed, mention, kick; staying in a room through reloads; and rooms coming
// back after a restart. On Prosody and on ejabberd (playwright.config.ts).
import type { Browser, Page } from '@playwright/test';
import {
  befriend,
  connectionStatus,
  createAccount,
  createRoom,
  expectInRoom,
  send,
} from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { expect, test, uniqueUser } from './fixtures';

async function person(browser: Browser, prefix: string, baseURL?: string) {
  const user = uniqueUser(prefix);
  const page = await (await browser.newContext(baseURL ? { baseURL } : {})).newPage();
  await createAccount(page, user);
  return { user, page };
}

/** Create a room with a description and its history kept; the room pane opens joined. */
const createLaunchRoom = (page: Page, name: string, opts: { membersOnly?: boolean } = {}) =>
  createRoom(page, name, {
    description: 'Where we plan the launch',
    membersOnly: opts.membersOnly ?? false,
    history: true,
  });

const expectJoined = (page: Page, timeout = 15_000) => expectInRoom(page, timeout);

const roomLog = (page: Page) => page.getByRole('log');

/** Say something in the room and wait until the room has passed it round (reflected). */
async function say(page: Page, text: string) {
  await send(page, text);
  await expect(roomLog(page).locator('li.msg-out', { hasText: text }).last()).toHaveAttribute(
    'data-state',
    'delivered',
    { timeout: 20_000 },
  );
}
const bodies = (page: Page) => roomLog(page).locator('.body').allInnerTexts();

test('a configured room: invitations, chat, missed messages once each after coming back, a mention, a kick', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await person(browser, 'owner');
  const b = await person(browser, 'bea');
  const c = await person(browser, 'cal');
  await befriend(a.page, a.user, b.page, b.user);
  await befriend(a.page, a.user, c.page, c.user);

  const name = `Launch ${a.user.slice(-6)}`;
  await createLaunchRoom(a.page, name, { membersOnly: true });
  await expect(a.page.getByRole('heading', { name })).toBeVisible();

  // Invite both: members-only, so the room itself invites them (and makes them members).
  await a.page.getByRole('button', { name: 'Room options' }).click();
  await a.page
    .getByRole('menuitem', { name: 'Invite people' })
    .or(a.page.getByRole('button', { name: 'Invite people' }))
    .click();
  const invite = a.page.getByRole('dialog', { name: `Invite people to ${name}` });
  await invite.getByLabel(b.user).check();
  await invite.getByLabel(c.user).check();
  await invite.getByLabel('Message (optional)').fill('Join us');
  await invite.getByRole('button', { name: 'Send invitations' }).click();
  await expect(invite).toBeHidden();

  for (const p of [b, c]) {
    await p.page.getByRole('tab', { name: /Chats/ }).click();
    await p.page.getByRole('button', { name: /^Accept the invitation to / }).click();
    await expectJoined(p.page);
  }

  // B types: the others see who is typing, B does not see itself; sending ends it.
  const composerB = b.page.getByRole('textbox', { name: 'Message', exact: true });
  await composerB.pressSequentially('hi from');
  for (const p of [a, c])
    await expect(p.page.locator('p.typing')).toHaveText(`${b.user} is typing…`);
  await expect(b.page.locator('p.typing')).toHaveText('');

  // Everyone talks; everyone sees everything, with who said it.
  await say(a.page, 'hello team');
  await composerB.fill('');
  await say(b.page, 'hi from bea');
  await expect(a.page.locator('p.typing')).toHaveText('');
  await say(c.page, 'cal here');
  for (const p of [a, b, c])
    await expect.poll(() => bodies(p.page)).toEqual(['hello team', 'hi from bea', 'cal here']);
  await expect(c.page.getByRole('log').getByText(b.user, { exact: true })).toBeVisible();
  // Our own message came back from the room: delivered to everyone.
  await expect(a.page.getByRole('log').locator('li.msg-out').first()).toHaveAttribute(
    'data-state',
    'delivered',
  );

  // C leaves; the others see it.
  await c.page.getByRole('button', { name: 'Room options' }).click();
  await c.page
    .getByRole('menuitem', { name: 'Leave room' })
    .or(c.page.getByRole('button', { name: 'Leave room' }))
    .click();
  await c.page
    .getByRole('dialog', { name: `Leave ${name}?` })
    .getByRole('button', { name: 'Leave', exact: true })
    .click();
  await expect(c.page.getByText('You left this room.')).toBeVisible();
  await expect(a.page.getByRole('button', { name: 'People in this room: 2' })).toBeVisible();

  await say(a.page, 'while cal is away 1');
  await say(b.page, 'while cal is away 2');
  await say(a.page, 'while cal is away 3');
  await expect.poll(() => bodies(b.page)).toContain('while cal is away 3');

  // C comes back: exactly what was said while away, once each, in order.
  await c.page.getByRole('button', { name: 'Join again' }).click();
  await expectJoined(c.page);
  await expect
    .poll(() => bodies(c.page))
    .toEqual([
      'hello team',
      'hi from bea',
      'cal here',
      'while cal is away 1',
      'while cal is away 2',
      'while cal is away 3',
    ]);

  // A mention of C, while C looks at another conversation: counted apart from unread.
  await c.page.getByRole('tab', { name: 'Contacts' }).click();
  await c.page.getByRole('button', { name: a.user, exact: true }).click();
  await say(a.page, `@${c.user} can you check the slides?`);
  await c.page.getByRole('tab', { name: /Chats/ }).click();
  const roomRow = c.page.getByRole('button', { name: new RegExp(name) });
  await expect(roomRow.getByText('1 mention')).toBeAttached();
  await roomRow.click();
  const mention = roomLog(c.page).locator('li.mention');
  await expect(mention).toContainText('can you check the slides?');
  await expect(mention).toContainText('mentions you');

  // A kicks B with a reason; B is told who and why, and can no longer write.
  const people = a.page.getByLabel('People (3)');
  if (!(await people.isVisible()))
    await a.page.getByRole('button', { name: 'People in this room: 3' }).click();
  await people.getByRole('button', { name: new RegExp(`^${b.user}`) }).click();
  const card = a.page.getByRole('dialog', { name: b.user });
  await card.getByLabel('Reason (optional)').fill('too noisy');
  await card.getByRole('button', { name: `Kick ${b.user}` }).click();
  await expect(
    b.page.getByText(`You were removed from this room by ${a.user}: too noisy`),
  ).toBeVisible();
  await expect(b.page.getByRole('textbox', { name: 'Message', exact: true })).toBeDisabled();
  await expect(a.page.getByRole('button', { name: 'People in this room: 2' })).toBeVisible();
});

test('reloading the page again and again keeps us in the room; each message reaches the others once', async ({
  browser,
}) => {
  // ejabberd once delivered the old session's exit (status 110) to the new one after a
  // reload that reused the resource, and Parley showed "You left this room" (3 of 9 tries).
  test.setTimeout(120_000);
  const a = await person(browser, 'stayer');
  const b = await person(browser, 'watcher');
  await befriend(a.page, a.user, b.page, b.user);
  const name = `Reloads ${a.user.slice(-6)}`;
  const room = await createLaunchRoom(a.page, name);
  await expect(a.page.getByRole('heading', { name })).toBeVisible();
  await b.page.goto(`/#/open?uri=${encodeURIComponent(`xmpp:${room}?join`)}`);
  const join = b.page.getByRole('dialog', { name: 'Group chats' });
  await join.getByRole('button', { name: 'Join' }).click();
  await expectJoined(b.page);
  await say(a.page, 'before the reloads');
  await expect(roomLog(b.page).getByText('before the reloads')).toBeVisible();

  const reloads = 5;
  for (let i = 1; i <= reloads; i++) {
    await a.page.reload();
    await expect(connectionStatus(a.page)).toHaveText('Connected', { timeout: 20_000 });
    await expectJoined(a.page);
    // Written right after the reload, while the room may still be rejoining (the box takes text
    // then; the message waits and goes once we are in). Should the box not have taken the text
    // or the Enter, the text is typed or Enter pressed again, as a person would; the message
    // must still reach the room once.
    const box = a.page.getByRole('textbox', { name: 'Message', exact: true });
    const text = `after reload ${i}`;
    const mine = roomLog(a.page).locator('li.msg-out', { hasText: text });
    await expect(async () => {
      if ((await mine.count()) > 0) return;
      if ((await box.inputValue()) !== text) {
        await box.fill(text);
        expect(await box.inputValue()).toBe(text);
      }
      await box.press('Enter');
      await expect(box).toHaveValue('', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(mine.last()).toHaveAttribute('data-state', 'delivered', { timeout: 20_000 });
    await expect(roomLog(b.page).getByText(text)).toBeVisible();
    await expect(a.page.getByText('You left this room.')).toBeHidden();
  }
  // Each message once, in order, on both sides.
  const expected = [
    'before the reloads',
    ...Array.from({ length: reloads }, (_, i) => `after reload ${i + 1}`),
  ];
  await expect.poll(() => bodies(a.page)).toEqual(expected);
  await expect.poll(() => bodies(b.page)).toEqual(expected);
});

test('rooms come back by themselves after the server restarts', async ({ browser }) => {
  test.setTimeout(90_000);
  const world = await createWorld({ hibernationSeconds: 5 });
  try {
    const app = world.apps[0];
    if (!app) throw new Error('no app server');
    const a = await person(browser, 'keeper', app.url);
    const name = `Standup ${a.user.slice(-6)}`;
    await createLaunchRoom(a.page, name);
    await say(a.page, 'before the restart');
    await expect(roomLog(a.page).locator('li.msg-out').first()).toHaveAttribute(
      'data-state',
      'delivered',
    );

    await world.crashServer();
    await expect(connectionStatus(a.page)).not.toHaveText('Connected', { timeout: 20_000 });
    await world.startServerAgain();
    await expect(connectionStatus(a.page)).toHaveText('Connected', { timeout: 30_000 });

    // Back in the room without doing anything: a new message goes round the room again.
    await expectJoined(a.page, 30_000);
    await say(a.page, 'after the restart');
    const mine = roomLog(a.page).locator('li.msg-out', { hasText: 'after the restart' });
    await expect(mine).toHaveAttribute('data-state', 'delivered', { timeout: 20_000 });
    await expect.poll(() => bodies(a.page)).toEqual(['before the restart', 'after the restart']);
  } finally {
    await world.dispose();
  }
});
