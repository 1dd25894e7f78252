// (3a) Open the conversation until its newest message is visible; (3b) scroll back
// SIZE.scrollBack messages, then (6a) the JS heap; (6c, 6d) further back, the heap again.
import { DEEP_BACK, historyText, LIMIT_S, PARLEY_LIMIT_S, SIZE } from '../config';
import type { BenchWindow } from '../probe';
import { DidNotFinish, heapMiB, race } from '../results';
import type { RunContext } from '../runner';

export async function openConversation(ctx: RunContext) {
  await ctx.quiet('open');
  const tx0 = await ctx.txCount();
  const newest = historyText(SIZE.history);
  const opened = await ctx.profile('open', 'open the conversation', () =>
    clickUntilShown(ctx, ctx.app.openBot, newest),
  );
  if (opened === null) {
    if (!ctx.isConverse)
      throw new Error(`${ctx.label}: "${newest}" not visible within ${PARLEY_LIMIT_S} s`);
    ctx.record('openNewest', { dnf: LIMIT_S });
    throw new DidNotFinish('openNewest');
  }
  ctx.record('openNewest', { value: opened });
  ctx.tx.push(`open ${(await ctx.txCount()) - tx0}`);
}

/**
 * Clicks `selector` in the page and times, there, until a message whose text is `text` is
 * visible: ms, or null when not within the run's limit.
 */
export async function clickUntilShown(
  ctx: RunContext,
  selector: string,
  text: string,
): Promise<number | null> {
  const { app, page, limitMs } = ctx;
  const ms = await race(
    page.evaluate(
      async ({ messageText, selector, text, limit }) => {
        const B = (window as unknown as BenchWindow).__bench;
        const t0 = performance.now();
        const link = document.querySelector<HTMLElement>(selector);
        if (!link) throw new Error(`no ${selector}`);
        link.click();
        const w = B.watchText(messageText, text);
        const r = await B.until(() => B.visible(w.get()), limit);
        w.stop();
        return r ? performance.now() - t0 : null;
      },
      { messageText: app.messageText, selector, text, limit: limitMs },
    ),
    limitMs + 10_000,
  );
  return ms === 'hung' ? null : ms;
}

/** (3b) Scroll back SIZE.scrollBack messages, then (6a) the JS heap. */
export async function scrollBack(ctx: RunContext) {
  await scrollBackBy(ctx, SIZE.scrollBack, 'scrollBack');
  ctx.record('heapAfter3', { value: await heapMiB(ctx.cdp) });
}

/**
 * (6c, 6d) On from 3: scroll back DEEP_BACK[0], then DEEP_BACK[1] messages, the JS heap after
 * each. A log that keeps every row it scrolled through grows with them; a windowed one does not.
 */
export async function scrollBackDeep(ctx: RunContext) {
  const [first, second] = DEEP_BACK;
  await scrollBackBy(ctx, first, 'deepBack1');
  ctx.record('heapBack1', { value: await heapMiB(ctx.cdp) });
  await scrollBackBy(ctx, second, 'deepBack2');
  ctx.record('heapBack2', { value: await heapMiB(ctx.cdp) });
}

/** Keeps scrolling to the top until the message `n` before the newest is on screen. */
async function scrollBackBy(
  ctx: RunContext,
  n: number,
  measure: 'scrollBack' | 'deepBack1' | 'deepBack2',
) {
  const { app, page, limitMs } = ctx;
  const target = historyText(SIZE.history - n);
  await ctx.quiet('scroll');
  const tx0 = await ctx.txCount();
  const back = await ctx.profile('scroll', `scroll back ${n}`, () =>
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
    if (!ctx.isConverse)
      throw new Error(`${ctx.label}: "${target}" not reached within ${PARLEY_LIMIT_S} s`);
    ctx.record(measure, { dnf: LIMIT_S });
    throw new DidNotFinish(measure);
  }
  ctx.record(measure, { value: back });
  ctx.tx.push(`scroll back ${n}: ${(await ctx.txCount()) - tx0}`);
  const rendered = await page.evaluate(
    (sel) => document.querySelectorAll(sel).length,
    app.messageText,
  );
  ctx.notes.push(`${rendered} messages in the DOM after scrolling back ${n}`);
}
