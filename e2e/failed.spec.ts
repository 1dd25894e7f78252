import { createAccount, openChat, send } from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

test('a message the server cannot deliver shows as not sent, with retry and delete', async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, uniqueUser('fail'));
  const nobody = uniqueUser('nobody'); // never registered
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Contact address').fill(`${nobody}@localhost`);
  await page.getByRole('button', { name: 'Send request' }).click();
  await openChat(page, nobody);

  await send(page, 'is anyone there?');
  const msg = page.getByRole('log').getByRole('listitem').last();
  await expect(msg).toContainText('Failed');
  await expect(msg).toContainText('Not sent');

  // Retry: it goes out again, as a new attempt (the server refused the first, so it gets a new
  // id), and fails again, in words. Wait for the new attempt's entry: the old one still says
  // "Failed" until the list reads the change, and its Delete would find nothing to delete.
  const first = await msg.getAttribute('data-id');
  expect(first).toBeTruthy();
  await msg.getByRole('button', { name: 'Retry' }).click();
  await expect(msg).not.toHaveAttribute('data-id', first ?? '');
  await expect(msg).toContainText('Failed');

  // Delete: it is gone, and the conversation no longer previews it.
  await msg.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('log').getByText('is anyone there?')).toHaveCount(0);
  await page.getByRole('tab', { name: /Chats/ }).click();
  await expect(page.getByRole('button', { name: nobody, exact: true })).not.toContainText(
    'is anyone there?',
  );
});
