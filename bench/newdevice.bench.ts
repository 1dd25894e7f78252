// A new browser signs in to an account with 50 conversations and 10,050 archived messages
// from the last 30 days: how long until the chat list shows all 50, in order.
// Run: npm run build && npx playwright test -c bench/playwright.config.ts newdevice
// Needs Prosody's SQLite driver (Debian: lua-dbi-sqlite3) and prosody-migrator.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { serveApp } from '../dev/serve.mjs';
import { connectBot } from '../test-support/bot';
import { type ArchivedChat, writeArchive, writeRoster } from '../test-support/seed.mjs';
import { seedProsody } from './lib/seededServer';

const CONVERSATIONS = Number(process.env['BENCH_CONVERSATIONS'] ?? 50);
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 10_000);
/** Of the conversations, this many are with roster contacts; the rest with strangers. */
const CONTACTS = Number(process.env['BENCH_ROSTER'] ?? 25);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const DOMAIN = 'localhost';
const USER = 'newdev';
const PASSWORD = 'bench-pass-1';
const DAY = 24 * 3600;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const peer = (i: number) => `peer${String(i).padStart(3, '0')}`;

test('a new browser: until the chat list shows every conversation of the last 30 days', async ({
  browser,
}) => {
  // Messages spread over 29 days, one every ~4 minutes. Conversation i is active until day
  // i × 29/50 before now (peer000 until an hour ago, peer049 until 28 days ago), and each
  // message goes to one of the conversations still active then, so the newest archive page
  // holds only the newest few conversations and the list's order is known: peer000 first.
  const now = Math.floor(Date.now() / 1000) - 3600;
  const span = 29 * DAY;
  const endOf = (i: number) => now - Math.floor((i * span) / CONVERSATIONS);
  const items: ArchivedChat[] = [];
  for (let k = 0; k < MESSAGES; k++) {
    const when = now - span + Math.floor((k * span) / MESSAGES);
    // Active: conversations whose end is not before `when`.
    const active = Array.from({ length: CONVERSATIONS }, (_, i) => i).filter(
      (i) => endOf(i) >= when,
    );
    const i = active[k % active.length] ?? 0;
    const jid = `${peer(i)}@${DOMAIN}`;
    const ours = k % 3 === 0;
    items.push({
      from: ours ? `${USER}@${DOMAIN}/web` : `${jid}/x`,
      to: ours ? jid : `${USER}@${DOMAIN}/web`,
      with: jid,
      body: `message ${k} with ${peer(i)}`,
      id: `m${k}`,
      when,
    });
  }
  // Each conversation's last message at its end, so the order is exact.
  for (let i = CONVERSATIONS - 1; i >= 0; i--) {
    const jid = `${peer(i)}@${DOMAIN}`;
    items.push({
      from: `${jid}/x`,
      to: `${USER}@${DOMAIN}/web`,
      with: jid,
      body: `last with ${peer(i)}`,
      id: `last${i}`,
      when: endOf(i),
    });
  }
  items.sort((a, b) => a.when - b.when);
  const write = (dataPath: string) => {
    writeArchive(dataPath, DOMAIN, USER, items);
    writeRoster(
      dataPath,
      DOMAIN,
      USER,
      Array.from({ length: CONTACTS }, (_, i) => ({
        jid: `${peer(i * 2)}@${DOMAIN}`,
        name: peer(i * 2),
      })),
    );
  };
  const server = await seedProsody({
    prefix: 'parley-newdevice-',
    domain: DOMAIN,
    accounts: [[USER, PASSWORD]],
    write,
  });
  const { prosody } = server;
  const { httpPort } = prosody;
  const check = await connectBot({
    service: prosody.websocketUrl,
    domain: DOMAIN,
    username: USER,
    password: PASSWORD,
    presence: false,
  });
  const archived = await check.archiveCount();
  // The floor: the same archive read by a bare Node client, 250 per page, parsing only.
  const tFloor = performance.now();
  const floorCount = (await check.archive()).length;
  const floorSeconds = (performance.now() - tFloor) / 1000;
  await check.stop();
  expect(archived).toBe(MESSAGES + CONVERSATIONS);

  const app = await serveApp({
    root: path.join(ROOT, 'dist'),
    port: 0,
    prosodyHttpPort: httpPort,
    config: { websocketUrl: '/xmpp-websocket', domain: DOMAIN, allowRegistration: false },
  });
  const results: string[] = [];
  try {
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ baseURL: app.url });
      const page = await context.newPage();
      await page.goto('/');
      await page.getByLabel('Address').fill(`${USER}@${DOMAIN}`);
      await page.getByLabel('Password').fill(PASSWORD);
      // Clock in the page: from the click to the first frame that shows all conversations, in order.
      const expected = Array.from({ length: CONVERSATIONS }, (_, i) => peer(i));
      const timing = page.evaluate(
        (names) =>
          new Promise<{ first: number; all: number }>((done) => {
            const button = [...document.querySelectorAll('button')].find(
              (b) => b.textContent?.trim() === 'Sign in',
            );
            const t0 = performance.now();
            let first = 0;
            const tick = () => {
              const rows = [
                ...document.querySelectorAll('nav[aria-label="Chats"] li button.row'),
              ].map((b) => b.getAttribute('aria-label'));
              if (!first && rows.length) first = performance.now() - t0;
              if (rows.length === names.length && rows.every((r, i) => r === names[i]))
                return done({ first, all: performance.now() - t0 });
              requestAnimationFrame(tick);
            };
            button?.click();
            requestAnimationFrame(tick);
          }),
        expected,
      );
      const { first, all } = await timing;
      const scan = await page.waitForFunction(
        () => {
          const m = performance.getEntriesByName('parley:recent:scanned')[0] as
            | PerformanceMark
            | undefined;
          return m?.detail ?? null;
        },
        undefined,
        { timeout: 120_000 },
      );
      const detail = (await scan.jsonValue()) as {
        pages: number;
        found: number;
        ms: number;
        queryMs: number;
      };
      const line = `${run === 0 ? 'warm-up' : `run ${run}`}: first row ${(first / 1000).toFixed(2)} s, all ${CONVERSATIONS} in order ${(all / 1000).toFixed(2)} s (the scan behind it: ${detail.pages} pages, ${detail.found} conversations found by it, ${(detail.ms / 1000).toFixed(2)} s, of which waiting for the server ${(detail.queryMs / 1000).toFixed(2)} s)`;
      console.log(line);
      if (run > 0) results.push(line);
      await context.close();
    }
  } finally {
    await app.close();
    await server.stop();
  }
  console.log(
    `\n${CONVERSATIONS} conversations, ${MESSAGES} archived messages (${CONTACTS} conversations with contacts), SQLite archive, max_archive_query_results 250:\n${results.join('\n')}\nfloor: a bare Node client reads all ${floorCount} archived messages (250 per page) in ${floorSeconds.toFixed(2)} s\n`,
  );
});
