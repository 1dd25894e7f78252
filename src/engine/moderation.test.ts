// XEP-0425 moderation through the engine, with forged stanzas for its trust rule: only the
// room's own bare JID may announce a moderation; an occupant, a contact, or a room we are not
// in may not, and the room may not act in any other way (correct, retract as an author, react).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, addTask, requestJoin } from '../db';
import { FakeSession, parseXml } from '../xmpp/fake';
import type { Engine } from '.';
import { asksRoomInfo, handled, roomInfo, startTestEngine, until } from './testing';

const ME = 'me@example.com';
const ROOM = 'team@conference.example.com';
let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;
let features: string[];

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  features = ['http://jabber.org/protocol/muc', 'urn:xmpp:message-moderate:1'];
  session.answerIq((iq) => {
    const id = iq.attrs['id'];
    if (asksRoomInfo(iq, ROOM)) return roomInfo(id, ROOM, 'Team', features);
    if (iq.getChild('query', 'jabber:iq:roster'))
      return parseXml(`<iq type="result" id="${id}"><query xmlns="jabber:iq:roster"/></iq>`);
    return parseXml(`<iq type="result" id="${id}"/>`);
  });
  engine = await startTestEngine(db, session, ME);
  await requestJoin(db, { jid: ROOM, nick: 'me' });
  await until(() =>
    expect(session.sent.some((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/me`)).toBe(true),
  );
  session.inject(
    `<presence from="${ROOM}/me" to="${ME}/parley"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="moderator"/><status code="110"/></x></presence>`,
  );
  await until(async () => expect((await db.rooms.get(ROOM))?.status).toBe('joined'));
  // Alice's message, by the room's stanza-id s1.
  session.inject(
    `<message from="${ROOM}/alice" to="${ME}/parley" type="groupchat" id="a1"><body>buy cheap pills</body><origin-id xmlns="urn:xmpp:sid:0" id="a1"/><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s1"/></message>`,
  );
  await until(async () => expect(await alice()).toBeDefined());
});

afterEach(() => {
  engine?.stop();
  db.close();
});

const alice = () => db.messages.where('stanzaId').equals('s1').first();
const moderation = (from: string, type = 'groupchat') =>
  `<message from="${from}" to="${ME}/parley" type="${type}" id="${crypto.randomUUID()}"><retract xmlns="urn:xmpp:message-retract:1" id="s1"><moderated xmlns="urn:xmpp:message-moderate:1" by="${ROOM}/boss"/><reason>Spam</reason></retract><body>This message has been moderated.</body></message>`;

describe('XEP-0425 moderation, received', () => {
  it('from the room itself: the message is deleted for us, with who and why', async () => {
    session.inject(moderation(ROOM));
    await until(async () => expect((await alice())?.retracted).toBe(true));
    const m = await alice();
    expect(m?.body).toBe('');
    expect(m?.moderated).toEqual({ by: `${ROOM}/boss`, reason: 'Spam' });
  });

  it('in the earlier form (moderate:0 in apply-to) too', async () => {
    session.inject(
      `<message from="${ROOM}" to="${ME}/parley" type="groupchat" id="m0"><apply-to xmlns="urn:xmpp:fasten:0" id="s1"><moderated xmlns="urn:xmpp:message-moderate:0" by="${ROOM}/boss"><retract xmlns="urn:xmpp:message-retract:0"/><reason>Off topic</reason></moderated></apply-to><body>moderated</body></message>`,
    );
    await until(async () => expect((await alice())?.moderated?.reason).toBe('Off topic'));
  });

  it('is refused from an occupant, a contact, or a room we are not in', async () => {
    session.inject(moderation(`${ROOM}/mallory`));
    session.inject(moderation('mallory@example.com/x', 'chat'));
    session.inject(moderation('other@conference.example.com'));
    await handled(session, db);
    expect((await alice())?.retracted).toBeUndefined();
    expect((await alice())?.body).toBe('buy cheap pills');
  });

  it('the room may not otherwise act: a plain retraction from its bare JID is refused', async () => {
    session.inject(
      `<message from="${ROOM}" to="${ME}/parley" type="groupchat" id="r1"><retract xmlns="urn:xmpp:message-retract:1" id="s1"/><body>gone</body></message>`,
    );
    session.inject(
      `<message from="${ROOM}" to="${ME}/parley" type="groupchat" id="r2"><reactions xmlns="urn:xmpp:reactions:0" id="s1"><reaction>👎</reaction></reactions></message>`,
    );
    await handled(session, db);
    const m = await alice();
    expect(m?.retracted).toBeUndefined();
    expect(m?.reactions).toBeUndefined();
  });
});

describe('XEP-0425 moderation, asked for', () => {
  it('notes that the room offers it, and asks the room to retract by its stanza-id', async () => {
    await until(async () => expect((await db.rooms.get(ROOM))?.features?.moderation).toBe(true));
    expect((await db.rooms.get(ROOM))?.role).toBe('moderator');
    await addTask(db, { kind: 'moderate', room: ROOM, id: 's1', reason: 'Spam' });
    const iq = await session.waitForSent(
      (e) => e.is('iq') && !!e.getChild('moderate', 'urn:xmpp:message-moderate:1'),
    );
    expect(iq?.attrs).toMatchObject({ type: 'set', to: ROOM });
    const moderate = iq?.getChild('moderate');
    expect(moderate?.attrs['id']).toBe('s1');
    expect(moderate?.getChild('retract', 'urn:xmpp:message-retract:1')).toBeDefined();
    expect(moderate?.getChildText('reason')).toBe('Spam');
  });
});
