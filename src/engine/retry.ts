/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped; each wait is 50–100 % of that. */
export function backoffDelay(attempt: number, maxDelayMs: number, random = Math.random): number {
  const ceiling = Math.min(maxDelayMs, 1000 * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export interface RetryOptions {
  /** One try. Resolve = done; reject = wait and try again, unless `fatal(err)`. */
  attempt: () => Promise<void>;
  maxDelayMs: number;
  fatal?: (err: unknown) => boolean;
  onWaiting?: (retryAt: number, err: unknown) => void;
  onTrying?: () => void;
  onGiveUp?: (err: unknown) => void;
  random?: () => number;
}

/**
 * Keeps trying until an attempt succeeds. `now()` skips the wait (the browser is back online,
 * the page became visible, the person pressed "retry now").
 */
export function createRetry(opts: RetryOptions) {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let active = false;

  async function run() {
    if (running || !active) return;
    running = true;
    clearTimeout(timer);
    opts.onTrying?.();
    try {
      await opts.attempt();
      failures = 0;
      active = false;
    } catch (err) {
      if (opts.fatal?.(err)) {
        active = false;
        opts.onGiveUp?.(err);
      } else if (active) {
        const wait = backoffDelay(failures++, opts.maxDelayMs, opts.random);
        opts.onWaiting?.(Date.now() + wait, err);
        timer = setTimeout(() => void run(), wait);
      }
    } finally {
      running = false;
    }
  }

  return {
    /** Start trying (after the first wait when `delayFirst`). */
    start(delayFirst = false) {
      if (active) return;
      active = true;
      if (!delayFirst) return void run();
      const wait = backoffDelay(failures++, opts.maxDelayMs, opts.random);
      opts.onWaiting?.(Date.now() + wait, undefined);
      timer = setTimeout(() => void run(), wait);
    },
    now() {
      if (active) void run();
    },
    get active() {
      return active;
    },
    stop() {
      active = false;
      clearTimeout(timer);
    },
  };
}

/** Browser signals that mean "try now": back online, or the page shown again. */
export function onWakeSignals(fn: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const vis = () => {
    if (document.visibilityState === 'visible') fn();
  };
  window.addEventListener('online', fn);
  document.addEventListener('visibilitychange', vis);
  return () => {
    window.removeEventListener('online', fn);
    document.removeEventListener('visibilitychange', vis);
  };
}
