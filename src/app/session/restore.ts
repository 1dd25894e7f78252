// What a tab shows when it starts: the account signed in last in this browser, straight from
// the local mirror, unless it was session-only and its browser session has ended (then it is
// deleted first, unseen).
import { accountDb, currentSession, type SessionRow, setMeta } from '../../db';
import { type BrowserSession, sweepSessionOnly } from '../browserSession';

export async function accountAtStart(
  browserSession: () => Promise<BrowserSession>,
  someoneLeads: () => Promise<boolean>,
): Promise<SessionRow | undefined> {
  // This tab joins the browser session now (its lock is asked for at once), but the start
  // waits for that only when a session-only account is there to judge.
  const joining = browserSession();
  // The reads at once; the current session is read again only if the sweep deleted one.
  const [gone, first, led] = await Promise.all([
    sweepSessionOnly(() => joining),
    currentSession(),
    someoneLeads(),
  ]);
  const s = gone.length ? await currentSession() : first;
  // No tab holds the connection: the stored status is a closed page's ("Connected" before a
  // reload), and this tab is about to connect. Say so before the account shows. Not waited
  // for: a read of the row made after this write waits for it (IndexedDB runs transactions
  // on the same store in the order they were made), so the start is not held up by it.
  if (s && !led)
    void setMeta(accountDb(s.account), 'connection', {
      status: 'connecting',
      at: Date.now(),
    }).catch((err: unknown) => console.error('[parley] connection status not reset', err));
  return s;
}
