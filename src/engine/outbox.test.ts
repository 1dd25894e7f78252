import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, type Message, queueMessage, queueOutgoing } from '../db';
import { FakeSession } from '../xmpp/fake';
import { createOutbox } from './outbox';
import { until } from './testing';

// The one way out, on its own: typed messages (announced as their write starts), rows written
// elsewhere (another tab), and the order between them.
const ME = 'me@example.com';
let db: AccountDb;
let session: FakeSession;
let outbox: ReturnType<typeof createOutbox>;
const logs: string[] = [];

const mine = (id: string, peer = 'bob@example.com'): Message => ({
  id,
  peer,
  direction: 'out',
  body: `hello ${id}`,
  at: Date.now(),
  state: 'queued',
  originId: id,
});
const sentIds = () => session.sentNamed('message').map((m) => m.attrs['id']);

beforeEach(() => {
  logs.length = 0;
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  outbox = createOutbox(
    { db, session, account: ME, log: (m) => logs.push(m) },
    { ready: Promise.resolve(), isRoom: () => false },
  );
});

afterEach(() => {
  outbox.stop();
  expect(logs.filter((m) => m !== 'outbox paused')).toEqual([]);
  db.close();
});

describe('the one outgoing route', () => {
  it('sends a burst typed while a drain is running in the order it was typed, each once', async () => {
    // Rows already queued keep the drain busy (it reads, then sends them one by one)...
    for (let i = 0; i < 5; i++) await queueOutgoing(db, mine(`old${i}`));
    outbox.setOnline(true);
    // ...while the person types ten more, without waiting for one to be stored.
    const typed = Array.from({ length: 10 }, (_, i) => `new${i}`);
    const writes = typed.map((id) => queueMessage(db, mine(id)));
    await Promise.all(writes);
    const all = [...Array.from({ length: 5 }, (_, i) => `old${i}`), ...typed];
    await until(() => expect(sentIds()).toEqual(all));
    for (const id of all) session.ack(id);
    await until(async () => expect(await db.outbox.count()).toBe(0));
    expect(sentIds()).toEqual(all);
    expect((await db.messages.toArray()).every((m) => m.state === 'sent')).toBe(true);
  });

  it('keeps a message typed while offline, and sends it once the link is back', async () => {
    outbox.setOnline(true);
    outbox.setOnline(false);
    await queueMessage(db, mine('offline1'));
    await queueMessage(db, mine('offline2'));
    expect(sentIds()).toEqual([]);
    outbox.setOnline(true);
    await until(() => expect(sentIds()).toEqual(['offline1', 'offline2']));
    session.ack('offline1');
    session.ack('offline2');
    await until(async () => expect((await db.messages.get('offline2'))?.state).toBe('sent'));
  });

  it('sends a message written in another tab (the same database, another connection to it)', async () => {
    outbox.setOnline(true);
    const otherTab = new AccountDb(db.account);
    try {
      await queueMessage(otherTab, mine('fromTab2'));
      await until(() => expect(sentIds()).toEqual(['fromTab2']));
      // Typed here next: it follows, and nothing goes twice.
      await queueMessage(db, mine('here'));
      await until(() => expect(sentIds()).toEqual(['fromTab2', 'here']));
      session.ack('fromTab2');
      await until(async () =>
        expect((await otherTab.messages.get('fromTab2'))?.state).toBe('sent'),
      );
      expect(sentIds()).toEqual(['fromTab2', 'here']);
    } finally {
      otherTab.close();
    }
  });

  it('says a message was sent but not saved when its write fails after it went out', async () => {
    outbox.setOnline(true);
    // Let the first read of the outbox finish, so the drain is idle and sends at once.
    await queueMessage(db, mine('warm'));
    await until(() => expect(sentIds()).toEqual(['warm']));
    const failing = mine('lost');
    // The same id twice: the message row's add fails, as a full disk would fail it.
    await db.messages.add({ ...failing, state: 'sent' });
    await expect(queueMessage(db, failing)).rejects.toMatchObject({ name: 'SentUnsavedError' });
    expect(sentIds()).toEqual(['warm', 'lost']);
    // Its acknowledgement changes nothing stored, and it is never sent again.
    session.ack('lost');
    await queueMessage(db, mine('after'));
    await until(() => expect(sentIds()).toEqual(['warm', 'lost', 'after']));
  });
});
