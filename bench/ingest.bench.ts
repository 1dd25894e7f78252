// Archive ingest (issue 18): the catch-up of catchup.bench.ts, a browser coming back after 10,000
// messages arrived in 20 conversations, against the replay server (bench/replay/), which
// answers archive queries from memory: what is measured is Parley's ceiling, not a server's
// storage. Also a bare Node client reading the same archive from the same server, as the floor.
// Run: npm run build && npx playwright test -c bench/playwright.config.ts ingest
// BENCH_PROFILE=1 prints where the returning page's time goes (BENCH_PROFILE_DIR=folder keeps it);
// BENCH_TRACE=1 the main thread's time by kind.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { serveApp } from '../dev/serve.mjs';
import { connectBot } from '../test-support/bot';
import { signInKept } from '../test-support/steps';
import { WORLD_APP_CONFIG } from '../test-support/world';
import { waitCaughtUp } from './lib/caughtUp';
import { startProfile, startTrace, stopProfile } from './lib/profile';
import { bodyOf, buildCorpus, senderJid } from './replay/corpus';
import { startReplay } from './replay/server';

const SENDERS = Number(process.env['BENCH_SENDERS'] ?? 20);
const PER_SENDER = Number(process.env['BENCH_PER_SENDER'] ?? 500);
/** How many of the senders are on the reader's roster (catchup.bench.ts: none). */
const ROSTER = Number(process.env['BENCH_ROSTER'] ?? 0);
const PASSWORD = 'bench-pass-1';
const DOMAIN = 'localhost';
const READER = `reader@${DOMAIN}`;
const DIST = fileURLToPath(new URL('../dist', import.meta.url));

test('archive ingest rate against the replay server', async ({ browser }) => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('No dist/: `npm run build` first');
  const roster = Array.from({ length: ROSTER }, (_, i) => senderJid(i, DOMAIN));
  const replay = await startReplay({
    domain: DOMAIN,
    accounts: { reader: { password: PASSWORD, roster } },
  });
  const app = await serveApp({
    root: DIST,
    prosodyHttpPort: replay.port,
    config: { ...WORLD_APP_CONFIG, allowRegistration: false },
  });
  const bots: Array<{ stop(): Promise<void> }> = [];
  try {
    const archive = replay.archive('reader');
    const from = Date.now() - 2 * 3_600_000;
    // One message while the reader is here: from its archive id on, everything is new.
    const before = buildCorpus({
      reader: READER,
      domain: DOMAIN,
      senders: 1,
      perSender: 1,
      from,
      body: () => 'before the break',
    });
    archive.push(...before);

    const context = await browser.newContext({ baseURL: app.url });
    // Every long task of the returning page, from its first script on.
    await context.addInitScript(() => {
      const w = window as unknown as { __longtasks: Array<{ start: number; duration: number }> };
      w.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    let page = await context.newPage();
    // The reader comes back in a new tab below and must still be signed in.
    await signInKept(page, READER, PASSWORD);
    await expect(page.getByRole('button', { name: 'sender0', exact: true })).toBeVisible();
    await page.close();

    // The reader is away; 20 people send 500 messages each (into the archive, in memory).
    const away = buildCorpus({
      reader: READER,
      domain: DOMAIN,
      senders: SENDERS,
      perSender: PER_SENDER,
      from: from + 60_000,
      batch: 2,
    });
    archive.push(...away);

    // The floor: the same archive read by a bare Node client from the same server, parsing only.
    const bare = await connectBot({
      service: replay.url,
      domain: DOMAIN,
      username: 'reader',
      password: PASSWORD,
      presence: false,
    });
    bots.push(bare);
    const tFloor = performance.now();
    const floorCount = (await bare.archive()).length;
    const floorSeconds = (performance.now() - tFloor) / 1000;
    await bare.stop();
    expect(floorCount).toBe(archive.size);

    // The reader comes back: the app signs in by itself and catches up from the archive.
    const load = loadavg();
    const queriesBefore = replay.stats.queries;
    page = await context.newPage();
    const profiling = process.env['BENCH_PROFILE'] ? await context.newCDPSession(page) : null;
    if (profiling) await startProfile(profiling, 200);
    const tracing = process.env['BENCH_TRACE']
      ? await startTrace(await context.newCDPSession(page))
      : null;
    await page.goto('/');
    const c = await waitCaughtUp(page, 100);
    const saveTo = process.env['BENCH_PROFILE_DIR'];
    const profile = profiling
      ? await stopProfile(profiling, 25, saveTo && join(saveTo, `ingest-${Date.now()}.cpuprofile`))
      : null;
    const trace = tracing ? await tracing() : null;
    // Before the conversation is opened (which asks for older history).
    const queries = replay.stats.queries - queriesBefore;
    expect(c.total).toBe(SENDERS * PER_SENDER);
    const stored = await page.evaluate(
      (name) =>
        new Promise<number>((done, fail) => {
          const open = indexedDB.open(name);
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('messages').objectStore('messages').count();
            count.onsuccess = () => {
              done(count.result);
              open.result.close();
            };
            count.onerror = () => fail(count.error);
          };
        }),
      `parley:${READER}`,
    );
    expect(stored).toBe(archive.size);

    // What a person sees: the largest conversation opens on the unread divider, between the
    // message read before and the first that came while the reader was away.
    await page.getByRole('button', { name: 'sender0', exact: true }).click();
    const log = page.getByRole('log');
    await expect(log.locator('.unread-divider')).toBeVisible();
    await expect(log.locator('.unread-divider + li .body')).toHaveText(bodyOf(0, 1));
    await expect(log.locator('.body').first()).toHaveText('before the break');

    const longest = Math.max(0, ...c.longtasks.map((t) => t.duration));
    const over50 = c.longtasks.filter((t) => t.duration > 50);
    const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
    const parleyRate = rate(c.total, c.ms);
    const floorRate = Math.round(floorCount / floorSeconds);
    const line = [
      `load average before the return: ${load.map((l) => l.toFixed(2)).join(', ')} (${profiling || tracing ? 'with a CPU profile or trace: slower' : 'no profile'})`,
      `catch-up against the replay server: ${c.total} messages in ${(c.ms / 1000).toFixed(2)} s = ${parleyRate} messages/s (${c.pages} pages, ${queries} archive queries answered by then)`,
      `  from the page's start (sign-in with kept keys included): ${(c.sincePageStart / 1000).toFixed(2)} s = ${rate(c.total, c.sincePageStart)} messages/s; ${stored} messages in IndexedDB`,
      `  waiting for the server ${(c.queryMs / 1000).toFixed(2)} s, storing ${(c.storeMs / 1000).toFixed(2)} s`,
      `  main-thread long tasks until caught up: ${c.longtasks.length}, longest ${longest.toFixed(0)} ms, ${over50.length} over 50 ms (sum ${over50.reduce((s, t) => s + t.duration, 0).toFixed(0)} ms)`,
      `floor: a bare Node client reads the same ${floorCount} archived messages from the replay server in ${floorSeconds.toFixed(2)} s = ${floorRate} messages/s`,
      `Parley / bare client: ${(parleyRate / floorRate).toFixed(2)}`,
      `requests the replay server does not know (answered service-unavailable): ${
        [...replay.unknown].map(([k, n]) => `${k} ×${n}`).join('; ') || 'none'
      }`,
    ];
    if (profile) line.push('CPU profile, top functions by self time:', profile);
    if (trace) line.push('main thread until caught up, by kind (devtools timeline):', trace);
    console.log(`\n${line.join('\n')}\n`);
    await context.close();
  } finally {
    await Promise.all(bots.map((b) => b.stop().catch(() => {})));
    await app.close();
    await replay.close();
  }
});
