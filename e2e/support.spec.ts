// The team's side of the support widget (issue 15): two agents in Parley, a shopper on the
// demo shop; one agent claims the conversation, the other sees it claimed, and hands it over.
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

test('two agents: one claims a new shopper, the other sees it claimed, and it is handed over', async ({
  browser,
}) => {
  const ann = await agent(browser);
  const bob = await agent(browser);
  const context = await browser.newContext();
  await context.addInitScript(
    (list) => {
      (window as { parleySettings?: unknown }).parleySettings = { agents: list };
    },
    [ann.jid, bob.jid],
  );
  const page = await context.newPage();
  await page.goto(shopUrl('/p/tea'));
  const w = widget(page);
  await w.launcher.click();
  await widgetSend(page, 'Where is my parcel?');
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });

  // The new shopper reaches both agents; both join, and it waits in both inboxes, unclaimed.
  for (const a of [ann, bob]) {
    await acceptSupportInvite(a.page);
    await expect(
      a.page.getByRole('status').filter({ hasText: 'Nobody has claimed' }),
    ).toBeVisible();
    await a.page.getByRole('tab', { name: 'Support' }).click();
    const inbox = a.page.getByRole('navigation', { name: 'Support' });
    await expect(inbox.getByRole('button', { name: 'Unclaimed', pressed: true })).toBeVisible();
    await expect(inbox.getByRole('button', { name: /^Shopper / })).toBeVisible();
  }

  // Ann claims it.
  await ann.page.getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(
    ann.page.getByRole('status').filter({ hasText: 'You are taking care of this' }),
  ).toBeVisible();
  // Bob sees who has it, in the room and in his inbox; the plain text is in the log too.
  await expect(
    bob.page.getByRole('status').filter({ hasText: `Claimed by ${ann.user}` }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(bob.page.getByRole('button', { name: 'Claim', exact: true })).toBeHidden();
  await expect(
    bob.page.getByRole('log').getByText(`${ann.user} is taking care of this`),
  ).toBeVisible();
  const bobInbox = bob.page.getByRole('navigation', { name: 'Support' });
  await expect(bobInbox.getByRole('button', { name: /^Shopper / })).toBeHidden();
  await bobInbox.getByRole('button', { name: 'All' }).click();
  await expect(bobInbox.getByText(`Claimed by ${ann.user}`)).toBeVisible();
  // The shopper sees the agent's name.
  await expect(w.host.getByRole('status')).toHaveText(`${ann.user} is helping you`, {
    timeout: 30_000,
  });

  // Ann hands it to Bob: now it is Bob's, in his "Mine".
  await ann.page.getByLabel('Hand over to').selectOption({ label: bob.user });
  await ann.page.getByRole('button', { name: 'Hand over', exact: true }).click();
  await expect(
    bob.page.getByRole('status').filter({ hasText: 'You are taking care of this' }),
  ).toBeVisible({ timeout: 30_000 });
  await bobInbox.getByRole('button', { name: 'Mine' }).click();
  await expect(bobInbox.getByRole('button', { name: /^Shopper / })).toBeVisible();
  await expect(
    ann.page.getByRole('status').filter({ hasText: `Claimed by ${bob.user}` }),
  ).toBeVisible();
  await expect(w.host.getByRole('status')).toHaveText(`${bob.user} is helping you`, {
    timeout: 30_000,
  });
});

test("the pre-chat form's fields are checked, reach the agent at the top of the conversation, and are not asked again", async ({
  browser,
}) => {
  const ann = await agent(browser);
  const context = await browser.newContext();
  await context.addInitScript(
    (list) => {
      (window as { parleySettings?: unknown }).parleySettings = {
        agents: list,
        prechat: 'name,email,order',
      };
    },
    [ann.jid],
  );
  const page = await context.newPage();
  await page.goto(shopUrl('/p/tea'));
  const w = widget(page);
  await w.launcher.click();
  const form = {
    name: w.host.getByRole('textbox', { name: 'Your name' }),
    email: w.host.getByRole('textbox', { name: 'Your email' }),
    order: w.host.getByRole('textbox', { name: 'Order number' }),
    start: w.host.getByRole('button', { name: 'Start chat' }),
  };
  // No message box until the form is done; a bad email is refused where it was typed.
  await expect(form.name).toBeVisible({ timeout: 30_000 });
  await expect(w.input).toBeHidden();
  await form.name.fill('Mei Lin');
  await form.email.fill('mei@');
  await form.order.fill('A-1042');
  await form.start.click();
  await expect(form.email).toHaveAttribute('aria-invalid', 'true');
  await expect(w.host.getByRole('alert')).toHaveText(/does not look like an email/);
  await form.email.fill('mei@example.org');
  await form.start.click();
  await widgetSend(page, 'My parcel has not arrived');
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });

  await acceptSupportInvite(ann.page);
  const details = ann.page.getByRole('definition');
  // A guest: what they typed is theirs to say, and the team is told so.
  await expect(details).toHaveText(
    ['Guest (not verified)', 'Mei Lin', 'mei@example.org', 'A-1042'],
    { timeout: 30_000 },
  );
  // The plain text block is in the log too, for any client.
  await expect(ann.page.getByRole('log').getByText(/Order number: A-1042/)).toBeVisible();

  // A returning shopper is not asked again.
  await page.reload();
  await w.launcher.click();
  await expect(w.log.getByText('My parcel has not arrived')).toBeVisible({ timeout: 30_000 });
  await expect(w.input).toBeVisible();
  await expect(form.name).toBeHidden();
});
