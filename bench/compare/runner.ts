// One run of a plan's steps for one client, in a fresh browser context (empty cache and
// storage) against a freshly restored server. The steps (scenarios/*.ts) share what the runner
// sets up here: the page with its probes, CDP, byte counting, the wait for idle, the record.
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { type Bot, connectBot } from '../../test-support/bot';
import { startProfile, stopProfile } from '../lib/profile';
import type { SeededServer } from '../lib/seededServer';
import { type Adapter, adapterFor } from './adapters';
import { type Account, BOT, DOMAIN, LIMIT_S, PARLEY_LIMIT_S, PROFILE, SETTLE_S } from './config';
import { type BenchWindow, installBench, type ProbeConfig } from './probe';
import { DidNotFinish, profiled, race, type Sample, type Scenario, type Store } from './results';

export interface Sites {
  parley: string;
  converse: string;
}

/** A sequence of steps on one account; only the scenarios in `measures` are recorded. */
export interface Plan {
  /** The table the plan's samples go to. */
  group: string;
  name: string;
  account: Account;
  steps: Step[];
  measures: readonly Scenario[];
  /** Changes to the client's selectors for this plan's screens (the scale tier's chat list). */
  adapt?: (app: Adapter) => Adapter;
}

export type Step = (ctx: RunContext) => Promise<void>;

export interface RunContext {
  store: Store;
  sites: Sites;
  app: Adapter;
  account: Account;
  page: Page;
  cdp: CDPSession;
  bot: Bot;
  run: number;
  counted: boolean;
  isConverse: boolean;
  /** Converse.js gets LIMIT_S per scenario; Parley, whose misses fail the benchmark, more. */
  limitMs: number;
  label: string;
  notes: string[];
  /** IndexedDB transactions per scenario, for the evidence. */
  tx: string[];
  record(s: Scenario, sample: Sample): void;
  /** Waits until the client is idle (no XMPP frame, no long task for a second). */
  quiet(before: string): Promise<void>;
  txCount(): Promise<number>;
  /** fn under a CPU profile when BENCH_PROFILE names `key` (Parley's counted runs only). */
  profile<T>(key: string, what: string, fn: () => Promise<T>): Promise<T>;
  /** Bytes of every response that finished within `pageMs` of the page's time origin. */
  bytesUntil(pageMs: number): number;
  filesUntil(pageMs: number): Array<{ url: string; bytes: number }>;
  /** The page's performance.timeOrigin once loaded (set by the first step). */
  origin: number;
}

export async function runOnce(
  browser: Browser,
  server: SeededServer,
  sites: Sites,
  store: Store,
  plan: Plan,
  key: Adapter['key'],
  run: number,
  counted: boolean,
) {
  const base = adapterFor(key, plan.account);
  const app = plan.adapt ? plan.adapt(base) : base;
  const series = store.series(plan.group)[key];
  const measured = new Set(plan.measures);
  const done = new Set<Scenario>();
  const isConverse = key === 'converse';
  const label = `${app.name} ${plan.name} run ${run}${counted ? '' : ' (warm-up)'}`;
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
  const errors: string[] = [];
  const settled: string[] = [];
  const tx: string[] = [];
  const frames = { sent: 0, received: 0, vcard: 0 };
  let stuck = '';
  let cdpOf: CDPSession | null = null;
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
    cdpOf = cdp;

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

    const ctx: RunContext = {
      store,
      sites,
      app,
      account: plan.account,
      page,
      cdp,
      bot,
      run,
      counted,
      isConverse,
      limitMs: (isConverse ? LIMIT_S : PARLEY_LIMIT_S) * 1000,
      label,
      notes,
      tx,
      record(s, sample) {
        if (counted && measured.has(s)) series[s].push(sample);
        done.add(s);
      },
      async quiet(before) {
        const ms = await settle(page, () => lastFrameAt);
        settled.push(
          ms < 0
            ? `${before}: still busy after ${SETTLE_S} s`
            : `${before} ${(ms / 1000).toFixed(1)} s`,
        );
      },
      // Outside the timed windows; a page too busy to answer in 5 s (Converse.js working through
      // its vCard queries took minutes) gets no count rather than holding up the run.
      txCount: () =>
        race(
          page.evaluate(() => (window as unknown as BenchWindow).__bench.idbTx),
          5000,
        ).then((n) => (n === 'hung' ? Number.NaN : n)),
      profile: (key, what, fn) =>
        profiled(store, cdp, PROFILE.has(key) && counted && !isConverse, `${label}: ${what}`, fn),
      bytesUntil: (pageMs) =>
        finished.filter((f) => f.wallMs <= ctx.origin + pageMs).reduce((s, f) => s + f.bytes, 0),
      filesUntil: (pageMs) => finished.filter((f) => f.wallMs <= ctx.origin + pageMs),
      origin: 0,
    };
    for (const step of plan.steps) await step(ctx);
  } catch (error) {
    if (!(error instanceof DidNotFinish)) throw error;
    if (error.message) {
      stuck = STEP_WORDS[error.message as Scenario] ?? error.message;
      notes.push(
        `did not finish ${error.message} within ${LIMIT_S} s; later scenarios of this run not run`,
      );
      // What the client was still doing at the limit: a short CPU profile, for the table's note.
      if (counted && cdpOf) {
        const doing = await race(whatItIsDoing(cdpOf), 20_000);
        const traffic = `XMPP frames so far: ${frames.sent} sent (${frames.vcard} vCard queries), ${frames.received} received`;
        const profile =
          doing === 'hung'
            ? `its main thread did not answer the profiler within 20 s; ${traffic}`
            : `${traffic}\n${doing.text}`;
        notes.push(
          `busy at the limit: ${doing === 'hung' ? 'main thread did not answer the profiler within 20 s' : `CPU profile of the next 3 s, self time: ${doing.inline}`}`,
        );
        store.stuck.push({
          group: plan.group,
          plan: plan.name,
          client: key,
          run,
          step: stuck,
          profile,
        });
      }
    } else notes.push('warm-up: signed in, main screen shown');
  } finally {
    notes.push(`waited for idle before: ${settled.join(', ')}`);
    if (tx.length)
      notes.push(`IndexedDB transactions: ${tx.join(', ').replaceAll('NaN', 'n/a (page busy)')}`);
    notes.push(
      `XMPP frames over the run: ${frames.sent} sent (${frames.vcard} vCard queries), ${frames.received} received`,
    );
    if (errors.length) notes.push(`page errors: ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
    for (const s of plan.measures)
      if (!done.has(s) && counted)
        series[s].push({
          skipped: stuck ? `${stuck} did not finish` : 'an earlier step of this run did not finish',
        });
    await race(
      context.close().catch(() => {}),
      15_000,
    );
    await bot.stop();
  }
  const line = `${label} (${((Date.now() - runStarted) / 1000).toFixed(0)} s): ${notes.join('; ')}`;
  console.log(line);
  if (counted) store.evidence.push(line);
}

/** The step a client was in when it did not finish, in the words the table uses. */
const STEP_WORDS: Partial<Record<Scenario, string>> = {
  roster: 'sign-in to the roster',
  openNewest: 'opening the conversation',
  scrollBack: 'scrolling back',
  deepBack1: 'scrolling further back',
  deepBack2: 'scrolling further back',
  burst: 'the burst',
  warmReload: 'the warm reload',
  chatList: 'the sign-in',
  openBiggest: 'opening the biggest conversation',
  switch: 'switching conversations',
};

async function whatItIsDoing(cdp: CDPSession) {
  await startProfile(cdp, 1000);
  await new Promise((r) => setTimeout(r, 3000));
  const text = await stopProfile(cdp, 8);
  const inline = text
    .split('\n')
    .slice(0, 5)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .join('; ');
  return { text, inline };
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
