// Issue 15, the widget's third slice: product and order cards from the demo shop's buttons
// (Parley.widget.shareProduct / shareOrder), seen by the agent in Parley and by the shopper.
import type { Browser } from '@playwright/test';
import { acceptSupportInvite, createAccount, widget, widgetSend } from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

test.describe.configure({ timeout: 300_000 });

const shopUrl = (path: string) => new URL(path, process.env['PARLEY_SHOP_URL']).toString();

async function agent(browser: Browser) {
  const user = uniqueUser('agent');
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, user);
  return { user, jid: `${user}@localhost`, page };
}

async function shopperPage(browser: Browser, agents: string[]) {
  const context = await browser.newContext();
  await context.addInitScript((list) => {
    (window as { parleySettings?: unknown }).parleySettings = { agents: list };
  }, agents);
  return context.newPage();
}

test('a shopper shares a product and an order from the shop; the agent sees them as cards', async ({
  browser,
}) => {
  const a = await agent(browser);
  const page = await shopperPage(browser, [a.jid]);
  await page.goto(shopUrl('/p/tea'));
  const w = widget(page);
  await w.launcher.click();
  await widgetSend(page, 'Hello, a question about a product');
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  await acceptSupportInvite(a.page);
  await expect(w.host.getByRole('status')).toHaveText('An agent is here', { timeout: 30_000 });

  // The shop's own button calls Parley.widget.shareProduct(): the shopper sees the card too.
  await page.getByRole('button', { name: 'Ask about this product' }).click();
  const mine = w.log.getByRole('article', { name: 'Product: Oolong tea, 100 g' });
  await expect(mine).toBeVisible();
  await expect(mine.getByText('€12.50')).toBeVisible();

  const log = a.page.getByRole('log');
  const card = log.getByRole('article', { name: 'Product: Oolong tea, 100 g' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.getByText('€12.50')).toBeVisible();
  const link = card.getByRole('link', { name: /^Oolong tea, 100 g/ });
  await expect(link).toHaveAttribute('href', shopUrl('/p/tea'));
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  const thumb = card.locator('img');
  await expect(thumb).toHaveAttribute('src', shopUrl('/img/tea.svg'));
  await expect
    .poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);

  // An order, from the shop's orders page; the widget keeps the conversation across pages.
  await page.goto(shopUrl('/orders'));
  await page.getByRole('button', { name: 'Ask about this order' }).click();
  const order = log.getByRole('article', { name: 'Order A-1042' });
  await expect(order).toBeVisible({ timeout: 30_000 });
  await expect(order.getByText('Status: Shipped')).toBeVisible();
  await expect(order.getByText('1 × Cast-iron teapot')).toBeVisible();
  await expect(order.getByText('Total: €76.50')).toBeVisible();

  // A card that breaks a rule is refused where the shop's script called the API.
  const refused = await page.evaluate(() =>
    (
      window as unknown as {
        Parley: { widget: { shareProduct(p: unknown): Promise<void> } };
      }
    ).Parley.widget
      .shareProduct({ title: 'Bad', url: 'javascript:alert(1)' })
      .then(
        () => 'sent',
        (e: Error) => `${e.name}: ${e.message}`,
      ),
  );
  expect(refused).toBe("TypeError: Parley: this card's url is not valid");
});
