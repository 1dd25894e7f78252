// For the engine's unit tests only (nothing in the app imports this).
import { AccountDb } from '../db';

// Every write to any account database in this test file, counted (Dexie's change event).
let writes = 0;
AccountDb.on('storagemutated', () => {
  writes += 1;
});

/**
 * Wait at least `ms`, then until the engine is quiet: nothing sent on `session` and nothing
 * written for 50 ms (at most 3 s). A fixed wait alone failed on a loaded machine.
 */
export async function settleQuiet(session: { sent: unknown[] }, ms: number): Promise<void> {
  const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
  await sleep(ms);
  const until = Date.now() + 3_000;
  let last = '';
  for (;;) {
    const now = `${session.sent.length} ${writes}`;
    if (now === last || Date.now() > until) return;
    last = now;
    await sleep(50);
  }
}
