/**
 * One connection per browser: tabs elect a leader with the Web Locks API. The lock is held
 * until the tab closes (or `release()`); the next waiting tab then gets it at once.
 */
export function joinElection(
  name: string,
  onLeader: () => Promise<void> | void,
  locks: Pick<LockManager, 'request'> | undefined = globalThis.navigator?.locks,
) {
  const abort = new AbortController();
  let release: (() => void) | undefined;
  let leader = false;
  let released = false;
  if (!locks) {
    // No Web Locks (very old browser): every tab leads, as before this feature.
    leader = true;
    void onLeader();
    return { isLeader: () => leader, release: () => {} };
  }
  locks
    .request(name, { signal: abort.signal }, async () => {
      leader = true;
      await onLeader();
      // Released while onLeader ran (a sign-out right after the start): let the lock go now,
      // or no tab of this browser could ever lead again.
      if (!released)
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      leader = false;
    })
    .catch((err: unknown) => {
      if ((err as Error).name !== 'AbortError') console.error('[parley] leader election', err);
    });
  return {
    isLeader: () => leader,
    release() {
      released = true;
      abort.abort();
      release?.();
    },
  };
}

/** Some tab of this origin holds the lead now (and with it the connection). */
export async function someoneLeads(
  name: string,
  locks: Pick<LockManager, 'query'> | undefined,
): Promise<boolean> {
  if (!locks) return false; // every tab leads, and this one has not started yet
  const { held = [] } = await locks.query();
  return held.some((l) => l.name === name);
}
