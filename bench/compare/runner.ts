// One run of a plan's steps for one client, in a fresh browser context (empty cache and
// storage) against a freshly restored server. The steps (scenarios/*.ts) share what the runner
// sets up here: the page with its probes, CDP, byte counting, the wait for idle, the record.
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { type Bot, connectBot } from '../../test-support/bot';
import type { SeededServer } from '../lib/seededServer';
import { type Adapter, adapterFor } from './adapters';
import { type Account, BOT, DOMAIN, LIMIT_S, PARLEY_LIMIT_S, PROFILE, SETTLE_S } from './config';
import { type BenchWindow, installBench, type ProbeConfig } from './probe';
import {
  DidNotFinish,
  profiled,
  race,
  type Sample,
  SCENARIOS,
  type Scenario,
  type Store,
} from './results';

export interface Sites {
  parley: string;
  converse: string;
}

/** A sequence of steps on one account; only the scenarios in `measures` are recorded. */
export interface Plan {
  /** The table the plan's samples go to. */
  group: string;
  account: Account;
  steps: Step[];
  measures: readonly Scenario[];
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
  const app = adapterFor(key, plan.account);
  const series = store.series(plan.group)[key];
  const measured = new Set(plan.measures);
  const done = new Set<Scenario>();
  const isConverse = key === 'converse';
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
      txCount: () => page.evaluate(() => (window as unknown as BenchWindow).__bench.idbTx),
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
      if (!done.has(s) && counted && measured.has(s))
        series[s].push({
          skipped: 'an earlier step of this run did not finish',
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
