// The person's chat choices follow them to their other devices (XEP-0223 private PEP,
// urn:parley:chats:0): the same account in two browsers, a choice made in one shows in the
// other while both are online (live PEP notifications through the real Prosody).
import type { Page } from '@playwright/test';
import type { Bot } from '../test-support/bot';
import { createAccount, signInElsewhere } from '../test-support/steps';
import { registeredBot as bot, expect, test, uniqueUser } from './fixtures';

const chatList = (page: Page) => page.getByRole('navigation', { name: 'Chats' });
const row = (page: Page, name: string) => chatList(page).getByRole('button', { name, exact: true });

async function choose(page: Page, name: string, action: string) {
  await row(page, name).click({ button: 'right' });
  await page.getByRole('menuitem', { name: action }).click();
}

test('pin, mark unread and archive on one device; the other follows', async ({ browser }) => {
  const me = uniqueUser('syncer');
  const laptop = await (await browser.newContext()).newPage();
  await createAccount(laptop, me);
  const phone = await signInElsewhere(browser, me);
  const [b, c] = [uniqueUser('bea'), uniqueUser('cai')];
  const bots = await Promise.all([bot(b), bot(c)]);
  const [botB, botC] = bots as [Bot, Bot];
  try {
    await botB.sendChat(`${me}@localhost`, 'from bea');
    await botC.sendChat(`${me}@localhost`, 'from cai');
    for (const device of [laptop, phone]) {
      await device.getByRole('tab', { name: /Chats/ }).click();
      await expect(row(device, b)).toContainText('from bea');
      await expect(row(device, c)).toContainText('from cai');
    }

    // Pinned on the laptop: pinned on the phone.
    await choose(laptop, b, 'Pin');
    await expect(row(laptop, b).getByRole('img', { name: 'Pinned' })).toBeVisible();
    await expect(row(phone, b).getByRole('img', { name: 'Pinned' })).toBeVisible();

    // Read on the phone, then marked unread there: the laptop shows the mark.
    await row(phone, c).click();
    await expect(phone.getByRole('log').getByText('from cai')).toBeVisible();
    await phone.goBack();
    await choose(phone, c, 'Mark as unread');
    const mark = (p: Page) => row(p, c).getByRole('img', { name: 'Marked as unread' });
    await expect(mark(phone)).toBeVisible();
    await expect(mark(laptop)).toBeVisible();

    // Archived on the laptop: out of the phone's list, into its archived chats.
    await choose(laptop, b, 'Archive');
    await expect(row(laptop, b)).toBeHidden();
    await expect(row(phone, b)).toBeHidden();
    const archived = chatList(phone).getByRole('button', { name: /Archived chats/ });
    await expect(archived).toContainText('1');
  } finally {
    await Promise.all(bots.map((x) => x.stop()));
  }
});
