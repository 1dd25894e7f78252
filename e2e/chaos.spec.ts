import type { Page } from '@playwright/test';
import { befriend, createAccount, openChat, readWholeLog, send } from '../test-support/steps';
import { createWorld } from '../test-support/world';
import { expect, test, uniqueUser } from './fixtures';

const PER_SIDE = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one side's database holds for the conversation, in the order the app shows it. */
async function conversation(page: Page, owner: string, peer: string) {
  return page.evaluate(
    async ({ owner, peer }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(`parley:${owner}`);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const rows = await new Promise<
        Array<{ peer: string; at: number; body: string; direction: string; state: string }>
      >((resolve) => {
        const req = db
          .transaction('messages', 'readonly')
          .objectStore('messages')
          .index('[peer+at]')
          .getAll(
            IDBKeyRange.bound([peer, Number.NEGATIVE_INFINITY], [peer, Number.POSITIVE_INFINITY]),
          );
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return rows.map((r) => ({
        body: r.body,
        direction: r.direction,
        state: r.state,
        at: r.at % 100_000,
        stanzaId: (r as { stanzaId?: string }).stanzaId,
      }));
    },
    { owner, peer },
  );
}

function checkSide(side: string, bodies: string[]) {
  const a = bodies.filter((b) => b.startsWith('A '));
  const b = bodies.filter((x) => x.startsWith('B '));
  const expected = (p: string) => Array.from({ length: PER_SIDE }, (_, i) => `${p} ${i}`);
  expect(bodies, `${side}: how many`).toHaveLength(PER_SIDE * 2);
  // Each sender's messages: all there, once, in the order sent.
  expect(a, `${side}: A's messages`).toEqual(expected('A'));
  expect(b, `${side}: B's messages`).toEqual(expected('B'));
}

test('300 messages survive two server crashes and three network cuts, once each, in order, all delivered', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const world = await createWorld({ hibernationSeconds: 20, apps: 2 });
  const log: string[] = [];
  try {
    const [appA, appB] = world.apps;
    if (!appA || !appB) throw new Error('world needs two app servers');
    const a = uniqueUser('chaosa');
    const b = uniqueUser('chaosb');
    const pa = await (await browser.newContext({ baseURL: appA.url })).newPage();
    const pb = await (await browser.newContext({ baseURL: appB.url })).newPage();
    for (const [name, page] of [
      ['A', pa],
      ['B', pb],
    ] as const) {
      page.on('console', (m) => {
        if (m.text().includes('[parley]'))
          log.push(
            `${new Date().toISOString().slice(11, 23)} ${name} console: ${m.text().slice(0, 300)}`,
          );
      });
    }
    await createAccount(pa, a);
    await createAccount(pb, b);
    await befriend(pa, a, pb, b);
    await openChat(pa, b);
    await openChat(pb, a);

    const note = (s: string) => log.push(`${new Date().toISOString().slice(11, 23)} ${s}`);
    let sending = true;
    const chaos = (async () => {
      await sleep(3000);
      note('SIGKILL prosody');
      await world.crashServer();
      await sleep(2500);
      await world.startServerAgain();
      note('prosody back');
      await sleep(4000);
      note('cut B (reset)');
      appB.net.cut('rst');
      await sleep(6000);
      appB.net.restore();
      note('B back');
      await sleep(4000);
      note('cut B silently (blackhole)');
      appB.net.cut('blackhole');
      await sleep(15_000);
      appB.net.restore();
      note('B back');
      await sleep(4000);
      note('SIGKILL prosody');
      await world.crashServer();
      await sleep(3000);
      await world.startServerAgain();
      note('prosody back');
      await sleep(4000);
      note('cut B (reset)');
      appB.net.cut('rst');
      await sleep(8000);
      appB.net.restore();
      note('B back');
    })();
    // Both people type at once, as fast as the composer takes it: the 300 messages span the
    // chaos above (about a minute) instead of running on long after it.
    for (let i = 0; i < PER_SIDE; i++) await Promise.all([send(pa, `A ${i}`), send(pb, `B ${i}`)]);
    sending = false;
    note('all typed');
    await chaos;

    // Both sides converge: 300 messages, each sender's in order, none twice, ours all delivered.
    const expectedBodies = [
      ...Array.from({ length: PER_SIDE }, (_, i) => `A ${i}`),
      ...Array.from({ length: PER_SIDE }, (_, i) => `B ${i}`),
    ];
    /** "ok" once converged; otherwise what is missing, twice, or not delivered (the failure says). */
    const converged = async (page: Page, owner: string, peer: string) => {
      const rows = await conversation(page, `${owner}@localhost`, `${peer}@localhost`);
      const bodies = rows.map((r) => r.body);
      const missing = expectedBodies.filter((b) => !bodies.includes(b));
      const twice = bodies.filter((b, i) => bodies.indexOf(b) !== i);
      const notDelivered = rows
        .filter((r) => r.direction === 'out' && !['delivered', 'displayed'].includes(r.state))
        .map((r) => `${r.body}:${r.state}`);
      if (!missing.length && !twice.length && !notDelivered.length && rows.length === PER_SIDE * 2)
        return 'ok';
      return JSON.stringify({ rows: rows.length, missing, twice, notDelivered });
    };
    // Both sides in one poll, so that a failure says what each side holds (a message missing on
    // one side and "sent" on the other was taken by the server; "queued" never left).
    await expect
      .poll(async () => `A ${await converged(pa, a, b)}; B ${await converged(pb, b, a)}`, {
        timeout: 120_000,
        intervals: [1000],
      })
      .toBe('A ok; B ok');

    for (const [side, page, owner, peer] of [
      ['A', pa, a, b],
      ['B', pb, b, a],
    ] as const) {
      const rows = await conversation(page, `${owner}@localhost`, `${peer}@localhost`);
      console.log(
        `${side} order: ${rows.map((r) => `${r.body}@${r.at}${r.stanzaId ? '' : '*'}`).join(', ')}`,
      );
      // What the person sees, read through the whole log: the same messages as stored.
      const shown = await readWholeLog(page, rows.at(-1)?.body ?? '');
      const bodies = shown.map((m) => m.body);
      const states = shown.flatMap((m) => (m.state === null ? [] : [m.state]));
      checkSide(side, bodies);
      expect(states).toHaveLength(PER_SIDE);
      expect(states.every((s) => s === 'Delivered' || s === 'Read')).toBe(true);
    }
    expect(sending).toBe(false);
  } finally {
    console.log(`chaos timeline:\n  ${log.join('\n  ')}`);
    await world.dispose();
  }
});
