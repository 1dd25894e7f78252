// Send latency between two Parley pages of one browser: A's click on Send to the first frame on
// B that shows the text. Both ends read epoch milliseconds (performance.timeOrigin + now), so
// the two pages' clocks compare. Shared by the side-by-side bench (7) and bench/servers.bench.ts.
import type { Page } from '@playwright/test';

type SeenWindow = Window & {
  __seen: Record<string, number>;
  /** When that frame's main-thread work (style, layout, paint) was done: the next task after it. */
  __seenDone: Record<string, number>;
  __seenStop?: () => void;
};

/**
 * On `page`: the first frame after each text starting with `prefix` enters the DOM under
 * `selector` (a MutationObserver notes it, the next requestAnimationFrame stamps it).
 */
export function watchArrivals(page: Page, selector: string, prefix: string): Promise<void> {
  return page.evaluate(
    ({ sel, prefix }) => {
      const seen: Record<string, number> = {};
      const done: Record<string, number> = {};
      const after = new MessageChannel();
      let ending: string[] = [];
      after.port1.onmessage = () => {
        const at = performance.timeOrigin + performance.now();
        for (const t of ending) done[t] = at;
        ending = [];
      };
      const scan = () => {
        const fresh: string[] = [];
        for (const el of document.querySelectorAll(sel)) {
          const text = el.textContent?.trim() ?? '';
          if (text.startsWith(prefix) && !(text in seen)) {
            seen[text] = -1;
            fresh.push(text);
          }
        }
        if (fresh.length)
          requestAnimationFrame(() => {
            const at = performance.timeOrigin + performance.now();
            for (const t of fresh) seen[t] = at;
            ending.push(...fresh);
            after.port2.postMessage(null);
          });
      };
      const observer = new MutationObserver(scan);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      const w = window as unknown as SeenWindow;
      w.__seen = seen;
      w.__seenDone = done;
      w.__seenStop = () => observer.disconnect();
    },
    { sel: selector, prefix },
  );
}

/** Stops the page's watchArrivals observer (so it costs nothing in what is measured next). */
export function stopWatching(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as SeenWindow).__seenStop?.());
}

/** Puts `text` in the composer and clicks its form's Send; resolves with the click's epoch ms. */
export function sendFromComposer(page: Page, text: string): Promise<number> {
  return page.evaluate((text) => {
    const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
    if (!box?.form) throw new Error('no composer');
    box.value = text;
    const at = performance.timeOrigin + performance.now();
    box.form.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    return at;
  }, text);
}

/** The epoch ms of the first frame on `page` that showed `text` (watchArrivals must run). */
export function arrivalOf(page: Page, text: string, timeout = 30_000): Promise<number> {
  return page
    .waitForFunction(
      (t) => {
        const v = (window as unknown as SeenWindow).__seen[t];
        return v !== undefined && v > 0 ? v : null;
      },
      text,
      { timeout, polling: 20 },
    )
    .then((h) => h.jsonValue() as Promise<number>);
}

/**
 * The epoch ms at which the frame that first showed `text` had done its main-thread work (a
 * message posted from its animation frame callback runs after style, layout and paint). Work
 * moved out of a script into the frame's own layout moves the first figure, not this one.
 */
export function frameDoneOf(page: Page, text: string): Promise<number | undefined> {
  return page.evaluate((t) => (window as unknown as SeenWindow).__seenDone[t], text);
}
