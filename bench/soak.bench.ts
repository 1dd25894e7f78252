// A long day, compressed (issue 18): 20,000 messages over 10 minutes into 50 chats and 5 rooms,
// sent live by bots at a steady rate, while the person clicks a different conversation every
// 20 s. Every minute, after forced GCs: the JS heap, the DOM counters and the detached DOM
// nodes; throughout, the main thread's long tasks; at the end, every message sent is in the
// page's database once. Aims: heap at the end within 10 % of minute 1, detached nodes not
// growing, no task over 50 ms, nothing lost.
//
//   npm run build && npx playwright test -c bench/playwright.config.ts bench/soak.bench.ts
//
// BENCH_SOAK_MINUTES (10), BENCH_SOAK_MESSAGES (20000), BENCH_SOAK_CHATS (50),
// BENCH_SOAK_ROOMS (5), BENCH_SOAK_SWITCH_S (20) change the sizes; BENCH_SOAK_PROFILE_S=30 adds a
// CPU profile of 30 s from 15 s into the traffic, BENCH_SOAK_SNAPSHOTS=1 what grew in the heap
// between minute 1 and the end (two heap snapshots). Writes bench/RESULTS-soak.md.
import os from 'node:os';
import { expect, type Page, test } from '@playwright/test';
import { createRoom, expectConnected } from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { startProfile, stopProfile } from './lib/profile';
import {
  type HeapSummary,
  heapGrowth,
  heapSummary,
  type LongTask,
  type Sample,
  sample,
  watchLongTasks,
} from './soak/measure';
import { writeReport } from './soak/report';
import { joinRoom, makeContacts, sendSteadily, type Target } from './soak/traffic';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const MINUTES = env('BENCH_SOAK_MINUTES', 10);
const MESSAGES = env('BENCH_SOAK_MESSAGES', 20_000);
const CHATS = env('BENCH_SOAK_CHATS', 50);
const ROOMS = env('BENCH_SOAK_ROOMS', 5);
const SWITCH_S = env('BENCH_SOAK_SWITCH_S', 20);
/** Seconds of CPU profile from 15 s into the traffic (0: none): where the long tasks' time goes. */
const PROFILE_S = env('BENCH_SOAK_PROFILE_S', 0);
/** 1: heap snapshots after minute 1's sample and the end's, and what grew between them. */
const SNAPSHOTS = env('BENCH_SOAK_SNAPSHOTS', 0) > 0;
const PASSWORD = 'soak-pass-1';
const knobs = Object.entries(process.env)
  .filter(([k]) => k.startsWith('BENCH_SOAK_'))
  .map(([k, v]) => `${k}=${v} `)
  .join('');
const COMMAND = `npm run build && ${knobs}npx playwright test -c bench/playwright.config.ts bench/soak.bench.ts`;

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** The soak ids in the page's IndexedDB (origin-ids `soak-N`): distinct, and rows beyond one. */
async function storedIds(page: Page, dbName: string) {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const rows = await new Promise<Array<{ originId?: string }>>((ok, fail) => {
      const req = db.transaction('messages').objectStore('messages').getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    db.close();
    const ids = rows.map((r) => r.originId ?? '').filter((id) => id.startsWith('soak-'));
    return { ids: [...new Set(ids)].map((id) => Number(id.slice(5))), rows: ids.length };
  }, dbName);
}

/** How many rows the page's `messages` store holds (a native count: cheap while polling). */
async function storedCount(page: Page, dbName: string) {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const n = await new Promise<number>((ok, fail) => {
      const req = db.transaction('messages').objectStore('messages').count();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    db.close();
    return n;
  }, dbName);
}

test('soak: a long day of messages with conversation switches', async ({ browser }) => {
  test.setTimeout((MINUTES * 60 + 600) * 1000);
  if (CHATS < ROOMS) throw new Error('BENCH_SOAK_CHATS must be at least BENCH_SOAK_ROOMS');
  const startedAt = Date.now();
  const loadBefore = os.loadavg();
  // Prosody's file storage keeps 10,000 items per archive unless told otherwise.
  // The app's own timings (src/app/config.ts), not the test world's 5 s ones: a day of normal use,
  // where a probe's forced GC or snapshot is not taken for a dead connection.
  const world = await createWorld({
    extraConfig: 'storage_archive_item_limit = 1000000',
    appConfig: {
      reconnectMaxSeconds: 60,
      keepaliveSeconds: 30,
      keepaliveTimeoutSeconds: 15,
      connectTimeoutSeconds: 15,
    },
  });
  try {
    const reader = await world.register('reader', PASSWORD);
    const t = Date.now();
    const contacts = await makeContacts(world, reader, PASSWORD, CHATS);
    console.log(`soak: ${CHATS} contacts registered and online in ${Date.now() - t} ms`);

    const app = world.apps[0];
    if (!app) throw new Error('no app server');
    const context = await browser.newContext({
      baseURL: app.url,
      viewport: { width: 1280, height: 800 },
    });
    await watchLongTasks(context);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Address').fill(reader);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectConnected(page);

    // The reader makes the rooms; the contacts join them, a share each.
    const rooms: Target[] = [];
    for (let r = 0; r < ROOMS; r++) {
      const name = `Room ${r + 1}`;
      const room = await createRoom(page, name, { membersOnly: false, history: true });
      const members = contacts.filter((_, k) => k % ROOMS === r);
      for (const c of members) await joinRoom(c.bot, room, c.name);
      rooms.push({ kind: 'room', name, to: room, senders: members.map((c) => c.bot) });
    }
    const chats: Target[] = contacts.map((c) => ({
      kind: 'chat',
      name: c.name,
      to: reader,
      senders: [c.bot],
    }));
    const targets = [...chats, ...rooms];

    // What reaches the page: soak ids in the WebSocket frames it receives.
    const cdp = await context.newCDPSession(page);
    const reached = new Set<number>();
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => {
      for (const m of e.response.payloadData.matchAll(/id=['"]soak-(\d+)['"]/g))
        reached.add(Number(m[1]));
    });

    const samples: Sample[] = [];
    let firstHeap: HeapSummary | null = null;
    // A snapshot's own long tasks are counted as a probe's.
    const snapshot = async () => {
      const from = Date.now();
      const summary = await heapSummary(cdp);
      const last = samples[samples.length - 1];
      if (last) last.to = Math.max(last.to, Date.now());
      console.log(`soak: heap snapshot in ${Date.now() - from} ms`);
      return summary;
    };
    const switches: Array<{ name: string; ms: number }> = [];
    let done = false;
    const t0 = Date.now();
    const seconds = MINUTES * 60;
    const sender = sendSteadily(targets, MESSAGES, seconds, t0, () => done);
    // Every minute but the last: the end's sample is taken once everything is stored.
    const sampler = (async () => {
      for (let m = 1; m < MINUTES && !done; m++) {
        await sleepUntil(t0 + m * 60_000);
        if (done) break;
        samples.push(await sample(cdp, `minute ${m}`, t0));
        if (m === 1 && SNAPSHOTS) firstHeap = await snapshot();
      }
    })();
    // The person: a different conversation every SWITCH_S, chats and rooms in turn.
    const switcher = (async () => {
      const list = page.getByRole('navigation', { name: 'Chats' });
      for (let k = 0; (k + 1) * SWITCH_S < seconds && !done; k++) {
        await sleepUntil(t0 + (k + 1) * SWITCH_S * 1000);
        if (done) break;
        const half = Math.floor(k / 2);
        const target = (k % 2 === 0 ? chats[half % CHATS] : rooms[half % ROOMS]) as Target;
        const row = list.getByRole('button', { name: target.name, exact: true });
        const clicked = Date.now();
        await row.click();
        await expect(row).toHaveAttribute('aria-current', 'true');
        await expect(page.getByRole('log')).toBeVisible();
        switches.push({ name: target.name, ms: Date.now() - clicked });
      }
    })();
    const profiler = (async () => {
      if (PROFILE_S <= 0) return null;
      await sleepUntil(t0 + 15_000);
      const own = await context.newCDPSession(page);
      await startProfile(own, 500);
      await sleepUntil(t0 + (15 + PROFILE_S) * 1000);
      return stopProfile(own, 25);
    })();
    const stopAll = (e: unknown) => {
      done = true;
      throw e;
    };
    const sent = await sender.catch(stopAll);
    const writtenAt = Date.now();
    // Every message taken by the server before anything is counted (XEP-0198 acks).
    const acked = await Promise.all(contacts.map((c) => c.bot.flush(120_000)))
      .then(() => true)
      .catch(() => false);
    const ackedAfterMs = Date.now() - writtenAt;
    done = true;
    const [, , profile] = await Promise.all([sampler, switcher, profiler]).catch(stopAll);

    // Let the page store what it has, up to two minutes, then the end's sample.
    const dbName = `parley:${reader}`;
    const waitFrom = Date.now();
    while (Date.now() - waitFrom < 120_000 && (await storedCount(page, dbName)) < sent.sent)
      await page.waitForTimeout(1000);
    const waitedForStoreMs = Date.now() - waitFrom;
    samples.push(await sample(cdp, 'end', t0));
    const growth = firstHeap ? heapGrowth(firstHeap, await snapshot()) : null;
    const longTasks = await page.evaluate(
      () => (window as unknown as { __soakLongTasks: LongTask[] }).__soakLongTasks,
    );
    const stored = await storedIds(page, dbName);
    const have = new Set(stored.ids);
    const missing: number[] = [];
    for (let i = 0; i < sent.sent; i++) if (!have.has(i)) missing.push(i);

    writeReport({
      startedAt,
      loadBefore,
      browserVersion: browser.version(),
      command: COMMAND,
      sizes: {
        minutes: MINUTES,
        messages: MESSAGES,
        chats: CHATS,
        rooms: ROOMS,
        switchS: SWITCH_S,
      },
      samples,
      longTasks,
      switches,
      profile,
      growth,
      messages: {
        written: sent.sent,
        acked,
        ackedAfterMs,
        maxLateMs: sent.maxLateMs,
        sendErrors: sent.errors,
        receivedByPage: reached.size,
        stored: stored.ids.length,
        duplicates: stored.rows - stored.ids.length,
        missing,
        waitedForStoreMs,
      },
    });
    await context.close();
  } finally {
    await world.dispose();
  }
});
