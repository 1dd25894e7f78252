// Archive catch-up rate: a browser comes back after 10,000 messages arrived in 20 conversations.
// Run: npm run build && npx playwright test -c bench/playwright.config.ts catchup
import { loadavg } from 'node:os';
import { expect, test } from '@playwright/test';
import { signInKept } from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { waitCaughtUp } from './lib/caughtUp';
import { startProfile, stopProfile } from './lib/profile';

const SENDERS = Number(process.env['BENCH_SENDERS'] ?? 20);
const PER_SENDER = Number(process.env['BENCH_PER_SENDER'] ?? 500);
const PASSWORD = 'bench-pass-1';

test('archive catch-up rate and heap after opening the largest conversation', async ({
  browser,
}) => {
  // Prosody's file storage keeps 10,000 items per archive unless told otherwise.
  const world = await createWorld({ extraConfig: 'storage_archive_item_limit = 100000' });
  try {
    const reader = await world.register('reader', PASSWORD);
    const senders: string[] = [];
    // One at a time: SQLite takes one writer.
    for (let i = 0; i < SENDERS; i++) senders.push(await world.register(`sender${i}`, PASSWORD));
    const app = world.apps[0];
    if (!app) throw new Error('no app server');
    const context = await browser.newContext({ baseURL: app.url });
    let page = await context.newPage();
    // The reader comes back in a new tab below and must still be signed in.
    await signInKept(page, reader, PASSWORD);

    // One message while the reader is here: from its archive id on, everything is new.
    const first = await world.bot('sender0', PASSWORD);
    await first.sendChat(reader, 'before the break');
    await expect(page.getByRole('button', { name: 'sender0', exact: true })).toBeVisible();
    await page.close();
    const bots = [first];

    // The reader is away (its messages go to a bot of the reader, so they are archived, not
    // stored offline); 20 people send 500 messages each.
    const readerBot = await world.bot('reader', PASSWORD, { answerReceipts: false });
    const t0 = Date.now();
    await Promise.all(
      senders.map(async (jid, i) => {
        const bot = await world.bot(jid.split('@')[0] ?? '', PASSWORD);
        bots.push(bot);
        const bodies = Array.from({ length: PER_SENDER }, (_, k) => `${jid} message ${k + 1}`);
        // 100 at a time, each acknowledged before the next: each wait has its own 30 s (500 at
        // once from 20 senders were not acknowledged within 30 s at a load average of 6 to 11).
        for (let k = 0; k < bodies.length; k += 100)
          await bot.sendMany(reader, bodies.slice(k, k + 100));
        return i;
      }),
    );
    await expect
      .poll(() => readerBot.received.length, { timeout: 300_000 })
      .toBeGreaterThanOrEqual(SENDERS * PER_SENDER);
    const seedSeconds = (Date.now() - t0) / 1000;
    // The floor: the same pages read by a bare Node client, parsing only.
    const tFloor = performance.now();
    const floorCount = (await readerBot.archive()).length;
    const floorSeconds = (performance.now() - tFloor) / 1000;
    await readerBot.stop();

    // The reader comes back: the app signs in by itself and catches up from the archive.
    page = await context.newPage();
    const profiling = process.env['BENCH_PROFILE'] ? await context.newCDPSession(page) : null;
    if (profiling) await startProfile(profiling, 200);
    await page.goto('/');
    const caught = await waitCaughtUp(page, 200);
    if (profiling) console.log(await stopProfile(profiling, 25));
    const { total, ms, pages, queryMs, storeMs } = caught;
    expect(total).toBeGreaterThanOrEqual(SENDERS * PER_SENDER);

    // Open the largest conversation and measure the heap once the newest message shows.
    await page.getByRole('button', { name: 'sender0', exact: true }).click();
    await expect(page.getByRole('log').locator('.body').last()).toHaveText(
      `${senders[0]} message ${PER_SENDER}`,
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      totalSize: number;
    };
    const rows = await page.getByRole('log').locator('li.msg').count();

    const line = [
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
      `seeded ${SENDERS}×${PER_SENDER} messages in ${seedSeconds.toFixed(1)} s`,
      `catch-up: ${total} messages in ${(ms / 1000).toFixed(2)} s = ${Math.round(total / (ms / 1000))} messages/s`,
      `  floor: a bare Node client reads the same ${floorCount} archived messages in ${floorSeconds.toFixed(2)} s = ${Math.round(floorCount / floorSeconds)} messages/s`,
      `  Parley / bare client on the same archive: ${(total / (ms / 1000) / (floorCount / floorSeconds)).toFixed(2)}`,
      `  ${pages} pages: waiting for the server ${(queryMs / 1000).toFixed(2)} s, storing ${(storeMs / 1000).toFixed(2)} s`,
      `heap after opening the largest conversation (${rows} rows rendered): ${(heap.usedSize / 1048576).toFixed(1)} MiB used of ${(heap.totalSize / 1048576).toFixed(1)} MiB`,
    ];
    console.log(`\n${line.join('\n')}\n`);
    await Promise.all(bots.map((b) => b.stop().catch(() => {})));
  } finally {
    await world.dispose();
  }
});
