// Connecting: the session ends with the page (a reload must not leave it lingering on the
// server), and signing in and chatting over BOSH.
import { expect, test, uniqueUser } from './fixtures';
import { befriend, createAccount } from './steps';

test('closing the page ends the session at once: a contact sees us go offline', async ({
  browser,
}) => {
  const a = uniqueUser('ann');
  const b = uniqueUser('ben');
  const pa = await (await browser.newContext()).newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  const annOnB = pb.getByRole('button', { name: a, exact: true });
  await expect(annOnB.getByRole('img', { name: 'Online' })).toBeVisible();
  // Leaving the page: without a closed stream the server keeps the session for resumption
  // (Prosody's smacks: ten minutes) and Ann stays online for Ben all that time.
  await pa.goto('about:blank');
  await expect(annOnB.getByRole('img', { name: 'Online' })).toBeHidden({ timeout: 10_000 });
});
