import { connectBot } from '../test-support/bot';
import { expectConnected, PASSWORD } from '../test-support/steps';
import { expect, registerAccount, test, uniqueUser } from './fixtures';

const COUNT = 1000;
/** The most message rows the log holds (ui/MessageList.tsx WINDOW_MAX), plus sent ones pending. */
const WINDOW_MAX = 180;

test('a new browser scrolls back through 1,000 archived messages, a window at a time: none missing, none twice', async ({
  browser,
}) => {
  // A ceiling for a loaded 2-core machine (the window re-renders up to 1,000 rows); bench/ times it.
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

  // What the log holds, checked at each step: a run of the conversation in order, no gap, no
  // message twice, never more than the window's rows however far the person scrolls.
  const seen = new Set<number>();
  async function windowShown(): Promise<{ first: number; last: number }> {
    const shown = await log.locator('li.msg .body').allTextContents();
    expect(shown.length).toBeLessThanOrEqual(WINDOW_MAX);
    const first = bodies.indexOf(shown[0] ?? '');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(shown).toEqual(bodies.slice(first, first + shown.length));
    for (let k = first; k < first + shown.length; k++) seen.add(k);
    return { first, last: first + shown.length - 1 };
  }
  let at = await windowShown();

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
    const next = await windowShown();
    // The window moved up and still touches where it was: nothing skipped.
    expect(next.first).toBeLessThanOrEqual(at.first);
    expect(next.last).toBeGreaterThanOrEqual(at.first - 1);
    at = next;
  }
  await expect(start).toBeVisible();
  expect(at.first).toBe(0);
  // Every message of the 1,000 was shown on the way up, in order, once.
  expect(seen.size).toBe(COUNT);

  // Back down a few windows: the ones above leave, the place is kept, nothing is skipped.
  for (let i = 0; i < 4; i++) {
    const before = await log.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      const rows = el.querySelectorAll('li.msg .body');
      return rows[rows.length - 1]?.textContent ?? '';
    });
    await expect
      .poll(async () => (await log.locator('li.msg .body').last().textContent()) !== before, {
        timeout: 20_000,
      })
      .toBe(true);
    await expect(log.getByText(before, { exact: true })).toBeInViewport();
    const next = await windowShown();
    expect(next.last).toBeGreaterThan(at.last);
    expect(next.first).toBeLessThanOrEqual(at.last + 1);
    at = next;
  }
  expect(at.first).toBeGreaterThan(0);

  // Far up, a new message comes: the pill says so; it takes the person down to it.
  await botA.sendMany(`${b}@localhost`, ['a new one while far up']);
  bodies.push('a new one while far up');
  const pill = page.getByRole('button', { name: '1 new message' });
  await expect(pill).toBeVisible();
  await pill.click();
  await expect(log.getByText('a new one while far up')).toBeInViewport();
  expect((await windowShown()).last).toBe(COUNT);

  // Far up again, the person sends: the log goes down to what they sent.
  for (let i = 0; i < 5; i++) {
    const before = await log.locator('li.msg .body').first().textContent();
    await log.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect(log.locator('li.msg .body').first()).not.toHaveText(before ?? '');
  }
  await expect(log.getByText('a new one while far up')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('sent from far up');
  await page.keyboard.press('Enter');
  await expect(log.getByText('sent from far up')).toBeInViewport();
  await expect.poll(() => botA.received.map((m) => m.body)).toContain('sent from far up');
  await botA.stop();
  await botB.stop();
});
