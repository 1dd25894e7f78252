// Group chat at scale: joining a room of 1,000 occupants until the occupant list is complete
// and scrollable, then a burst of 50 messages a second for 20 seconds into the open room,
// with the longest main-thread task (PerformanceObserver "longtask") during it. The join is also
// given as a ratio of the server's floor: a bare socket joining the same room in the same run.
// Run: npm run build && npx playwright test -c bench/playwright.config.ts rooms
// BENCH_OCCUPANTS (1000), BENCH_BURST_SECONDS (20), BENCH_RATE (50) change the sizes.
import { expect, test } from '@playwright/test';
import { createAccount } from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { gatherCrowd, timeBareJoin } from './lib/crowd.mjs';

const OCCUPANTS = Number(process.env['BENCH_OCCUPANTS'] ?? 1000);
const SECONDS = Number(process.env['BENCH_BURST_SECONDS'] ?? 20);
const RATE = Number(process.env['BENCH_RATE'] ?? 50);
const ROOM = 'crowd@conference.localhost';

test('rooms: join 1,000 occupants, then a 50/s burst', async ({ browser }) => {
  test.setTimeout(1_800_000);
  const world = await createWorld({
    extraConfig: 'VirtualHost "anon.localhost"\n  authentication = "anonymous"',
  });
  try {
    const app = world.apps[0];
    if (!app) throw new Error('no app server');
    const t0 = Date.now();
    const crowd = await gatherCrowd({
      url: `ws://127.0.0.1:${world.server.httpPort}/xmpp-websocket`,
      domain: 'anon.localhost',
      room: ROOM,
      count: OCCUPANTS,
      parallel: 20,
    });
    console.log(
      `rooms: seeded ${OCCUPANTS} occupants in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );

    // The server's floor for the same join, in the same run: a bare socket joins (and leaves)
    // three times before Parley does; the median is the floor.
    const floors: number[] = [];
    for (let i = 0; i < 3; i++) {
      const bare = await timeBareJoin({
        url: `ws://127.0.0.1:${world.server.httpPort}/xmpp-websocket`,
        domain: 'anon.localhost',
        room: ROOM,
        nick: `floor${i}`,
      });
      if (bare.presences < OCCUPANTS) throw new Error(`floor: only ${bare.presences} presences`);
      floors.push(bare.ms);
    }
    const floorJoinMs = [...floors].sort((a, b) => a - b)[1] as number;
    console.log(
      `rooms: floor, a bare socket joining the ${OCCUPANTS}-occupant room until its own presence: median ${floorJoinMs.toFixed(0)} ms (${floors.map((f) => f.toFixed(0)).join(', ')} ms)`,
    );

    const context = await browser.newContext({
      baseURL: app.url,
      viewport: { width: 1400, height: 900 },
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __longtasks: number[] };
      w.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    await createAccount(page, 'watcher');

    // Join: from the Join click until all 1,001 are listed and the last one scrolls into view.
    await page.getByRole('tab', { name: /Chats/ }).click();
    await page.getByRole('button', { name: 'Group chats' }).click();
    const dialog = page.getByRole('dialog', { name: 'Group chats' });
    await dialog.getByLabel('Room address').fill(ROOM);
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    const panel = page.getByLabel(`People (${OCCUPANTS + 1})`);
    await expect(
      panel.or(page.getByRole('button', { name: `People in this room: ${OCCUPANTS + 1}` })).first(),
    ).toBeVisible({ timeout: 120_000 });
    const listedMs = Date.now() - started;
    if (!(await panel.isVisible()))
      await page.getByRole('button', { name: `People in this room: ${OCCUPANTS + 1}` }).click();
    const last = `guest${String(OCCUPANTS - 1).padStart(4, '0')}`;
    await panel.locator('.occupants-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(panel.getByText(last, { exact: true })).toBeVisible();
    const scrollableMs = Date.now() - started;
    const rows = await panel.locator('li').count();
    console.log(
      `rooms: join ${OCCUPANTS}-occupant room → all listed: ${listedMs} ms; → last one scrolled into view: ${scrollableMs} ms (${rows} rows in the DOM)`,
    );
    console.log(
      `rooms: join, all listed / the floor: ${(listedMs / floorJoinMs).toFixed(2)} (aim ≤ 1.1)`,
    );
    const joinTasks = await page.evaluate(() =>
      (window as unknown as { __longtasks: number[] }).__longtasks.splice(0),
    );
    const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
    console.log(
      `rooms: long tasks while joining: ${joinTasks.length}, longest ${max(joinTasks).toFixed(0)} ms`,
    );

    // Burst: RATE messages a second for SECONDS seconds, into the open room (0: no burst).
    const n = RATE * SECONDS;
    if (n === 0) return await crowd.close();
    const burstStart = Date.now();
    // The floor: when the last message reaches another member of the crowd (a bare socket).
    const observer = crowd.members[1] ?? crowd.owner;
    const reachedCrowd = observer
      .waitFor((f) => f.includes(`burst ${n} of ${n}<`), 900_000)
      .then(() => Date.now());
    await crowd.burst(n, RATE, (i) => `burst ${i + 1} of ${n}`);
    // A room of 1,000 turns each message into 1,000 deliveries: the server may fall behind.
    await expect(page.getByRole('log').getByText(`burst ${n} of ${n}`)).toBeVisible({
      timeout: 900_000,
    });
    const sentLastAt = burstStart + (n - 1) * (1000 / RATE);
    const lastVisibleMs = Date.now() - sentLastAt;
    const floorMs = (await reachedCrowd) - sentLastAt;
    const burstTasks = await page.evaluate(() =>
      (window as unknown as { __longtasks: number[] }).__longtasks.splice(0),
    );
    const heap = await page.evaluate(
      () =>
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
          ?.usedJSHeapSize ?? 0,
    );

    console.log(
      `rooms: burst ${RATE}/s for ${SECONDS} s (${n} messages): last one visible ${lastVisibleMs.toFixed(0)} ms after it was sent (it reached a bare socket in the room after ${floorMs.toFixed(0)} ms); long tasks ${burstTasks.length}, longest ${max(burstTasks).toFixed(0)} ms; heap after ${(heap / 1048576).toFixed(1)} MiB`,
    );
    await crowd.close();
  } finally {
    await world.dispose();
  }
});
