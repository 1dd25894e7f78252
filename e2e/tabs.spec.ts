import type { Page } from '@playwright/test';
import { befriend, createAccount, expectConnected, openChat, send } from '../test-support/steps';
import { storedRows } from '../test-support/stored';
import { expect, test, uniqueUser } from './fixtures';

/** How many resources (connections) of `jid` the peer's app currently sees online. */
async function resourcesSeenBy(page: Page, owner: string, jid: string): Promise<number> {
  const rows = await storedRows<{ jid: string }>(page, owner, 'presences');
  return rows.filter((r) => r.jid === jid).length;
}

test('three tabs share one connection; a follower sends; closing the leader hands over', async ({
  browser,
}) => {
  const a = uniqueUser('tabs');
  const b = uniqueUser('peer');
  const ctxA = await browser.newContext();
  const tab1 = await ctxA.newPage();
  const pb = await (await browser.newContext()).newPage();
  await createAccount(tab1, a);
  await createAccount(pb, b);
  await befriend(tab1, a, pb, b);

  const tab2 = await ctxA.newPage();
  const tab3 = await ctxA.newPage();
  await tab2.goto('/');
  await tab3.goto('/');
  await expectConnected(tab2);
  await expectConnected(tab3);
  // The server sees one session for this browser: the peer sees one resource. Only the
  // holder of the leader lock connects, and tabs 2 and 3 are seen waiting for it: from then
  // on neither can open a second session while tab 1 lives (no fixed wait needed).
  await expect
    .poll(() =>
      tab2.evaluate(async () => {
        const { held = [], pending = [] } = await navigator.locks.query();
        const named = (l: LockInfo) => l.name === 'parley-leader';
        return { held: held.filter(named).length, waiting: pending.filter(named).length };
      }),
    )
    .toEqual({ held: 1, waiting: 2 });
  expect(await resourcesSeenBy(pb, `${b}@localhost`, `${a}@localhost`)).toBe(1);

  // A follower tab sends through the shared outbox; the leader delivers.
  await openChat(tab3, b);
  await send(tab3, 'from a follower tab');
  await openChat(pb, a);
  await expect(pb.getByRole('log')).toContainText('from a follower tab');
  // Delivered, or already read: B has the conversation open.
  await expect(tab3.getByRole('log').getByRole('listitem').last()).toContainText(/Delivered|Read/);

  // Close the leader: another tab takes over within 2 seconds, and what it sends arrives.
  await openChat(tab2, b);
  await tab1.close();
  const closedAt = Date.now();
  await send(tab2, 'after the handover');
  await expect(pb.getByRole('log')).toContainText('after the handover', { timeout: 2000 });
  const handover = Date.now() - closedAt;
  test.info().annotations.push({ type: 'handover-ms', description: String(handover) });
  console.log(
    `leader handover: message from the new leader seen by the peer ${handover} ms after close`,
  );
  await expectConnected(tab2);
  expect(await resourcesSeenBy(pb, `${b}@localhost`, `${a}@localhost`)).toBe(1);
});
