// Acting on a message (issue 17): the message menu (button, right-click, keyboard), editing
// (XEP-0308), deleting for everyone (XEP-0424) and for me, replies (XEP-0461) and reactions
// (XEP-0444), between two browsers, across a time offline, and in a room with a bot that
// speaks the XEPs and tries a forged correction.
import type { Locator, Page } from '@playwright/test';
import xml, { type Element } from '@xmpp/xml';
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

const box = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

/** Open a message's menu with its "More actions" button and pick `item`. */
async function menuPick(row: Locator, item: string) {
  await openMessageMenu(row);
  await row.getByRole('menuitem', { name: item }).click();
}

async function confirmDelete(page: Page, title: string) {
  await page.getByRole('dialog', { name: title }).getByRole('button', { name: 'Delete' }).click();
}

test('edit, reply, react and delete in a chat, both ways', async ({ browser }) => {
  test.setTimeout(150_000);
  const a = await newPerson(browser, 'ann');
  const b = await newPerson(browser, 'bob');
  await befriend(a.page, a.user, b.page, b.user);
  await openChat(a.page, b.user);
  await openChat(b.page, a.user);

  await send(a.page, 'see you at 5');
  await expect.poll(() => messageTexts(b.page)).toEqual(['see you at 5']);

  // Edit from the menu: the composer says so and holds the text.
  await menuPick(messageRow(a.page, 'see you at 5'), 'Edit');
  await expect(a.page.getByText('Editing message')).toBeVisible();
  await expect(box(a.page)).toHaveValue('see you at 5');
  await box(a.page).fill('see you at 6');
  await box(a.page).press('Enter');
  await expect.poll(() => messageTexts(b.page)).toEqual(['see you at 6']);
  await expect(messageRow(b.page, 'see you at 6').locator('.edited')).toHaveAttribute(
    'title',
    /see you at 5/,
  );
  await expect(
    messageRow(b.page, 'see you at 6').getByText('edited', { exact: true }),
  ).toBeVisible();

  // ArrowUp in the empty composer edits the last one; Esc cancels an edit.
  await box(a.page).press('ArrowUp');
  await expect(box(a.page)).toHaveValue('see you at 6');
  await box(a.page).press('Escape');
  await expect(a.page.getByText('Editing message')).toBeHidden();
  await expect(box(a.page)).toHaveValue('');
  await box(a.page).press('ArrowUp');
  await expect(box(a.page)).toHaveValue('see you at 6');
  await box(a.page).fill('see you at 7');
  await box(a.page).press('Enter');
  await expect.poll(() => messageTexts(b.page)).toEqual(['see you at 7']);
  await expect.poll(() => messageTexts(a.page)).toEqual(['see you at 7']);

  // B replies from a right-click; A sees the quote, and it leads to the original.
  await messageRow(b.page, 'see you at 7').click({ button: 'right' });
  await b.page.getByRole('menuitem', { name: 'Reply' }).click();
  await expect(b.page.getByText(`Replying to ${a.user}`)).toBeVisible();
  await send(b.page, 'great, see you');
  const quote = messageRow(a.page, 'great, see you').getByRole('button', {
    name: 'Reply to you: see you at 7. Go to the message',
  });
  await expect(quote).toBeVisible();
  await quote.click();
  await expect(messageRow(a.page, 'see you at 7')).toBeFocused();

  // A answers B's reply from the keyboard: focus the message, Shift+F10, arrows, Enter.
  await messageRow(a.page, 'great, see you').focus();
  await a.page.keyboard.press('Shift+F10');
  const menu = a.page.getByRole('menu', { name: 'Message actions' });
  await expect(menu.getByRole('menuitem', { name: 'React with 👍' })).toBeFocused();
  for (let i = 0; i < 7; i++) await a.page.keyboard.press('ArrowDown'); // 6 emoji, More reactions
  await expect(menu.getByRole('menuitem', { name: 'Reply' })).toBeFocused();
  await a.page.keyboard.press('Enter');
  await expect(box(a.page)).toBeFocused();
  await box(a.page).fill('ok');
  await box(a.page).press('Enter');
  await expect(
    messageRow(b.page, 'ok').getByRole('button', {
      name: 'Reply to you: great, see you. Go to the message',
    }),
  ).toBeVisible();
  // The other clients' view: the quote was a fallback, not part of the text here.
  await expect.poll(() => messageTexts(b.page)).toEqual(['see you at 7', 'great, see you', 'ok']);

  // Esc closes a menu and gives the focus back to the message.
  await messageRow(b.page, 'see you at 7').focus();
  await b.page.keyboard.press('Enter');
  await expect(b.page.getByRole('menu', { name: 'Message actions' })).toBeVisible();
  await b.page.keyboard.press('Escape');
  await expect(b.page.getByRole('menu', { name: 'Message actions' })).toBeHidden();
  await expect(messageRow(b.page, 'see you at 7')).toBeFocused();

  // Reactions: B reacts from the keyboard, A adds the same and takes it back.
  await b.page.keyboard.press('Enter');
  await b.page.keyboard.press('Enter'); // the first item: 👍
  const reactionOn = (page: Page) =>
    messageRow(page, 'see you at 7').getByRole('button', { name: /^👍 / });
  await expect(reactionOn(a.page)).toHaveAccessibleName(`👍 1: ${b.user}`);
  await reactionOn(a.page).click();
  await expect(reactionOn(b.page)).toHaveAccessibleName(`👍 2: you, ${a.user}`);
  await expect(reactionOn(a.page)).toHaveAttribute('aria-pressed', 'true');
  await reactionOn(a.page).click();
  await expect(reactionOn(b.page)).toHaveAccessibleName(`👍 1: you`);

  // Delete for everyone: both see "Message deleted".
  await menuPick(messageRow(a.page, 'see you at 7'), 'Delete for everyone');
  await confirmDelete(a.page, 'Delete this message for everyone?');
  for (const p of [a.page, b.page])
    await expect.poll(() => messageTexts(p)).toEqual(['Message deleted', 'great, see you', 'ok']);
  await expect(
    messageRow(b.page, 'Message deleted').getByRole('button', { name: /^👍/ }),
  ).toHaveCount(0);

  // Delete for me: gone here only, and still gone after a reload and the catch-up it brings.
  await menuPick(messageRow(b.page, 'ok'), 'Delete for me');
  await confirmDelete(b.page, 'Delete this message for you?');
  await expect.poll(() => messageTexts(b.page)).toEqual(['Message deleted', 'great, see you']);
  await b.page.reload();
  await expectConnected(b.page);
  await openChat(b.page, a.user);
  await expect.poll(() => messageTexts(b.page)).toEqual(['Message deleted', 'great, see you']);
  await expect
    .poll(() => messageTexts(a.page))
    .toEqual(['Message deleted', 'great, see you', 'ok']);
});

test('a correction and a retraction sent while the peer is away are applied when it is back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await newPerson(browser, 'amy');
  const b = await newPerson(browser, 'ben');
  await befriend(a.page, a.user, b.page, b.user);
  await openChat(a.page, b.user);
  await send(a.page, 'first draft');
  await send(a.page, 'second draft');
  await openChat(b.page, a.user);
  await expect.poll(() => messageTexts(b.page)).toEqual(['first draft', 'second draft']);
  await b.page.close();

  await box(a.page).press('ArrowUp');
  await box(a.page).fill('second, final');
  await box(a.page).press('Enter');
  await menuPick(messageRow(a.page, 'first draft'), 'Delete for everyone');
  await confirmDelete(a.page, 'Delete this message for everyone?');
  // The outbox goes in order: once this one is taken by the server, so were the two acts.
  await send(a.page, 'and a new one');
  await expect(messageRow(a.page, 'and a new one')).toHaveAttribute('data-state', /sent|delivered/);

  const again = await b.context.newPage();
  await again.goto('/');
  await expectConnected(again);
  await openChat(again, a.user);
  await expect
    .poll(() => messageTexts(again))
    .toEqual(['Message deleted', 'second, final', 'and a new one']);
  await expect(
    messageRow(again, 'second, final').getByText('edited', { exact: true }),
  ).toBeVisible();
});

test('in a room: edit and delete reach the others; a forged correction is ignored', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await newPerson(browser, 'host');
  const botUser = uniqueUser('bot');
  await registerAccount(botUser, PASSWORD);

  const name = `Acts ${a.user.slice(-6)}`;
  const room = await createRoom(a.page, name, { membersOnly: false, history: true });

  const service = `${process.env['PARLEY_URL']?.replace(/^http/, 'ws')}xmpp-websocket`;
  const bot = await connectBot({
    service,
    domain: 'localhost',
    username: botUser,
    password: PASSWORD,
  });
  const seen: Element[] = [];
  bot.xmpp.on('stanza', (s: Element) => {
    if (s.is('message') && s.attrs['type'] === 'groupchat') seen.push(s);
  });
  try {
    await bot.xmpp.send(
      xml(
        'presence',
        { to: `${room}/mallory` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      ),
    );
    await expect(a.page.getByRole('button', { name: 'People in this room: 2' })).toBeVisible();

    await send(a.page, 'meet at noon');
    await expect(messageRow(a.page, 'meet at noon')).toHaveAttribute('data-state', 'delivered', {
      timeout: 20_000,
    });
    await expect.poll(() => seen.some((s) => s.getChildText('body') === 'meet at noon')).toBe(true);
    const original = seen.find((s) => s.getChildText('body') === 'meet at noon');
    const originId = original?.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs['id'] as string;

    // A forged correction of A's message from another occupant: ignored.
    await bot.xmpp.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'forged-1' },
        xml('body', {}, 'meet at midnight'),
        xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: originId }),
      ),
    );
    // The bot's own message and its own correction: applied (so the forged one was read too).
    await bot.xmpp.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'bot-1' },
        xml('body', {}, 'helo'),
        xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'bot-1' }),
      ),
    );
    await bot.xmpp.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'bot-2' },
        xml('body', {}, 'hello'),
        xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'bot-2' }),
        xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: 'bot-1' }),
      ),
    );
    await expect.poll(() => messageTexts(a.page)).toEqual(['meet at noon', 'hello']);

    // A edits: the room passes the correction round.
    await menuPick(messageRow(a.page, 'meet at noon'), 'Edit');
    await box(a.page).fill('meet at one');
    await box(a.page).press('Enter');
    await expect
      .poll(() =>
        seen.some(
          (s) =>
            s.getChildText('body') === 'meet at one' &&
            s.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs['id'] === originId,
        ),
      )
      .toBe(true);
    await expect.poll(() => messageTexts(a.page)).toEqual(['meet at one', 'hello']);

    // A deletes it for everyone: the room passes the retraction round, by the room's id.
    const stanzaId = original
      ?.getChildren('stanza-id', 'urn:xmpp:sid:0')
      .find((s) => s.attrs['by'] === room)?.attrs['id'];
    await menuPick(messageRow(a.page, 'meet at one'), 'Delete for everyone');
    await confirmDelete(a.page, 'Delete this message for everyone?');
    await expect
      .poll(() =>
        seen.some(
          (s) => s.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs['id'] === stanzaId,
        ),
      )
      .toBe(true);
    await expect.poll(() => messageTexts(a.page)).toEqual(['Message deleted', 'hello']);
  } finally {
    await bot.stop();
  }
});
