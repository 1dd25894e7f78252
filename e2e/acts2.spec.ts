// Acting on a message, the rest of issue 17: a reply's original fetched from the archive when
// a new browser does not have it, the emoji picker, captions, and room moderation.
import type { Page } from '@playwright/test';
import xml from '@xmpp/xml';
import { connectBot } from '../test-support/bot';
import { expectConnected, PASSWORD } from '../test-support/steps';
import { expect, registerAccount, test, uniqueUser } from './fixtures';

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
    // Now stored, the quote names it; the history above the newest page came with it.
    await expect(
      row('still on?').getByRole('button', {
        name: `Reply to ${a}: the first plan. Go to the message`,
      }),
    ).toBeVisible();
    await expect(log.getByText('filler 1', { exact: true })).toHaveCount(1);

    // A reply to a message the archive never had: the person is told so. (Opened afresh: the
    // log now shows the first plan's surroundings, far above the newest.)
    await page.reload();
    await expectConnected(page);
    await page.getByRole('button', { name: a, exact: true }).click();
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
