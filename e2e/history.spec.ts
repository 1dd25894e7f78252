import { connectBot } from '../test-support/bot';
import { expectConnected, PASSWORD } from '../test-support/steps';
import { expect, registerAccount, test, uniqueUser } from './fixtures';

const COUNT = 2000;

test('a new browser scrolls back through 2,000 archived messages: none missing, none twice', async ({
  browser,
}) => {
  // A ceiling for a loaded 2-core machine (the window re-renders up to 2,000 rows); bench/ times it.
  test.setTimeout(420_000);
  const a = uniqueUser('hist');
  const b = uniqueUser('reader');
  await registerAccount(a, PASSWORD);
  await registerAccount(b, PASSWORD);
  const service = `${process.env['PARLEY_URL']?.replace(/^http/, 'ws')}xmpp-websocket`;
  // B is online elsewhere (a bot), so the messages go to B's archive, not to offline storage.
  const botB = await connectBot({ service, domain: 'localhost', username: b, password: PASSWORD });
  const botA = await connectBot({ service, domain: 'localhost', username: a, password: PASSWORD });
  const bodies = Array.from(
    { length: COUNT },
    (_, i) => `history ${String(i + 1).padStart(4, '0')}`,
  );
  await botA.sendMany(`${b}@localhost`, bodies);
  await expect.poll(() => botB.received.length, { timeout: 60_000 }).toBe(COUNT);
  // B's bot stays connected: had it left with messages unacknowledged, the server would put
  // those in offline storage too; this test is about the archive alone.

  // A new browser signs in as B and opens the conversation.
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  await page.getByLabel('Address').fill(`${b}@localhost`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectConnected(page);
  await page.getByRole('button', { name: a, exact: true }).click();
  const log = page.getByRole('log');
  await expect(log.locator('.body').last()).toHaveText(bodies[COUNT - 1] ?? '');

  // Scroll up until the start of the conversation; older pages come from the archive.
  const start = log.getByText('This is the start of your conversation.');
  for (let i = 0; i < 200 && !(await start.isVisible()); i++) {
    // Go to the top and note the message there, in one step: nothing can land in between.
    const before = await log.evaluate((el) => {
      el.scrollTop = 0;
      return el.querySelector('li.msg .body')?.textContent ?? '';
    });
    await expect
      .poll(
        async () =>
          (await start.isVisible()) ||
          (await log.locator('.body').first().textContent()) !== before,
        { timeout: 20_000 },
      )
      .toBe(true);
    // Steady: older messages came in above, and the one we were looking at has not moved away.
    if (!(await start.isVisible()))
      await expect(log.getByText(before, { exact: true })).toBeInViewport();
  }
  await expect(start).toBeVisible();
  const shown = await log.locator('.body').allTextContents();
  expect(shown).toHaveLength(COUNT);
  expect(shown).toEqual(bodies);
  await botA.stop();
  await botB.stop();
});
