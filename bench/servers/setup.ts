// One setup (a server and a transport): two fresh accounts who are contacts, each in its own
// browser context on the app server of that transport; send latency from A to B, then a burst
// from a Node bot (signed in as A, A's page closed) to B's open conversation.
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { type Bot, connectBot } from '../../test-support/bot';
import {
  befriend,
  createAccount,
  openChat,
  openSettings,
  PASSWORD,
  readWholeLog,
} from '../../test-support/steps';
import type { BenchWindow } from '../compare/probe';
import { installBench } from '../compare/probe';
import { arrivalOf, sendFromComposer, stopWatching, watchArrivals } from '../lib/latency';
import { DOMAIN, type Stack, type Transport } from './stack';

export interface Sizes {
  /** Counted latency messages, after `warmup` uncounted ones. */
  latency: number;
  warmup: number;
  /** Pause after each latency message has shown on B, so that messages do not queue. */
  gapMs: number;
  burst: number;
  /** How long the burst may take before it counts as not finished. */
  burstLimitMs: number;
}

export interface SetupResult {
  server: Stack['kind'];
  transport: Transport;
  /** Counted send latencies (ms), in order. */
  latency: number[];
  burst: {
    ms: number;
    /** From the first send until the server had acknowledged every message (XEP-0198). */
    ackMs: number;
    /** How many of the burst's texts were in the page's DOM at some time. */
    seen: number;
    /** Read back afterwards by scrolling B's log: the burst's texts it holds, and in order once each. */
    logged: number;
    inOrder: boolean;
    longestTaskMs: number;
  } | null;
  /** What shows the transport was the one named: Settings' line and the page's traffic. */
  transportEvidence: string[];
  /** Steps that did not finish, with why. */
  failed: string[];
}

const MESSAGE = '[role="log"] li.msg .body';
const SAYS: Record<Transport, string> = {
  websocket: 'Connected over WebSocket',
  bosh: 'Connected over BOSH (HTTP long polling)',
};
const pad = (n: number) => String(n).padStart(4, '0');

/** The page's XMPP traffic: WebSockets it opened to /xmpp-websocket, and its BOSH requests. */
function traffic(page: Page) {
  const counts = { websockets: 0, boshRequests: 0 };
  page.on('websocket', (ws) => {
    if (ws.url().includes('/xmpp-websocket')) counts.websockets++;
  });
  page.on('request', (r) => {
    if (r.url().includes('/http-bind')) counts.boshRequests++;
  });
  return counts;
}

/** Settings' transport line and the traffic so far agree with `transport`; else it throws. */
async function checkTransport(
  page: Page,
  who: string,
  transport: Transport,
  counts: ReturnType<typeof traffic>,
): Promise<string> {
  const dialog = await openSettings(page);
  const said = (await dialog.getByText(/^Connected over /).textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close' }).click();
  const line = `${who}: Settings said "${said}"; ${counts.websockets} WebSocket(s) to /xmpp-websocket, ${counts.boshRequests} BOSH request(s)`;
  const trafficOk =
    transport === 'bosh'
      ? counts.websockets === 0 && counts.boshRequests > 0
      : counts.websockets > 0 && counts.boshRequests === 0;
  if (said !== SAYS[transport] || !trafficOk) throw new Error(`not over ${transport}: ${line}`);
  return line;
}

async function latency(a: Page, b: Page, sizes: Sizes): Promise<number[]> {
  await watchArrivals(b, MESSAGE, 'Latency ');
  const samples: number[] = [];
  for (let i = 1; i <= sizes.warmup + sizes.latency; i++) {
    const text = `Latency ${pad(i)}`;
    const sentAt = await sendFromComposer(a, text);
    const seenAt = await arrivalOf(b, text);
    if (i > sizes.warmup) samples.push(seenAt - sentAt);
    await a.waitForTimeout(sizes.gapMs); // a deliberate gap, not a wait for anything
  }
  await stopWatching(b);
  return samples;
}

type BurstWindow = Window & {
  __burst: Promise<{ at: number; seen: number; epoch: number } | null>;
};

/** The bot sends `sizes.burst` messages back to back; until the last is visible on B's screen. */
async function burst(
  b: Page,
  bot: Bot,
  to: string,
  sizes: Sizes,
): Promise<NonNullable<SetupResult['burst']>> {
  const texts = Array.from({ length: sizes.burst }, (_, i) => `Burst ${pad(i + 1)}`);
  // The watch is in place (its promise kept in the page) before the first message goes out.
  const pageStart = await b.evaluate(
    ({ sel, last, limit }) => {
      const B = (window as unknown as BenchWindow).__bench;
      const seen = new Set<string>();
      const note = (el: Element) => {
        const text = el.textContent?.trim() ?? '';
        if (text.startsWith('Burst ')) seen.add(text);
      };
      const counter = new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes) {
            if (!(n instanceof Element)) continue;
            if (n.matches(sel)) note(n);
            for (const el of n.querySelectorAll(sel)) note(el);
          }
      });
      counter.observe(document.body, { childList: true, subtree: true });
      const w = B.watchText(sel, last);
      (window as unknown as BurstWindow).__burst = B.until(() => B.visible(w.get()), limit).then(
        (shown) => {
          w.stop();
          counter.disconnect();
          const at = performance.now();
          return shown ? { at, seen: seen.size, epoch: performance.timeOrigin + at } : null;
        },
      );
      return performance.now();
    },
    { sel: MESSAGE, last: texts.at(-1) ?? '', limit: sizes.burstLimitMs },
  );
  const sentAt = Date.now();
  await bot.sendMany(to, texts);
  const ackMs = Date.now() - sentAt;
  const shown = await b.evaluate(() => (window as unknown as BurstWindow).__burst);
  if (!shown)
    throw new Error(`the last burst message was not visible within ${sizes.burstLimitMs} ms`);
  const longestTaskMs = await b.evaluate(
    ({ from, to }) =>
      Math.max(
        0,
        ...(window as unknown as BenchWindow).__bench.longtasks
          .filter((t) => t.start + t.duration >= from && t.start <= to)
          .map((t) => t.duration),
      ),
    { from: pageStart, to: shown.at },
  );
  // After the clock: every message is in the log once, in order (a person scrolling would see).
  const bodies = (await readWholeLog(b, texts.at(-1) ?? '')).map((m) => m.body);
  const logged = bodies.filter((t) => /^Burst \d+$/.test(t));
  return {
    ms: shown.epoch - sentAt,
    ackMs,
    seen: shown.seen,
    longestTaskMs,
    logged: new Set(logged).size,
    inOrder: logged.join('\n') === texts.join('\n'),
  };
}

export async function measureSetup(
  browser: Browser,
  stack: Stack,
  transport: Transport,
  sizes: Sizes,
): Promise<SetupResult> {
  const result: SetupResult = {
    server: stack.kind,
    transport,
    latency: [],
    burst: null,
    transportEvidence: [],
    failed: [],
  };
  const baseURL = stack.apps[transport].url;
  const contexts: BrowserContext[] = [];
  const page = async () => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    // The page probes of the side-by-side bench (visibility, per-frame checks, long tasks).
    await context.addInitScript(installBench, { probes: {} });
    return context.newPage();
  };
  let bot: Bot | null = null;
  try {
    const [a, b] = [`${stack.kind}-${transport}-a`, `${stack.kind}-${transport}-b`];
    const pa = await page();
    const pb = await page();
    const [ta, tb] = [traffic(pa), traffic(pb)];
    await createAccount(pa, a);
    await createAccount(pb, b);
    result.transportEvidence.push(await checkTransport(pa, 'A', transport, ta));
    await befriend(pa, a, pb, b);
    await openChat(pa, b);
    await openChat(pb, a);
    try {
      result.latency = await latency(pa, pb, sizes);
    } catch (error) {
      result.failed.push(`send latency: ${(error as Error).message.split('\n')[0]}`);
    }
    result.transportEvidence.push(
      await checkTransport(pa, 'A after the latency run', transport, ta),
    );
    // The burst comes from A's account on a Node client; A's page is closed first, so that it
    // is not a third party busy with the carbons of 200 messages on the same machine.
    await contexts[0]?.close();
    bot = await connectBot({
      service: stack.server.websocketUrl,
      domain: DOMAIN,
      username: a,
      password: PASSWORD,
      presence: false,
    });
    await bot.sendChat(`${b}@${DOMAIN}`, 'Burst warm-up');
    await expect(pb.getByRole('log').getByText('Burst warm-up')).toBeVisible({ timeout: 30_000 });
    try {
      const shown = await burst(pb, bot, `${b}@${DOMAIN}`, sizes);
      result.burst = shown;
      if (!shown.inOrder)
        result.failed.push(
          `burst: B's log holds ${shown.logged} of the ${sizes.burst} messages, not each once in order`,
        );
    } catch (error) {
      result.failed.push(`burst: ${(error as Error).message.split('\n')[0]}`);
    }
    result.transportEvidence.push(await checkTransport(pb, 'B at the end', transport, tb));
  } catch (error) {
    result.failed.push(`setup: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await bot?.stop().catch(() => {});
    for (const context of contexts) await context.close().catch(() => {});
  }
  return result;
}
