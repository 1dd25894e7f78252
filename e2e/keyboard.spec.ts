import type { Locator, Page } from '@playwright/test';
import { befriend, createAccount, PASSWORD, send } from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

test.describe.configure({ timeout: 240_000 });

/** Press Tab until `target` has the focus (at most `max` times): it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator, max = 25) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The focused element draws a visible focus ring. */
async function expectVisibleFocus(page: Page) {
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement as Element);
    return { style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
}

test('keyboard only: sign in, move through the chat list, open, jump to the composer, send, dialogs', async ({
  browser,
}) => {
  const a = uniqueUser('keys');
  const b = uniqueUser('keypeer');
  const pa = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const pb = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await createAccount(pa, a, { remember: false });
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  // B writes first: A's list gets B's conversation.
  await pb.getByRole('tab', { name: /Contacts/ }).click();
  await pb.getByRole('button', { name: a, exact: true }).click();
  await send(pb, 'first from b');

  // Sign in again by keyboard alone (the account was not kept on this device).
  await pa.getByRole('button', { name: 'Settings' }).click();
  await pa
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Sign out' })
    .click();
  await pa
    .getByRole('dialog', { name: 'Sign out of Parley?' })
    .getByRole('button', { name: 'Sign out' })
    .click();
  await expect(pa.getByLabel('Address')).toBeVisible();
  await tabTo(pa, pa.getByLabel('Address'));
  await expectVisibleFocus(pa);
  await pa.keyboard.press('ControlOrMeta+A');
  await pa.keyboard.type(`${a}@localhost`);
  await tabTo(pa, pa.getByLabel('Password', { exact: true }));
  await pa.keyboard.type(PASSWORD);
  await pa.keyboard.press('Enter');
  await expect(pa.getByRole('complementary').getByRole('status')).toHaveText('Connected', {
    timeout: 20_000,
  });

  // A second conversation, so there is somewhere for the arrow keys to go.
  await pa.getByRole('button', { name: 'Group chats' }).click();
  const rooms = pa.getByRole('dialog', { name: 'Group chats' });
  await rooms.getByRole('tab', { name: 'Create' }).click();
  await rooms.getByLabel('Room name').fill(`keys ${a}`);
  await rooms.getByRole('button', { name: 'Create room' }).click();
  await expect(rooms).toBeHidden();
  await send(pa, 'room note');

  // The chat list: Tab into it, then Up and Down move between conversations.
  const list = pa.getByRole('navigation', { name: 'Chats' });
  const rows = list.locator('li > button.row');
  await expect(rows).toHaveCount(2);
  await tabTo(pa, rows.first());
  await expectVisibleFocus(pa);
  await pa.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await pa.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();
  await pa.keyboard.press('End');
  await expect(rows.nth(1)).toBeFocused();
  const bRow = list.getByRole('button', { name: b, exact: true });
  await bRow.focus();
  await pa.keyboard.press('Enter');
  await expect(pa.getByRole('heading', { name: b, exact: true })).toBeVisible();

  // A new message is announced by the log (polite) and leaves the focus where it was.
  // (role="log" is a polite live region by definition: it speaks without taking the focus.)
  await bRow.focus();
  await send(pb, 'second from b');
  await expect(pa.getByRole('log').getByText('second from b')).toBeVisible();
  await expect(bRow).toBeFocused();

  // Jump to the composer: the first Tab stop while a conversation is open.
  // (After a reload on the conversation, where the browser starts the Tab order afresh.)
  await pa.reload();
  await expect(pa.getByRole('heading', { name: b, exact: true })).toBeVisible();
  await pa.keyboard.press('Tab');
  const skip = pa.getByRole('button', { name: 'Jump to the message box' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await pa.keyboard.press('Enter');
  const box = pa.getByRole('textbox', { name: 'Message', exact: true });
  await expect(box).toBeFocused();
  await pa.keyboard.type('typed without a mouse');
  await pa.keyboard.press('Enter');
  await expect(box).toHaveValue('');
  await expect(pb.getByRole('log').getByText('typed without a mouse')).toBeVisible();

  // Every dialog opens from the keyboard and closes with Escape, the focus back on its button.
  for (const name of ['Notifications for this conversation', 'Settings']) {
    const opener = pa.getByRole('button', { name, exact: true });
    await tabTo(pa, opener, 60);
    await pa.keyboard.press('Enter');
    await expect(pa.getByRole('dialog')).toBeVisible();
    await pa.keyboard.press('Escape');
    await expect(pa.getByRole('dialog')).toHaveCount(0);
    await expect(opener).toBeFocused();
  }
  await pa.getByRole('tab', { name: /Contacts/ }).focus();
  await pa.keyboard.press('Enter');
  const add = pa.getByRole('button', { name: 'Add contact' });
  await tabTo(pa, add, 60);
  await pa.keyboard.press('Enter');
  await expect(pa.getByRole('dialog')).toBeVisible();
  await pa.keyboard.press('Escape');
  await expect(pa.getByRole('dialog')).toHaveCount(0);
});

test('text zoomed to 200 %: every control of the main screen can be reached', async ({
  browser,
}) => {
  const a = uniqueUser('zoom');
  const b = uniqueUser('zoompeer');
  // 200 % zoom of a 1280 × 800 window: the page gets half the CSS pixels.
  const pa = await (
    await browser.newContext({ locale: 'en-US', viewport: { width: 640, height: 400 } })
  ).newPage();
  const pb = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);

  const reachable = async (screen: string) => {
    const controls = pa.locator(
      'button:visible, input:visible, select:visible, textarea:visible, [role="tab"]:visible',
    );
    const n = await controls.count();
    expect(n, screen).toBeGreaterThan(3);
    for (let i = 0; i < n; i++) {
      const c = controls.nth(i);
      // Reached as a keyboard user reaches it: focused (a skip link shows only then).
      await c.focus();
      await c.scrollIntoViewIfNeeded();
      // Not clipped, not covered: what is drawn at its centre is the control (or inside it).
      const hit = await c.evaluate((el) => {
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) return `${el.outerHTML.slice(0, 80)} has no size`;
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return at &&
          (el === at ||
            el.contains(at) ||
            at.contains(el) ||
            (el as HTMLInputElement).labels?.[0]?.contains(at))
          ? ''
          : `${el.outerHTML.slice(0, 80)} is covered by ${at?.outerHTML.slice(0, 80)}`;
      });
      expect(hit, screen).toBe('');
    }
    // Nothing runs off the side: the page never scrolls sideways.
    expect(await pa.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
  };

  await reachable('contacts');
  await pa.getByRole('button', { name: b, exact: true }).click();
  await expect(pa.getByRole('textbox', { name: 'Message', exact: true })).toBeVisible();
  await reachable('conversation');
  await pa.getByRole('button', { name: 'Back to conversations' }).click();
  await pa.getByRole('tab', { name: /Chats/ }).click();
  await reachable('chat list');
});
