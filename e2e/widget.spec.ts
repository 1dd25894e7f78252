// The customer-support widget on the demo shop (another origin than the app, strict CSP),
// against the real Prosody: a shopper and an agent in Parley.
import type { Browser, Page } from '@playwright/test';
import {
  acceptSupportInvite,
  createAccount,
  drawnPng,
  send,
  widget,
  widgetSend,
} from '../test-support/steps';
import { expect, test, uniqueUser } from './fixtures';

// Two or three browsers, a registration and a room per test: more than the default minute on a
// loaded machine.
test.describe.configure({ timeout: 300_000 });

const shopUrl = (path: string) => new URL(path, process.env['PARLEY_SHOP_URL']).toString();

/** A shopper's browser; the shop's widget settings name `agents` (as the shop's script would). */
async function shopper(
  browser: Browser,
  agents: string[],
  viewport?: { width: number; height: number },
  more: Record<string, string> = {},
) {
  const context = await browser.newContext({
    timezoneId: 'UTC',
    ...(viewport ? { viewport } : {}),
  });
  await context.addInitScript(
    ({ list, more }) => {
      (window as { parleySettings?: unknown }).parleySettings = { agents: list, ...more };
      // Any CSP violation on the shop page is a failure of the widget.
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as { cspViolations?: string[] };
        w.cspViolations = [...(w.cspViolations ?? []), `${e.violatedDirective} ${e.blockedURI}`];
      });
    },
    { list: agents, more },
  );
  return context;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as { cspViolations?: string[] }).cspViolations ?? []);

async function agent(browser: Browser) {
  const user = uniqueUser('agent');
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, user);
  return { user, jid: `${user}@localhost`, page };
}

test('a shopper writes from the shop, an agent answers in Parley, history follows the shopper across pages', async ({
  browser,
}) => {
  const a = await agent(browser);
  const page = await (await shopper(browser, [a.jid], undefined, { replyWithin: '10' })).newPage();
  await page.goto(shopUrl('/p/tea'));
  const w = widget(page);

  await expect(w.launcher).toHaveAccessibleName('Open chat');
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
  await w.launcher.click();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(w.input).toBeFocused();
  await widgetSend(page, 'Is the oolong from Taiwan?');
  await expect(w.log.getByText('Is the oolong from Taiwan?')).toBeVisible();
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  // Nobody from the team has joined yet: the shopper may leave an email.
  await expect(w.host.getByText(/No one from the team is in this chat/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(w.host.getByRole('status')).toHaveText('Usually replies within 10 min');

  // The agent is invited to the shopper's room and joins: the shopper sees someone is here.
  await acceptSupportInvite(a.page);
  await expect(w.host.getByRole('status')).toHaveText('An agent is here');
  await expect(w.host.getByText(/No one from the team is in this chat/)).toBeHidden();
  // The agent steps away, then comes back: the shopper is told, from the agent's presence.
  const presence = a.page.getByLabel('Your presence');
  await presence.selectOption({ label: 'Away' });
  await expect(w.host.getByRole('status')).toHaveText(
    `${a.user} is away. We will reply as soon as we can.`,
  );
  await presence.selectOption({ label: 'Online' });
  await expect(w.host.getByRole('status')).toHaveText('An agent is here');
  // What the shopper wrote before the agent joined: from the room's archive, after the join.
  await expect(a.page.getByRole('log').getByText('Is the oolong from Taiwan?')).toBeVisible({
    timeout: 30_000,
  });
  await widgetSend(page, 'And the mug, is it dishwasher safe?');
  await expect(
    a.page.getByRole('log').getByText('And the mug, is it dishwasher safe?'),
  ).toBeVisible();
  // Typing, both ways: each side sees the other typing, and the message ends it.
  await w.input.pressSequentially('Also');
  await expect(a.page.locator('p.typing')).toHaveText(/^\S+ is typing…$/);
  await w.input.fill('');
  await expect(a.page.locator('p.typing')).toHaveText('');
  await a.page.getByRole('textbox', { name: 'Message', exact: true }).pressSequentially('Yes');
  await expect(w.host.locator('p.typing')).toHaveText(`${a.user} is typing…`);
  await send(a.page, 'Yes, from Alishan.');
  await expect(w.log.getByText('Yes, from Alishan.')).toBeVisible();
  await expect(w.host.locator('p.typing')).toHaveText('');
  await expect(w.log.getByText(a.user, { exact: true })).toBeVisible();

  // Esc closes the panel and gives focus back to the launcher.
  await w.input.press('Escape');
  await expect(w.input).toBeHidden();
  await expect(w.launcher).toBeFocused();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');

  // A reply while the panel is closed: the badge and the launcher's name carry the count.
  await send(a.page, 'Anything else?');
  await expect(w.launcher).toHaveAccessibleName('Open chat, 1 unread');
  await expect(w.launcher.getByText('1', { exact: true })).toBeVisible();

  // Another page of the shop: same shopper, same conversation, the count still there.
  await page.goto(shopUrl('/p/mug'));
  await expect(w.launcher).toHaveAccessibleName('Open chat, 1 unread');
  await w.launcher.click();
  for (const text of [
    'Is the oolong from Taiwan?',
    'And the mug, is it dishwasher safe?',
    'Yes, from Alishan.',
    'Anything else?',
  ])
    await expect(w.log.getByText(text)).toBeVisible();
  await expect(w.launcher).toHaveAccessibleName('Close chat');
  await w.close.click();
  await expect(w.launcher).toHaveAccessibleName('Open chat');
  expect(await violations(page)).toEqual([]);
});

test('with nobody on duty the shopper leaves a message and an email; the agent sees both on signing in', async ({
  browser,
}) => {
  const user = uniqueUser('agent');
  // Open only the day after tomorrow (UTC): closed now, whatever the time of the run.
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const open = DAYS[(new Date().getUTCDay() + 2) % 7] ?? 'Sun';
  const page = await (
    await shopper(browser, [`${user}@localhost`], undefined, {
      hours: `${open} 09:00-17:00`,
      timezone: 'UTC',
      replyWithin: '10',
    })
  ).newPage();
  // The agent's account exists but nobody is signed in to it.
  const { registerAccount } = await import('./fixtures');
  await registerAccount(user, 'correct horse 1');
  await page.goto(shopUrl('/'));
  const w = widget(page);
  await w.launcher.click();
  // Outside the shop's hours: said in the header, with when the team is back (shopper's clock).
  await expect(w.host.getByRole('status')).toHaveText(
    new RegExp(`^Closed now\\. Back ${open} 0?9:00( AM)?\\.$`),
  );
  // The default greeting does not promise a quick reply then.
  await expect(w.log.getByText('Hi! We are closed right now.', { exact: false })).toBeVisible();
  await expect(w.log.getByText(/We usually reply within/)).toHaveCount(0);
  await widgetSend(page, 'Do you ship to Lyon?');
  const email = w.host.getByRole('textbox', { name: 'Email for a reply' });
  await email.fill('not an email');
  await w.host.getByRole('button', { name: 'Save email' }).click();
  await expect(w.host.getByRole('alert')).toHaveText(/does not look like an email/);
  await email.fill('shopper@example.org');
  await w.host.getByRole('button', { name: 'Save email' }).click();
  await expect(w.host.getByText('We will reply to shopper@example.org.')).toBeVisible();
  await expect(w.log.getByText('Email for a reply: shopper@example.org')).toBeVisible();
  // Sent: no longer "Sending…" once the room has it, and none refused (a first message sent
  // before its room was known as one went out as a chat message, and the room refused it).
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  await expect(w.log.getByText('Not sent.')).toHaveCount(0);

  const agentPage = await (await browser.newContext()).newPage();
  await agentPage.goto('/');
  await agentPage.getByLabel('Address').fill(`${user}@localhost`);
  await agentPage.getByLabel('Password', { exact: true }).fill('correct horse 1');
  await agentPage.getByRole('button', { name: 'Sign in' }).click();
  await acceptSupportInvite(agentPage);
  // From the room's archive, fetched after the join: slower than a live message on a busy machine.
  await expect(agentPage.getByRole('log').getByText('Do you ship to Lyon?')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    agentPage.getByRole('log').getByText('Email for a reply: shopper@example.org'),
  ).toBeVisible();
});

test('a hostile host stylesheet and a strict CSP neither break the widget nor are changed by it', async ({
  browser,
}) => {
  const page = await (await shopper(browser, [])).newPage();
  const response = await page.goto(shopUrl('/hostile/'));
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
  const w = widget(page);
  // The host's own button stays as the host styled it (hidden); ours is a real, visible button.
  await expect(page.locator('#host-button')).toBeHidden();
  await expect(w.launcher).toBeVisible();
  const box = await w.launcher.boundingBox();
  const view = page.viewportSize();
  expect(box?.width).toBe(56);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBe((view?.width ?? 0) - 20);
  // Above the page's top-z-index layer: the click reaches the launcher.
  await w.launcher.click();
  await expect(w.input).toBeVisible();
  expect(await w.input.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
  expect(await w.input.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(0, 255, 0)');
  await widgetSend(page, 'hello under a strict CSP');
  await expect(w.log.getByText('hello under a strict CSP')).toBeVisible();
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  expect(await violations(page)).toEqual([]);
});

test('on a phone the panel fills the screen', async ({ browser }) => {
  const page = await (await shopper(browser, [], { width: 390, height: 700 })).newPage();
  await page.goto(shopUrl('/p/pot'));
  const w = widget(page);
  await w.launcher.click();
  const panel = w.host.locator('.frame');
  await expect(w.input).toBeVisible();
  expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 700 });
  // Tab and Shift+Tab go round the panel's controls, never into the shop hidden behind it.
  await w.input.focus();
  const inWidget = () =>
    page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? 'none');
  const seen = new Set<string>();
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab']) {
    await page.keyboard.press(key);
    expect(await inWidget()).toBe('parley-chat');
    seen.add(
      await w.host.evaluate((h) => h.shadowRoot?.activeElement?.outerHTML.slice(0, 40) ?? ''),
    );
  }
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inWidget()).toBe('parley-chat');
  }
  // It went round more than one control (the trap is not a focus stuck in place).
  expect(seen.size).toBeGreaterThan(1);
  await page.keyboard.press('Escape');
  await expect(w.launcher).toBeFocused();
  await w.launcher.click();
  await w.close.click();
  await expect(w.launcher).toBeFocused();
});

test('three shop tabs are one shopper with one connection, and one chime for a reply', async ({
  browser,
}) => {
  const a = await agent(browser);
  const context = await shopper(browser, [a.jid]);
  // Every oscillator the page starts: the widget's chime is two notes.
  await context.addInitScript(() => {
    const w = window as unknown as { oscillators: number };
    w.oscillators = 0;
    const make = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.oscillators++;
      return make.call(this);
    };
  });
  const sockets: string[] = [];
  context.on('page', (p) =>
    p.on('websocket', (ws) => {
      if (ws.url().includes('xmpp-websocket')) sockets.push(ws.url());
    }),
  );
  const first = await context.newPage();
  await first.goto(shopUrl('/p/tea'));
  await widget(first).launcher.click();
  await widgetSend(first, 'one visitor, three tabs');
  await expect(widget(first).log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  const others = [await context.newPage(), await context.newPage()];
  for (const [i, p] of others.entries()) {
    await p.goto(shopUrl(i === 0 ? '/p/mug' : '/'));
    await widget(p).launcher.click();
    await expect(widget(p).log.getByText('one visitor, three tabs')).toBeVisible();
  }
  // From the second tab: it goes through the first tab's connection.
  await widgetSend(others[0] as Page, 'sent from tab two');
  await expect(widget(first).log.getByText('sent from tab two')).toBeVisible();
  await expect(widget(first).log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });
  expect(sockets).toHaveLength(1);

  // The agent answers while every tab's panel is closed: each tab counts it, one tab chimes.
  const tabs = [first, ...others];
  await acceptSupportInvite(a.page);
  for (const p of tabs) {
    await widget(p).close.click();
    await expect(widget(p).launcher).toHaveAccessibleName('Open chat');
  }
  const chimes = async () => {
    let n = 0;
    for (const p of tabs)
      n += await p.evaluate(() => (window as unknown as { oscillators: number }).oscillators);
    return n;
  };
  expect(await chimes()).toBe(0);
  // The shop hears of each new message in every tab ('message', the API's event), in the same
  // step as the tab decides to chime: once every tab has heard, the count is final.
  for (const p of tabs)
    await p.evaluate(() => {
      const w = window as unknown as {
        heard: number;
        Parley: { widget: { on(e: string, f: () => void): void } };
      };
      w.heard = 0;
      w.Parley.widget.on('message', () => {
        w.heard++;
      });
    });
  await send(a.page, 'Hello from the team');
  for (const p of tabs) {
    await expect(widget(p).launcher).toHaveAccessibleName('Open chat, 1 unread');
    await expect
      .poll(() => p.evaluate(() => (window as unknown as { heard: number }).heard))
      .toBe(1);
  }
  expect(await chimes()).toBe(2);
});

test("pictures both ways: the shopper attaches one under the shop's CSP, the agent sends a picture and a PDF back", async ({
  browser,
}) => {
  const a = await agent(browser);
  const page = await (await shopper(browser, [a.jid])).newPage();
  await page.goto(shopUrl('/p/tea'));
  const w = widget(page);
  await w.launcher.click();
  await widgetSend(page, 'May I show you the crack?');
  await acceptSupportInvite(a.page);
  await expect(w.host.getByRole('status')).toHaveText('An agent is here');

  // The shopper attaches a large picture: shown at once from its own bytes, sent smaller.
  const chooser = page.waitForEvent('filechooser');
  await w.host.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({
    name: 'teapot.png',
    mimeType: 'image/png',
    buffer: await drawnPng(page, 2000, 1000),
  });
  await expect(w.log.getByRole('button', { name: 'Open teapot.png' }).locator('img')).toBeVisible();
  await expect(w.log.getByText('Sending…')).toHaveCount(0, { timeout: 30_000 });

  // The agent sees a picture (loaded on asking: the shopper is not a contact), 1600 px wide.
  await a.page.getByRole('button', { name: /^Load Photo from / }).click();
  const seen = a.page.getByRole('button', { name: 'Open teapot.png' }).locator('img');
  await expect.poll(() => seen.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1600);

  // The agent answers with a picture and a PDF.
  const agentChooser = a.page.waitForEvent('filechooser');
  await a.page.getByRole('button', { name: 'Attach files' }).click();
  await (await agentChooser).setFiles([
    { name: 'reply.png', mimeType: 'image/png', buffer: await drawnPng(a.page, 600, 400) },
    { name: 'care.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ]);
  await a.page
    .getByRole('dialog', { name: /^Send to / })
    .getByRole('button', { name: 'Send' })
    .click();

  // The shopper: the picture loads by itself, at its stored size scaled to the panel (220 px).
  const thumb = w.log.getByRole('button', { name: 'Open reply.png' });
  await expect
    .poll(() => thumb.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth), {
      timeout: 30_000,
    })
    .toBe(600);
  expect(await thumb.boundingBox()).toMatchObject({ width: 220, height: 147 });
  // Larger over the panel; Esc closes it (not the panel) and the focus is back on the picture.
  await thumb.click();
  const viewer = w.host.getByRole('dialog', { name: 'reply.png, full size' });
  await expect(viewer.locator('img')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(thumb).toBeFocused();
  await expect(w.input).toBeVisible();
  // The PDF is a card with its name and a download under that name.
  await expect(w.log.getByText('care.pdf')).toBeVisible();
  const download = page.waitForEvent('download');
  await w.log.getByRole('button', { name: 'Download care.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('care.pdf');
  expect(await violations(page)).toEqual([]);
});
