// The installed app's offline start (issue 16): with the network off, how long from the start
// of the page load until the chat list is painted, with 10,000 messages stored; and what the
// service worker costs: bytes precached, and what it adds to the first visit.
//
//   npm run build && npx playwright test -c bench/playwright.config.ts offline
//
// No XMPP server is needed: the account's data is written straight into IndexedDB, as a
// session would have left it, and the start is measured offline (context.setOffline).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { serveApp } from '../dev/serve.mjs';
import { precacheUrls } from './lib/precache.mjs';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const ACCOUNT = 'bench@localhost';
const CONVERSATIONS = 50;
const MESSAGES = 10_000;
const RUNS = 7;

/** The precache list the build injected into sw.js, with each file's size (uncompressed). */
async function precacheFiles(): Promise<{ files: string[]; bytes: number }> {
  const files = precacheUrls(await readFile(join(DIST, 'sw.js'), 'utf8'));
  let bytes = 0;
  for (const f of files) bytes += (await stat(join(DIST, f))).size;
  return { files, bytes };
}

/**
 * Times (ms since the navigation started) when the chat list first has a row, and when a
 * conversation's log first has a message, each taken after the next frame went out.
 */
const PAINT_PROBE = () => {
  const w = window as { painted?: Record<string, number> };
  w.painted = {};
  const probes: Array<[string, string]> = [
    ['list', 'nav li button.row'],
    ['log', '[role="log"] li'],
  ];
  const check = () => {
    for (const [name, selector] of probes) {
      if (w.painted?.[name] !== undefined || !document.querySelector(selector)) continue;
      if (w.painted) w.painted[name] = -1;
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (w.painted) w.painted[name] = performance.now();
        }, 0),
      );
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
};

async function seed(page: Page) {
  // The app made its databases on the first visit; now write what a session leaves behind.
  await page.evaluate(async (account) => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    const root = await open('parley');
    await new Promise<void>((res, rej) => {
      const tx = root.transaction(['session', 'accounts'], 'readwrite');
      tx.objectStore('session').put({ key: 'current', account, resource: 'bench' });
      tx.objectStore('accounts').put({ account, lastSignIn: Date.now() });
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    root.close();
  }, ACCOUNT);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Chats' })).toBeVisible();
  await page.evaluate(
    async ({ account, conversations, messages }) => {
      const r = indexedDB.open(`parley:${account}`);
      const db = await new Promise<IDBDatabase>((res, rej) => {
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const now = Date.now();
      const perConv = messages / conversations;
      await new Promise<void>((res, rej) => {
        const tx = db.transaction(['conversations', 'messages'], 'readwrite');
        for (let c = 0; c < conversations; c++) {
          const peer = `contact${String(c).padStart(4, '0')}@localhost`;
          for (let i = 0; i < perConv; i++) {
            const id = `m-${c}-${i}`;
            tx.objectStore('messages').put({
              id,
              peer,
              direction: i % 3 ? 'in' : 'out',
              body: `Message ${i} in conversation ${c}: some words to make it a real line of text.`,
              at: now - (conversations - c) * 60_000 - (perConv - i) * 30_000,
              state: i % 3 ? 'received' : 'displayed',
              originId: id,
            });
          }
          tx.objectStore('conversations').put({
            peer,
            lastAt: now - (conversations - c) * 60_000,
            preview: `Message ${perConv - 1} in conversation ${c}`,
            previewDirection: 'in',
            unread: c % 4,
          });
        }
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      db.close();
    },
    { account: ACCOUNT, conversations: CONVERSATIONS, messages: MESSAGES },
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

test('offline start of the installed app: chat list painted, 10,000 messages stored', async ({
  browser,
}) => {
  const app = await serveApp({
    root: DIST,
    port: 0,
    config: { domain: 'localhost', websocketUrl: '/xmpp-websocket' },
  });
  try {
    const context = await browser.newContext({
      baseURL: app.url,
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();

    // First visit: what the page loads, then what the worker fetches besides (its precache).
    const pageFiles = new Map<string, number>();
    page.on('response', async (res) => {
      const url = new URL(res.url());
      if (url.origin !== new URL(app.url).origin) return;
      const body = await res.body().catch(() => Buffer.alloc(0));
      pageFiles.set(url.pathname.slice(1) || 'index.html', body.length);
    });
    await page.goto('/');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const pre = await precacheFiles();
    const pageBytes = [...pageFiles.values()].reduce((a, b) => a + b, 0);
    const swBytes = (await stat(join(DIST, 'sw.js'))).size;
    let extra = 0;
    for (const f of pre.files) if (!pageFiles.has(f)) extra += (await stat(join(DIST, f))).size;

    await seed(page);
    await context.addInitScript(PAINT_PROBE);
    await context.setOffline(true);

    const list: number[] = [];
    const chat: number[] = [];
    const painted = (name: string) =>
      page
        .waitForFunction(
          (n) => ((window as { painted?: Record<string, number> }).painted?.[n] ?? -1) > 0,
          name,
        )
        .then(() =>
          page.evaluate(
            (n) => (window as { painted?: Record<string, number> }).painted?.[n] ?? NaN,
            name,
          ),
        );
    for (let i = 0; i < RUNS; i++) {
      // A distinct query each time: a full page load, never a same-document hash change.
      await page.goto(`/?run=${i}`);
      list.push(await painted('list'));
      expect(await page.locator('nav li button.row').count()).toBeGreaterThan(10);
      // Straight into a conversation (a notification or a shortcut): its history on screen.
      await page.goto(`/?chat=${i}#/chat/contact0049@localhost`);
      chat.push(await painted('log'));
    }
    await expect(page.getByRole('log')).toContainText('Message 199 in conversation 49');

    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    const fmt = (xs: number[]) =>
      `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}; runs ${xs.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`
Offline start, ${MESSAGES} messages in ${CONVERSATIONS} conversations, ${RUNS} runs:
  chat list painted:                 ${fmt(list)}
  opened on a conversation, history: ${fmt(chat)} (page load start to its messages painted)
Service worker:
  precached: ${pre.files.length} files, ${kb(pre.bytes)} (uncompressed)
  first visit, page's own requests:  ${pageFiles.size} files, ${kb(pageBytes)}
  added by the worker on first visit: sw.js ${kb(swBytes)} + ${kb(extra)} of precached files the page had not loaded
`);
  } finally {
    await app.close();
  }
});
