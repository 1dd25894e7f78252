// The end of a returning page's archive catch-up, read from the app's own user-timing marks
// (src/engine/archive.ts: `parley:mam:catch-up` measures it, `parley:mam:caught-up` carries
// its figures), shared by the catch-up and ingest benches.
import type { Page } from '@playwright/test';

export interface CaughtUp {
  /** Messages the catch-up stored, its pages, its time waiting for the server and storing. */
  total: number;
  pages: number;
  queryMs: number;
  storeMs: number;
  /** The catch-up's own time, and when it ended from the page's start. */
  ms: number;
  sincePageStart: number;
  /** Long tasks before it ended (when the page records them in `__longtasks`). */
  longtasks: Array<{ start: number; duration: number }>;
}

/** Waits (polling) until the page has caught up, and returns its figures. */
export async function waitCaughtUp(page: Page, pollMs: number): Promise<CaughtUp> {
  const caught = await page.waitForFunction(
    () => {
      const m = performance.getEntriesByName('parley:mam:caught-up')[0] as
        | PerformanceMark
        | undefined;
      const d = performance.getEntriesByName('parley:mam:catch-up')[0];
      if (!m || !d) return null;
      const w = window as unknown as { __longtasks?: Array<{ start: number; duration: number }> };
      return {
        ...(m.detail as { total: number; pages: number; queryMs: number; storeMs: number }),
        ms: d.duration,
        sincePageStart: m.startTime,
        longtasks: (w.__longtasks ?? []).filter((t) => t.start < m.startTime),
      };
    },
    undefined,
    { timeout: 300_000, polling: pollMs },
  );
  return (await caught.jsonValue()) as CaughtUp;
}
