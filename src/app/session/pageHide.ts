/**
 * A reload signs in again with the same resource: end this session as the page goes, or the
 * server keeps it for resumption and later hands its room exits to the new one. Not when
 * another tab waits to lead: it signs in at once and replaces this session, and closing first
 * made that handover slower than the 2 s tabs.spec.ts allows.
 */
export function closeOnPageHide(
  closeNow: () => void,
  locks: Pick<LockManager, 'query'> | undefined,
  lockName: string,
): () => void {
  let followers = false;
  const checkFollowers = () =>
    void locks
      ?.query()
      .then((s) => {
        followers = (s.pending ?? []).some((l) => l.name === lockName);
      })
      .catch(() => {});
  checkFollowers();
  const timer = setInterval(checkFollowers, 3000);
  const onPageHide = () => {
    if (!followers) closeNow();
  };
  globalThis.addEventListener?.('pagehide', onPageHide);
  return () => {
    clearInterval(timer);
    globalThis.removeEventListener?.('pagehide', onPageHide);
  };
}
