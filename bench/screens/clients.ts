// How each client is signed in and brought to the three screens. Parley: roles and labels (as
// in e2e/). Converse.js 14: its custom elements and classes (as in bench/compare/adapters.ts).
// Each step waits for the names and texts it is about to show.
import { expect, type Page } from '@playwright/test';
import {
  AFTER_ROOM,
  ANN,
  BEFORE_ROOM,
  BOB_LINES,
  DOMAIN,
  jidOf,
  lastText,
  PEOPLE,
  ROOM,
  ROOM_LINES,
  ROOM_NAME,
  ROOM_SUBJECT,
} from './data';

export type Screen = 'chats' | 'conversation' | 'room';

export interface Client {
  key: 'parley' | 'converse';
  signIn(page: Page): Promise<void>;
  show(page: Page, screen: Screen): Promise<void>;
}

const LIMIT = { timeout: 30_000 };
const firstBob = BOB_LINES[0]?.[1] ?? '';
const lastBob = BOB_LINES[BOB_LINES.length - 1]?.[1] ?? '';
const lastRoom = ROOM_LINES[ROOM_LINES.length - 1]?.[1] ?? '';
const firstRoom = ROOM_LINES[0]?.[1] ?? '';
const inRoom = Object.values(PEOPLE).filter((p) => p.inRoom);
const CONVERSATIONS = [...BEFORE_ROOM, ...AFTER_ROOM];

export const parley: Client = {
  key: 'parley',
  async signIn(page) {
    await page.goto('/');
    await page.getByLabel('Address').fill(`${ANN.user}@${DOMAIN}`);
    await page.getByLabel('Password').fill(ANN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('complementary').getByRole('status')).toHaveText(
      'Connected',
      LIMIT,
    );
  },
  async show(page, screen) {
    const chats = page.getByRole('navigation', { name: 'Chats' });
    if (screen === 'chats') {
      await page.getByRole('tab', { name: /Chats/ }).click();
      // Every row with its last message: the room's once its history is in (until then its row
      // shows no preview, at the top).
      const row = (name: string) => chats.getByRole('button', { name, exact: true });
      for (const c of CONVERSATIONS)
        await expect(row(PEOPLE[c.with].name)).toContainText(lastText(c), LIMIT);
      await expect(row(ROOM_NAME)).toContainText(lastRoom, LIMIT);
      return;
    }
    const log = page.getByRole('log');
    if (screen === 'conversation') {
      await chats.getByRole('button', { name: PEOPLE.bob.name, exact: true }).click();
      await expect(log.getByText(lastBob)).toBeVisible(LIMIT);
      await expect(log.getByText(firstBob)).toBeAttached(LIMIT);
      return;
    }
    await chats.getByRole('button', { name: ROOM_NAME, exact: true }).click();
    await expect(log.getByText(lastRoom)).toBeVisible(LIMIT);
    await expect(log.getByText(firstRoom)).toBeAttached(LIMIT);
    await expect(page.getByText('Joining…', { exact: true })).toBeHidden(LIMIT);
    const people = page.getByRole('complementary', { name: /^People/ });
    for (const p of inRoom) await expect(people.getByText(p.name).first()).toBeVisible(LIMIT);
    await expect(page.getByText(ROOM_SUBJECT).first()).toBeVisible(LIMIT);
  },
};

export const converse: Client = {
  key: 'converse',
  async signIn(page) {
    await page.goto('/');
    await page.locator('#converse-login-jid').fill(`${ANN.user}@${DOMAIN}`);
    await page.locator('#converse-login-password').fill(ANN.password);
    await page.locator('#converse-login button[type="submit"]').click();
    await expect(page.locator('converse-user-profile')).toBeVisible(LIMIT);
  },
  async show(page, screen) {
    const roster = page.locator('converse-roster');
    const rooms = page.locator('converse-rooms-list');
    if (screen === 'chats') {
      for (const p of Object.values(PEOPLE))
        await expect(roster.getByText(p.name, { exact: true })).toBeVisible(LIMIT);
      await expect(rooms.getByText(ROOM_NAME, { exact: true })).toBeVisible(LIMIT);
      // It opens the autojoined room on sign-in: that room is on this screen too, loaded.
      await expect(page.locator(`converse-muc[jid="${ROOM}"]`).getByText(lastRoom)).toBeVisible(
        LIMIT,
      );
      return;
    }
    if (screen === 'conversation') {
      await roster.locator(`a.open-chat[data-jid="${jidOf('bob')}"]`).click();
      const chat = page.locator(`converse-chat[jid="${jidOf('bob')}"]`);
      await expect(chat.getByText(lastBob)).toBeVisible(LIMIT);
      await expect(chat.getByText(firstBob)).toBeAttached(LIMIT);
      return;
    }
    await rooms.locator(`a.open-room[data-room-jid="${ROOM}"]`).click();
    const room = page.locator(`converse-muc[jid="${ROOM}"]`);
    await expect(room.getByText(lastRoom)).toBeVisible(LIMIT);
    await expect(room.getByText(firstRoom)).toBeAttached(LIMIT);
    const people = room.locator('converse-muc-sidebar');
    for (const p of inRoom) await expect(people.getByText(p.name).first()).toBeVisible(LIMIT);
  },
};
