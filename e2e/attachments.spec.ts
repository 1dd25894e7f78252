// Pictures, files and voice messages through Prosody's http_file_share (XEP-0363).
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { xml } from '@xmpp/client';
import { connectBot } from '../test-support/bot';
import { befriend, createAccount, drawnPng, openChat, PASSWORD } from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { expect, registerAccount, test, uniqueUser } from './fixtures';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function pair(browser: Browser) {
  const a = uniqueUser('sender');
  const b = uniqueUser('viewer');
  const ctxA = await browser.newContext({ permissions: ['microphone'] });
  const ctxB = await browser.newContext({ acceptDownloads: true });
  const pa = await ctxA.newPage();
  const pb = await ctxB.newPage();
  await createAccount(pa, a);
  await createAccount(pb, b);
  await befriend(pa, a, pb, b);
  await openChat(pa, b);
  await openChat(pb, a);
  return { a, b, pa, pb, ctxA, ctxB };
}

/** Choose files with the Attach button's file picker, then Send in the dialog. */
async function attach(
  page: Page,
  files: Array<{ name: string; mimeType: string; buffer: Buffer }>,
  peer: string,
) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(files);
  return page.getByRole('dialog', { name: `Send to ${peer}` });
}

test('a picture and a PDF: the contact sees the thumbnail, opens the picture, downloads the PDF by name', async ({
  browser,
}) => {
  const { a, b, pa, pb } = await pair(browser);
  const png = await drawnPng(pa, 1200, 800);

  const dialog = await attach(
    pa,
    [
      { name: 'photo.png', mimeType: 'image/png', buffer: png },
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF },
    ],
    b,
  );
  await expect(dialog.getByText('photo.png')).toBeVisible();
  await expect(dialog.getByText('report.pdf')).toBeVisible();
  const chosenAt = Date.now();
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog).toBeHidden();

  // The sender sees both at once, then delivered.
  const sent = pa.getByRole('log').locator('li.msg-out');
  await expect(sent).toHaveCount(2);
  await expect(sent.last()).toHaveAttribute('data-state', /delivered|displayed/, {
    timeout: 20_000,
  });

  // The contact: a thumbnail with the picture's proportions, loaded.
  const open = pb.getByRole('button', { name: 'Open photo.png' });
  await expect(open).toBeVisible({ timeout: 20_000 });
  const img = open.locator('img');
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBe(1200);
  console.log(`attachments: choose → contact's thumbnail ${Date.now() - chosenAt} ms`);
  const box = await open.boundingBox();
  expect(Math.round(((box?.width ?? 0) / (box?.height ?? 1)) * 10) / 10).toBe(1.5);

  // Full size in a viewer that Esc closes.
  await open.click();
  const viewer = pb.getByRole('dialog', { name: 'photo.png, full size' });
  await expect(viewer).toBeVisible();
  await pb.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // The PDF is a card; its download has the sender's name and bytes.
  const card = pb.getByRole('log').locator('.file-card');
  await expect(card).toContainText('report.pdf');
  await expect(card).toContainText('application/pdf');
  const download = pb.waitForEvent('download');
  await pb.getByRole('button', { name: 'Download report.pdf' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('report.pdf');
  expect(await readFile(await file.path())).toEqual(PDF);

  // The contact's details list what the two have shared.
  await pb.getByRole('button', { name: `Details of ${a}` }).click();
  const details = pb.getByRole('dialog', { name: a });
  const media = details.getByRole('region', { name: 'Pictures and videos' });
  await expect(
    media.getByRole('button', { name: 'Open photo.png' }).locator('img'),
  ).toHaveJSProperty('naturalWidth', 1200);
  await expect(details.getByRole('region', { name: 'Files' })).toContainText('report.pdf');
  await pb.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // The conversation list says what it was, not its URL.
  await pb.getByRole('tab', { name: /Chats/ }).click();
  await expect(pb.getByRole('button', { name: a, exact: true })).toContainText('[File] report.pdf');
});

test('a two-second voice message: the contact plays it and sees its duration', async ({
  browser,
}) => {
  const { pa, pb } = await pair(browser);
  await pa.getByRole('button', { name: 'Record a voice message' }).click();
  await expect(pa.getByText(/Recording: 0:0[12]/)).toBeVisible();
  await pa.waitForTimeout(2_200);
  await pa.getByRole('button', { name: 'Send voice message' }).click();

  const player = pb.getByRole('log').locator('.audio');
  await expect(player).toBeVisible({ timeout: 20_000 });
  // The duration shown is the recording's: about two seconds (more on a loaded machine, where
  // the Send click lands later), never 0:00.
  await expect(player.locator('.time')).toHaveText(/^0:0[2-9]$/);
  const bubble = pb.getByRole('log').locator('.bubble:has(.audio)');
  const before = (await bubble.boundingBox())?.width;
  await player.getByRole('button', { name: /^Play: voice-/ }).click();
  await expect(player).toHaveAttribute('data-playing', 'true');
  await expect
    .poll(() => player.locator('audio').evaluate((el: HTMLAudioElement) => el.currentTime), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0.3);
  await expect(player.locator('.time')).toHaveText(/^0:0\d \/ 0:0[2-9]$/);
  // Playing shows "0:01 / 0:02" where "0:02" was: the bubble keeps its width.
  expect(before).toBeGreaterThan(0);
  expect((await bubble.boundingBox())?.width).toBe(before);
});

test('a file over the server limit is refused before uploading, with the limit in MB', async ({
  browser,
}) => {
  const { b, pa } = await pair(browser);
  const big = Buffer.alloc(11 * 1024 * 1024, 1);
  const dialog = await attach(
    pa,
    [{ name: 'backup.bin', mimeType: 'application/octet-stream', buffer: big }],
    b,
  );
  await expect(dialog.getByRole('alert')).toHaveText(
    'backup.bin is larger than this server’s limit of 10 MB.',
  );
  await expect(dialog.getByRole('button', { name: 'Send' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(pa.getByRole('log').locator('li.msg-out')).toHaveCount(0);
});

test('an upload cut by going offline completes after coming back', async ({ browser }) => {
  // Its own server, with uploads through the sender's app server, whose path can be cut.
  const world = await createWorld({ apps: 2, uploadsThroughApp: true });
  try {
    const [appA, appB] = world.apps;
    if (!appA || !appB) throw new Error('two app servers expected');
    const a = uniqueUser('mover');
    const b = uniqueUser('getter');
    const ctxA = await browser.newContext({ baseURL: appA.url });
    const pa = await ctxA.newPage();
    const pb = await (await browser.newContext({ baseURL: appB.url })).newPage();
    await createAccount(pa, a);
    await createAccount(pb, b);
    await befriend(pa, a, pb, b);
    await openChat(pa, b);

    // Slow the upload down so that the network can drop in the middle of it.
    const cdp = await ctxA.newCDPSession(pa);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 300 * 1024,
    });
    const data = Buffer.alloc(2 * 1024 * 1024, 7);
    const dialog = await attach(
      pa,
      [{ name: 'slides.zip', mimeType: 'application/zip', buffer: data }],
      b,
    );
    await dialog.getByRole('button', { name: 'Send' }).click();
    const progress = pa.getByRole('progressbar', { name: /Uploading slides\.zip/ });
    await expect
      .poll(async () => Number((await progress.getAttribute('value')) ?? 0), { timeout: 30_000 })
      .toBeGreaterThan(10);

    // The network goes: the upload and the XMPP link both break.
    appA.net.cut('rst');
    await expect(
      pa.getByRole('progressbar', { name: 'Waiting to upload slides.zip' }),
    ).toBeVisible();
    await expect(pa.getByRole('status')).not.toHaveText('Connected');
    await pa.waitForTimeout(2_000);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    appA.net.restore();

    // Back: it uploads again by itself and the contact gets the file.
    await openChat(pb, a);
    const card = pb.getByRole('log').locator('.file-card');
    await expect(card).toContainText('slides.zip', { timeout: 40_000 });
    await expect(card).toContainText('2 MB');
    await expect(pa.getByRole('log').locator('li.msg-out')).toHaveAttribute(
      'data-state',
      /delivered|displayed/,
    );
    const download = pb.waitForEvent('download');
    await pb.getByRole('button', { name: 'Download slides.zip' }).click();
    expect((await readFile(await (await download).path())).equals(data)).toBe(true);
  } finally {
    await world.dispose();
  }
});

test('a picture from a stranger is not fetched until the person asks for it', async ({
  browser,
}) => {
  const me = uniqueUser('careful');
  const stranger = uniqueUser('stranger');
  await registerAccount(stranger, PASSWORD);
  const page = await (await browser.newContext()).newPage();
  await createAccount(page, me);
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/from-a-stranger/')) fetched.push(r.url());
  });

  // A picture link as other clients send it: URL as body and as out-of-band data.
  const url = `${process.env['PARLEY_URL']}from-a-stranger/tracker.png`;
  const service = `${process.env['PARLEY_URL']?.replace(/^http/, 'ws')}xmpp-websocket`;
  const bot = await connectBot({
    service,
    domain: 'localhost',
    username: stranger,
    password: PASSWORD,
  });
  try {
    await bot.xmpp.send(
      xml(
        'message',
        { to: `${me}@localhost`, type: 'chat', id: 'pic1' },
        xml('body', {}, url),
        xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url)),
      ),
    );
    await page.getByRole('tab', { name: /Chats/ }).click();
    await page.getByRole('button', { name: stranger, exact: true }).click();
    // The button shows once the app has found the sender is no contact, and only a click
    // changes that decision: from here on nothing can fetch it unasked.
    const ask = page.getByRole('button', { name: `Load Photo from ${stranger}` });
    await expect(ask).toBeVisible();
    expect(fetched).toEqual([]);

    // Asked: now it is fetched (this one is not there, and says so).
    await ask.click();
    await expect(page.getByRole('log')).toContainText('This file could not be loaded.');
    expect(fetched).toEqual([url]);
  } finally {
    await bot.stop();
  }
});

test('a pasted screenshot and dropped files open the send dialog', async ({ browser }) => {
  const { b, pa, pb } = await pair(browser);
  // Paste: an image on the clipboard, pasted into the message box.
  await pa.getByRole('textbox', { name: 'Message', exact: true }).evaluate((box) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' }));
    box.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  });
  const dialog = pa.getByRole('dialog', { name: `Send to ${b}` });
  await expect(dialog.getByText('image.png')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // The box got no text from the paste.
  await expect(pa.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue('');

  // Drop: two files dragged onto the conversation, then sent.
  await pa.getByRole('log').evaluate((log) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['first notes'], 'notes-1.txt', { type: 'text/plain' }));
    dt.items.add(new File(['second notes'], 'notes-2.txt', { type: 'text/plain' }));
    log.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }),
    );
    log.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(dialog.getByText('notes-1.txt')).toBeVisible();
  await expect(dialog.getByText('notes-2.txt')).toBeVisible();
  await dialog.getByRole('button', { name: 'Send' }).click();
  const cards = pb.getByRole('log').locator('.file-card');
  await expect(cards).toHaveCount(2, { timeout: 20_000 });
  await expect(cards.first()).toContainText('notes-1.txt');
  await expect(cards.last()).toContainText('notes-2.txt');
});
