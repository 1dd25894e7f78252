// Page-side helpers, installed (addInitScript) before any of the page's own scripts. The same
// probes serve both clients; only the selectors differ (adapters.ts).

export interface ProbeConfig {
  probes: Record<string, string>;
}

export function installBench(cfg: ProbeConfig) {
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

export type BenchWindow = Window & {
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
