import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, queueMessage, queueOutgoing, type Room } from '../db';
import { FakeSession } from '../xmpp/fake';
import { createOutbox } from './outbox';
import { queuedMessage as mine, until } from './testing';

// The one way out, on its own: typed messages (announced as their write starts), rows written
// elsewhere (another tab), and the order between them.
const ME = 'me@example.com';
let db: AccountDb;
let session: FakeSession;
let outbox: ReturnType<typeof createOutbox>;
const logs: string[] = [];

const sentIds = () => session.sentNamed('message').map((m) => m.attrs['id']);

beforeEach(async () => {
  logs.length = 0;
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  // Bob is in the roster: a message to him leaves in the task of its write.
  await db.contacts.put({ jid: 'bob@example.com', subscription: 'both', groups: [] });
  session = new FakeSession(`${ME}/parley`);
  outbox = createOutbox({ db, session, account: ME, log: (m) => logs.push(m) });
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

describe("a message goes out as its conversation's stored kind says", () => {
  const LOUNGE = 'lounge@conference.example.com';
  const room = (jid: string, status: Room['status']): Room => ({
    jid,
    nick: 'me',
    autojoin: true,
    status,
  });
  const sent = (id: string) => {
    const el = session.sentNamed('message').find((m) => m.attrs['id'] === id);
    const privateMark = el?.getChild('x', 'http://jabber.org/protocol/muc#user') !== undefined;
    return { type: el?.attrs['type'], privateMark };
  };

  it('to a contact as chat, to a room as groupchat, to an occupant as a private chat', async () => {
    await db.rooms.put(room(LOUNGE, 'joined'));
    outbox.setOnline(true);
    await queueMessage(db, mine('c1'));
    await queueMessage(db, mine('r1', LOUNGE));
    await queueMessage(db, mine('p1', `${LOUNGE}/ann`));
    await until(() => expect(sentIds()).toEqual(['c1', 'r1', 'p1']));
    // The second of each goes with the kind already read (no read of the conversation).
    await queueMessage(db, mine('c2'));
    await queueMessage(db, mine('r2', LOUNGE));
    await queueMessage(db, mine('p2', `${LOUNGE}/ann`));
    await until(() => expect(sentIds()).toEqual(['c1', 'r1', 'p1', 'c2', 'r2', 'p2']));
    for (const id of ['c1', 'c2']) expect(sent(id)).toEqual({ type: 'chat', privateMark: false });
    for (const id of ['r1', 'r2'])
      expect(sent(id)).toEqual({ type: 'groupchat', privateMark: false });
    for (const id of ['p1', 'p2']) expect(sent(id)).toEqual({ type: 'chat', privateMark: true });
  });

  it("holds a room's message until the room is joined", async () => {
    await db.rooms.put(room(LOUNGE, 'joining'));
    outbox.setOnline(true);
    await queueMessage(db, mine('r1', LOUNGE));
    await queueMessage(db, mine('c1'));
    await until(() => expect(sentIds()).toEqual(['c1']));
    await db.rooms.update(LOUNGE, { status: 'joined' });
    outbox.kick();
    await until(() => expect(sentIds()).toEqual(['c1', 'r1']));
    expect(sent('r1').type).toBe('groupchat');
  });

  it('trusts the stored kind over a guess from the rooms it knows', async () => {
    // A conversation made as a contact's stays one, even once a room of that address is known.
    const peer = 'odd@example.com';
    await db.conversations.put({
      peer,
      kind: 'contact',
      lastAt: Date.now(),
      preview: '',
      previewDirection: 'in',
      unread: 0,
    });
    await db.rooms.put(room(peer, 'joined'));
    outbox.setOnline(true);
    const otherTab = new AccountDb(db.account);
    try {
      await queueMessage(otherTab, mine('o1', peer));
      await until(() => expect(sentIds()).toEqual(['o1']));
    } finally {
      otherTab.close();
    }
    expect(sent('o1')).toEqual({ type: 'chat', privateMark: false });
  });
});
