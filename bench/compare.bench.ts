// Parley and Converse.js side by side, on the same server, data, browser and machine.
// Run with `npm run bench` (or `npm run bench -- --quick`): bench/run.mjs builds Parley and
// starts this file. What each scenario measures, and the Converse.js settings: bench/README.md.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
  test,
} from '@playwright/test';
import { xml } from '@xmpp/client';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';
import { type Prosody, startProsody } from '../dev/prosody.mjs';
import { connectBot } from '../test-support/bot';
import {
  migrateArchiveToSql,
  SQL_STORAGE,
  writeArchive,
  writeRoster,
} from '../test-support/seed.mjs';
import { startProfile, stopProfile } from './lib/profile';
import { serveSite } from './server.mjs';

// ---------------------------------------------------------------------------------------------
// Sizes and limits

const QUICK = process.env['BENCH_QUICK'] === '1';
const num = (name: string, quick: number, full: number) =>
  Number(process.env[name] ?? (QUICK ? quick : full));
const SIZE = {
  contacts: num('BENCH_CONTACTS', 300, 2000),
  history: num('BENCH_HISTORY', 1000, 10000),
  scrollBack: num('BENCH_SCROLL_BACK', 100, 500),
  burst: num('BENCH_BURST', 100, 1000),
  runs: num('BENCH_RUNS', 2, 5),
  latency: num('BENCH_LATENCY_MESSAGES', 50, 200),
  idbRows: 10_000,
};
/** A Converse.js scenario that takes longer than this is recorded as "did not finish". */
const LIMIT_S = num('BENCH_LIMIT_S', 60, 60);
/** Before each scenario, wait (at most this long) until the client is idle: no XMPP traffic and
 * no long task for a second, so one scenario's tail is not charged to the next. */
/** A Parley scenario that takes longer than this fails the benchmark. */
const PARLEY_LIMIT_S = num('BENCH_PARLEY_LIMIT_S', 120, 300);
/** Pause between two latency messages (after the previous one showed on B's screen). */
const LATENCY_GAP_MS = num('BENCH_LATENCY_GAP_MS', 30, 30);
const SETTLE_S = num('BENCH_SETTLE_S', 5, 15);
const COMMAND =
  process.env['BENCH_COMMAND'] ?? 'npx playwright test -c bench/playwright.config.ts compare';
/** For investigating one client: BENCH_CLIENTS=parley (or converse) runs only that one. */
const CLIENTS = (process.env['BENCH_CLIENTS'] ?? 'parley,converse').split(',');
/** A run with sizes or clients changed by hand does not overwrite the standard results. */
const CUSTOM = Object.keys(process.env).some(
  (k) =>
    k.startsWith('BENCH_') && k !== 'BENCH_QUICK' && k !== 'BENCH_COMMAND' && k !== 'BENCH_DUMP',
);
const RESULTS_FILE = path.join(
  'bench',
  CUSTOM ? 'RESULTS-custom.md' : QUICK ? 'RESULTS-quick.md' : 'RESULTS.md',
);
const PROFILE = new Set((process.env['BENCH_PROFILE'] ?? '').split(',').filter(Boolean));

const DOMAIN = 'localhost';
const USER = 'bench';
const PASSWORD = 'bench-pass-1';
const BOT = 'contact0000'; // a roster contact with a real account: the history and the bursts
const BOT_NAME = 'Contact 0000';
const BOT_JID = `${BOT}@${DOMAIN}`;
const USER_JID = `${USER}@${DOMAIN}`;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const contactName = (i: number) => `Contact ${pad(i, 4)}`;
const historyText = (i: number) => `History message ${pad(i, 5)}`;
const burstText = (i: number) => `Burst message ${pad(i, 4)}`;
/** Sorted by group, then name, the last contact of the roster. */
const LAST_CONTACT = contactName(SIZE.contacts - 1);
const CONTACT_NAME_RE = '^Contact \\d{4}$';

// ---------------------------------------------------------------------------------------------
// How each client's screen is read. Parley: roles and labels (see src/ui/*.tsx). Converse.js:
// its custom elements and classes (converse.js 14 dist).

interface Adapter {
  key: 'parley' | 'converse';
  name: string;
  /** Visible when the sign-in screen shows. */
  signInShown: string;
  address: string;
  password: string;
  submit: string;
  /** Visible when the signed-in main screen shows. */
  mainShown: string;
  /** A tab to press to see the contacts, when they are not on the main screen. */
  rosterTab?: { selector: string; text: string };
  /** Elements that each stand for one contact row, and how to read the contact's name. */
  contactRow: string;
  contactNameFrom: 'aria-label' | { text: string };
  /** The row of the roster's last contact (sorted by group, then name). */
  lastContact: string;
  /** The control that opens the conversation with the bot. */
  openBot: string;
  /** The element holding one message's text. */
  messageText: string;
  /** Visible when the list of conversations shows the bot's conversation (warm reload). */
  conversationListPainted: string;
}

const PARLEY: Adapter = {
  key: 'parley',
  name: 'Parley',
  signInShown: 'input[name="address"]',
  address: 'input[name="address"]',
  password: 'input[name="password"]',
  submit: 'form button[type="submit"]',
  mainShown: '[role="tablist"]',
  rosterTab: { selector: '[role="tab"]', text: 'Contacts' },
  contactRow: 'nav[aria-label="Contacts"] button[aria-describedby]',
  contactNameFrom: 'aria-label',
  lastContact: `nav[aria-label="Contacts"] button[aria-label="${LAST_CONTACT}"]`,
  openBot: `nav[aria-label="Contacts"] button[aria-label="${BOT_NAME}"]`,
  messageText: '[role="log"] li.msg .body',
  conversationListPainted: `nav[aria-label="Chats"] button[aria-label="${BOT_NAME}"]`,
};

const CONVERSE: Adapter = {
  key: 'converse',
  name: 'Converse.js',
  signInShown: '#converse-login-jid',
  address: '#converse-login-jid',
  password: '#converse-login-password',
  submit: '#converse-login button[type="submit"]',
  mainShown: 'converse-user-profile',
  contactRow: 'converse-roster-contact',
  contactNameFrom: { text: '.contact-name' },
  lastContact: `converse-roster-contact a.open-chat[data-jid="contact${pad(SIZE.contacts - 1, 4)}@${DOMAIN}"]`,
  openBot: `converse-roster-contact a.open-chat[data-jid="${BOT_JID}"]`,
  messageText: 'converse-chat-message-body',
  conversationListPainted: `converse-roster-contact a.open-chat[data-jid="${BOT_JID}"]`,
};

// ---------------------------------------------------------------------------------------------
// Results

type Sample = { value: number } | { dnf: number } | { skipped: string };
type Scenario =
  | 'bytesSignIn'
  | 'bytesMain'
  | 'roster'
  | 'openNewest'
  | 'scrollBack'
  | 'burst'
  | 'burstLongTask'
  | 'warmReload'
  | 'heapAfter3'
  | 'heapAfter4';
const SCENARIOS: Scenario[] = [
  'bytesSignIn',
  'bytesMain',
  'roster',
  'openNewest',
  'scrollBack',
  'burst',
  'burstLongTask',
  'warmReload',
  'heapAfter3',
  'heapAfter4',
];
const results: Record<Adapter['key'], Record<Scenario, Sample[]>> = {
  parley: Object.fromEntries(SCENARIOS.map((s) => [s, []])) as unknown as Record<
    Scenario,
    Sample[]
  >,
  converse: Object.fromEntries(SCENARIOS.map((s) => [s, []])) as unknown as Record<
    Scenario,
    Sample[]
  >,
};
/** Evidence kept with each run (rendered rows, pages loaded...), printed under the table. */
const evidence: string[] = [];
let latency: { p50: number; p95: number; min: number; max: number; n: number } | null = null;
let wsFloor: { p50: number; p95: number; min: number; max: number; n: number } | null = null;
let idbFloor: number[] = [];
let idbTxFloor: { p50: number; p95: number; min: number; max: number; n: number } | null = null;

class DidNotFinish extends Error {}

// ---------------------------------------------------------------------------------------------
// Page-side helpers, installed before any of the page's own scripts.

interface ProbeConfig {
  probes: Record<string, string>;
}

function installBench(cfg: ProbeConfig) {
  type Mark = Record<string, number>;
  const B = {
    marks: {} as Mark,
    longtasks: [] as Array<{ start: number; duration: number }>,
    /** IndexedDB transactions opened so far (evidence for where time goes). */
    idbTx: 0,
    /** The same, by mode and object stores ("readonly messages"), for BENCH_DUMP. */
    idbTxBy: {} as Record<string, number>,
    visible(el: Element | null | undefined): boolean {
      if (!el?.isConnected) return false;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth)
        return false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.display === 'none' || cs.visibility === 'hidden') return false;
        // (overflow on body or html applies to the viewport, checked above)
        if (
          p !== document.body &&
          p !== document.documentElement &&
          /(auto|scroll|hidden|clip)/.test(cs.overflowY)
        ) {
          const pr = p.getBoundingClientRect();
          if (r.bottom <= pr.top + 1 || r.top >= pr.bottom - 1) return false;
        }
      }
      return true;
    },
    scroller(el: Element | null | undefined): HTMLElement | null {
      for (let p = el?.parentElement; p; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (/(auto|scroll)/.test(cs.overflowY) && p.scrollHeight > p.clientHeight) return p;
      }
      return null;
    },
    /**
     * The element matching `selector` whose text is `text`, kept up to date by a MutationObserver
     * (one scan at the start, then only what is added), so that checking it every frame costs the
     * page almost nothing however long the list is.
     */
    watchText(selector: string, text: string) {
      const matches = (el: Element | null | undefined): el is HTMLElement =>
        !!el && el.matches(selector) && el.textContent?.trim() === text;
      const scan = (root: ParentNode): HTMLElement | null => {
        if (root instanceof Element && matches(root)) return root;
        for (const el of root.querySelectorAll<HTMLElement>(selector)) if (matches(el)) return el;
        return null;
      };
      let found = scan(document);
      const observer = new MutationObserver((records) => {
        if (found?.isConnected) return;
        for (const r of records) {
          const nodes = r.type === 'characterData' ? [r.target] : [...r.addedNodes];
          for (const n of nodes) {
            const el = n instanceof Element ? n : n.parentElement;
            if (!el) continue;
            const hit = matches(el.closest(selector))
              ? (el.closest(selector) as HTMLElement)
              : scan(el);
            if (hit) {
              found = hit;
              return;
            }
          }
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      return {
        get(): HTMLElement | null {
          if (found && !found.isConnected) found = scan(document);
          return found;
        },
        stop: () => observer.disconnect(),
      };
    },
    /** Resolves with fn's first truthy value, checked once per frame; null after timeoutMs. */
    until<T>(fn: () => T | null | undefined | false, timeoutMs: number): Promise<T | null> {
      const t0 = performance.now();
      return new Promise((done, fail) => {
        const step = () => {
          let v: T | null | undefined | false;
          try {
            v = fn();
          } catch (e) {
            fail(e);
            return;
          }
          if (v) done(v);
          else if (performance.now() - t0 > timeoutMs) done(null);
          else requestAnimationFrame(step);
        };
        step();
      });
    },
  };
  (window as unknown as { __bench: typeof B }).__bench = B;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<typeof transaction>
  ) {
    B.idbTx++;
    const [stores, mode] = args;
    const key = `${mode ?? 'readonly'} ${[stores].flat().join(',')}`;
    B.idbTxBy[key] = (B.idbTxBy[key] ?? 0) + 1;
    return transaction.apply(this, args);
  } as typeof transaction;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no longtask support: B.longtasks stays empty, and the harness refuses to report it
    (B as { noLongtask?: boolean }).noLongtask = true;
  }
  // First time each probe's element is visible, checked at every frame from the start.
  const pending = new Map(Object.entries(cfg.probes));
  const tick = () => {
    for (const [name, selector] of pending) {
      if (B.visible(document.querySelector(selector))) {
        B.marks[name] = performance.now();
        pending.delete(name);
      }
    }
    if (pending.size) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

type BenchWindow = Window & {
  __bench: {
    marks: Record<string, number>;
    longtasks: Array<{ start: number; duration: number }>;
    noLongtask?: boolean;
    idbTx: number;
    idbTxBy: Record<string, number>;
    visible(el: Element | null | undefined): boolean;
    scroller(el: Element | null | undefined): HTMLElement | null;
    watchText(selector: string, text: string): { get(): HTMLElement | null; stop(): void };
    until<T>(fn: () => T | null | undefined | false, timeoutMs: number): Promise<T | null>;
  };
};

// ---------------------------------------------------------------------------------------------
// Server: seeded once, restored from a snapshot before every run, so every run sees the same data.

interface Server {
  prosody: Prosody;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

async function seedServer(): Promise<Server> {
  // In memory when the machine has /dev/shm: the server's disk writes (each archived message is
  // an SQLite transaction) then cost both clients nothing, and the clients are what is measured.
  const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dataDir = mkdtempSync(path.join(base, 'parley-compare-'));
  const dataPath = path.join(dataDir, 'data');
  const t0 = Date.now();
  let prosody = await startProsody({ dataDir });
  const { c2sPort, httpPort } = prosody;
  for (const [user, password] of [
    [USER, PASSWORD],
    [BOT, 'bot-pass-1'],
    ['lat-a', 'lat-pass-1'],
    ['lat-b', 'lat-pass-1'],
    ['floor', 'floor-pass-1'],
  ] as const)
    await prosody.register(user, password);
  await prosody.stop();

  // The bench user's roster: SIZE.contacts contacts in groups of 200, mutual subscriptions. Each
  // contact's own roster has the bench user too, so the server answers the sign-in's presence
  // probes with "unavailable" (as for any offline contact) instead of cancelling subscriptions.
  const contacts = Array.from({ length: SIZE.contacts }, (_, i) => ({
    jid: `contact${pad(i, 4)}@${DOMAIN}`,
    name: contactName(i),
    groups: [`Group ${Math.floor(i / 200)}`],
  }));
  writeRoster(dataPath, DOMAIN, USER, contacts);
  for (let i = 0; i < SIZE.contacts; i++)
    writeRoster(dataPath, DOMAIN, `contact${pad(i, 4)}`, [{ jid: USER_JID, name: 'Bench' }]);
  writeRoster(dataPath, DOMAIN, 'lat-a', [{ jid: `lat-b@${DOMAIN}`, name: 'Lat B' }]);
  writeRoster(dataPath, DOMAIN, 'lat-b', [{ jid: `lat-a@${DOMAIN}`, name: 'Lat A' }]);

  // The conversation: SIZE.history messages from the bot, one every 30 s, the newest an hour ago.
  const now = Math.floor(Date.now() / 1000);
  writeArchive(
    dataPath,
    DOMAIN,
    USER,
    Array.from({ length: SIZE.history }, (_, i) => ({
      from: `${BOT_JID}/history`,
      to: USER_JID,
      with: BOT_JID,
      body: historyText(i + 1),
      id: `history-${i + 1}`,
      when: now - 3600 - (SIZE.history - 1 - i) * 30,
    })),
  );
  await migrateArchiveToSql(dataDir, dataPath, DOMAIN);
  const snapshot = path.join(dataDir, 'snapshot');
  cpSync(dataPath, snapshot, { recursive: true });
  const start = () => startProsody({ dataDir, c2sPort, httpPort, extraConfig: SQL_STORAGE });
  prosody = await start();

  // Check the seed through the server itself before anything is measured.
  const check = await connectBot({
    service: prosody.websocketUrl,
    domain: DOMAIN,
    username: USER,
    password: PASSWORD,
    presence: false,
  });
  const archived = await check.archiveCount(BOT_JID);
  const roster = await check.xmpp.iqCaller.request(
    xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
  );
  const items = roster.getChild('query', 'jabber:iq:roster')?.getChildren('item').length ?? 0;
  await check.stop();
  if (archived !== SIZE.history || items !== SIZE.contacts)
    throw new Error(
      `Seed check failed: archive ${archived}/${SIZE.history}, roster ${items}/${SIZE.contacts}`,
    );
  console.log(
    `Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: roster ${items} contacts, archive ${archived} messages (checked over XMPP)`,
  );

  const server: Server = {
    prosody,
    async restore() {
      await server.prosody.stop();
      rmSync(dataPath, { recursive: true, force: true });
      cpSync(snapshot, dataPath, { recursive: true });
      server.prosody = await start();
    },
    async stop() {
      await server.prosody.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

// ---------------------------------------------------------------------------------------------
// One run of scenarios 1-6 for one client, in a fresh browser context (empty cache and storage).

interface Sites {
  parley: string;
  converse: string;
}

async function heapMiB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1048576;
}

async function profiled<T>(cdp: CDPSession, on: boolean, label: string, fn: () => Promise<T>) {
  if (!on) return fn();
  await startProfile(cdp, 500);
  try {
    return await fn();
  } finally {
    const dir = process.env['BENCH_PROFILE_DIR'];
    const save = dir ? `${dir}/${label.replace(/[^\w]+/g, '-')}.cpuprofile` : undefined;
    const text = await stopProfile(cdp, 20, save);
    if (save) console.log(`profile written to ${save}`);
    console.log(`\nCPU profile, ${label} (self time, top 20):\n${text}\n`);
    evidence.push(`CPU profile, ${label} (self time, top 20):\n\n\`\`\`\n${text}\n\`\`\``);
  }
}

async function runOnce(
  browser: Browser,
  server: Server,
  sites: Sites,
  app: Adapter,
  run: number,
  counted: boolean,
) {
  const record = (s: Scenario, sample: Sample) => {
    if (counted) results[app.key][s].push(sample);
  };
  const isConverse = app.key === 'converse';
  // Converse.js gets LIMIT_S per scenario; Parley, whose misses fail the benchmark, more room.
  const limitMs = (isConverse ? LIMIT_S : PARLEY_LIMIT_S) * 1000;
  const label = `${app.name} run ${run}${counted ? '' : ' (warm-up)'}`;
  const notes: string[] = [];
  const runStarted = Date.now();

  await server.restore();
  const bot = await connectBot({
    service: server.prosody.websocketUrl,
    domain: DOMAIN,
    username: BOT,
    password: 'bot-pass-1',
    resource: 'bot',
  });
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  const done = new Set<Scenario>();
  const errors: string[] = [];
  const settled: string[] = [];
  const tx: string[] = [];
  const frames = { sent: 0, received: 0, vcard: 0 };
  try {
    await context.addInitScript(installBench, {
      probes: {
        signIn: app.signInShown,
        main: app.mainShown,
        conversations: app.conversationListPainted,
      },
    } satisfies ProbeConfig);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);

    // Bytes: every HTTP response's encoded (gzip) length, with the time it finished.
    const finished: Array<{ wallMs: number; bytes: number; url: string }> = [];
    const urls = new Map<string, string>();
    let wallOffset: number | null = null; // CDP monotonic seconds → epoch seconds
    cdp.on(
      'Network.requestWillBeSent',
      (e: { requestId: string; timestamp: number; wallTime: number; request: { url: string } }) => {
        wallOffset ??= e.wallTime - e.timestamp;
        urls.set(e.requestId, e.request.url);
      },
    );
    cdp.on(
      'Network.loadingFinished',
      (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
        finished.push({
          wallMs: (e.timestamp + (wallOffset ?? 0)) * 1000,
          bytes: e.encodedDataLength,
          url: urls.get(e.requestId) ?? '',
        });
      },
    );
    let lastFrameAt = 0;
    cdp.on('Network.webSocketFrameSent', (e: { response: { payloadData: string } }) => {
      lastFrameAt = Date.now();
      frames.sent++;
      if (e.response.payloadData.includes('vcard-temp')) frames.vcard++;
    });
    cdp.on('Network.webSocketFrameReceived', () => {
      lastFrameAt = Date.now();
      frames.received++;
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    const txCount = () => page.evaluate(() => (window as unknown as BenchWindow).__bench.idbTx);
    const quiet = async (before: string) => {
      const ms = await settle(page, () => lastFrameAt);
      settled.push(
        ms < 0
          ? `${before}: still busy after ${SETTLE_S} s`
          : `${before} ${(ms / 1000).toFixed(1)} s`,
      );
    };

    const bytesUntil = (pageMs: number, origin: number) =>
      finished.filter((f) => f.wallMs <= origin + pageMs).reduce((s, f) => s + f.bytes, 0);

    // (1a) Cold load until the sign-in screen shows.
    await page.goto(app.key === 'parley' ? sites.parley : sites.converse, { waitUntil: 'commit' });
    const signInAt = await page
      .waitForFunction(
        () => (window as unknown as BenchWindow).__bench.marks['signIn'],
        undefined,
        {
          timeout: limitMs,
        },
      )
      .then((h) => h.jsonValue() as Promise<number>);
    await page.waitForTimeout(300); // let CDP events of that moment arrive
    const origin = await page.evaluate(() => performance.timeOrigin);
    record('bytesSignIn', { value: bytesUntil(signInAt, origin) });
    if (run === 1)
      evidence.push(
        `${app.name}, files loaded before the sign-in screen showed (kB as transferred): ${finished
          .filter((f) => f.wallMs <= origin + signInAt)
          .map((f) => `${f.url.replace(/^https?:\/\/[^/]+/, '')} ${(f.bytes / 1000).toFixed(1)}`)
          .join(', ')}`,
      );
    done.add('bytesSignIn');

    // (2) Cold sign-in until the whole roster is shown and scrollable. The clock starts at the
    // click on the sign-in button (in the page, so Playwright's round trips are not counted).
    await page.fill(app.address, USER_JID);
    await page.fill(app.password, PASSWORD);
    if (!counted) {
      // The warm-up ends once signed in: every file has been loaded once, the server is warm.
      await page.click(app.submit);
      await page.waitForFunction(
        () => (window as unknown as BenchWindow).__bench.marks['main'],
        undefined,
        { timeout: limitMs },
      );
      throw new DidNotFinish('');
    }
    let tx0 = await txCount();
    const roster = await profiled(
      cdp,
      PROFILE.has('roster') && counted && !isConverse,
      `${label}: sign-in to the roster`,
      () =>
        race(
          page.evaluate(
            async ({ a, n, last, re, limit }) => {
              const B = (window as unknown as BenchWindow).__bench;
              const nameRe = new RegExp(re);
              const nameOf = (el: Element) =>
                a.contactNameFrom === 'aria-label'
                  ? (el.getAttribute('aria-label') ?? '')
                  : (el.querySelector(a.contactNameFrom.text)?.textContent?.trim() ?? '');
              const t0 = performance.now();
              (document.querySelector(a.submit) as HTMLElement).click();
              let tabClicked = !a.rosterTab;
              let rowHeight = 0;
              const r = await B.until(() => {
                if (!tabClicked && a.rosterTab) {
                  const { selector, text } = a.rosterTab;
                  const tab = [...document.querySelectorAll<HTMLElement>(selector)].find((t) =>
                    t.textContent?.trim().startsWith(text),
                  );
                  if (!tab) return false;
                  tab.click();
                  tabClicked = true;
                  return false;
                }
                // Per frame only native lookups; the full check of names runs once all rows are in.
                const lastRow = document.querySelector(a.lastContact);
                if (!lastRow) {
                  // Not rendered (yet, or a virtualized list): go to the end of the list.
                  const scroller = B.scroller(document.querySelector(a.contactRow));
                  if (scroller) scroller.scrollTop = scroller.scrollHeight; // clamped to the end
                  return false;
                }
                if (nameOf(lastRow.closest(a.contactRow) ?? lastRow) !== last) return false;
                if (!B.visible(lastRow)) {
                  lastRow.scrollIntoView({ block: 'end' });
                  return false;
                }
                const rows = document.querySelectorAll(a.contactRow);
                const scroller = B.scroller(lastRow);
                const ms = performance.now() - t0;
                if (rows.length < n) {
                  // A virtualized list: its scroll range must hold every row.
                  rowHeight ||= rows[0]?.getBoundingClientRect().height ?? 0;
                  const virtualFull =
                    scroller !== null &&
                    rowHeight > 0 &&
                    scroller.scrollHeight >= n * rowHeight * 0.9;
                  if (!virtualFull) return false;
                  return { ms, rendered: rows.length, scrollHeight: scroller.scrollHeight };
                }
                const names = new Set([...rows].map(nameOf).filter((x) => nameRe.test(x)));
                if (names.size < n) return false;
                return { ms, rendered: names.size, scrollHeight: scroller?.scrollHeight ?? 0 };
              }, limit);
              return {
                roster: r,
                main: B.marks['main'] ?? null,
                t0,
              };
            },
            { a: app, n: SIZE.contacts, last: LAST_CONTACT, re: CONTACT_NAME_RE, limit: limitMs },
          ),
          limitMs + 10_000,
        ),
    );
    await page.waitForTimeout(300);
    if (roster === 'hung' || !roster.roster) {
      if (!isConverse)
        throw new Error(`${label}: the roster was not fully shown within ${PARLEY_LIMIT_S} s`);
      // Bytes until the main screen can still be told if the main screen showed.
      const main = roster === 'hung' ? null : roster.main;
      record('bytesMain', main === null ? { dnf: LIMIT_S } : { value: bytesUntil(main, origin) });
      record('roster', { dnf: LIMIT_S });
      done.add('bytesMain');
      done.add('roster');
      throw new DidNotFinish('roster');
    }
    if (roster.main === null) throw new Error(`${label}: main screen mark missing`);
    record('bytesMain', { value: bytesUntil(roster.main, origin) });
    record('roster', { value: roster.roster.ms });
    tx.push(`sign-in to roster ${(await txCount()) - tx0}`);
    done.add('bytesMain');
    done.add('roster');
    notes.push(
      `roster ${roster.roster.rendered} rows in the DOM (list scroll height ${roster.roster.scrollHeight} px)`,
    );

    // (3a) Open the conversation until its newest message is visible.
    await quiet('open');
    tx0 = await txCount();
    const newest = historyText(SIZE.history);
    const opened = await profiled(
      cdp,
      PROFILE.has('open') && counted && !isConverse,
      `${label}: open the conversation`,
      () =>
        race(
          page.evaluate(
            async ({ a, newest, limit }) => {
              const B = (window as unknown as BenchWindow).__bench;
              const t0 = performance.now();
              const link = document.querySelector<HTMLElement>(a.openBot);
              if (!link) throw new Error(`no ${a.openBot}`);
              link.click();
              const w = B.watchText(a.messageText, newest);
              const r = await B.until(() => B.visible(w.get()), limit);
              w.stop();
              return r ? performance.now() - t0 : null;
            },
            { a: app, newest, limit: limitMs },
          ),
          limitMs + 10_000,
        ),
    );
    if (opened === 'hung' || opened === null) {
      if (!isConverse)
        throw new Error(`${label}: "${newest}" not visible within ${PARLEY_LIMIT_S} s`);
      record('openNewest', { dnf: LIMIT_S });
      done.add('openNewest');
      throw new DidNotFinish('openNewest');
    }
    record('openNewest', { value: opened });
    done.add('openNewest');
    tx.push(`open ${(await txCount()) - tx0}`);

    // (3b) Scroll back SIZE.scrollBack messages: keep scrolling to the top until the message that
    // many before the newest is on screen.
    const target = historyText(SIZE.history - SIZE.scrollBack);
    await quiet('scroll');
    tx0 = await txCount();
    const back = await profiled(
      cdp,
      PROFILE.has('scroll') && counted && !isConverse,
      `${label}: scroll back`,
      () =>
        race(
          page.evaluate(
            async ({ a, target, limit }) => {
              const B = (window as unknown as BenchWindow).__bench;
              const w = B.watchText(a.messageText, target);
              const t0 = performance.now();
              let lastNudge = 0;
              const r = await B.until(() => {
                const el = w.get();
                if (el) {
                  if (B.visible(el)) return true;
                  el.scrollIntoView({ block: 'center' });
                  return false;
                }
                const scroller = B.scroller(document.querySelector(a.messageText));
                if (!scroller) return false;
                // To the top. Assignments are clamped to the scroll range, whichever way it runs
                // (Converse.js's message list is column-reverse: its top is a negative scrollTop).
                const before = scroller.scrollTop;
                scroller.scrollTop = -scroller.scrollHeight;
                if (scroller.scrollTop === before && performance.now() - lastNudge > 250) {
                  // Already at the top and nothing came: move a little, to raise a scroll event.
                  scroller.scrollTop = before + 40;
                  lastNudge = performance.now();
                }
                return false;
              }, limit);
              w.stop();
              return r ? performance.now() - t0 : null;
            },
            { a: app, target, limit: limitMs },
          ),
          limitMs + 10_000,
        ),
    );
    if (back === 'hung' || back === null) {
      if (!isConverse)
        throw new Error(`${label}: "${target}" not reached within ${PARLEY_LIMIT_S} s`);
      record('scrollBack', { dnf: LIMIT_S });
      done.add('scrollBack');
      throw new DidNotFinish('scrollBack');
    }
    record('scrollBack', { value: back });
    done.add('scrollBack');
    tx.push(`scroll back ${(await txCount()) - tx0}`);
    const rendered3 = await page.evaluate(
      (sel) => document.querySelectorAll(sel).length,
      app.messageText,
    );
    notes.push(`${rendered3} messages in the DOM after scrolling back`);

    // (6a) Heap after 3.
    record('heapAfter3', { value: await heapMiB(cdp) });
    done.add('heapAfter3');

    // Back to the bottom, where new messages are followed.
    const atBottom = await page.evaluate(
      async ({ a, newest, limit }) => {
        const B = (window as unknown as BenchWindow).__bench;
        const w = B.watchText(a.messageText, newest);
        let stable = 0;
        const r = await B.until(() => {
          const scroller = B.scroller(document.querySelector(a.messageText));
          if (scroller) scroller.scrollTop = scroller.scrollHeight;
          stable = B.visible(w.get()) ? stable + 1 : 0;
          return stable >= 20;
        }, limit);
        w.stop();
        return r;
      },
      { a: app, newest, limit: limitMs },
    );
    if (!atBottom) {
      if (!isConverse) throw new Error(`${label}: could not scroll back to the newest message`);
      record('burst', { skipped: 'could not return to the newest message' });
      done.add('burst');
      throw new DidNotFinish('burst');
    }
    await quiet('burst');

    // (4) Burst: the bot sends SIZE.burst messages as fast as the server takes them. The clock
    // starts when the bot starts sending; it stops when the last one is visible.
    const lastBurst = burstText(SIZE.burst);
    const pageStart = await page.evaluate(() => performance.now());
    tx0 = await txCount();
    const burstPromise = profiled(
      cdp,
      PROFILE.has('burst') && counted && !isConverse,
      `${label}: burst`,
      () =>
        race(
          page.evaluate(
            async ({ a, last, limit }) => {
              const B = (window as unknown as BenchWindow).__bench;
              const w = B.watchText(a.messageText, last);
              const r = await B.until(() => B.visible(w.get()), limit);
              w.stop();
              return r
                ? { epoch: performance.timeOrigin + performance.now(), at: performance.now() }
                : null;
            },
            { a: app, last: lastBurst, limit: limitMs },
          ),
          limitMs + 10_000,
        ),
    );
    const sentAt = Date.now();
    await bot.sendMany(
      USER_JID,
      Array.from({ length: SIZE.burst }, (_, i) => burstText(i + 1)),
    );
    notes.push(
      `the server acknowledged the burst's ${SIZE.burst} messages after ${Date.now() - sentAt} ms`,
    );
    const burst = await burstPromise;
    if (burst === 'hung' || burst === null) {
      if (!isConverse)
        throw new Error(`${label}: "${lastBurst}" not visible within ${PARLEY_LIMIT_S} s`);
      record('burst', { dnf: LIMIT_S });
      record('burstLongTask', { skipped: 'burst did not finish' });
      done.add('burst');
      done.add('burstLongTask');
      throw new DidNotFinish('burst');
    }
    record('burst', { value: burst.epoch - sentAt });
    done.add('burst');
    tx.push(`burst ${(await txCount()) - tx0}`);
    const rendered4 = await page.evaluate(
      (sel) => document.querySelectorAll(sel).length,
      app.messageText,
    );
    notes.push(`${rendered4} messages in the DOM after the burst`);
    const longest = await page.evaluate(
      ({ from, to }) => {
        const B = (window as unknown as BenchWindow).__bench;
        if (B.noLongtask) return null;
        const inBurst = B.longtasks.filter((t) => t.start + t.duration >= from && t.start <= to);
        return { max: Math.max(0, ...inBurst.map((t) => t.duration)), count: inBurst.length };
      },
      { from: pageStart, to: burst.at },
    );
    if (!longest) throw new Error(`${label}: this Chromium reports no longtask entries`);
    record('burstLongTask', { value: longest.max });
    done.add('burstLongTask');
    notes.push(`burst: ${longest.count} long tasks (> 50 ms)`);

    // (6b) Heap after 4.
    record('heapAfter4', { value: await heapMiB(cdp) });
    done.add('heapAfter4');

    // (5) Warm reload: signed in, local data present, until the conversation list shows the bot's
    // conversation. Measured from the navigation's start (performance.timeOrigin).
    await quiet('reload');
    await page.reload({ waitUntil: 'commit' });
    const warm = await page
      .waitForFunction(
        () => (window as unknown as BenchWindow).__bench.marks['conversations'],
        undefined,
        { timeout: limitMs },
      )
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => null);
    if (warm === null) {
      if (!isConverse)
        throw new Error(
          `${label}: conversation list not painted within ${PARLEY_LIMIT_S} s after reload`,
        );
      record('warmReload', { dnf: LIMIT_S });
      done.add('warmReload');
      throw new DidNotFinish('warmReload');
    }
    record('warmReload', { value: warm });
    done.add('warmReload');
  } catch (error) {
    if (!(error instanceof DidNotFinish)) throw error;
    if (error.message)
      notes.push(
        `did not finish ${error.message} within ${LIMIT_S} s; later scenarios of this run not run`,
      );
    else notes.push('warm-up: signed in, main screen shown');
  } finally {
    notes.push(`waited for idle before: ${settled.join(', ')}`);
    if (tx.length) notes.push(`IndexedDB transactions: ${tx.join(', ')}`);
    notes.push(
      `XMPP frames over the run: ${frames.sent} sent (${frames.vcard} vCard queries), ${frames.received} received`,
    );
    if (errors.length) notes.push(`page errors: ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
    for (const s of SCENARIOS)
      if (!done.has(s)) record(s, { skipped: 'an earlier step of this run did not finish' });
    await race(
      context.close().catch(() => {}),
      15_000,
    );
    await bot.stop();
  }
  const line = `${label} (${((Date.now() - runStarted) / 1000).toFixed(0)} s): ${notes.join('; ')}`;
  console.log(line);
  if (counted) evidence.push(line);
}

/** Waits until a second passes with no WebSocket frame and no long task; ms waited, or -1. */
async function settle(page: Page, lastFrameAt: () => number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const quietNet = Date.now() - lastFrameAt() >= 1000;
    // A page too busy to answer within a second is not idle.
    const quietMain = await race(
      page.evaluate(() => {
        const B = (window as unknown as BenchWindow).__bench;
        const now = performance.now();
        return !B.longtasks.some((t) => t.start + t.duration > now - 1000);
      }),
      1000,
    );
    if (quietNet && quietMain === true) return Date.now() - t0;
    if (Date.now() - t0 > SETTLE_S * 1000) return -1;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The promise's value, or 'hung' when the page did not even answer within ms. */
function race<T>(p: Promise<T>, ms: number): Promise<T | 'hung'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<'hung'>((done) => {
      timer = setTimeout(() => done('hung'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// (7) Parley alone: send latency across two browsers, and two floors in the same run.

async function signInParley(page: Page, jid: string, password: string, peerName: string) {
  await page.fill(PARLEY.address, jid);
  await page.fill(PARLEY.password, password);
  await page.click(PARLEY.submit);
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.locator(`nav[aria-label="Contacts"] button[aria-label="${peerName}"]`).click();
  await page.getByRole('log').waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: 'Connected' })
    .waitFor({ timeout: 30_000 })
    .catch(() => {});
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    n: s.length,
  };
};

async function latencyScenario(browser: Browser, server: Server, sites: Sites) {
  await server.restore();
  const ctxA = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const ctxB = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  for (const ctx of [ctxA, ctxB]) {
    await ctx.addInitScript(installBench, { probes: {} } satisfies ProbeConfig);
    // Parley's user-timing marks on each message's way (src/db/trace.ts), for the breakdown.
    await ctx.addInitScript(() => {
      (globalThis as { __parleyTrace?: boolean }).__parleyTrace = true;
    });
  }
  try {
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    await Promise.all([a.goto(sites.parley), b.goto(sites.parley)]);
    await signInParley(a, `lat-a@${DOMAIN}`, 'lat-pass-1', 'Lat B');
    await signInParley(b, `lat-b@${DOMAIN}`, 'lat-pass-1', 'Lat A');
    // On B: the first frame after each message's text enters the DOM.
    await b.evaluate((sel) => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      const scan = () => {
        const fresh: string[] = [];
        for (const el of document.querySelectorAll(sel)) {
          const text = el.textContent?.trim() ?? '';
          if (text.startsWith('Latency ') && !(text in seen)) {
            seen[text] = -1;
            fresh.push(text);
          }
        }
        if (fresh.length)
          requestAnimationFrame(() => {
            const at = performance.timeOrigin + performance.now();
            for (const t of fresh) seen[t] = at;
          });
      };
      new MutationObserver(scan).observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    }, PARLEY.messageText);
    const send = (text: string) =>
      a.evaluate((text) => {
        const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
        if (!box?.form) throw new Error('no composer');
        box.value = text;
        const at = performance.timeOrigin + performance.now();
        box.form.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
        return at;
      }, text);
    const arrived = (text: string) =>
      b
        .waitForFunction(
          (t) => {
            const v = (window as unknown as { __seen: Record<string, number> }).__seen[t];
            return v !== undefined && v > 0 ? v : null;
          },
          text,
          { timeout: 30_000, polling: 20 },
        )
        .then((h) => h.jsonValue() as Promise<number>);
    const samples: number[] = [];
    const seenAts: number[] = [];
    const warmup = 10;
    const txOf = (p: Page) => p.evaluate(() => (window as unknown as BenchWindow).__bench.idbTx);
    const txByOf = (p: Page) =>
      p.evaluate(() => ({ ...(window as unknown as BenchWindow).__bench.idbTxBy }));
    let txByA: Record<string, number> = {};
    let txByB: Record<string, number> = {};
    let txA = 0;
    let txB = 0;
    const oneMessage = async (i: number) => {
      const text = `Latency ${pad(i, 4)}`;
      const sentAt = await send(text);
      const seenAt = await arrived(text);
      if (i === warmup) {
        [txA, txB] = await Promise.all([txOf(a), txOf(b)]);
        [txByA, txByB] = await Promise.all([txByOf(a), txByOf(b)]);
      }
      if (i > warmup) {
        samples.push(seenAt - sentAt);
        seenAts.push(seenAt);
      }
      await a.waitForTimeout(LATENCY_GAP_MS);
    };
    for (let i = 1; i <= warmup; i++) await oneMessage(i);
    const on = PROFILE.has('latency');
    const [cdpA, cdpB] = await Promise.all([ctxA.newCDPSession(a), ctxB.newCDPSession(b)]);
    await profiled(cdpA, on, 'send latency, sender', () =>
      profiled(cdpB, on, 'send latency, receiver', async () => {
        for (let i = warmup + 1; i <= warmup + SIZE.latency; i++) await oneMessage(i);
      }),
    );
    latency = stats(samples);
    // Where the time goes, per message (medians): the marks carry the message id; times are
    // epoch milliseconds (timeOrigin + startTime), comparable across the two pages.
    const marksOf = (p: Page) =>
      p.evaluate(() =>
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('parley:'))
          .map((m) => ({
            name: m.name.slice(7),
            id: String((m as PerformanceMark).detail),
            at: performance.timeOrigin + m.startTime,
          })),
      );
    const [marksA, marksB] = await Promise.all([marksOf(a), marksOf(b)]);
    // The sender's marks (send, queued, out) from A, the receiver's (in, pending, stored) from
    // B: both mark "pending" (each shows the message while writing it).
    const at = new Map<string, number>();
    const onA = new Set(['send', 'queued', 'out']);
    for (const m of [
      ...marksA.filter((x) => onA.has(x.name)),
      ...marksB.filter((x) => !onA.has(x.name)),
    ])
      if (!at.has(`${m.name} ${m.id}`)) at.set(`${m.name} ${m.id}`, m.at);
    const ids = marksA
      .filter((m) => m.name === 'send')
      .sort((x, y) => x.at - y.at)
      .map((m) => m.id)
      .slice(warmup);
    const stage = (from: string, to: string) =>
      ids.flatMap((id) => {
        const t0 = at.get(`${from} ${id}`);
        const t1 = at.get(`${to} ${id}`);
        return t0 !== undefined && t1 !== undefined ? [t1 - t0] : [];
      });
    const toScreen = (from: string) =>
      ids.flatMap((id, i) => {
        const t0 = at.get(`${from} ${id}`);
        const t1 = seenAts[i];
        return t0 !== undefined && t1 !== undefined ? [t1 - t0] : [];
      });
    const med = (xs: number[]) => (xs.length ? median(xs).toFixed(1) : 'n/a');
    // Transactions per message by mode and tables, over the counted messages.
    const perMessage = (now: Record<string, number>, then: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(now)
          .map(([k, v]) => [k, (v - (then[k] ?? 0)) / SIZE.latency] as const)
          .filter(([, v]) => v > 0)
          .sort((x, y) => y[1] - x[1]),
      );
    if (process.env['BENCH_DUMP'])
      (await import('node:fs')).writeFileSync(
        process.env['BENCH_DUMP'],
        JSON.stringify({
          txSender: perMessage(await txByOf(a), txByA),
          txReceiver: perMessage(await txByOf(b), txByB),
          total: samples,
          sendOut: stage('send', 'out'),
          net: stage('out', 'in'),
          inPending: stage('in', 'pending'),
          pendingFrame: toScreen('pending'),
          render: stage('pending', 'shown'),
          shownStored: stage('shown', 'stored'),
        }),
      );
    // On B, "pending" is the moment the message is handed to the screen, its transaction begun
    // (src/db/pending.ts); "stored" is when that transaction has committed.
    evidence.push(
      `Send latency, where the time goes (median ms over ${ids.length} messages): A Send click to stanza out ${med(stage('send', 'out'))}; network and server (A out to B in) ${med(stage('out', 'in'))}; B stanza in to shown from memory ${med(stage('in', 'pending'))}; then to the frame showing it ${med(toScreen('pending'))}. Alongside, not waited for: A Send click to outbox written ${med(stage('send', 'queued'))}; B stanza in to stored ${med(stage('in', 'stored'))}`,
    );
    const [txA2, txB2] = await Promise.all([txOf(a), txOf(b)]);
    evidence.push(
      `Send latency: IndexedDB transactions per message, sender ${((txA2 - txA) / SIZE.latency).toFixed(1)}, receiver ${((txB2 - txB) / SIZE.latency).toFixed(1)}`,
    );

    // Floor 1: a bare WebSocket, signed in by hand (PLAIN), XMPP ping round trips to the same
    // Prosody, from a page of the same browser (same origin as Parley, no app loaded).
    const floorPage = await ctxA.newPage();
    await floorPage.goto(new URL('/bench-floor.html', sites.parley).toString());
    const rtts = await race(
      floorPage.evaluate(
        async ({ url, n }) => {
          const ws = new WebSocket(url, 'xmpp');
          const frames: string[] = [];
          let wake: (() => void) | null = null;
          let closed = false;
          ws.onmessage = (e) => {
            frames.push(String(e.data));
            wake?.();
          };
          ws.onclose = () => {
            closed = true;
            wake?.();
          };
          await new Promise((done, fail) => {
            ws.onopen = done;
            ws.onerror = fail;
          });
          const next = async (test: (f: string) => boolean) => {
            for (;;) {
              const i = frames.findIndex(test);
              if (i >= 0) return frames.splice(i, 1)[0] as string;
              if (closed)
                throw new Error(`floor: the server closed the stream: ${frames.join(' ')}`);
              await new Promise<void>((r) => {
                wake = r;
              });
            }
          };
          const open = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`;
          ws.send(open);
          await next((f) => f.includes('<stream:features') || f.includes('<features'));
          ws.send(
            `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${btoa('\0floor\0floor-pass-1')}</auth>`,
          );
          const auth = await next((f) => f.includes('<success') || f.includes('<failure'));
          if (!auth.includes('<success')) throw new Error(`floor: ${auth}`);
          ws.send(open);
          await next((f) => f.includes('bind'));
          ws.send(
            `<iq xmlns="jabber:client" type="set" id="bind"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>`,
          );
          await next((f) => f.includes('id="bind"') || f.includes("id='bind'"));
          const out: number[] = [];
          // 10 round trips to warm up, then n counted.
          for (let i = 0; i < n + 10; i++) {
            const id = `ping${i}`;
            const t0 = performance.now();
            ws.send(
              `<iq xmlns="jabber:client" type="get" id="${id}" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`,
            );
            await next((f) => f.includes(`'${id}'`) || f.includes(`"${id}"`));
            if (i >= 10) out.push(performance.now() - t0);
          }
          ws.close();
          return out;
        },
        { url: server.prosody.websocketUrl, n: SIZE.latency },
      ),
      120_000,
    );
    if (rtts === 'hung') throw new Error('WebSocket floor: no answer within 120 s');
    wsFloor = stats(rtts);

    // Floor 2: a bare IndexedDB bulk write of 10,000 message-like rows, one transaction.
    const idb = await race(
      floorPage.evaluate(async (n) => {
        const times: number[] = [];
        for (let rep = 0; rep < 6; rep++) {
          const name = `floor-${rep}`;
          const db = await new Promise<IDBDatabase>((done, fail) => {
            const req = indexedDB.open(name, 1);
            req.onupgradeneeded = () => req.result.createObjectStore('messages', { keyPath: 'id' });
            req.onsuccess = () => done(req.result);
            req.onerror = () => fail(req.error);
          });
          const rows = Array.from({ length: n }, (_, i) => ({
            id: `m-${rep}-${i}`,
            peer: 'contact0000@localhost',
            at: 1_700_000_000_000 + i * 1000,
            direction: 'in',
            state: 'delivered',
            body: `History message ${String(i).padStart(5, '0')}`,
          }));
          const t0 = performance.now();
          await new Promise<void>((done, fail) => {
            const tx = db.transaction('messages', 'readwrite');
            const store = tx.objectStore('messages');
            for (const r of rows) store.put(r);
            tx.oncomplete = () => done();
            tx.onerror = () => fail(tx.error);
          });
          if (rep > 0) times.push(performance.now() - t0);
          db.close();
          await new Promise((done) => {
            const del = indexedDB.deleteDatabase(name);
            del.onsuccess = del.onerror = del.onblocked = done;
          });
        }
        return times;
      }, SIZE.idbRows),
      120_000,
    );
    if (idb === 'hung') throw new Error('IndexedDB floor: no answer within 120 s');
    idbFloor = idb;

    // Floor 3: one small readwrite IndexedDB transaction (put one row, wait for complete), the
    // unit a client pays once per write it does not batch.
    const one = await race(
      floorPage.evaluate(async (n) => {
        const db = await new Promise<IDBDatabase>((done, fail) => {
          const req = indexedDB.open('floor-one', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('rows', { keyPath: 'id' });
          req.onsuccess = () => done(req.result);
          req.onerror = () => fail(req.error);
        });
        const out: number[] = [];
        for (let i = 0; i < n + 10; i++) {
          const t0 = performance.now();
          await new Promise<void>((done, fail) => {
            const tx = db.transaction('rows', 'readwrite');
            tx.objectStore('rows').put({ id: i, body: `row ${i}`, at: Date.now() });
            tx.oncomplete = () => done();
            tx.onerror = () => fail(tx.error);
          });
          if (i >= 10) out.push(performance.now() - t0);
        }
        db.close();
        return out;
      }, SIZE.latency),
      120_000,
    );
    if (one === 'hung') throw new Error('IndexedDB transaction floor: no answer within 120 s');
    idbTxFloor = stats(one);
  } finally {
    await ctxA.close().catch(() => {});
    await ctxB.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// The table.

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface Row {
  scenario: string;
  unit: string;
  key: Scenario;
  target: string;
  /** true/false for a verdict; ratio targets are checked against the ratio. */
  ratioTarget?: number;
  absoluteMax?: number;
  digits: number;
}

const ROWS: Row[] = [
  {
    key: 'bytesSignIn',
    scenario: '1a. Bytes (gzip) until the sign-in screen shows',
    unit: 'kB',
    target: '≤ 0.3×',
    ratioTarget: 0.3,
    digits: 1,
  },
  {
    key: 'bytesMain',
    scenario: '1b. Bytes (gzip) until the signed-in main screen shows',
    unit: 'kB',
    target: '≤ 0.3×',
    ratioTarget: 0.3,
    digits: 1,
  },
  {
    key: 'roster',
    scenario: `2. Cold sign-in until the ${SIZE.contacts.toLocaleString('en')}-contact roster is shown`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'openNewest',
    scenario: `3a. Open the ${SIZE.history.toLocaleString('en')}-message conversation until the newest is visible`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'scrollBack',
    scenario: `3b. Scroll back ${SIZE.scrollBack} messages`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'burst',
    scenario: `4a. Burst of ${SIZE.burst.toLocaleString('en')} incoming messages until the last is visible`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'burstLongTask',
    scenario: '4b. Longest main-thread task during the burst (0 = none over 50 ms)',
    unit: 'ms',
    target: 'every run ≤ 50 ms',
    absoluteMax: 50,
    digits: 0,
  },
  {
    key: 'warmReload',
    scenario: '5. Warm reload until the conversation list is painted',
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'heapAfter3',
    scenario: '6a. JS heap after 3 (after GC)',
    unit: 'MiB',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 1,
  },
  {
    key: 'heapAfter4',
    scenario: '6b. JS heap after 4 (after GC)',
    unit: 'MiB',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 1,
  },
];

function summarize(samples: Sample[], unitScale: number, digits: number) {
  const values = samples.flatMap((s) => ('value' in s ? [s.value * unitScale] : []));
  const dnf = samples.filter((s) => 'dnf' in s).length;
  const skipped = samples.filter((s) => 'skipped' in s).length;
  // A run that did not finish counts as slower than any that did.
  const all = [...values, ...Array<number>(dnf).fill(Number.POSITIVE_INFINITY)];
  const med = all.length ? median(all) : Number.NaN;
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : '∞');
  let text: string;
  if (!all.length)
    text = skipped ? `not run (${skipped} runs: an earlier step did not finish)` : '—';
  else if (!values.length)
    text = `did not finish (limit ${LIMIT_S} s) in ${dnf}/${samples.length} runs`;
  else {
    const min = Math.min(...values);
    const max = Math.max(...values);
    text = `${Number.isFinite(med) ? f(med) : `> ${LIMIT_S} s`} [${f(min)}–${dnf ? '∞' : f(max)}]`;
    if (dnf) text += `, did not finish (limit ${LIMIT_S} s) in ${dnf}/${samples.length} runs`;
    if (skipped) text += `, ${skipped} not run`;
  }
  return { med, values, dnf, text };
}

function buildTable(): { markdown: string; misses: string[] } {
  const lines = [
    '| scenario | Parley median [min–max] | Converse.js median [min–max] | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
  ];
  const misses: string[] = [];
  for (const row of ROWS) {
    const scale = row.unit === 'kB' ? 1 / 1000 : 1;
    const p = summarize(results.parley[row.key], scale, row.digits);
    const c = summarize(results.converse[row.key], scale, row.digits);
    let ratio = '—';
    let verdict = '—';
    const limitInUnit = row.unit === 'ms' ? LIMIT_S * 1000 : Number.NaN;
    if (Number.isFinite(p.med) && Number.isFinite(c.med) && c.med > 0) {
      ratio = (p.med / c.med).toFixed(3);
      if (row.ratioTarget !== undefined)
        verdict = p.med / c.med <= row.ratioTarget ? 'pass' : 'MISS';
    } else if (
      Number.isFinite(p.med) &&
      c.med === Number.POSITIVE_INFINITY &&
      Number.isFinite(limitInUnit)
    ) {
      // Converse.js did not finish: the ratio is at most Parley / limit.
      const bound = p.med / limitInUnit;
      ratio = `< ${bound.toFixed(3)}`;
      if (row.ratioTarget !== undefined) verdict = bound <= row.ratioTarget ? 'pass' : 'unknown';
    }
    if (row.absoluteMax !== undefined && p.values.length) {
      verdict = Math.max(...p.values) <= row.absoluteMax ? 'pass' : 'MISS';
    }
    if (verdict === 'MISS') misses.push(row.scenario);
    lines.push(
      `| ${row.scenario} (${row.unit}) | ${p.text} | ${c.text} | ${ratio} | ${row.target} | ${verdict} |`,
    );
  }
  const f1 = (v: number) => v.toFixed(1);
  if (latency) {
    const l = latency;
    const ok = l.p50 < 20;
    if (!ok) misses.push('7. Send latency p50');
    lines.push(
      `| 7a. Send latency, A's Send to B's screen, p50 (ms, ${l.n} messages) | ${f1(l.p50)} [${f1(l.min)}–${f1(l.max)}] | (Parley alone) | — | < 20 ms | ${ok ? 'pass' : 'MISS'} |`,
      `| 7b. Send latency p95 (ms) | ${f1(l.p95)} | (Parley alone) | — | — | — |`,
    );
  }
  if (wsFloor) {
    const w = wsFloor;
    lines.push(
      `| 7c. Floor: bare WebSocket XMPP ping round trip, p50 / p95 (ms, ${w.n} pings) | ${f1(w.p50)} / ${f1(w.p95)} [${f1(w.min)}–${f1(w.max)}] | — | — | floor | — |`,
    );
  }
  if (idbFloor.length) {
    lines.push(
      `| 7d. Floor: bare IndexedDB bulk write of ${SIZE.idbRows.toLocaleString('en')} rows (ms, ${idbFloor.length} writes) | ${f1(median(idbFloor))} [${f1(Math.min(...idbFloor))}–${f1(Math.max(...idbFloor))}] | — | — | floor | — |`,
    );
  }
  if (idbTxFloor) {
    const t = idbTxFloor;
    lines.push(
      `| 7e. Floor: one small IndexedDB readwrite transaction, p50 / p95 (ms, ${t.n} transactions) | ${f1(t.p50)} / ${f1(t.p95)} [${f1(t.min)}–${f1(t.max)}] | — | — | floor | — |`,
    );
  }
  return { markdown: lines.join('\n'), misses };
}

function rawRuns(): string {
  const out: string[] = ['| scenario | Parley runs | Converse.js runs |', '|---|---|---|'];
  const fmt = (s: Sample, scale: number) =>
    'value' in s
      ? (s.value * scale).toFixed(scale === 1 ? 0 : 1)
      : 'dnf' in s
        ? `dnf(${s.dnf}s)`
        : 'not run';
  for (const row of ROWS) {
    const scale = row.unit === 'kB' ? 1 / 1000 : 1;
    const p = results.parley[row.key].map((s) => fmt(s, scale)).join(', ');
    const c = results.converse[row.key].map((s) => fmt(s, scale)).join(', ');
    out.push(`| ${row.key} (${row.unit}) | ${p} | ${c} |`);
  }
  return out.join('\n');
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------

test('Parley and Converse.js side by side', async () => {
  test.setTimeout((QUICK ? 15 : 60) * 60_000);
  const started = Date.now();
  const server = await seedServer();
  const parleySite = await serveSite({
    root: 'dist',
    generated: {
      '/config.json': {
        type: 'application/json; charset=utf-8',
        body: JSON.stringify({
          websocketUrl: server.prosody.websocketUrl,
          domain: DOMAIN,
          allowRegistration: false,
        }),
      },
      '/bench-floor.html': {
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><title>floor</title><p>Floor measurements</p>',
      },
    },
  });
  const converseSite = await serveSite({
    root: 'bench/converse',
    mounts: { '/dist/': 'node_modules/converse.js/dist' },
    generated: {
      '/bench-settings.js': {
        type: 'text/javascript; charset=utf-8',
        body: `window.BENCH = ${JSON.stringify({ websocketUrl: server.prosody.websocketUrl, domain: DOMAIN })};\n`,
      },
    },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  const sites = { parley: parleySite.url, converse: converseSite.url };
  let failure: unknown = null;
  try {
    // A warm-up run each, then SIZE.runs counted runs each, alternating A B A B.
    for (let run = 0; run <= SIZE.runs; run++) {
      for (const app of [PARLEY, CONVERSE].filter((a) => CLIENTS.includes(a.key))) {
        await runOnce(browser, server, sites, app, run, run > 0);
      }
    }
    if (CLIENTS.includes(PARLEY.key)) await latencyScenario(browser, server, sites);
  } catch (error) {
    failure = error;
  }

  const { markdown, misses } = buildTable();
  const converseVersion = JSON.parse(
    readFileSync('node_modules/converse.js/package.json', 'utf8'),
  ).version;
  const head = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts']);
  const cpus = os.cpus();
  const header = [
    `# Benchmark results: Parley and Converse.js side by side${QUICK ? ' (quick mode)' : ''}`,
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}; other work may have been running`,
    `- Browser: Chromium ${browser.version()} (headless, ${CHROMIUM_PATH}), viewport 1280×800`,
    `- Server: Prosody ${sh('dpkg-query', ['-W', `-f=${'$'}{Version}`, 'prosody'])}, archive in SQLite, on loopback`,
    `- Parley: production build (vite build) of ${head}${dirty && dirty !== 'unknown' ? ' with uncommitted changes in src/' : ''}; Converse.js ${converseVersion} (npm package dist/, fullscreen)`,
    `- Command: \`${COMMAND}\``,
    `- Sizes: roster ${SIZE.contacts}, history ${SIZE.history}, scroll back ${SIZE.scrollBack}, burst ${SIZE.burst}; 1 warm-up + ${SIZE.runs} counted runs per client, alternating; Converse.js limit ${LIMIT_S} s per scenario (Parley: ${PARLEY_LIMIT_S} s, then the benchmark fails)`,
    `- Wall time: ${((Date.now() - started) / 60_000).toFixed(1)} min${failure ? `; FAILED: ${String((failure as Error).message ?? failure).split('\n')[0]}` : ''}`,
  ].join('\n');
  const body = [
    header,
    '',
    markdown,
    '',
    'Ratios are Parley median / Converse.js median. What each row measures, and how: bench/README.md.',
    misses.length
      ? `\nParley misses: ${misses.join('; ')}.`
      : '\nParley meets every target in this run.',
    '',
    '## Every counted run',
    '',
    rawRuns(),
    '',
    '## Evidence',
    '',
    evidence.map((e) => (e.startsWith('CPU') ? e : `- ${e}`)).join('\n'),
    '',
  ].join('\n');
  writeFileSync(RESULTS_FILE, body);
  // The project's lint formats Markdown too: write the file as the formatter would.
  sh('npx', ['biome', 'format', '--write', RESULTS_FILE]);
  console.log(
    `\n${header}\n\n${markdown}\n${misses.length ? `\nParley misses: ${misses.join('; ')}.` : ''}\nWritten to ${RESULTS_FILE}\n`,
  );

  await browser.close();
  await parleySite.close();
  await converseSite.close();
  await server.stop();
  if (failure) throw failure;
});
