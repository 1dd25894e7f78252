import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, addTask, queueMessage, queueOutgoing, setMeta } from '../db';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';
import { createOutbox } from './outbox';
import { handled, sessionReady, until } from './testing';

const ME = 'me@example.com';
let db: AccountDb;
let session: FakeSession;
let engine: Engine;
const logs: string[] = [];

/** The chat message with this id, once it has been sent. */
const sentMessage = (id: string) =>
  session.waitForSent((e) => e.name === 'message' && e.attrs['id'] === id);

function rosterReply(items: string) {
  return (iq: ReturnType<typeof xml>) =>
    `<iq type="result" id="${iq.attrs['id']}"><query xmlns="jabber:iq:roster" ver="v1">${items}</query></iq>`;
}

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  session.answerIq(async (iq) => {
    const q = iq.getChild('query', 'jabber:iq:roster');
    if (q && iq.attrs['type'] === 'get') {
      return parseXml(
        rosterReply(
          '<item jid="bob@example.com" name="Bob" subscription="both"><group>Friends</group></item>',
        )(iq),
      );
    }
    return xml('iq', { type: 'result', id: iq.attrs['id'] });
  });
  logs.length = 0;
  const ready = sessionReady();
  engine = startEngine({ db, session, account: ME, log: (m) => logs.push(m) });
  await ready();
});

afterEach(async () => {
  engine.stop();
  db.close();
});

describe('engine on a new session', () => {
  it('fetches the roster, stores it and sends initial presence', async () => {
    // The connection's status is written without holding up the setup.
    await until(async () =>
      expect((await db.meta.get('connection')) as { status: string }).toMatchObject({
        status: 'online',
      }),
    );
    const contacts = await db.contacts.toArray();
    expect(contacts).toEqual([
      { jid: 'bob@example.com', name: 'Bob', subscription: 'both', groups: ['Friends'] },
    ]);
    expect(await db.meta.get('rosterVer')).toBe('v1');
    expect(session.sentNamed('presence').length).toBeGreaterThan(0);
    expect((await db.meta.get('connection')) as { status: string }).toMatchObject({
      status: 'online',
    });
  });
});

describe('own presence', () => {
  it('sends the chosen show and status, and appears offline when invisible', async () => {
    session.sent = [];
    await setMeta(db, 'ownPresence', { show: 'dnd', status: 'in a meeting' });
    await addTask(db, { kind: 'setPresence' });
    const busy = await session.waitForSent((e) => e.name === 'presence');
    expect(busy.getChildText('show')).toBe('dnd');
    expect(busy.getChildText('status')).toBe('in a meeting');
    await setMeta(db, 'ownPresence', { show: 'invisible', status: '' });
    await addTask(db, { kind: 'setPresence' });
    await until(() => expect(session.sentNamed('presence')).toHaveLength(2));
    expect(session.sentNamed('presence').at(-1)?.attrs['type']).toBe('unavailable');
  });
});

describe('incoming messages', () => {
  it('stores a chat message once, counts it unread and answers the receipt', async () => {
    const stanza = `<message from="bob@example.com/phone" to="${ME}/parley" type="chat" id="m1">
      <body>&lt;script&gt;alert(1)&lt;/script&gt;</body>
      <origin-id xmlns="urn:xmpp:sid:0" id="o1"/>
      <request xmlns="urn:xmpp:receipts"/></message>`;
    session.inject(stanza);
    session.inject(stanza); // the same message again (a resend after reconnect)
    // Both are answered, the second only once it was handled.
    const receipts = () => session.sent.filter((e) => e.getChild('received', 'urn:xmpp:receipts'));
    await until(() => expect(receipts()).toHaveLength(2));
    await handled(session, db);
    const msgs = await db.messages.toArray();
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ peer: 'bob@example.com', body: '<script>alert(1)</script>' });
    expect((await db.conversations.get('bob@example.com'))?.unread).toBe(1);
    expect(receipts().map((r) => r.getChild('received')?.attrs['id'])).toEqual(['m1', 'm1']);
  });

  it('does not count a message unread in the open conversation', async () => {
    await setMeta(db, 'openPeer', 'bob@example.com');
    session.inject(
      '<message from="bob@example.com/x" type="chat" id="a"><body>hi</body></message>',
    );
    await handled(session, db);
    expect((await db.conversations.get('bob@example.com'))?.unread).toBe(0);
  });

  it('shows typing from a chat state and clears it when the message arrives', async () => {
    session.inject('<message from="bob@example.com/x" type="chat"><body>first</body></message>');
    session.inject(
      '<message from="bob@example.com/x" type="chat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>',
    );
    await handled(session, db);
    expect((await db.conversations.get('bob@example.com'))?.peerState).toBe('composing');
    session.inject('<message from="bob@example.com/x" type="chat"><body>second</body></message>');
    await handled(session, db);
    expect((await db.conversations.get('bob@example.com'))?.peerState).toBeUndefined();
  });

  it('drops a malformed stanza without breaking later ones', async () => {
    session.inject('<message type="chat"><body>no sender</body></message>');
    session.inject('<presence from="" type="bogus"/>');
    session.inject('<message from="bob@example.com/x" type="chat"><body>after</body></message>');
    await handled(session, db);
    const msgs = await db.messages.toArray();
    expect(msgs.map((m) => m.body)).toEqual(['after']);
  });
});

describe('outgoing messages', () => {
  async function queue(id: string, peer = 'bob@example.com') {
    await queueOutgoing(db, {
      id,
      peer,
      direction: 'out',
      body: `hello ${id}`,
      at: Date.now(),
      state: 'queued',
      originId: id,
    });
  }

  it('sends queued messages with origin-id and receipt request, then marks them sent on ack', async () => {
    await queue('out1');
    const sent = await sentMessage('out1');
    expect(sent?.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs['id']).toBe('out1');
    expect(sent?.getChild('request', 'urn:xmpp:receipts')).toBeTruthy();
    expect((await db.messages.get('out1'))?.state).toBe('queued');
    session.ack('out1');
    await until(async () => expect((await db.messages.get('out1'))?.state).toBe('sent'));
    expect(await db.outbox.count()).toBe(0);
  });

  const mine = (id: string, peer = 'bob@example.com') => ({
    id,
    peer,
    direction: 'out' as const,
    body: `hello ${id}`,
    at: Date.now(),
    state: 'queued' as const,
    originId: id,
  });

  it('a message typed here goes out in the task that starts its write, and once', async () => {
    const written = queueMessage(db, mine('now1'));
    // Nothing awaited yet: the stanza left while the transaction is still running.
    expect(session.sentNamed('message').map((m) => m.attrs['id'])).toContain('now1');
    await written;
    // The outbox watch sees the row too, and leaves it: it is in flight. It drains in order, so
    // once a message queued after it has gone out, it has passed this one.
    await queueOutgoing(db, mine('later1'));
    await sentMessage('later1');
    expect(session.sentNamed('message').filter((m) => m.attrs['id'] === 'now1')).toHaveLength(1);
    session.ack('now1');
    session.ack('later1');
    await until(async () => expect((await db.messages.get('now1'))?.state).toBe('sent'));
    await until(async () => expect(await db.outbox.count()).toBe(0));
  });

  it('a message typed here never overtakes one queued before it', async () => {
    // The outbox on its own, to type a message at a chosen moment of a drain.
    engine.stop();
    session.sent = [];
    const outbox = createOutbox({ db, session, account: ME, log: (m) => logs.push(m) });
    await queueOutgoing(db, mine('first')); // queued while offline
    outbox.setOnline(true); // a drain begins: it is reading the outbox
    const ids = () => session.sentNamed('message').map((m) => m.attrs['id']);
    const written = queueMessage(db, mine('second'));
    expect(ids()).not.toContain('second'); // its turn has not come
    await written;
    await until(() => expect(ids()).toEqual(['first', 'second']));
    // Nothing waits now: the next one goes at once, in the task of its write.
    const thirdWritten = queueMessage(db, mine('third'));
    expect(ids()).toEqual(['first', 'second', 'third']);
    await thirdWritten;
    // Nothing was sent twice: one queued after them goes out, in order, right after them.
    await queueOutgoing(db, mine('fourth'));
    await sentMessage('fourth');
    expect(ids()).toEqual(['first', 'second', 'third', 'fourth']);
    outbox.stop();
  });

  it('a message to a room is not sent early: it waits for the join', async () => {
    await db.rooms.put({ jid: 'room@conf.example.com', nick: 'me', status: 'joining' } as never);
    engine.stop();
    const ready = sessionReady();
    engine = startEngine({ db, session, account: ME, log: (m) => logs.push(m) });
    await ready();
    const written = queueMessage(db, mine('r0', 'room@conf.example.com'));
    expect(session.sentNamed('message').some((m) => m.attrs['id'] === 'r0')).toBe(false);
    await written;
    // The outbox drains in order: once a message to Bob queued after it is out, it was passed.
    await queueOutgoing(db, mine('bob0'));
    await sentMessage('bob0');
    expect(session.sentNamed('message').some((m) => m.attrs['id'] === 'r0')).toBe(false);
  });

  it('a message to a room waits for the join', async () => {
    await db.rooms.put({ jid: 'room@conf.example.com', nick: 'me', status: 'joining' } as never);
    const msg = {
      id: 'r1',
      peer: 'room@conf.example.com',
      direction: 'out' as const,
      body: 'hi room',
      at: Date.now(),
      state: 'queued' as const,
      originId: 'r1',
    };
    await queueOutgoing(db, msg);
    // A message to Bob queued after it goes out: the outbox drains in order, so by then it
    // has passed the room's message and left it waiting (no fixed wait: that proves nothing).
    await queueOutgoing(db, { ...msg, id: 'bob1', originId: 'bob1', peer: 'bob@example.com' });
    const sentIds = () => session.sentNamed('message').map((m) => m.attrs['id']);
    await sentMessage('bob1');
    expect(sentIds()).not.toContain('r1');
  });

  it('on a server without stream management, a written message counts as sent', async () => {
    session.smEnabled = false;
    await queue('nosm');
    await sentMessage('nosm');
    await until(async () => expect((await db.messages.get('nosm'))?.state).toBe('sent'));
    await until(async () => expect(await db.outbox.count()).toBe(0));
  });

  it('marks delivered only on a receipt from the peer it went to', async () => {
    await queue('out2');
    await sentMessage('out2');
    session.ack('out2');
    await until(async () => expect((await db.messages.get('out2'))?.state).toBe('sent'));
    session.inject(
      '<message from="mallory@example.com/x" type="chat"><received xmlns="urn:xmpp:receipts" id="out2"/></message>',
    );
    await handled(session, db);
    expect((await db.messages.get('out2'))?.state).toBe('sent');
    session.inject(
      '<message from="bob@example.com/x" type="chat"><received xmlns="urn:xmpp:receipts" id="out2"/></message>',
    );
    await until(async () => expect((await db.messages.get('out2'))?.state).toBe('delivered'));
  });

  it('marks a message failed when the server bounces it', async () => {
    await queue('out3');
    await sentMessage('out3');
    session.inject(
      `<message from="bob@example.com" type="error" id="out3"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`,
    );
    await until(async () =>
      expect(await db.messages.get('out3')).toMatchObject({
        state: 'failed',
        error: 'service-unavailable',
      }),
    );
  });

  it('does not fail a message the server took when the recipient session went away', async () => {
    await queue('out4');
    await sentMessage('out4');
    session.ack('out4');
    await until(async () => expect((await db.messages.get('out4'))?.state).toBe('sent'));
    session.inject(
      `<message from="bob@example.com/phone" type="error" id="out4"><error type="wait"><recipient-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`,
    );
    await handled(session, db);
    expect((await db.messages.get('out4'))?.state).toBe('sent');
  });

  it('holds messages while offline and sends them in order when back', async () => {
    session.goOffline(); // the outbox is told at once, before anything below is queued
    await until(async () =>
      expect((await db.meta.get('connection')) as { status: string }).toMatchObject({
        status: 'offline',
      }),
    );
    session.sent = [];
    await queue('q1');
    await queue('q2');
    expect(session.sentNamed('message')).toHaveLength(0);
    session.goOnline(true);
    await until(() =>
      expect(session.sentNamed('message').map((m) => m.attrs['id'])).toEqual(['q1', 'q2']),
    );
  });
});

describe('roster and presence trust', () => {
  it('applies a roster push from our own server and refuses a forged one', async () => {
    const ok = await session.injectIq(
      '<iq type="set" id="p1"><query xmlns="jabber:iq:roster" ver="v2"><item jid="carol@example.com" subscription="none" ask="subscribe"/></query></iq>',
    );
    const forged = await session.injectIq(
      '<iq type="set" id="p2" from="mallory@evil.example/x"><query xmlns="jabber:iq:roster"><item jid="evil@evil.example" subscription="both"/></query></iq>',
    );
    await until(async () =>
      expect(await db.contacts.get('carol@example.com')).toMatchObject({ ask: 'subscribe' }),
    );
    expect(ok).toBe('result');
    expect(forged).toBe('error');
    expect(await db.contacts.get('carol@example.com')).toMatchObject({ ask: 'subscribe' });
    expect(await db.contacts.get('evil@evil.example')).toBeUndefined();
  });

  it('shows when a contact removes us', async () => {
    await session.injectIq(
      '<iq type="set" id="p3"><query xmlns="jabber:iq:roster"><item jid="bob@example.com" subscription="from"/></query></iq>',
    );
    await until(async () =>
      expect((await db.contacts.get('bob@example.com'))?.lostSubscriptionAt).toBeTypeOf('number'),
    );
  });

  it('keeps presence per resource and shows the contact offline when all leave', async () => {
    session.inject(
      '<presence from="bob@example.com/a"><show>away</show><status>lunch</status></presence>',
    );
    session.inject('<presence from="bob@example.com/b"><show>dnd</show></presence>');
    await until(async () =>
      expect(await db.presences.where('jid').equals('bob@example.com').count()).toBe(2),
    );
    session.inject('<presence from="bob@example.com/a" type="unavailable"/>');
    session.inject('<presence from="bob@example.com/b" type="unavailable"/>');
    await until(async () => expect(await db.presences.count()).toBe(0));
  });

  it('stores a subscription request, and accepting approves and asks back', async () => {
    session.inject('<presence from="dave@example.com" type="subscribe"/>');
    await until(async () => expect(await db.requests.get('dave@example.com')).toBeTruthy());
    session.sent = [];
    await addTask(db, { kind: 'acceptRequest', jid: 'dave@example.com' });
    await until(async () => expect(await db.requests.get('dave@example.com')).toBeUndefined());
    await until(async () => expect(await db.tasks.count()).toBe(0));
    const types = session.sentNamed('presence').map((p) => `${p.attrs['type']}:${p.attrs['to']}`);
    expect(types).toEqual(['subscribed:dave@example.com', 'subscribe:dave@example.com']);
    expect(await db.requests.get('dave@example.com')).toBeUndefined();
  });

  it('sends our presence again to a contact who approves us, and to nobody else', async () => {
    // ejabberd gives PEP events (name, picture) only to contacts whose presence reached our
    // session while they could see us; the approval is when that becomes true for them.
    await session.injectIq(
      '<iq type="set" id="p4"><query xmlns="jabber:iq:roster"><item jid="fay@example.com" subscription="both"/></query></iq>',
    );
    await session.injectIq(
      '<iq type="set" id="p5"><query xmlns="jabber:iq:roster"><item jid="gus@example.com" subscription="none" ask="subscribe"/></query></iq>',
    );
    await until(async () => expect(await db.contacts.get('gus@example.com')).toBeTruthy());
    session.sent = [];
    // Someone we never let see us (gus), and a stranger: nothing goes to them.
    session.inject('<presence from="gus@example.com" type="subscribed"/>');
    session.inject('<presence from="mallory@evil.example" type="subscribed"/>');
    session.inject('<presence from="fay@example.com" type="subscribed"/>');
    const sent = await session.waitForSent((e) => e.name === 'presence');
    expect(sent.attrs['to']).toBe('fay@example.com');
    expect(sent.attrs['type']).toBeUndefined();
    expect(sent.getChild('c', 'http://jabber.org/protocol/caps')).toBeTruthy();
    expect(session.sentNamed('presence')).toHaveLength(1);
  });

  it('adds a contact: roster set then subscribe', async () => {
    session.sent = [];
    await addTask(db, { kind: 'addContact', jid: 'erin@example.com', name: 'Erin', groups: [] });
    await session.waitForSent((e) => e.name === 'presence');
    await until(async () => expect(await db.tasks.count()).toBe(0));
    expect(session.sent.map((e) => e.name)).toEqual(['iq', 'presence']);
    expect(session.sent[1]?.attrs['type']).toBe('subscribe');
  });
});
