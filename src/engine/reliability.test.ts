import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountDb, addTask, queueOutgoing, setMeta } from '../db';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import type { Engine } from '.';
import { MAX_TRIES } from './outbox';
import { emptyAnswer, handled, sessionReady, startTestEngine, until } from './testing';

const ME = 'me@example.com';
let db: AccountDb;
let session: FakeSession;
let engine: Engine;
/** Archive pages the fake server answers MAM queries with, by query order. */
let archivePages: Array<{ items: string[]; complete: boolean }>;
let mamQueries: Array<{ after?: string; before?: string; with?: string }>;

/** A message typed here, queued to send. */
function typed(db: AccountDb, id: string, m: { peer: string; body: string; at: number }) {
  return queueOutgoing(db, { id, direction: 'out', state: 'queued', ...m });
}

const logs: string[] = [];
const unknownIds = new Set<string>();
/** The chat message with this id, once it has been sent. */
const sentMessage = (id: string) =>
  session.waitForSent((e) => e.name === 'message' && e.attrs['id'] === id);
const stateOf = async (id: string) => (await db.messages.get(id))?.state;

function archived(id: string, from: string, to: string, body: string, originId = id, extra = '') {
  return `<forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:00:${id.padStart(2, '0').slice(-2)}Z"/>
    <message xmlns="jabber:client" from="${from}" to="${to}" type="chat" id="${originId}"><body>${body}</body>
    <origin-id xmlns="urn:xmpp:sid:0" id="${originId}"/>${extra}</message></forwarded>`;
}

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  archivePages = [];
  mamQueries = [];
  unknownIds.clear();
  logs.length = 0;
  session.answerIq((iq) => {
    const q = iq.getChild('query', 'urn:xmpp:mam:2');
    if (q) {
      const set = q.getChild('set', 'http://jabber.org/protocol/rsm');
      const withField = q
        .getChild('x', 'jabber:x:data')
        ?.getChildren('field')
        .find((f) => f.attrs['var'] === 'with');
      mamQueries.push({
        ...(set?.getChildText('after') ? { after: set.getChildText('after') ?? '' } : {}),
        ...(set?.getChild('before') ? { before: set.getChildText('before') ?? '' } : {}),
        ...(withField ? { with: withField.getChildText('value') ?? '' } : {}),
      });
      // An id this archive does not know (expired, or given by another archive).
      const before = set?.getChildText('before');
      if (before && unknownIds.has(before))
        return parseXml(
          `<iq type="error" id="${iq.attrs['id']}"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
        );
      const page = archivePages.shift() ?? { items: [], complete: true };
      const queryId = q.attrs['queryid'] ?? '';
      // Results arrive before the IQ answer, as from a real server.
      for (const item of page.items) {
        const id = /stamp="[^"]*:(\d\d)Z"/.exec(item)?.[1] ?? '0';
        session.inject(
          `<message to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="${queryId}" id="arch-${id}">${item}</result></message>`,
        );
      }
      const last = page.items.length ? `arch-${page.items.length}` : undefined;
      return parseXml(
        `<iq type="result" id="${iq.attrs['id']}"><fin xmlns="urn:xmpp:mam:2" ${page.complete ? 'complete="true"' : ''}><set xmlns="http://jabber.org/protocol/rsm">${last ? `<last>${last}</last>` : ''}</set></fin></iq>`,
      );
    }
    return emptyAnswer(iq);
  });
});

afterEach(() => {
  engine?.stop();
  db.close();
});

async function start() {
  engine = await startTestEngine(db, session, ME, (m) => logs.push(m));
}

describe('receipts are owed durably', () => {
  it('queues the receipt with the message and keeps it until the server acknowledges it', async () => {
    await start();
    session.inject(
      `<message from="bob@example.com/x" type="chat" id="b1"><body>hi</body><request xmlns="urn:xmpp:receipts"/></message>`,
    );
    const isReceipt = (e: ReturnType<typeof xml>) => !!e.getChild('received', 'urn:xmpp:receipts');
    const receipt = await session.waitForSent(isReceipt);
    expect(receipt?.getChild('received')?.attrs['id']).toBe('b1');
    expect(await db.outbox.count()).toBe(1);
    // The link dies before the ack: a new session sends the receipt again.
    session.goOffline();
    session.sent = [];
    const ready = sessionReady();
    session.goOnline(false);
    await session.waitForSent(isReceipt);
    await ready();
    const again = session.sent.filter(isReceipt);
    expect(again).toHaveLength(1);
    session.ack(again[0]?.attrs['id'] ?? '');
    await until(async () => expect(await db.outbox.count()).toBe(0));
  });
});

describe('a message that is never acknowledged', () => {
  it('is marked failed after the bounded number of tries, and can be retried', async () => {
    await start();
    await typed(db, 'm1', { peer: 'bob@example.com', body: 'x', at: 1 });
    const sends = () => session.sentNamed('message').filter((m) => m.attrs['id'] === 'm1').length;
    await sentMessage('m1');
    for (let i = 0; i < MAX_TRIES; i++) {
      session.goOffline();
      session.goOnline(false);
      // Each new session counts a try and sends it again, until the last try marks it failed.
      if (i < MAX_TRIES - 1) await until(() => expect(sends()).toBe(i + 2));
    }
    await until(async () => expect(await stateOf('m1')).toBe('failed'));
    const { retryMessage } = await import('../db').then((m) => ({
      retryMessage: m.requeueMessage,
    }));
    await retryMessage(db, 'm1');
    await until(() => expect(sends()).toBe(MAX_TRIES + 1));
    await new Promise((r) => setTimeout(r, 0)); // an ack comes over the network, in a later task
    expect((await db.messages.get('m1'))?.state).toBe('queued');
    session.ack('m1');
    await until(async () => expect(await stateOf('m1')).toBe('sent'));
  });
});

describe('a link that is closing', () => {
  it('does not use up tries: the message waits and goes out with the next session', async () => {
    await start();
    session.closing = true;
    for (let i = 0; i < 12; i++) {
      await typed(db, `c${i}`, { peer: 'bob@example.com', body: 'x', at: i });
    }
    // The outbox tried and stopped at the first: the link refused it.
    await until(() => expect(logs).toContain('outbox paused'));
    expect((await db.messages.get('c0'))?.state).toBe('queued');
    session.closing = false;
    session.goOffline();
    session.goOnline(false);
    const ids = () => session.sentNamed('message').map((m) => m.attrs['id']);
    await until(() => expect(ids()).toEqual(Array.from({ length: 12 }, (_, i) => `c${i}`)));
  });
});

describe('a new stream whose set-up is cut off, then resumed', () => {
  it('still sends again what the stream before it took but never acknowledged', async () => {
    await start();
    await typed(db, 'm1', { peer: 'bob@example.com', body: 'before the crash', at: 1 });
    await sentMessage('m1');
    // The server dies before acknowledging it. A new stream begins (the old one could not be
    // resumed: its queue is gone with it), and its link is cut during its set-up.
    session.goOffline();
    let cut = true;
    session.answerIq((iq) => {
      if (cut && iq.getChild('query', 'jabber:iq:roster')) {
        cut = false;
        session.goOffline();
        throw new Error("Cannot read properties of null (reading 'write')");
      }
      return xml('iq', { type: 'result', id: iq.attrs['id'] });
    });
    session.goOnline(false);
    await until(() => expect(cut).toBe(false));
    // That new stream is resumed: the message goes out on it, counted as a second try.
    session.goOnline(true);
    await until(() =>
      expect(session.sentNamed('message').filter((m) => m.attrs['id'] === 'm1')).toHaveLength(2),
    );
    expect((await db.outbox.get('m1'))?.tries).toBe(1);
    session.ack('m1');
    await until(async () => expect(await stateOf('m1')).toBe('sent'));
  });
});

describe('a request the server refuses', () => {
  it('is recorded for the person to see, and the queue goes on', async () => {
    session.answerIq((iq) =>
      iq.getChild('query', 'jabber:iq:roster') && iq.attrs['type'] === 'set'
        ? parseXml(
            `<iq type="error" id="${iq.attrs['id']}"><error type="cancel"><not-allowed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
          )
        : parseXml(`<iq type="result" id="${iq.attrs['id']}"/>`),
    );
    await start();
    await addTask(db, { kind: 'addContact', jid: 'zed@example.com', groups: [] });
    await addTask(db, { kind: 'setPresence' });
    await until(async () =>
      expect(await db.meta.get('lastTaskError')).toMatchObject({
        kind: 'addContact',
        error: 'not-allowed',
      }),
    );
    await until(async () => expect(await db.tasks.count()).toBe(0));
  });
});

describe('retrying a bounced message', () => {
  it('sends it as a new message, untouched by late acks of the first attempt', async () => {
    await start();
    await typed(db, 'b1', { peer: 'bob@example.com', body: 'x', at: 1 });
    await sentMessage('b1');
    session.inject(
      `<message from="bob@example.com" type="error" id="b1"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`,
    );
    await until(async () => expect(await stateOf('b1')).toBe('failed'));
    const { requeueMessage } = await import('../db');
    const retryId = await requeueMessage(db, 'b1');
    expect(retryId).toBeTypeOf('string');
    expect(retryId).not.toBe('b1');
    const resent = await sentMessage(retryId ?? '');
    // Acks are applied in batches, each ending with a delete from the outbox: once the late
    // ack's batch has made its delete, it has done all it would do.
    const deletes = vi.spyOn(db.outbox, 'bulkDelete');
    session.ack('b1'); // the server's ack for the first attempt arrives late
    await until(() => expect(deletes).toHaveBeenCalled());
    deletes.mockRestore();
    expect((await db.messages.get(retryId ?? ''))?.state).toBe('queued');
    expect(resent?.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs['id']).toBe(retryId);
    session.ack(retryId ?? '');
    await until(async () => expect(await stateOf(retryId ?? '')).toBe('sent'));
    expect(await db.messages.count()).toBe(1);
  });
});

describe('chat markers', () => {
  it('marks our messages read up to the one the peer displayed, only from that peer', async () => {
    await start();
    for (const [id, at] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const) {
      await typed(db, id, { peer: 'bob@example.com', body: id, at });
    }
    await sentMessage('c');
    for (const id of ['a', 'b', 'c']) session.ack(id);
    await until(async () => expect(await stateOf('c')).toBe('sent'));
    session.inject(
      '<message from="eve@example.com/x" type="chat"><displayed xmlns="urn:xmpp:chat-markers:0" id="b"/></message>',
    );
    await handled(session, db);
    expect((await db.messages.get('b'))?.state).toBe('sent');
    session.inject(
      '<message from="bob@example.com/x" type="chat"><displayed xmlns="urn:xmpp:chat-markers:0" id="b"/></message>',
    );
    await handled(session, db);
    const states = await Promise.all(
      ['a', 'b', 'c'].map(async (id) => (await db.messages.get(id))?.state),
    );
    expect(states).toEqual(['displayed', 'displayed', 'sent']);
  });

  it('sends a displayed marker for a markable message read in the open conversation', async () => {
    await start();
    await setMeta(db, 'openPeer', 'bob@example.com');
    session.inject(
      '<message from="bob@example.com/x" type="chat" id="r1"><body>read me</body><markable xmlns="urn:xmpp:chat-markers:0"/></message>',
    );
    const marker = await session.waitForSent(
      (e) => !!e.getChild('displayed', 'urn:xmpp:chat-markers:0'),
    );
    expect(marker?.getChild('displayed')?.attrs['id']).toBe('r1');
    expect(marker?.attrs['to']).toBe('bob@example.com');
  });
});

describe('carbons', () => {
  it('files a sent carbon as our outgoing message and a received one as incoming', async () => {
    await start();
    session.inject(`<message from="${ME}" to="${ME}/parley"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
      <message xmlns="jabber:client" from="${ME}/phone" to="bob@example.com" type="chat" id="p1"><body>from my phone</body></message></forwarded></sent></message>`);
    session.inject(`<message from="${ME}" to="${ME}/parley"><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
      <message xmlns="jabber:client" from="bob@example.com/x" to="${ME}/phone" type="chat" id="p2"><body>to my phone</body><request xmlns="urn:xmpp:receipts"/></message></forwarded></received></message>`);
    await handled(session, db);
    const rows = (await db.messages.toArray()).sort((a, b) => a.at - b.at);
    expect(rows.map((r) => [r.direction, r.peer, r.body])).toEqual([
      ['out', 'bob@example.com', 'from my phone'],
      ['in', 'bob@example.com', 'to my phone'],
    ]);
    // The phone answers the receipt; this tab must not (a receipt is owed in the outbox, written
    // with the message, before it is sent: none is owed, so none comes later either).
    expect(await db.outbox.count()).toBe(0);
    expect(session.sent.some((e) => e.getChild('received', 'urn:xmpp:receipts'))).toBe(false);
  });

  it('refuses a forged carbon from someone else, and a group message by carbon', async () => {
    await start();
    session.inject(`<message from="mallory@evil.example" to="${ME}/parley"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
      <message xmlns="jabber:client" from="${ME}/phone" to="bob@example.com" type="chat" id="f1"><body>I never said this</body></message></forwarded></sent></message>`);
    session.inject(`<message from="${ME}" to="${ME}/parley"><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
      <message xmlns="jabber:client" from="room@muc.example.com/eve" to="${ME}" type="groupchat" id="f2"><body>room</body></message></forwarded></received></message>`);
    await handled(session, db);
    expect(await db.messages.count()).toBe(0);
  });

  it('clears unread when we read the conversation on another device', async () => {
    await start();
    session.inject(
      '<message from="bob@example.com/x" type="chat" id="u1"><body>one</body></message>',
    );
    await handled(session, db);
    expect((await db.conversations.get('bob@example.com'))?.unread).toBe(1);
    session.inject(`<message from="${ME}" to="${ME}/parley"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
      <message xmlns="jabber:client" from="${ME}/phone" to="bob@example.com" type="chat" id="d1"><displayed xmlns="urn:xmpp:chat-markers:0" id="u1"/></message></forwarded></sent></message>`);
    await handled(session, db);
    expect((await db.conversations.get('bob@example.com'))?.unread).toBe(0);
  });
});

describe('archive (XEP-0313)', () => {
  it('catches up page by page after the last id seen, once each, counting unread', async () => {
    await setMeta(db, 'mamLastId', 'arch-00');
    archivePages = [
      {
        items: [
          archived('1', 'bob@example.com/x', ME, 'one'),
          archived('2', `${ME}/phone`, 'bob@example.com', 'two'),
        ],
        complete: false,
      },
      {
        items: [
          archived(
            '3',
            'carol@example.com/y',
            ME,
            'three',
            '3',
            '<request xmlns="urn:xmpp:receipts"/>',
          ),
        ],
        complete: true,
      },
    ];
    // One of them also arrived live before the catch-up: it must not show twice.
    await start();
    session.inject(
      `<message from="bob@example.com/x" type="chat" id="1"><body>one</body><origin-id xmlns="urn:xmpp:sid:0" id="1"/></message>`,
    );
    await handled(session, db);
    expect(mamQueries[0]).toEqual({ after: 'arch-00' });
    expect(mamQueries[1]).toEqual({ after: 'arch-2' });
    const rows = await db.messages.toArray();
    expect(rows.map((r) => r.body).sort()).toEqual(['one', 'three', 'two']);
    expect((await db.conversations.get('carol@example.com'))?.unread).toBe(1);
    expect(await db.meta.get('mamLastId')).toBe('arch-1');
    // Carol asked for a receipt and never got one while we were away: she gets it now.
    await session.waitForSent((e) => !!e.getChild('received', 'urn:xmpp:receipts'));
    expect(await db.outbox.count()).toBe(1); // owed once, sent, not yet acknowledged
    const receipts = session.sent.filter((e) => e.getChild('received', 'urn:xmpp:receipts'));
    expect(receipts.map((r) => [r.attrs['to'], r.getChild('received')?.attrs['id']])).toEqual([
      ['carol@example.com', '3'],
    ]);
  });

  it('the next catch-up starts after the newest message that arrived live', async () => {
    await start(); // caught up: nothing in the archive
    for (const n of [1, 2, 3])
      session.inject(
        `<message from="bob@example.com/x" type="chat" id="l${n}"><body>live ${n}</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="live-${n}"/></message>`,
      );
    // Written once the burst is over (at most every half second), the newest id.
    await until(async () => expect(await db.meta.get('mamLastId')).toBe('live-3'));
  });

  it('answers a caught-up conversation with one received marker, honoured up to that message', async () => {
    await setMeta(db, 'mamLastId', 'arch-00');
    const markable =
      '<request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/>';
    archivePages = [
      {
        items: ['1', '2', '3'].map((n) =>
          archived(n, 'erin@example.com/x', ME, `m${n}`, `e${n}`, markable),
        ),
        complete: true,
      },
    ];
    await start();
    // What was owed is in the outbox, oldest first: once the marker is out, all before it are.
    const isMarker = (e: ReturnType<typeof xml>) =>
      e.getChild('received', 'urn:xmpp:chat-markers:0')?.attrs['id'] === 'e3';
    await session.waitForSent(isMarker);
    expect(await db.outbox.count()).toBe(1); // nothing else owed: nothing else comes later
    const acks = session.sent.filter(
      (e) =>
        e.getChild('received', 'urn:xmpp:receipts') ||
        e.getChild('received', 'urn:xmpp:chat-markers:0'),
    );
    expect(
      acks.map((e) => [e.getChild('received')?.getNS(), e.getChild('received')?.attrs['id']]),
    ).toEqual([['urn:xmpp:chat-markers:0', 'e3']]);
    // And as a sender: a received marker moves every earlier message of ours to delivered.
    for (const [id, at] of [
      ['s1', 1],
      ['s2', 2],
    ] as const) {
      await typed(db, id, { peer: 'erin@example.com', body: id, at });
    }
    await sentMessage('s2');
    session.ack('s1');
    session.ack('s2');
    await until(async () => expect(await stateOf('s2')).toBe('sent'));
    expect(await stateOf('s1')).toBe('sent');
    session.inject(
      '<message from="erin@example.com/x" type="chat"><received xmlns="urn:xmpp:chat-markers:0" id="s2"/></message>',
    );
    await handled(session, db);
    expect((await db.messages.get('s1'))?.state).toBe('delivered');
    expect((await db.messages.get('s2'))?.state).toBe('delivered');
  });

  it('after an empty archive, the next session catches up everything from then on', async () => {
    await start(); // fresh browser, empty archive: the newest page is empty
    expect(await db.meta.get('mamSince')).toBeTypeOf('string');
    archivePages = [
      { items: [archived('1', 'dan@example.com/x', ME, 'while away')], complete: true },
    ];
    session.goOffline();
    const ready = sessionReady();
    session.goOnline(false);
    await ready();
    const q = session.sent.filter((e) => e.getChild('query', 'urn:xmpp:mam:2')).at(-1);
    const fields = q?.getChild('query')?.getChild('x', 'jabber:x:data')?.getChildren('field') ?? [];
    expect(fields.map((f) => f.attrs['var'])).toContain('start');
    await until(async () =>
      expect((await db.conversations.get('dan@example.com'))?.unread).toBe(1),
    );
  });

  it('refuses results for a query we did not open, or from another archive', async () => {
    await start();
    session.inject(
      `<message to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="not-mine" id="x1">${archived('9', 'bob@example.com/x', ME, 'forged')}</result></message>`,
    );
    archivePages = [{ items: [], complete: true }];
    await addTask(db, { kind: 'loadOlder', peer: 'bob@example.com' });
    // It says it is loading and, the page stored, that it is done.
    await until(async () => expect(await db.meta.get('loadingOlder')).toBe(''));
    expect(await db.messages.count()).toBe(0);
  });

  it('loads older pages of one conversation before its oldest message, until complete', async () => {
    await start();
    session.inject(
      `<message from="bob@example.com/x" type="chat" id="n1"><body>newest</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="arch-50"/></message>`,
    );
    await handled(session, db);
    archivePages = [{ items: [archived('1', 'bob@example.com/x', ME, 'older')], complete: true }];
    await addTask(db, { kind: 'loadOlder', peer: 'bob@example.com' });
    await until(async () => expect(await db.meta.get('loadingOlder')).toBe(''));
    const q = mamQueries.at(-1);
    expect(q).toEqual({ before: 'arch-50', with: 'bob@example.com' });
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@example.com', -Infinity], ['bob@example.com', Infinity])
      .toArray();
    expect(rows.map((r) => r.body)).toEqual(['older', 'newest']);
    expect((await db.conversations.get('bob@example.com'))?.historyComplete).toBe(true);
    expect((await db.conversations.get('bob@example.com'))?.unread).toBe(1);
  });
  it('pages back by time when the archive does not know the id of the oldest message here', async () => {
    await start();
    session.inject(
      `<message from="bob@example.com/x" type="chat" id="n1"><body>newest</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="gone-1"/></message>`,
    );
    await handled(session, db);
    unknownIds.add('gone-1');
    archivePages = [{ items: [archived('1', 'bob@example.com/x', ME, 'older')], complete: true }];
    await addTask(db, { kind: 'loadOlder', peer: 'bob@example.com' });
    await until(async () => expect(await db.meta.get('loadingOlder')).toBe(''));
    // Asked by the id first, then by time: the older message is there, none lost.
    expect(mamQueries.slice(-2)).toEqual([
      { before: 'gone-1', with: 'bob@example.com' },
      { before: '', with: 'bob@example.com' },
    ]);
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@example.com', -Infinity], ['bob@example.com', Infinity])
      .toArray();
    expect(rows.map((r) => r.body)).toEqual(['older', 'newest']);
  });

  it('an archived room invitation is not stored as a line of conversation', async () => {
    // A new browser: the newest page of our archive holds a room's mediated invitation (with
    // the body servers add for old clients) and a chat message.
    archivePages = [
      {
        items: [
          `<forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:00:01Z"/>
            <message xmlns="jabber:client" from="shop@conference.example.com" to="${ME}"><body>guest invited you to the room shop@conference.example.com</body>
            <x xmlns="http://jabber.org/protocol/muc#user"><invite from="guest@example.com/w"><reason>help</reason></invite></x></message></forwarded>`,
          archived('2', 'bob@example.com/x', ME, 'hello'),
        ],
        complete: true,
      },
    ];
    await start();
    await until(async () => expect(await db.messages.count()).toBe(1));
    await handled(session, db);
    expect((await db.messages.toArray()).map((m) => [m.peer, m.body])).toEqual([
      ['bob@example.com', 'hello'],
    ]);
    expect(await db.conversations.get('shop@conference.example.com')).toBeUndefined();
  });
});

describe('connectivity', () => {
  it('reconnects by itself after a drop, with backoff, and resumes sending', async () => {
    await start();
    expect(session.keepalive).toEqual([1000, 500]);
    session.nextReconnect = 'fail';
    session.goOffline();
    await until(() => expect(session.reconnects).toBeGreaterThan(0));
    await until(async () =>
      expect((await db.meta.get('connection')) as { status: string }).toMatchObject({
        status: 'offline',
      }),
    );
    session.nextReconnect = 'resumed';
    await until(async () =>
      expect((await db.meta.get('connection')) as { status: string }).toMatchObject({
        status: 'online',
      }),
    );
  });

  it('stops trying and asks for the password when the kept keys are refused', async () => {
    await start();
    session.nextReconnect = 'auth';
    session.goOffline();
    await until(async () =>
      expect((await db.meta.get('connection')) as { error: string }).toMatchObject({
        status: 'offline',
        error: 'auth',
      }),
    );
    // Given up: a retry is always announced with its time (retryAt) before it is waited for,
    // and the row says there is none to come.
    expect(((await db.meta.get('connection')) as { retryAt?: number }).retryAt).toBeUndefined();
    expect((await db.meta.get('connection')) as { error: string }).toMatchObject({
      status: 'offline',
      error: 'auth',
    });
  });
});

describe('a burst of incoming messages', () => {
  const burst = (n: number, from = 'bob@example.com/x') =>
    Array.from(
      { length: n },
      (_, i) =>
        `<message from="${from}" type="chat" id="u${i}"><body>burst ${i}</body><request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>`,
    );

  it('stores every message once, in order, answers each receipt and owes one displayed marker', async () => {
    await start();
    await setMeta(db, 'openPeer', 'bob@example.com');
    for (const s of burst(50)) session.inject(s);
    await handled(session, db);
    // Every receipt is owed with its message; the marker for the newest is owed last of all.
    await session.waitForSent(
      (e) => e.getChild('displayed', 'urn:xmpp:chat-markers:0')?.attrs['id'] === 'u49',
    );
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@example.com', 0], ['bob@example.com', Infinity])
      .toArray();
    expect(rows.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `burst ${i}`));
    const receipts = session.sent.filter((e) => e.getChild('received', 'urn:xmpp:receipts'));
    expect(receipts.map((e) => e.getChild('received')?.attrs['id'])).toEqual(
      Array.from({ length: 50 }, (_, i) => `u${i}`),
    );
    // The conversation is on screen: the newest message is marked displayed, and it covers
    // everything before it, so the peer is not sent 50 markers.
    const markers = session.sent.filter((e) => e.getChild('displayed', 'urn:xmpp:chat-markers:0'));
    expect(markers.length).toBeGreaterThanOrEqual(1);
    expect(markers.length).toBeLessThan(10);
    expect(markers.at(-1)?.getChild('displayed')?.attrs['id']).toBe('u49');
    expect((await db.conversations.get('bob@example.com'))?.unread).toBe(0);
  });

  it('loses no message of a batch when one of them cannot be stored', async () => {
    await start();
    // The disk refuses one message's row (whether written alone or with others).
    const bad = (row: { body: string }) => row.body === 'burst 3';
    const realAdd = db.messages.add.bind(db.messages);
    const realBulkAdd = db.messages.bulkAdd.bind(db.messages);
    let calls = 0;
    db.messages.add = ((row: Parameters<typeof realAdd>[0]) => {
      calls += 1;
      return bad(row) ? Promise.reject(new Error('disk says no')) : realAdd(row);
    }) as typeof db.messages.add;
    db.messages.bulkAdd = ((rows: Parameters<typeof realAdd>[0][]) => {
      calls += 1;
      return rows.some(bad) ? Promise.reject(new Error('disk says no')) : realBulkAdd(rows);
    }) as typeof db.messages.bulkAdd;
    for (const s of burst(8)) session.inject(s);
    await handled(session, db);
    const bodies = (await db.messages.toArray()).map((m) => m.body).sort();
    expect(bodies).toEqual([
      'burst 0',
      'burst 1',
      'burst 2',
      'burst 4',
      'burst 5',
      'burst 6',
      'burst 7',
    ]);
    expect(calls).toBeGreaterThan(1); // the batch failed as a whole and was tried one by one
  });
});
