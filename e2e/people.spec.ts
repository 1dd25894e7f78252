// Rooms and people, the rough edges of a first hour (issue 13): our status in group chats,
// invitations by name, the app's own confirmation dialogs, the contact request badge, status
// in words, and cancelling a voice recording.
import type { Page } from '@playwright/test';
import { befriend, createRoom, expectInRoom, openChat } from '../test-support/steps';
import { expect, newPerson, test } from './fixtures';

async function setPresence(page: Page, show: string, status?: string) {
  await page.getByLabel('Your presence').selectOption({ label: show });
  if (status === undefined) return;
  const box = page.getByLabel('Status message');
  await box.fill(status);
  await box.press('Enter');
}

/** The room's list of people (shown beside the room on a wide screen). */
const people = (page: Page) => page.getByRole('complementary', { name: /^People \(\d+\)$/ });

test('rooms: an invitation by names with the description, our status in the room, leaving asks first', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await newPerson(browser, 'host');
  const b = await newPerson(browser, 'guest');
  await befriend(a.page, a.user, b.page, b.user);

  const name = `Launch ${a.user.slice(-6)}`;
  const description = 'Where we plan the launch';
  await createRoom(a.page, name, { description, membersOnly: false });
  await expect(a.page.locator('.room-head')).toContainText(description);

  await a.page.getByRole('button', { name: 'Room options' }).click();
  await a.page.getByRole('button', { name: 'Invite people' }).click();
  const invite = a.page.getByRole('dialog', { name: `Invite people to ${name}` });
  await invite.getByLabel(b.user).check();
  await invite.getByRole('button', { name: 'Send invitations' }).click();
  await expect(invite).toBeHidden();

  // The invitation names the room and the inviter as people know them, not by address.
  await b.page.getByRole('tab', { name: /Chats/ }).click();
  const invitations = b.page.getByRole('region', { name: 'Group chat invitations' });
  await expect(invitations).toContainText(`${a.user} invites you to ${name}`);
  await expect(invitations).toContainText(description);
  await expect(invitations).not.toContainText('@');
  await b.page.getByRole('button', { name: `Accept the invitation to ${name}` }).click();
  await expectInRoom(b.page);
  await expect(b.page.locator('.room-head')).toContainText(description);

  // A is busy: B sees it in the room, in words, and so does A in its own entry.
  await setPresence(a.page, 'Busy', 'In a meeting');
  await expect(
    people(b.page).getByRole('button', { name: `${a.user}, Busy · In a meeting` }),
  ).toBeVisible();
  const own = people(a.page).locator('.occupant', { hasText: `${a.user} (you)` });
  await expect(own).toContainText('Busy · In a meeting');
  await expect(own.getByRole('img', { name: 'Busy' })).toBeVisible();

  // Invisible: A stays in the room (a room cannot hide anyone) and shows as away, status kept to itself.
  await setPresence(a.page, 'Invisible');
  await expect(people(b.page).getByRole('button', { name: `${a.user}, Away` })).toBeVisible();
  await expect(own).toContainText('Away');
  await expectInRoom(a.page);
  await expect(people(b.page)).toHaveAccessibleName('People (2)');

  // Leaving asks first; Esc keeps us in, and the focus goes back to the menu's button.
  const options = b.page.getByRole('button', { name: 'Room options' });
  await options.click();
  await b.page.getByRole('button', { name: 'Leave room' }).click();
  const confirm = b.page.getByRole('dialog', { name: `Leave ${name}?` });
  await expect(confirm).toBeVisible();
  await b.page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(options).toBeFocused();
  await expectInRoom(b.page);
  await options.click();
  await b.page.getByRole('button', { name: 'Leave room' }).click();
  await confirm.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(b.page.getByText('You left this room.')).toBeVisible();
  await expect(people(a.page)).toHaveAccessibleName('People (1)');
});

test('contacts: a request shows on the Contacts tab from Chats, status in words, removing asks first', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const a = await newPerson(browser, 'asker');
  const b = await newPerson(browser, 'askee');

  // B is on Chats when A's request comes: the Contacts tab says so.
  await b.page.getByRole('tab', { name: /Chats/ }).click();
  await a.page.getByRole('tab', { name: 'Contacts' }).click();
  await a.page.getByRole('button', { name: 'Add contact' }).click();
  await a.page.getByLabel('Contact address').fill(`${b.user}@localhost`);
  await a.page.getByRole('button', { name: 'Send request' }).click();
  const contactsTab = b.page.getByRole('tab', { name: 'Contacts Requests waiting: 1' });
  await expect(contactsTab).toBeVisible();
  await contactsTab.click();
  // The request comes first, above everything else on Contacts.
  const requests = b.page.getByRole('region', { name: 'Contact requests' });
  const add = b.page.getByRole('button', { name: 'Add contact' });
  const [reqBox, addBox] = [await requests.boundingBox(), await add.boundingBox()];
  expect(reqBox && addBox && reqBox.y < addBox.y).toBe(true);
  await b.page.getByRole('button', { name: `Accept ${a.user}@localhost` }).click();
  await expect(b.page.getByRole('tab', { name: 'Contacts', exact: true })).toBeVisible();

  // B's state in words, with the status text: in the contact list and the chat's header.
  const row = a.page.getByRole('button', { name: b.user, exact: true });
  await expect(row.getByRole('img', { name: 'Online' })).toBeVisible();
  await setPresence(b.page, 'Busy', 'In a meeting');
  await expect(row).toContainText('Busy · In a meeting');
  await openChat(a.page, b.user);
  await expect(a.page.locator('.chat-head')).toContainText('Busy · In a meeting');

  // Removing asks in the app's own dialog: Esc keeps the contact and gives the focus back.
  await a.page.getByRole('tab', { name: 'Contacts' }).click();
  const remove = a.page.getByRole('button', { name: `Remove ${b.user}` });
  await remove.click();
  const confirm = a.page.getByRole('dialog', { name: `Remove ${b.user} from your contacts?` });
  await expect(confirm).toBeVisible();
  await a.page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(row).toBeVisible();
  await remove.click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(row).toBeHidden();
});

test('one click on Cancel ends a voice recording and closes its bar', async ({ browser }) => {
  const a = await newPerson(browser, 'talker');
  const b = await newPerson(browser, 'hearer');
  await befriend(a.page, a.user, b.page, b.user);
  await openChat(a.page, b.user);
  await a.page.getByRole('button', { name: 'Record a voice message' }).click();
  const bar = a.page.getByRole('group', { name: 'Record a voice message' });
  // Recording has begun (the clock runs): the microphone can take over ten seconds to open
  // on a loaded machine. Cancelling before it opens never showed the bug.
  await expect(bar.getByText(/Recording: 0:0[1-9]/)).toBeVisible({ timeout: 30_000 });
  await bar.getByRole('button', { name: 'Cancel recording' }).click();
  await expect(bar).toBeHidden();
  await expect(a.page.getByRole('textbox', { name: 'Message', exact: true })).toBeVisible();
});
