// (4a) A burst of SIZE.burst incoming messages until the last is visible, (4b) the longest
// main-thread task meanwhile, then (6b) the JS heap. The list is first taken back to the
// newest message and left there, where new messages are followed.
import { burstText, historyText, LIMIT_S, PARLEY_LIMIT_S, SIZE } from '../config';
import type { BenchWindow } from '../probe';
import { DidNotFinish, heapMiB, race } from '../results';
import type { RunContext } from '../runner';

export async function burst(ctx: RunContext) {
  const { app, page, limitMs } = ctx;
  const newest = historyText(SIZE.history);
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
    if (!ctx.isConverse)
      throw new Error(`${ctx.label}: could not scroll back to the newest message`);
    ctx.record('burst', { skipped: 'could not return to the newest message' });
    throw new DidNotFinish('burst');
  }
  await ctx.quiet('burst');

  // The clock starts when the bot starts sending; it stops when the last one is visible.
  const lastBurst = burstText(SIZE.burst);
  const pageStart = await page.evaluate(() => performance.now());
  const tx0 = await ctx.txCount();
  const burstPromise = ctx.profile('burst', 'burst', () =>
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
  await ctx.bot.sendMany(
    ctx.account.jid,
    Array.from({ length: SIZE.burst }, (_, i) => burstText(i + 1)),
  );
  ctx.notes.push(
    `the server acknowledged the burst's ${SIZE.burst} messages after ${Date.now() - sentAt} ms`,
  );
  const shown = await burstPromise;
  if (shown === 'hung' || shown === null) {
    if (!ctx.isConverse)
      throw new Error(`${ctx.label}: "${lastBurst}" not visible within ${PARLEY_LIMIT_S} s`);
    ctx.record('burst', { dnf: LIMIT_S });
    ctx.record('burstLongTask', { skipped: 'burst did not finish' });
    throw new DidNotFinish('burst');
  }
  ctx.record('burst', { value: shown.epoch - sentAt });
  ctx.tx.push(`burst ${(await ctx.txCount()) - tx0}`);
  const rendered = await page.evaluate(
    (sel) => document.querySelectorAll(sel).length,
    app.messageText,
  );
  ctx.notes.push(`${rendered} messages in the DOM after the burst`);
  const longest = await page.evaluate(
    ({ from, to }) => {
      const B = (window as unknown as BenchWindow).__bench;
      if (B.noLongtask) return null;
      const inBurst = B.longtasks.filter((t) => t.start + t.duration >= from && t.start <= to);
      return { max: Math.max(0, ...inBurst.map((t) => t.duration)), count: inBurst.length };
    },
    { from: pageStart, to: shown.at },
  );
  if (!longest) throw new Error(`${ctx.label}: this Chromium reports no longtask entries`);
  ctx.record('burstLongTask', { value: longest.max });
  ctx.notes.push(`burst: ${longest.count} long tasks (> 50 ms)`);

  // (6b) Heap after 4.
  ctx.record('heapAfter4', { value: await heapMiB(ctx.cdp) });
}
