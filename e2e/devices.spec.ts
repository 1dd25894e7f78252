import { befriend, createAccount, openChat, send, signInElsewhere } from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

test('two devices of one account: carbons file messages both ways, reading on one clears the other', async ({
  browser,
}) => {
  const a = uniqueUser('dev');
  const b = uniqueUser('friend');
  const laptop = await (await browser.newContext()).newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(laptop, a);
  await createAccount(pb, b);
  await befriend(laptop, a, pb, b);
  const phone = await signInElsewhere(browser, a);

  // B writes: both of A's devices get it, as an incoming message, unread on both.
  await openChat(pb, a);
  await send(pb, 'hello both of you');
  for (const device of [laptop, phone]) {
    await device.getByRole('tab', { name: /Chats/ }).click();
    const conv = device.getByRole('button', { name: b, exact: true });
    await expect(conv).toContainText('hello both of you');
    await expect(conv).toContainText('1');
  }

  // Read on the phone: the laptop's unread count clears too (displayed marker by carbon).
  await phone.getByRole('button', { name: b, exact: true }).click();
  await expect(phone.getByRole('log')).toContainText('hello both of you');
  await expect(laptop).toHaveTitle('Parley');
  await expect(laptop.getByRole('button', { name: b, exact: true })).not.toContainText(/\b1\b/);

  // Sent from the phone: the laptop shows it in the same conversation, as ours.
  await send(phone, 'sent from my phone');
  await laptop.getByRole('button', { name: b, exact: true }).click();
  const mine = laptop.getByRole('log').locator('li.msg-out');
  await expect(mine.last()).toContainText('sent from my phone');
  await expect(pb.getByRole('log')).toContainText('sent from my phone');
  // B sees it once, although two of A's devices know it.
  await expect(pb.getByRole('log').getByText('sent from my phone')).toHaveCount(1);
});
