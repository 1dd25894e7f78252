// (7) Parley alone: send latency across two browsers (A's Send click to the first frame that
// shows the text on B's screen), with where the time goes from Parley's user-timing marks.
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { arrivalOf, frameDoneOf, sendFromComposer, watchArrivals } from '../../lib/latency';
import type { SeededServer } from '../../lib/seededServer';
import { parleyFor } from '../adapters';
import { BIG, DOMAIN, LATENCY_GAP_MS, PROFILE, pad, SIZE } from '../config';
import type { BenchWindow } from '../probe';
import { installBench, type ProbeConfig } from '../probe';
import { median, profiled, type Store, stats } from '../results';
import type { Sites } from '../runner';
import { measureFloors } from './floors';

const PARLEY = parleyFor(BIG);

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

export async function latencyScenario(
  browser: Browser,
  server: SeededServer,
  sites: Sites,
  store: Store,
) {
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
    await watchArrivals(b, PARLEY.messageText, 'Latency ');
    const send = (text: string) => sendFromComposer(a, text);
    const arrived = (text: string) => arrivalOf(b, text);
    const samples: number[] = [];
    const seenAts: number[] = [];
    const frameDone: number[] = [];
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
        if (process.env['BENCH_DUMP']) {
          const doneAt = await frameDoneOf(b, text);
          if (doneAt !== undefined) frameDone.push(doneAt - seenAt);
        }
      }
      await a.waitForTimeout(LATENCY_GAP_MS);
    };
    for (let i = 1; i <= warmup; i++) await oneMessage(i);
    const on = PROFILE.has('latency');
    const [cdpA, cdpB] = await Promise.all([ctxA.newCDPSession(a), ctxB.newCDPSession(b)]);
    // A devtools trace is one per browser (a second Tracing.start fails): the receiver's only.
    const traced = process.env['BENCH_TRACE'] === '1';
    await profiled(store, cdpA, on && !traced, 'send latency, sender', () =>
      profiled(store, cdpB, on, 'send latency, receiver', async () => {
        for (let i = warmup + 1; i <= warmup + SIZE.latency; i++) await oneMessage(i);
      }),
    );
    store.latency = stats(samples);
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
      writeFileSync(
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
          // From the frame's animation frame callback (where `total` stops) to the end of that
          // frame's main-thread work: the style, layout and paint of what was shown.
          frameDone,
        }),
      );
    // On B, "pending" is the moment the message is handed to the screen, its transaction begun
    // (src/db/pending.ts); "stored" is when that transaction has committed.
    store.evidence.push(
      `Send latency, where the time goes (median ms over ${ids.length} messages): A Send click to stanza out ${med(stage('send', 'out'))}; network and server (A out to B in) ${med(stage('out', 'in'))}; B stanza in to shown from memory ${med(stage('in', 'pending'))}; then to the frame showing it ${med(toScreen('pending'))}. Alongside, not waited for: A Send click to outbox written ${med(stage('send', 'queued'))}; B stanza in to stored ${med(stage('in', 'stored'))}`,
    );
    const [txA2, txB2] = await Promise.all([txOf(a), txOf(b)]);
    store.evidence.push(
      `Send latency: IndexedDB transactions per message, sender ${((txA2 - txA) / SIZE.latency).toFixed(1)}, receiver ${((txB2 - txB) / SIZE.latency).toFixed(1)}`,
    );

    const floorPage = await ctxA.newPage();
    await floorPage.goto(new URL('/bench-floor.html', sites.parley).toString());
    await measureFloors(floorPage, server.prosody.websocketUrl, store);
  } finally {
    await ctxA.close().catch(() => {});
    await ctxB.close().catch(() => {});
  }
}
