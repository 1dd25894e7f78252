// Issue 15, the widget's third slice: product and order cards from the demo shop's buttons
// (Parley.widget.shareProduct / shareOrder), seen by the agent in Parley and by the shopper;
// setLocale(); closing a conversation and the shopper's rating.
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

  // setLocale() switches the open panel and the launcher at once, cards included.
  await page.evaluate(() =>
    (
      window as unknown as { Parley: { widget: { setLocale(l: string): void } } }
    ).Parley.widget.setLocale('zh-CN'),
  );
  await expect(w.host.getByRole('button', { name: '关闭聊天' })).toBeVisible();
  const zhLog = w.host.getByRole('log', { name: '与客服的对话' });
  await expect(zhLog.getByRole('article', { name: '订单 A-1042' })).toBeVisible();
  await expect(zhLog.getByText('状态：Shipped')).toBeVisible();
});

test('the agent closes the conversation, the shopper rates it, the team sees the rating', async ({
  browser,
}) => {
  const a = await agent(browser);
  const page = await shopperPage(browser, [a.jid]);
  await page.goto(shopUrl('/p/mug'));
  const w = widget(page);
  await w.launcher.click();
  await widgetSend(page, 'Is the mug dishwasher safe?');
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  await acceptSupportInvite(a.page);
  await expect(w.host.getByRole('status')).toHaveText('An agent is here', { timeout: 30_000 });
  await widgetSend(page, 'Thanks, that is all');
  await expect(a.page.getByRole('log').getByText('Thanks, that is all')).toBeVisible();

  // Closing asks first.
  await a.page.getByRole('button', { name: 'Close conversation' }).click();
  const dialog = a.page.getByRole('dialog', { name: 'Close this conversation?' });
  await dialog.getByRole('button', { name: 'Close conversation' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Closed' })).toBeVisible();
  await expect(a.page.getByRole('button', { name: 'Close conversation' })).toBeHidden();

  // The shopper is asked for a rating instead of the message box.
  const stars = w.host.getByRole('group', { name: 'How did we do?' });
  await expect(stars).toBeVisible({ timeout: 30_000 });
  await expect(w.input).toBeHidden();
  await w.host.getByRole('button', { name: 'Send rating' }).click();
  await expect(w.host.getByRole('alert')).toHaveText('Choose a number of stars first.');
  await stars.getByRole('radio', { name: '4 of 5 stars' }).check();
  await w.host.getByRole('textbox', { name: 'Comment (optional)' }).fill('Quick answer');
  await w.host.getByRole('button', { name: 'Send rating' }).click();
  await expect(w.host.getByText('Thank you for your rating!')).toBeVisible();
  await expect(w.input).toBeVisible();

  // The team sees it in the conversation and in the inbox.
  const log = a.page.getByRole('log');
  await expect(log.getByText('Rating: 4 of 5 stars')).toBeAttached({ timeout: 30_000 });
  await expect(log.getByText('Quick answer')).toBeVisible();
  await a.page.getByRole('tab', { name: 'Support' }).click();
  const inbox = a.page.getByRole('navigation', { name: 'Support' });
  await inbox.getByRole('button', { name: 'All' }).click();
  await expect(inbox.getByText('Closed · Rated 4/5')).toBeVisible();
});
