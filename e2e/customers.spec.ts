// Known customers of the demo shop (issue 15): the shop's backend vouches for its signed-in
// customer (dev/customers.mjs); the team sees them verified; their conversation follows them
// to another browser; a page that claims to be a customer without the backend is refused.
import type { Browser, Page } from '@playwright/test';
import {
  acceptSupportInvite,
  createAccount,
  drawnPng,
  send,
  widget,
  widgetSend,
} from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

test.describe.configure({ timeout: 300_000 });

const shopUrl = (path: string) => new URL(path, process.env['PARLEY_SHOP_URL']).toString();
const ANN = 'customer-1042@customers.localhost';

/** A shopper's browser, whose shop asks a new guest for the pre-chat form. */
async function shopper(browser: Browser, agents: string[], more: Record<string, string> = {}) {
  const context = await browser.newContext();
  await context.addInitScript(
    ({ list, more }) => {
      (window as { parleySettings?: unknown }).parleySettings = {
        agents: list,
        prechat: 'name,email',
        ...more,
      };
    },
    { list: agents, more },
  );
  return context.newPage();
}

async function signInToShop(page: Page, name: string) {
  await page.goto(shopUrl('/login'));
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect(page.locator('header').getByText(name)).toBeVisible();
}

test('a known customer is verified for the team, keeps the conversation on another browser, and cannot be forged', async ({
  browser,
}) => {
  const a = { user: uniqueUser('agent'), page: await (await browser.newContext()).newPage() };
  await createAccount(a.page, a.user);
  const agents = [`${a.user}@localhost`];

  // Ann is signed in to the shop: the widget is her, with no pre-chat form to fill.
  const first = await shopper(browser, agents);
  await signInToShop(first, 'Ann Lee');
  const w = widget(first);
  await w.launcher.click();
  await widgetSend(first, 'Has order A-1042 shipped?');
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  // Nobody from the team is here yet: she is not asked for the email the shop already gave.
  await expect(w.host.getByText('We will reply to ann@example.com.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(w.host.getByRole('textbox', { name: 'Email for a reply' })).toHaveCount(0);

  // The team sees a verified customer, with the name the shop gave.
  await acceptSupportInvite(a.page);
  const details = a.page.getByRole('definition');
  await expect(details.filter({ hasText: 'Verified customer: 1042' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(details.filter({ hasText: 'Ann Lee' })).toBeVisible();
  // And in the team's inbox, beside the conversation.
  await a.page.getByRole('tab', { name: 'Support' }).click();
  const inbox = a.page.getByRole('navigation', { name: 'Support' });
  await expect(inbox.getByRole('button', { name: /^Shopper Ann Lee/ })).toHaveAccessibleDescription(
    /^Verified · /,
  );
  await expect(a.page.getByRole('log').getByText('Has order A-1042 shipped?')).toBeVisible();
  await send(a.page, 'Yes, it left yesterday.');
  await expect(w.log.getByText('Yes, it left yesterday.')).toBeVisible();

  // Another browser (another device): Ann signs in to the shop there, and the conversation is
  // there, from the server.
  const second = await shopper(browser, agents);
  await signInToShop(second, 'Ann Lee');
  const w2 = widget(second);
  await w2.launcher.click();
  await expect(w2.log.getByText('Has order A-1042 shipped?')).toBeVisible({ timeout: 30_000 });
  await expect(w2.log.getByText('Yes, it left yesterday.')).toBeVisible();
  await widgetSend(second, 'Thank you!');
  await expect(a.page.getByRole('log').getByText('Thank you!')).toBeVisible({ timeout: 30_000 });
  await expect(w.log.getByText('Thank you!')).toBeVisible({ timeout: 30_000 });
  // A customer's picture goes through the same upload service as a guest's.
  const chooser = second.waitForEvent('filechooser');
  await w2.host.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({
    name: 'parcel.png',
    mimeType: 'image/png',
    buffer: await drawnPng(second, 300, 200),
  });
  await expect(w2.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  await a.page.getByRole('button', { name: /^Load Photo from / }).click();
  await expect
    .poll(() =>
      a.page
        .getByRole('button', { name: 'Open parcel.png' })
        .locator('img')
        .evaluate((i: HTMLImageElement) => i.naturalWidth),
    )
    .toBe(300);

  // She signs out of the shop: this browser shows her conversation no more (a shared computer).
  await second.getByRole('button', { name: 'Sign out' }).click();
  await expect(second.locator('header').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await w2.launcher.click();
  // A guest now: the shop's pre-chat form, which Ann was never asked for.
  await expect(w2.host.getByText('Before we start, tell us a little about you.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(w2.log.getByText('Has order A-1042 shipped?')).toHaveCount(0);

  // A page that names Ann without the shop's backend behind it: refused, nothing of hers shown.
  const forger = await shopper(browser, agents, { user: ANN, credential: '/chat/credential' });
  await forger.goto(shopUrl('/p/tea'));
  const wf = widget(forger);
  await wf.launcher.click();
  await expect(wf.host.getByRole('alert')).toHaveText(/could not confirm your shop account/);
  // With a password of its own choosing: the server refuses it.
  await forger.evaluate(
    (jid) =>
      (
        window as unknown as {
          Parley: { widget: { setUser(u: unknown): Promise<void> } };
        }
      ).Parley.widget
        .setUser({ jid, credential: async () => ({ jid, password: 'a-guess' }) })
        .catch(() => {}),
    ANN,
  );
  await expect(wf.host.getByRole('alert')).toHaveText(/could not confirm your shop account/);
  await expect(wf.log.getByText('Has order A-1042 shipped?')).toHaveCount(0);
  await expect(wf.log.getByText('Yes, it left yesterday.')).toHaveCount(0);
});

test('a guest who signs in to the shop goes on in the same conversation, verified, on every device', async ({
  browser,
}) => {
  const a = { user: uniqueUser('agent'), page: await (await browser.newContext()).newPage() };
  await createAccount(a.page, a.user);
  const agents = [`${a.user}@localhost`];

  // A guest asks about the teapot, and the team answers.
  const page = await shopper(browser, agents);
  await page.goto(shopUrl('/p/pot'));
  const w = widget(page);
  await w.launcher.click();
  await w.host.getByRole('textbox', { name: 'Your name' }).fill('Ben');
  await w.host.getByRole('textbox', { name: 'Your email' }).fill('ben@example.com');
  await w.host.getByRole('button', { name: 'Start chat' }).click();
  await widgetSend(page, 'Is the teapot cast iron?');
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  await acceptSupportInvite(a.page);
  const details = a.page.getByRole('definition');
  await expect(details.filter({ hasText: 'Guest (not verified)' })).toBeVisible({
    timeout: 30_000,
  });
  await send(a.page, 'Yes, all of it.');
  await expect(w.log.getByText('Yes, all of it.')).toBeVisible({ timeout: 30_000 });

  // He signs in to the shop: the widget is Ben Wu now, and the conversation is still there.
  await signInToShop(page, 'Ben Wu');
  await w.launcher.click();
  await expect(w.log.getByText('Yes, all of it.')).toBeVisible({ timeout: 30_000 });
  const asked = w.log.locator('.msg', { hasText: 'Is the teapot cast iron?' });
  await expect(asked).toHaveClass(/\bout\b/);
  await expect(asked.getByText('You', { exact: true })).toBeVisible();
  await widgetSend(page, 'Can it go on a gas stove?');
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });

  // The team reads on in the same room: told of the sign-in, and sure of who it is now.
  const log = a.page.getByRole('log');
  await expect(log.getByText('Can it go on a gas stove?')).toBeVisible({ timeout: 30_000 });
  await expect(log.getByText('Signed in to the shop as Ben Wu')).toBeVisible();
  await expect(log.getByText('Is the teapot cast iron?')).toBeVisible();
  await expect(details.filter({ hasText: 'Verified customer: 2077' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(details.filter({ hasText: 'Ben Wu' })).toBeVisible();

  // On another browser, signed in to the shop as Ben: the whole conversation, from the server.
  const second = await shopper(browser, agents);
  await signInToShop(second, 'Ben Wu');
  const w2 = widget(second);
  await w2.launcher.click();
  await expect(w2.log.getByText('Can it go on a gas stove?')).toBeVisible({ timeout: 30_000 });
  await expect(w2.log.getByText('Is the teapot cast iron?')).toBeVisible();
  await expect(w2.log.getByText('Yes, all of it.')).toBeVisible();
});
