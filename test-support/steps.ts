// UI steps shared by the end-to-end specs, written as a person would do them.
import { type Browser, expect, type Locator, type Page } from '@playwright/test';

export const PASSWORD = 'correct horse 1';

export async function createAccount(page: Page, user: string, opts: { remember?: boolean } = {}) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Address').fill(`${user}@localhost`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat password').fill(PASSWORD);
  await page.getByLabel('Keep me signed in on this device').setChecked(opts.remember ?? true);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectConnected(page);
}

/** Sign in from the sign-in page, kept signed in on this device (a new tab is signed in too). */
export async function signInKept(page: Page, address: string, password: string) {
  await page.goto('/');
  await page.getByLabel('Address').fill(address);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Keep me signed in on this device').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toHaveText('Connected');
}

/**
 * The XMPP server is out of reach for this page from now on, while the web server still answers:
 * the app starts from IndexedDB and queues what is sent. `refused`: the WebSocket is closed and
 * BOSH requests fail at once (the server is down); `silent`: nothing ever answers (a dead link),
 * so each attempt waits for its timeout. Connections opened after this (a reload, a goto) are
 * affected; `page.unrouteAll()` ends it.
 */
export async function serverOutOfReach(page: Page, how: 'refused' | 'silent' = 'refused') {
  if (how === 'refused') {
    await page.routeWebSocket(/xmpp-websocket/, (ws) => ws.close({ code: 1011 }));
    await page.route(/http-bind/, (route) => route.abort('connectionrefused'));
    return;
  }
  await page.routeWebSocket(/xmpp-websocket/, () => {
    /* swallowed: the server never answers */
  });
  await page.route(/http-bind/, () => {
    /* never answered */
  });
}

/** The connection line in the sidebar (a room's banner is a status too). */
export function connectionStatus(page: Page) {
  return page.getByRole('complementary').getByRole('status');
}

/** The service worker controls the page (after the first visit it does from the start). */
export async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
}

/** The same account signed in on another browser (another device), with the test password. */
export async function signInElsewhere(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  await page.getByLabel('Address').fill(`${user}@localhost`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectConnected(page);
  return page;
}

export async function expectConnected(page: Page, timeout = 30_000) {
  await expect(connectionStatus(page)).toHaveText('Connected', { timeout });
}

/** A adds B, B accepts: both see each other online. */
export async function befriend(pa: Page, a: string, pb: Page, b: string) {
  await pa.getByRole('tab', { name: 'Contacts' }).click();
  await pa.getByRole('button', { name: 'Add contact' }).click();
  await pa.getByLabel('Contact address').fill(`${b}@localhost`);
  await pa.getByRole('button', { name: 'Send request' }).click();
  await pb.getByRole('tab', { name: 'Contacts' }).click();
  await pb.getByRole('button', { name: `Accept ${a}@localhost` }).click();
  await expect(
    pb.getByRole('button', { name: a, exact: true }).getByRole('img', { name: 'Online' }),
  ).toBeVisible();
  await expect(
    pa.getByRole('button', { name: b, exact: true }).getByRole('img', { name: 'Online' }),
  ).toBeVisible();
}

/**
 * In the room: its box takes messages and no banner says we are joining. (The box also takes
 * messages while the room is being joined: they wait and go once we are in.)
 */
export async function expectInRoom(page: Page, timeout = 30_000) {
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeEnabled({
    timeout,
  });
  await expect(page.getByText('Joining…', { exact: true })).toBeHidden({ timeout });
}

/** Open the chat with `name` from the contact list. */
export async function openChat(page: Page, name: string) {
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeVisible();
}

export async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message', exact: true });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** The message whose own text is `text` (not one that quotes or replies to it); the newest such. */
export function messageRow(page: Page, text: string) {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page
    .getByRole('log')
    .locator('li.msg')
    .filter({ has: page.locator('.body', { hasText: exact }) })
    .last();
}

/**
 * Create a room from the Chats tab's Group chats dialog; returns its address once the room
 * pane is open and its composer usable. Options left out keep the dialog's defaults.
 */
export async function createRoom(
  page: Page,
  name: string,
  opts: { description?: string; membersOnly?: boolean; history?: boolean } = {},
): Promise<string> {
  await page.getByRole('tab', { name: /Chats/ }).click();
  await page.getByRole('button', { name: 'Group chats' }).click();
  const dialog = page.getByRole('dialog', { name: 'Group chats' });
  await dialog.getByRole('tab', { name: 'Create' }).click();
  await dialog.getByLabel('Room name').fill(name);
  if (opts.description !== undefined)
    await dialog.getByLabel('Description (optional)').fill(opts.description);
  if (opts.membersOnly !== undefined)
    await dialog.getByLabel('Members only: people join by invitation').setChecked(opts.membersOnly);
  if (opts.history !== undefined)
    await dialog.getByLabel('Keep the history on the server').setChecked(opts.history);
  await dialog.getByRole('button', { name: 'Create room' }).click();
  await expect(dialog).toBeHidden();
  await expectInRoom(page);
  await expect(page).toHaveURL(/#\/room\//);
  return decodeURIComponent(new URL(page.url()).hash.replace(/^#\/room\//, ''));
}

/** Open a message's menu with its "More actions" button (shown on hover). */
export async function openMessageMenu(row: Locator) {
  await row.hover();
  await row.getByRole('button', { name: 'More actions' }).click();
}

/** The texts of the message list, in order. */
export async function messageTexts(page: Page): Promise<string[]> {
  return page.getByRole('log').locator('.body').allInnerTexts();
}

/**
 * The person switches away from the page: to another tab or a minimised window (`hidden`), or
 * to another window with this one still showing (`blurred`). Playwright keeps every page
 * visible and focused, so the page is told what the browser would report then.
 */
export async function leavePage(page: Page, how: 'hidden' | 'blurred') {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'hasFocus', { configurable: true, value: () => false });
    if (hidden) {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => 'hidden',
      });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    }
    window.dispatchEvent(new Event('blur'));
  }, how === 'hidden');
}

/** The person comes back to the page (undoes `leavePage`). */
export async function returnToPage(page: Page) {
  await page.evaluate(() => {
    const own = document as unknown as Record<string, unknown>;
    delete own['hasFocus'];
    delete own['visibilityState'];
    delete own['hidden'];
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
  });
}

// Support widget (src/widget/) on the demo shop (dev/shop.mjs).

/** The shop page's widget: Playwright's locators reach into its (open) shadow root. */
export function widget(page: Page) {
  const host = page.locator('parley-chat');
  return {
    launcher: host.getByRole('button', { name: /^(Open|Close) chat/ }),
    log: host.getByRole('log', { name: 'Conversation with support' }),
    input: host.getByRole('textbox', { name: 'Your message' }),
    close: host.getByRole('button', { name: 'Hide chat', exact: true }),
    host,
  };
}

/** The shopper writes in the open widget and presses Enter. */
export async function widgetSend(page: Page, text: string) {
  const w = widget(page);
  await w.input.fill(text);
  await w.input.press('Enter');
  await expect(w.input).toHaveValue('');
}

/** An agent in Parley accepts the invitation to a shopper's conversation. */
export async function acceptSupportInvite(page: Page) {
  await page.getByRole('tab', { name: /Chats/ }).click();
  await page.getByRole('button', { name: /^Accept the invitation to / }).click();
  await expectInRoom(page);
}

// --- people (issue 17): settings and contact details, as a person reaches them ---

/** Open Settings; returns the dialog. */
export async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('dialog', { name: 'Settings' });
}

/** Open the details of the contact whose chat is on screen; returns the dialog. */
export async function openContactDetails(page: Page, name: string) {
  await page.getByRole('button', { name: `Details of ${name}` }).click();
  return page.getByRole('dialog', { name });
}

/** A PNG the browser draws: `width`×`height`, with shapes so it is not trivially small. */
export async function drawnPng(page: Page, width = 320, height = 200): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([w, h]) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const g = c.getContext('2d') as CanvasRenderingContext2D;
      g.fillStyle = '#2f6fde';
      g.fillRect(0, 0, w, h);
      g.fillStyle = '#ffd54f';
      for (let i = 0; i < 40; i++) g.fillRect((i * 37) % w, (i * 53) % h, 60, 40);
      return c.toDataURL('image/png');
    },
    [width, height] as const,
  );
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

/** One message row of the open conversation as shown. */
export interface ShownMessage {
  id: string;
  body: string;
  /** An outgoing message's state as said to screen readers ("Delivered", "Read"...); else null. */
  state: string | null;
}

/**
 * Every message of the open conversation as the log shows it, oldest first. The log holds a
 * window of rows, so this scrolls to the start of the conversation, then down a window at a
 * time (each move waited for by its rows changing), until the last row shows `newest`.
 */
export async function readWholeLog(page: Page, newest: string): Promise<ShownMessage[]> {
  const log = page.getByRole('log');
  const start = log.getByText('This is the start of your conversation.');
  const firstId = () => log.locator('li.msg').first().getAttribute('data-id');
  for (let i = 0; i < 200 && !(await start.isVisible()); i++) {
    const before = await log.evaluate((el) => {
      el.scrollTop = 0;
      return el.querySelector('li.msg')?.getAttribute('data-id') ?? '';
    });
    await expect
      .poll(async () => (await start.isVisible()) || (await firstId()) !== before)
      .toBe(true);
  }
  await expect(start).toBeVisible();
  const rows = new Map<string, ShownMessage>();
  const take = async () => {
    const shown = await log.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('li.msg')].map((li) => ({
        id: li.dataset['id'] ?? '',
        body: li.querySelector('.body')?.textContent ?? '',
        state: li.classList.contains('msg-out')
          ? (li.querySelector('.state .sr-only')?.textContent ?? '')
          : null,
      })),
    );
    // In order of first appearance: windows overlap and are read top to bottom.
    for (const r of shown) rows.set(r.id, r);
    return shown.at(-1)?.body;
  };
  let last = await take();
  for (let i = 0; i < 200 && last !== newest; i++) {
    const before = last;
    await log.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect.poll(() => log.locator('li.msg .body').last().textContent()).not.toBe(before);
    last = await take();
  }
  expect(last).toBe(newest);
  return [...rows.values()];
}
