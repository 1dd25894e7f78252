// Attachments: upload throughput of a 10 MB file on loopback, and the time from choosing a
// picture to the contact seeing its thumbnail. Two browsers, one Prosody (http_file_share).
// Run: npm run build && npx playwright test -c bench/playwright.config.ts attachments
import { expect, type Page, test } from '@playwright/test';
import { befriend, createAccount, openChat } from '../test-support/steps';
import { createWorld } from '../test-support/world';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const summary = (xs: number[], digits = 0) =>
  `median ${median(xs).toFixed(digits)} (min ${Math.min(...xs).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)})`;

async function png(page: Page, seed: number): Promise<Buffer> {
  const url = await page.evaluate((k) => {
    const c = document.createElement('canvas');
    c.width = 2400;
    c.height = 1800;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `hsl(${(i * 37 + k * 11) % 360} 70% 50%)`;
      g.fillRect((i * 97) % 2400, (i * 61) % 1800, 80, 60);
    }
    return c.toDataURL('image/png');
  }, seed);
  return Buffer.from(url.split(',')[1] ?? '', 'base64');
}

async function choose(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(file);
}

test('attachments: 10 MB upload throughput, picture to contact’s thumbnail', async ({
  browser,
}) => {
  const world = await createWorld({ apps: 2 });
  try {
    const [appA, appB] = world.apps;
    if (!appA || !appB) throw new Error('two app servers expected');
    const pa = await (await browser.newContext({ baseURL: appA.url })).newPage();
    const pb = await (await browser.newContext({ baseURL: appB.url })).newPage();
    await createAccount(pa, 'benchsender');
    await createAccount(pb, 'benchviewer');
    await befriend(pa, 'benchsender', pb, 'benchviewer');
    await openChat(pa, 'benchviewer');
    await openChat(pb, 'benchsender');

    // Picture: choosing it (file picker returns) → Send → the contact's thumbnail has loaded.
    const thumbMs: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const buffer = await png(pa, i);
      const name = `pic${i}.png`;
      const t0 = Date.now();
      await choose(pa, { name, mimeType: 'image/png', buffer });
      await pa.getByRole('dialog').getByRole('button', { name: 'Send' }).click();
      const img = pb.getByRole('button', { name: `Open pic${i}.webp` }).locator('img');
      await expect
        .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), {
          timeout: 30_000,
          intervals: [10],
        })
        .toBe(true);
      if (i > 0) thumbMs.push(Date.now() - t0); // the first is a warm-up
    }

    // 10 MB (10,000,000 bytes, under the 10 MiB limit): the PUT's own duration in the page.
    const mbPerS: number[] = [];
    const sendToSentMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const name = `big${i}.bin`;
      await pa.evaluate(() => performance.clearMeasures('parley:upload:put'));
      const t0 = Date.now();
      await choose(pa, {
        name,
        mimeType: 'application/octet-stream',
        buffer: Buffer.alloc(10_000_000, i + 1),
      });
      await pa.getByRole('dialog').getByRole('button', { name: 'Send' }).click();
      await expect(pa.getByRole('log').locator('li.msg-out', { hasText: name })).toHaveAttribute(
        'data-state',
        /sent|delivered|displayed/,
        { timeout: 60_000 },
      );
      sendToSentMs.push(Date.now() - t0);
      // The engine's own measure around the PUT (engine/upload/runner.ts).
      const put = await pa.evaluate(() =>
        performance.getEntriesByName('parley:upload:put').map((e) => e.duration),
      );
      const ms = put[0];
      if (ms === undefined) throw new Error('no parley:upload:put measure');
      mbPerS.push(10 / (ms / 1000));
    }

    console.log(
      `picture (2400×1800 PNG, sent as the default smaller copy, 1600×1200 WebP) → contact's thumbnail, ${RUNS} runs: ${summary(thumbMs)} ms`,
    );
    console.log(`10 MB upload PUT throughput on loopback, 3 runs: ${summary(mbPerS, 1)} MB/s`);
    console.log(
      `10 MB choose → Send → server has the message, 3 runs: ${summary(sendToSentMs)} ms`,
    );
  } finally {
    await world.dispose();
  }
});
