// Group chat in the engine against a fake server: joining, the trust rules with forged
// stanzas, reflection, mentions, private messages, the room archive, kicks and nick clashes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountDb,
  addTask,
  queueOutgoing,
  requestJoin,
  requestLeave,
  setMeta,
  TYPING_FRESH_MS,
  typingNow,
} from '../db';
import { FakeSession, parseXml } from '../xmpp/fake';
import type { Engine } from '.';
import { handled, startTestEngine, untilTrue as until } from './testing';

const ME = 'me@example.com';
const ROOM = 'team@conference.example.com';
const MUC_USER = 'http://jabber.org/protocol/muc#user';

let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;
/** Archive items the room answers MAM queries with. */
let roomArchive: Array<{ id: string; nick: string; body: string; originId?: string }>;
let roomQueries: Array<{ to?: string; after?: string; before?: boolean }>;
/** Disco#info features of the room. */
let roomFeatures: string[];
/** The room's archive answer carries a result from someone else (a forgery). */
let forgeArchive: boolean;
/** Messages in our own account's archive (forwarded <message/>s), answered once. */
let ownArchive: string[];
/** What the engine logged. */
let logs: string[];
/** Waited for before a PubSub publish (our bookmark) is answered. */
let holdPublish: (() => Promise<void>) | null;

function presence(
  nick: string,
  opts: { self?: boolean; role?: string; extra?: string; type?: string } = {},
) {
  const type = opts.type ? ` type="${opts.type}"` : '';
  return `<presence from="${ROOM}/${nick}" to="${ME}/parley"${type}><x xmlns="${MUC_USER}"><item affiliation="member" role="${opts.role ?? 'participant'}"/>${opts.self ? '<status code="110"/>' : ''}${opts.extra ?? ''}</x><occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-${nick}"/></presence>`;
}

function groupchat(
  nick: string,
  body: string,
  opts: { id?: string; originId?: string; sid?: string; from?: string } = {},
) {
  const from = opts.from ?? `${ROOM}/${nick}`;
  return `<message from="${from}" to="${ME}/parley" type="groupchat" id="${opts.id ?? 'g1'}"><body>${body}</body>${opts.originId ? `<origin-id xmlns="urn:xmpp:sid:0" id="${opts.originId}"/>` : ''}<stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="${opts.sid ?? crypto.randomUUID()}"/><occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-${nick}"/></message>`;
}

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  roomArchive = [];
  roomQueries = [];
  forgeArchive = false;
  ownArchive = [];
  logs = [];
  holdPublish = null;
  roomFeatures = ['http://jabber.org/protocol/muc', 'urn:xmpp:mam:2', 'urn:xmpp:occupant-id:0'];
  session.answerIq(async (iq) => {
    const id = iq.attrs['id'];
    const to = iq.attrs['to'];
    if (
      holdPublish &&
      iq.getChild('pubsub', 'http://jabber.org/protocol/pubsub')?.getChild('publish')
    )
      await holdPublish();
    if (to === ROOM && iq.getChild('query', 'http://jabber.org/protocol/disco#info'))
      return parseXml(
        `<iq type="result" id="${id}" from="${ROOM}"><query xmlns="http://jabber.org/protocol/disco#info"><identity category="conference" type="text" name="Team"/>${roomFeatures.map((f) => `<feature var="${f}"/>`).join('')}<x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roominfo</value></field><field var="muc#roominfo_description"><value>Where the team meets</value></field></x></query></iq>`,
      );
    const mam = iq.getChild('query', 'urn:xmpp:mam:2');
    if (mam && to === ROOM) {
      const set = mam.getChild('set', 'http://jabber.org/protocol/rsm');
      const after = set?.getChildText('after') ?? undefined;
      roomQueries.push({
        to,
        ...(after ? { after } : {}),
        ...(set?.getChild('before') ? { before: true } : {}),
      });
      if (forgeArchive)
        session.inject(
          `<message from="mallory@example.com"><result xmlns="urn:xmpp:mam:2" queryid="${mam.attrs['queryid']}" id="x1"><forwarded xmlns="urn:xmpp:forward:0"><message xmlns="jabber:client" from="${ROOM}/alice" type="groupchat"><body>forged history</body></message></forwarded></result></message>`,
        );
      const start = after ? roomArchive.findIndex((m) => m.id === after) + 1 : 0;
      const items = roomArchive.slice(start);
      for (const m of items)
        session.inject(
          `<message from="${ROOM}" to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="${mam.attrs['queryid']}" id="${m.id}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:00:00Z"/><message xmlns="jabber:client" from="${ROOM}/${m.nick}" type="groupchat"><body>${m.body}</body>${m.originId ? `<origin-id xmlns="urn:xmpp:sid:0" id="${m.originId}"/>` : ''}</message></forwarded></result></message>`,
        );
      const last = items.at(-1)?.id;
      return parseXml(
        `<iq type="result" id="${id}"><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm">${last ? `<last>${last}</last>` : ''}</set></fin></iq>`,
      );
    }
    if (mam && !to && ownArchive.length) {
      for (const [i, item] of ownArchive.entries())
        session.inject(
          `<message to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="${mam.attrs['queryid']}" id="own${i}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:00:0${i}Z"/>${item}</forwarded></result></message>`,
        );
      ownArchive = [];
      return parseXml(
        `<iq type="result" id="${id}"><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><last>own0</last></set></fin></iq>`,
      );
    }
    if (iq.getChild('query', 'jabber:iq:roster'))
      return parseXml(
        `<iq type="result" id="${id}"><query xmlns="jabber:iq:roster"><item jid="friend@example.com" subscription="both"/></query></iq>`,
      );
    return parseXml(`<iq type="result" id="${id}"/>`);
  });
});

afterEach(() => {
  engine?.stop();
  engine = undefined;
  db.close();
});

async function start() {
  engine = await startTestEngine(db, session, ME, (msg) => logs.push(msg));
}

/** Ask to join, answer as the room does (others first, then us with 110). */
async function joinRoom(nick = 'me') {
  await requestJoin(db, { jid: ROOM, nick });
  await until(() =>
    session.sent.some((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/${nick}`),
  );
  session.inject(presence('alice', { role: 'moderator' }));
  session.inject(presence(nick, { self: true }));
  await until(async () => (await db.rooms.get(ROOM))?.status === 'joined');
  await handled(session, db);
}

/** How many join presences (with the MUC <x/>) we have sent to rooms. */
const joinsSent = () =>
  session.sent.filter((e) => e.is('presence') && e.getChild('x', 'http://jabber.org/protocol/muc'))
    .length;

describe('joining a room', () => {
  it('asks for no join history when the room archives, and reads the archive instead', async () => {
    roomArchive = [
      { id: 'a1', nick: 'alice', body: 'one' },
      { id: 'a2', nick: 'bob', body: 'two' },
    ];
    await start();
    await joinRoom();
    const join = session.sent.find((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me`);
    expect(
      join?.getChild('x', 'http://jabber.org/protocol/muc')?.getChild('history')?.attrs[
        'maxstanzas'
      ],
    ).toBe('0');
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 2);
    // Occupants are kept apart from contacts' presences.
    expect(
      (await db.occupants.where('room').equals(ROOM).toArray()).map((o) => o.nick).sort(),
    ).toEqual(['alice', 'me']);
    expect(await db.presences.where('jid').equals(ROOM).count()).toBe(0);
    expect((await db.rooms.get(ROOM))?.mamLastId).toBe('a2');
  });

  /** The room's messages as stored, in order. */
  const roomBodies = async () =>
    (await db.messages.where('[peer+at]').between([ROOM, 0], [ROOM, Infinity]).toArray()).map(
      (m) => m.body,
    );

  /**
   * Joined, with 'before' (a1) read; away: the link drops while `said` is said; a new session
   * joins again (our join presence sent, not answered yet).
   */
  async function awayWhile(said: typeof roomArchive) {
    roomArchive = [{ id: 'a1', nick: 'alice', body: 'before' }];
    await start();
    await joinRoom();
    await until(async () => (await db.rooms.get(ROOM))?.mamLastId === 'a1');
    session.goOffline();
    roomArchive.push(...said);
    session.sent = [];
    session.goOnline(false);
    await until(() => session.sent.some((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me`));
  }

  it('a first join still shows the newest page when a live message comes before the archive is read', async () => {
    roomArchive = [
      { id: 'a1', nick: 'alice', body: 'said before we came' },
      { id: 'a2', nick: 'bob', body: 'also before' },
      { id: 'a3', nick: 'alice', body: 'said as we came in' },
    ];
    // The room's live copy of its newest message lands after our own presence, before the
    // engine asks the archive (it publishes the room as a bookmark first).
    holdPublish = () =>
      until(async () => (await db.messages.where('peer').equals(ROOM).count()) > 0);
    await start();
    await requestJoin(db, { jid: ROOM, nick: 'me' });
    await until(() => session.sent.some((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me`));
    session.inject(presence('me', { self: true }));
    await until(async () => (await db.rooms.get(ROOM))?.status === 'joined');
    session.inject(groupchat('alice', 'said as we came in', { sid: 'a3' }));
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 3);
    expect(roomQueries[0]).toEqual({ to: ROOM, before: true });
    expect(await roomBodies()).toEqual([
      'said before we came',
      'also before',
      'said as we came in',
    ]);
  });

  it('after being away, fetches exactly what was said since the last message seen', async () => {
    await awayWhile([
      { id: 'a2', nick: 'alice', body: 'while away 1' },
      { id: 'a3', nick: 'bob', body: 'while away 2' },
    ]);
    session.inject(presence('me', { self: true }));
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 3);
    expect(roomQueries.at(-1)).toEqual({ to: ROOM, after: 'a1' });
    expect(await roomBodies()).toEqual(['before', 'while away 1', 'while away 2']);
    expect((await db.conversations.get(ROOM))?.unread).toBe(2);
  });

  it('after being away, a live message said as we come back does not hide what was said meanwhile', async () => {
    await awayWhile([
      { id: 'a2', nick: 'alice', body: 'while away 1' },
      { id: 'a3', nick: 'bob', body: 'while away 2' },
      { id: 'a4', nick: 'alice', body: 'as we came back' },
    ]);
    // The room's live copy of a4 lands once we are in again, before the engine reads the
    // archive (it publishes the room as a bookmark first).
    holdPublish = () =>
      until(async () => (await db.messages.where('peer').equals(ROOM).count()) > 1);
    session.inject(presence('me', { self: true }));
    await until(async () => (await db.rooms.get(ROOM))?.status === 'joined');
    session.inject(groupchat('alice', 'as we came back', { sid: 'a4' }));
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 4);
    expect(roomQueries.at(-1)).toEqual({ to: ROOM, after: 'a1' });
    expect(await roomBodies()).toEqual([
      'before',
      'while away 1',
      'while away 2',
      'as we came back',
    ]);
    await until(async () => (await db.rooms.get(ROOM))?.mamLastId === 'a4');
  });

  it('a message written while joining again fails, kept to retry, when the room refuses us', async () => {
    await start();
    await joinRoom();
    // Out without asking: the engine joins again; what is written meanwhile waits.
    session.inject(presence('me', { self: true, type: 'unavailable' }));
    await until(async () => (await db.rooms.get(ROOM))?.status === 'joining');
    await queueOutgoing(db, {
      id: 'o3',
      originId: 'o3',
      peer: ROOM,
      direction: 'out',
      body: 'written while joining',
      at: Date.now(),
      state: 'queued',
    });
    await handled(session, db);
    expect(session.sent.some((e) => e.is('message') && e.attrs['id'] === 'o3')).toBe(false);
    // The room will not have us back (banned meanwhile): the message fails, text kept.
    await until(() => joinsSent() === 2);
    session.inject(
      `<presence from="${ROOM}/me" type="error"><error by="${ROOM}" type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`,
    );
    await until(async () => (await db.messages.get('o3'))?.state === 'failed');
    expect(await db.messages.get('o3')).toMatchObject({
      body: 'written while joining',
      error: 'not-in-room',
    });
    expect(await db.outbox.get('o3')).toBeUndefined();
    expect(session.sent.some((e) => e.is('message') && e.attrs['id'] === 'o3')).toBe(false);
  });

  it('reports a nickname clash with a free suggestion', async () => {
    await start();
    await requestJoin(db, { jid: ROOM, nick: 'me' });
    await until(() => session.sent.some((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me`));
    session.inject(
      `<presence from="${ROOM}/me" type="error"><error by="${ROOM}" type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`,
    );
    await until(async () => (await db.rooms.get(ROOM))?.status === 'error');
    const room = await db.rooms.get(ROOM);
    expect(room?.error).toBe('conflict');
    expect(room?.suggestedNick).toBeTruthy();
    expect(room?.suggestedNick).not.toBe('me');
  });

  it('a kick says who and why, and the room is not joined again by itself', async () => {
    await start();
    await joinRoom();
    session.inject(
      `<presence from="${ROOM}/me" type="unavailable"><x xmlns="${MUC_USER}"><item affiliation="none" role="none"><actor nick="alice"/><reason>spam</reason></item><status code="307"/><status code="110"/></x></presence>`,
    );
    await until(async () => (await db.rooms.get(ROOM))?.status === 'kicked');
    const room = await db.rooms.get(ROOM);
    expect(room).toMatchObject({ reason: 'spam', actor: 'alice', autojoin: false });
    expect(await db.occupants.where('room').equals(ROOM).count()).toBe(0);
  });

  it('a room left while offline stays left when we come back and the room says we are out', async () => {
    await start();
    await joinRoom();
    session.goOffline();
    await requestLeave(db, ROOM);
    // Back on the same (resumed) stream: the room answers the self-ping "not in the room",
    // and its exit from the old session arrives, which we did not ask for on this side.
    session.answerIq((iq) =>
      parseXml(
        iq.attrs['to'] === `${ROOM}/me` && iq.getChild('ping', 'urn:xmpp:ping')
          ? `<iq type="error" id="${iq.attrs['id']}" from="${ROOM}/me"><error type="cancel"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`
          : `<iq type="result" id="${iq.attrs['id']}"/>`,
      ),
    );
    session.goOnline(true);
    session.inject(presence('me', { self: true, type: 'unavailable' }));
    await until(() =>
      session.sent.some(
        (e) => e.is('iq') && e.attrs['to'] === `${ROOM}/me` && e.getChild('ping', 'urn:xmpp:ping'),
      ),
    );
    await handled(session, db);
    expect((await db.rooms.get(ROOM))?.status).toBe('left');
    expect(joinsSent()).toBe(1);
  });

  it('a room left while its join was on the way is left, not joined', async () => {
    await start();
    await requestJoin(db, { jid: ROOM, nick: 'me' });
    await until(() => joinsSent() === 1);
    await requestLeave(db, ROOM);
    session.inject(presence('me', { self: true }));
    // The leave task takes us out of the room that had just let us in.
    await until(() =>
      session.sent.some(
        (e) =>
          e.is('presence') && e.attrs['to'] === `${ROOM}/me` && e.attrs['type'] === 'unavailable',
      ),
    );
    await handled(session, db);
    expect(await db.rooms.get(ROOM)).toMatchObject({ status: 'left', autojoin: false });
  });
});

describe('room trust rules (forged stanzas)', () => {
  it('takes group messages only from a room we are in', async () => {
    await start();
    await joinRoom();
    session.inject(
      groupchat('mallory', 'from a room we are not in', {
        from: 'other@conference.example.com/mallory',
      }),
    );
    session.inject(
      groupchat('mallory', 'groupchat from a person', { from: 'mallory@example.com/x' }),
    );
    session.inject(groupchat('alice', 'real one', { sid: 's1' }));
    // Handled in order: once the real one is in, the two before it were turned away.
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 1);
    const all = await db.messages.toArray();
    expect(all.map((m) => m.body)).toEqual(['real one']);
    expect(all[0]).toMatchObject({ peer: ROOM, nick: 'alice', direction: 'in', stanzaId: 's1' });
  });

  it('matches our reflected message to its outbox row instead of showing it twice', async () => {
    await start();
    await joinRoom();
    await queueOutgoing(db, {
      id: 'o1',
      originId: 'o1',
      peer: ROOM,
      direction: 'out',
      body: 'hi all',
      at: Date.now(),
      state: 'queued',
    });
    await until(() => session.sent.some((e) => e.is('message') && e.attrs['id'] === 'o1'));
    const sent = session.sent.find((e) => e.is('message') && e.attrs['id'] === 'o1');
    expect(sent?.attrs['type']).toBe('groupchat');
    expect(sent?.getChild('request', 'urn:xmpp:receipts')).toBeUndefined();
    session.inject(groupchat('me', 'hi all', { originId: 'o1', sid: 's9' }));
    await until(async () => (await db.messages.get('o1'))?.state === 'delivered');
    expect(await db.messages.where('peer').equals(ROOM).count()).toBe(1);
    expect((await db.messages.get('o1'))?.stanzaId).toBe('s9');
  });

  it('a new session holds a room message until the room is joined again', async () => {
    // As the last page left it: in the room, a message queued while it went away.
    await requestJoin(db, { jid: ROOM, nick: 'me' });
    await db.rooms.update(ROOM, { status: 'joined' });
    await queueOutgoing(db, {
      id: 'o2',
      originId: 'o2',
      peer: ROOM,
      direction: 'out',
      body: 'after a reload',
      at: Date.now(),
      state: 'queued',
    });
    await start();
    await until(() => session.sent.some((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me`));
    await handled(session, db);
    expect(session.sent.some((e) => e.is('message') && e.attrs['id'] === 'o2')).toBe(false);
    session.inject(presence('me', { self: true }));
    await until(() => session.sent.some((e) => e.is('message') && e.attrs['id'] === 'o2'));
  });

  it('shows who is typing in the room: live only, never ourselves, ended by their message', async () => {
    await start();
    await joinRoom();
    const state = (nick: string, cs: string, extra = '') =>
      `<message from="${ROOM}/${nick}" to="${ME}/parley" type="groupchat" id="cs-${nick}-${cs}"><${cs} xmlns="http://jabber.org/protocol/chatstates"/><no-store xmlns="urn:xmpp:hints"/>${extra}<occupant-id xmlns="urn:xmpp:occupant-id:0" id="oid-${nick}"/></message>`;
    session.inject(groupchat('alice', 'hello', { sid: 's1' }));
    session.inject(state('me', 'composing')); // ours, reflected by the room
    session.inject(
      state('bob', 'composing', '<delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:00:00Z"/>'),
    );
    session.inject(state('carol', 'composing'));
    session.inject(state('carol', 'paused'));
    session.inject(state('alice', 'composing'));
    session.inject(state('dave', 'composing'));
    await handled(session, db);
    await until(async () => typingNow(await db.conversations.get(ROOM)).length === 2);
    expect(typingNow(await db.conversations.get(ROOM))).toEqual(['alice', 'dave']);
    // What alice typed arrives: she is no longer typing; dave still is.
    session.inject(groupchat('alice', 'there it is', { id: 'g2', sid: 's2' }));
    await until(async () => typingNow(await db.conversations.get(ROOM)).length === 1);
    expect(typingNow(await db.conversations.get(ROOM))).toEqual(['dave']);
    // Nothing typed is a message: none stored.
    expect(await db.messages.where('peer').equals(ROOM).count()).toBe(2);
    // A "typing…" older than it stays fresh is not shown.
    expect(typingNow(await db.conversations.get(ROOM), Date.now() + TYPING_FRESH_MS)).toEqual([]);
  });

  it('tells the room when we type, as a group message the room does not archive', async () => {
    await start();
    await joinRoom();
    await addTask(db, { kind: 'chatState', peer: ROOM, state: 'composing' });
    await until(() => session.sent.some((e) => e.is('message') && !!e.getChild('composing')));
    const sent = session.sent.find((e) => e.is('message') && !!e.getChild('composing'));
    expect(sent?.attrs).toMatchObject({ to: ROOM, type: 'groupchat' });
    expect(sent?.getChild('no-store', 'urn:xmpp:hints')).toBeDefined();
    expect(sent?.getChild('body')).toBeUndefined();
  });

  it('tells a room nothing of our typing while we are not in it (rejoining)', async () => {
    await start();
    await joinRoom();
    const typed = () => session.sent.some((e) => e.is('message') && !!e.getChild('composing'));
    // An exit we did not ask for: the engine joins again, and until then we are not in the room.
    session.inject(presence('me', { self: true, type: 'unavailable' }));
    await until(() => joinsSent() === 2);
    expect((await db.rooms.get(ROOM))?.status).toBe('joining');
    await addTask(db, { kind: 'chatState', peer: ROOM, state: 'composing' });
    await until(async () => (await db.tasks.count()) === 0);
    expect(typed()).toBe(false);
    session.inject(presence('me', { self: true }));
    await until(async () => (await db.rooms.get(ROOM))?.status === 'joined');
    await addTask(db, { kind: 'chatState', peer: ROOM, state: 'composing' });
    await until(typed);
  });

  it('flags a mention of our nickname and counts it apart', async () => {
    await start();
    await joinRoom('carol');
    session.inject(groupchat('alice', 'hello @carol, look', { id: 'm1' }));
    session.inject(groupchat('alice', 'no one named', { id: 'm2' }));
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 2);
    const conv = await db.conversations.get(ROOM);
    expect(conv).toMatchObject({ kind: 'room', unread: 2, mentions: 1, previewNick: 'alice' });
    const rows = await db.messages.where('peer').equals(ROOM).toArray();
    expect(rows.find((m) => m.body.startsWith('hello'))?.mention).toBe(true);
    expect(rows.find((m) => m.body.startsWith('no one'))?.mention).toBeUndefined();
  });

  it('files a private message from an occupant under room/nick, never under a contact', async () => {
    await start();
    await joinRoom();
    session.inject(
      `<message from="${ROOM}/alice" to="${ME}/parley" type="chat" id="p1"><body>psst</body><x xmlns="${MUC_USER}"/></message>`,
    );
    await until(async () => (await db.messages.count()) === 1);
    const m = (await db.messages.toArray())[0];
    expect(m?.peer).toBe(`${ROOM}/alice`);
    expect((await db.conversations.get(`${ROOM}/alice`))?.kind).toBe('private');
    expect(await db.conversations.get(ROOM).then((c) => c?.unread)).toBe(0);
  });

  it('keeps private messages from our own archive under room/nick, not under the room', async () => {
    await requestJoin(db, { jid: ROOM, nick: 'me' });
    ownArchive = [
      `<message xmlns="jabber:client" from="${ROOM}/alice" to="${ME}/parley" type="chat" id="p1"><body>psst</body><x xmlns="${MUC_USER}"/></message>`,
      `<message xmlns="jabber:client" from="${ME}/parley" to="${ROOM}/alice" type="chat" id="p2"><body>psst back</body><x xmlns="${MUC_USER}"/></message>`,
    ];
    await start();
    await until(async () => (await db.messages.count()) === 2);
    const rows = await db.messages.toArray();
    expect(rows.map((m) => [m.peer, m.direction, m.body]).sort()).toEqual([
      [`${ROOM}/alice`, 'in', 'psst'],
      [`${ROOM}/alice`, 'out', 'psst back'],
    ]);
    expect((await db.conversations.get(ROOM))?.preview ?? '').toBe('');
  });

  it('refuses room archive results that do not come from the room', async () => {
    forgeArchive = true;
    await start();
    await joinRoom();
    await until(() => roomQueries.length > 0);
    await until(() => logs.includes('room archive result refused'));
    expect(await db.messages.count()).toBe(0);
  });

  it('keeps direct invitations from contacts and drops those from strangers', async () => {
    await start();
    session.inject(
      `<message from="stranger@example.com/x" to="${ME}"><x xmlns="jabber:x:conference" jid="spam@conference.example.com" reason="free stuff"/></message>`,
    );
    session.inject(
      `<message from="friend@example.com/x" to="${ME}"><x xmlns="jabber:x:conference" jid="${ROOM}" reason="join us"/></message>`,
    );
    // The stranger's came first: handled in order, it was dropped before this one was kept.
    await until(async () => (await db.invites.count()) === 1);
    expect(await db.invites.toArray()).toEqual([
      expect.objectContaining({ room: ROOM, from: 'friend@example.com', reason: 'join us' }),
    ]);
    expect(await db.messages.count()).toBe(0);
  });
});

describe('our presence in rooms (XEP-0045 §7.7)', () => {
  const toRoom = () =>
    session.sent.filter((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me`);
  const showOf = (e: ReturnType<typeof toRoom>[number] | undefined) =>
    e && [e.getChildText('show'), e.getChildText('status')];
  async function setOwn(show: 'online' | 'dnd' | 'away' | 'invisible', status = '') {
    await setMeta(db, 'ownPresence', { show, status });
    await addTask(db, { kind: 'setPresence' });
  }

  it('joins with our show and status', async () => {
    await setMeta(db, 'ownPresence', { show: 'dnd', status: 'In a meeting' });
    await start();
    await joinRoom();
    expect(showOf(toRoom()[0])).toEqual(['dnd', 'In a meeting']);
  });

  it('tells every joined room when our show or status changes', async () => {
    await start();
    await joinRoom();
    const before = toRoom().length;
    await setOwn('dnd', 'In a meeting');
    await until(() => toRoom().length === before + 1);
    const update = toRoom().at(-1);
    expect(showOf(update)).toEqual(['dnd', 'In a meeting']);
    // A change of availability, not a second join.
    expect(update?.getChild('x', 'http://jabber.org/protocol/muc')).toBeUndefined();
    // The server still hears it too.
    expect(
      session.sent.some(
        (e) => e.is('presence') && !e.attrs['to'] && e.getChildText('show') === 'dnd',
      ),
    ).toBe(true);
    await setOwn('online');
    await until(() => toRoom().length === before + 2);
    expect(showOf(toRoom().at(-1))).toEqual([null, null]);
  });

  it('invisible: stays in the room, shown as away without the status text', async () => {
    await setMeta(db, 'ownPresence', { show: 'online', status: 'secret plans' });
    await start();
    await joinRoom();
    const joins = () => toRoom().filter((e) => e.getChild('x', 'http://jabber.org/protocol/muc'));
    await setOwn('invisible', 'secret plans');
    await until(() =>
      session.sent.some(
        (e) => e.is('presence') && !e.attrs['to'] && e.attrs['type'] === 'unavailable',
      ),
    );
    // The server passes our unavailable on to the room, which lets us out (as Prosody does).
    session.inject(presence('me', { self: true, type: 'unavailable' }));
    await until(() => joins().length === 2);
    expect(showOf(joins()[1])).toEqual(['away', null]);
    session.inject(presence('me', { self: true }));
    await until(async () => (await db.rooms.get(ROOM))?.status === 'joined');
    expect(await db.occupants.get([ROOM, 'me'])).toBeTruthy();
    // A status change while invisible sends no second unavailable (it would take us out again).
    const unavailable = () =>
      session.sent.filter(
        (e) => e.is('presence') && !e.attrs['to'] && e.attrs['type'] === 'unavailable',
      ).length;
    await setOwn('invisible', 'other');
    await until(async () => (await db.tasks.count()) === 0); // done: it sent what it would
    expect(unavailable()).toBe(1);
  });

  it('leaving a room while invisible is not undone', async () => {
    await start();
    await joinRoom();
    await setOwn('invisible');
    await until(() =>
      session.sent.some(
        (e) => e.is('presence') && !e.attrs['to'] && e.attrs['type'] === 'unavailable',
      ),
    );
    session.inject(presence('me', { self: true, type: 'unavailable' }));
    await until(
      () => toRoom().filter((e) => e.getChild('x', 'http://jabber.org/protocol/muc')).length === 2,
    );
    session.inject(presence('me', { self: true }));
    await until(async () => (await db.rooms.get(ROOM))?.status === 'joined');
    await addTask(db, { kind: 'leaveRoom', room: ROOM });
    await until(() => toRoom().some((e) => e.attrs['type'] === 'unavailable'));
    session.inject(presence('me', { self: true, type: 'unavailable' }));
    await until(async () => (await db.rooms.get(ROOM))?.status === 'left');
    await handled(session, db);
    expect(toRoom().filter((e) => e.getChild('x', 'http://jabber.org/protocol/muc')).length).toBe(
      2,
    );
  });
});

describe('invitations', () => {
  it('names the room and describes it, as the room itself says', async () => {
    await start();
    session.inject(
      `<message from="friend@example.com/x" to="${ME}"><x xmlns="jabber:x:conference" jid="${ROOM}"/></message>`,
    );
    await until(async () => (await db.invites.get(ROOM))?.description !== undefined);
    expect(await db.invites.get(ROOM)).toMatchObject({
      from: 'friend@example.com',
      roomName: 'Team',
      description: 'Where the team meets',
    });
  });

  it('keeps the room description once joined, for its header', async () => {
    await start();
    await joinRoom();
    expect((await db.rooms.get(ROOM))?.description).toBe('Where the team meets');
  });
});

describe('bookmarks', () => {
  it('a new account has no bookmarks node: no rooms, and nothing to warn about', async () => {
    session.answerIq((iq) => {
      if (!iq.getChild('pubsub', 'http://jabber.org/protocol/pubsub')?.getChild('items'))
        return parseXml(`<iq type="result" id="${iq.attrs['id']}"/>`);
      return parseXml(
        `<iq type="error" id="${iq.attrs['id']}"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
      );
    });
    await start();
    await until(() =>
      session.sent.some((e) =>
        e.getChild('pubsub', 'http://jabber.org/protocol/pubsub')?.getChild('items'),
      ),
    );
    // The refusal was handled once it falls back to the older private-storage list.
    await session.waitForSent((e) => !!e.getChild('query', 'jabber:iq:private'));
    await handled(session, db);
    expect(logs.filter((l) => l.includes('bookmark'))).toEqual([]);
    expect(await db.rooms.count()).toBe(0);
  });
});
