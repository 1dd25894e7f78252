// Acting on a message, the rest of issue 17: a reply's original fetched from the archive when
// a new browser does not have it, the emoji picker, captions, and room moderation.
import type { Page } from '@playwright/test';
import xml from '@xmpp/xml';
import { connectBot } from '../test-support/bot';
import {
  befriend,
  createRoom,
  expectConnected,
  messageRow,
  messageTexts,
  openChat,
  openMessageMenu,
  PASSWORD,
  send,
} from '../test-support/steps';
import { expect, newPerson, registerAccount, test, uniqueUser } from './fixtures';

const service = () => `${process.env['PARLEY_URL']?.replace(/^http/, 'ws')}xmpp-websocket`;

/** A reply as Conversations sends it: XEP-0461 with the XEP-0428 quote for other clients. */
function replyStanza(to: string, id: string, replyTo: { id: string; to: string }, text: string) {
  const quote = '> earlier: …\n';
  return xml(
    'message',
    { to, type: 'chat', id },
    xml('body', {}, `${quote}${text}`),
    xml('reply', { xmlns: 'urn:xmpp:reply:0', ...replyTo }),
    xml(
      'fallback',
      { xmlns: 'urn:xmpp:fallback:0', for: 'urn:xmpp:reply:0' },
      xml('body', { start: '0', end: String(quote.length) }),
    ),
    xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
  );
}

async function signIn(page: Page, user: string) {
  await page.goto('/');
  await page.getByLabel('Address').fill(`${user}@localhost`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectConnected(page);
}

test('a reply to a message older than a new browser holds: the original is fetched from the archive', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const a = uniqueUser('old');
  const b = uniqueUser('new');
  await registerAccount(a, PASSWORD);
  await registerAccount(b, PASSWORD);
  // B is online elsewhere, so what A sends goes to B's archive.
  const botB = await connectBot({
    service: service(),
    domain: 'localhost',
    username: b,
    password: PASSWORD,
  });
  const botA = await connectBot({
    service: service(),
    domain: 'localhost',
    username: a,
    password: PASSWORD,
  });
  try {
    const to = `${b}@localhost`;
    await botA.sendChat(to, 'the first plan', { id: 'plan-1' });
    // More than the newest page a new browser stores (250), so the first plan is not in it.
    const filler = Array.from({ length: 320 }, (_, i) => `filler ${i + 1}`);
    await botA.sendMany(to, filler);
    await botA.xmpp.send(
      replyStanza(to, 'reply-1', { id: 'plan-1', to: `${a}@localhost` }, 'still on?'),
    );
    await botA.xmpp.send(
      replyStanza(to, 'reply-2', { id: 'never-sent', to: `${a}@localhost` }, 'and this?'),
    );
    await expect.poll(() => botB.received.length, { timeout: 60_000 }).toBe(323);

    const page = await (await browser.newContext()).newPage();
    await signIn(page, b);
    await page.getByRole('button', { name: a, exact: true }).click();
    const log = page.getByRole('log');
    const row = (text: string) =>
      log.locator('li.msg').filter({ has: page.locator('.body', { hasText: text }) });
    await expect(row('and this?')).toBeVisible();
    await expect(row('the first plan')).toHaveCount(0);

    // The reply's quote: the original is not here; a click fetches it and goes to it.
    await row('still on?')
      .getByRole('button', { name: 'Reply to an earlier message. Show it' })
      .click();
    await expect(row('the first plan')).toBeFocused({ timeout: 30_000 });
    await expect(row('the first plan')).toBeInViewport();
    // The history above the newest page came with it.
    await expect(log.getByText('filler 1', { exact: true })).toHaveCount(1);

    // Opened afresh (the log shows the newest again, the first plan far above it): now stored,
    // the quote names it.
    await page.reload();
    await expectConnected(page);
    await page.getByRole('button', { name: a, exact: true }).click();
    await expect(
      row('still on?').getByRole('button', {
        name: `Reply to ${a}: the first plan. Go to the message`,
      }),
    ).toBeVisible();

    // A reply to a message the archive never had: the person is told so.
    await row('and this?')
      .getByRole('button', { name: 'Reply to an earlier message. Show it' })
      .click();
    await expect(row('and this?').getByRole('status')).toHaveText(
      'The original message could not be found: it may have been deleted, or be older than the server keeps.',
      { timeout: 30_000 },
    );
  } finally {
    await botA.stop();
    await botB.stop();
  }
});

test('react with an emoji from the picker: searched, picked from the keyboard, recently used first; the peer sees it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await newPerson(browser, 'ann');
  const b = await newPerson(browser, 'bob');
  await befriend(a.page, a.user, b.page, b.user);
  await openChat(a.page, b.user);
  await openChat(b.page, a.user);
  await send(a.page, 'lunch is on me');
  await expect.poll(() => messageTexts(b.page)).toEqual(['lunch is on me']);

  const row = messageRow(b.page, 'lunch is on me');
  const picker = b.page.getByRole('dialog', { name: 'Choose a reaction' });
  const openPicker = async () => {
    await openMessageMenu(row);
    await row.getByRole('menuitem', { name: 'More reactions' }).click();
    await expect(picker).toBeVisible();
    await expect(picker.getByRole('searchbox', { name: 'Search emoji' })).toBeFocused();
  };

  // Search by name, go down into the results, Enter picks.
  await openPicker();
  await b.page.keyboard.type('tears of joy');
  await b.page.keyboard.press('ArrowDown');
  await expect(picker.getByRole('button', { name: 'face with tears of joy' })).toBeFocused();
  await b.page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  // The focus is back on the message (its "More actions" button, which opened the menu).
  const focusInRow = () => row.evaluate((el) => el.contains(document.activeElement));
  await expect.poll(focusInRow).toBe(true);
  const onA = (emoji: string) =>
    messageRow(a.page, 'lunch is on me').getByRole('button', { name: new RegExp(`^${emoji} `) });
  await expect(onA('😂')).toHaveAccessibleName(`😂 1: ${b.user}`);

  // Opened again: recently used first; arrow keys move in the grid (down to the smileys'
  // first row, then right), Enter picks.
  await openPicker();
  const recent = picker.getByRole('group', { name: 'Recently used' });
  await expect(recent.getByRole('button')).toHaveCount(1);
  await expect(recent.getByRole('button').first()).toHaveAccessibleName('face with tears of joy');
  await b.page.keyboard.press('ArrowDown');
  await expect(recent.getByRole('button').first()).toBeFocused();
  await b.page.keyboard.press('ArrowDown');
  await expect(picker.getByRole('button', { name: 'grinning face', exact: true })).toBeFocused();
  await b.page.keyboard.press('ArrowRight');
  await b.page.keyboard.press('Enter');
  await expect(onA('😃')).toHaveAccessibleName(`😃 1: ${b.user}`);
  await expect(onA('😂')).toHaveAccessibleName(`😂 1: ${b.user}`);

  // A search that finds nothing says so; Esc closes and gives the focus back.
  await openPicker();
  await b.page.keyboard.type('zzzqqq');
  await expect(picker.getByRole('status')).toHaveText('No emoji found. Try another word.');
  await b.page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect.poll(focusInRow).toBe(true);

  // The same emoji from the picker as from the quick row is one reaction: picking 👍 there
  // after the quick row's 👍 takes it back.
  await openMessageMenu(row);
  await row.getByRole('menuitem', { name: 'React with 👍' }).click();
  await expect(onA('👍')).toHaveAccessibleName(`👍 1: ${b.user}`);
  await openPicker();
  await b.page.keyboard.type('thumbs up');
  await b.page.keyboard.press('Enter');
  await expect(onA('👍')).toHaveCount(0);
});

test('a picture with a caption and a file with a caption, both ways: the caption shows under each', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await newPerson(browser, 'cap');
  const b = await newPerson(browser, 'see');
  await befriend(a.page, a.user, b.page, b.user);
  await openChat(a.page, b.user);
  await openChat(b.page, a.user);

  // A picture made by the browser, sent with a caption typed in the send dialog.
  const png = Buffer.from(
    (
      await a.page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 300;
        c.height = 200;
        const g = c.getContext('2d') as CanvasRenderingContext2D;
        g.fillStyle = '#2f6fde';
        g.fillRect(0, 0, 300, 200);
        return c.toDataURL('image/png');
      })
    ).split(',')[1] ?? '',
    'base64',
  );
  const attach = async (
    page: Page,
    peer: string,
    file: { name: string; mimeType: string; buffer: Buffer },
  ) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles(file);
    return page.getByRole('dialog', { name: `Send to ${peer}` });
  };
  const dialog = await attach(a.page, b.user, {
    name: 'hotel.png',
    mimeType: 'image/png',
    buffer: png,
  });
  await dialog.getByRole('textbox', { name: 'Caption' }).fill('our hotel, *day one*');
  await dialog.getByRole('textbox', { name: 'Caption' }).press('Enter');
  await expect(dialog).toBeHidden();

  const fileRow = (page: Page, name: string) =>
    page
      .getByRole('log')
      .locator('li.msg')
      .filter({ has: page.getByRole('button', { name: `Open ${name}` }) });
  for (const page of [b.page, a.page]) {
    const row = fileRow(page, 'hotel.png');
    await expect(row).toBeVisible({ timeout: 20_000 });
    // Under the picture, styled as any text (XEP-0393 keeps its markers), never the URL.
    await expect(row.locator('.caption')).toHaveText('our hotel, *day one*');
    await expect(row.locator('.caption strong')).toContainText('day one');
    await expect(row.locator('.caption')).not.toContainText('http');
  }

  // The other way: a PDF with a caption.
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const back = await attach(b.page, a.user, {
    name: 'plan.pdf',
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await back.getByRole('textbox', { name: 'Caption' }).fill('the floor plan');
  await back.getByRole('button', { name: 'Send' }).click();
  const pdfRow = a.page.getByRole('log').locator('li.msg').filter({ hasText: 'plan.pdf' });
  await expect(pdfRow.locator('.caption')).toHaveText('the floor plan', { timeout: 20_000 });
  // A file sent without a caption has none.
  const plain = await attach(b.page, a.user, {
    name: 'bare.pdf',
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await plain.getByRole('button', { name: 'Send' }).click();
  const bareRow = a.page.getByRole('log').locator('li.msg').filter({ hasText: 'bare.pdf' });
  await expect(bareRow).toBeVisible({ timeout: 20_000 });
  await expect(bareRow.locator('.caption')).toHaveCount(0);
});

test('a room moderator on a server without XEP-0425 is not offered to delete others’ messages', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await newPerson(browser, 'mod');
  const botUser = uniqueUser('guest');
  await registerAccount(botUser, PASSWORD);
  const name = `Mod ${a.user.slice(-6)}`;
  const room = await createRoom(a.page, name, { membersOnly: false });
  const _box = a.page.getByRole('textbox', { name: 'Message', exact: true });
  const bot = await connectBot({
    service: service(),
    domain: 'localhost',
    username: botUser,
    password: PASSWORD,
  });
  try {
    await bot.xmpp.send(
      xml(
        'presence',
        { to: `${room}/guest` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      ),
    );
    await expect(a.page.getByRole('button', { name: 'People in this room: 2' })).toBeVisible();
    await bot.xmpp.send(
      xml('message', { to: room, type: 'groupchat', id: 'g-1' }, xml('body', {}, 'hello all')),
    );
    await send(a.page, 'welcome');
    const theirs = messageRow(a.page, 'hello all');
    await expect(theirs).toBeVisible();
    // Our own message: delete for everyone (XEP-0424) is there.
    const ours = messageRow(a.page, 'welcome');
    await ours.hover();
    await ours.getByRole('button', { name: 'More actions' }).click();
    await expect(ours.getByRole('menuitem', { name: 'Delete for everyone' })).toBeVisible();
    await a.page.keyboard.press('Escape');
    // Someone else's, though we own the room: Prosody 0.12 has no message moderation, so
    // only "Delete for me".
    await theirs.hover();
    await theirs.getByRole('button', { name: 'More actions' }).click();
    await expect(theirs.getByRole('menuitem', { name: 'Delete for me' })).toBeVisible();
    await expect(theirs.getByRole('menuitem', { name: 'Delete for everyone' })).toHaveCount(0);
  } finally {
    await bot.stop();
  }
});
