/**
 * A reload signs in again with the same resource: end this session as the page goes, or the
 * server keeps it for resumption and later hands its room exits to the new one. Not when
 * another tab waits to lead: it signs in at once and replaces this session, and closing first
 * made that handover slower than the 2 s tabs.spec.ts allows.
 *
 * Whether another tab waits is known from the Web Locks queue, which `pagehide` has no time to
 * ask: it is asked at the start, whenever another tab of the account speaks (`recheck`), and
 * every few seconds only while some tab waits (to see it go). A tab on its own never polls.
 */
export function closeOnPageHide(
  closeNow: () => void,
  locks: Pick<LockManager, 'query'> | undefined,
  lockName: string,
): { stop(): void; recheck(): void } {
  let followers = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  /** `again`: look once more a second later (a tab says hello just before it asks for the lock). */
  const check = (again = false) => {
    clearTimeout(timer);
    timer = undefined;
    void locks
      ?.query()
      .then((s) => {
        if (stopped) return;
        followers = (s.pending ?? []).some((l) => l.name === lockName);
        if (followers) timer = setTimeout(check, 3000);
        else if (again) timer = setTimeout(check, 1000);
      })
      .catch(() => {});
  };
  check();
  const onPageHide = () => {
    if (!followers) closeNow();
  };
  globalThis.addEventListener?.('pagehide', onPageHide);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      globalThis.removeEventListener?.('pagehide', onPageHide);
    },
    recheck: () => check(true),
  };
}
