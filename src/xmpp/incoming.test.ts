import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { type IncomingContext, type IncomingRecord, parseIncoming } from './incoming';

const ME = 'juliet@capulet.lit';
const ROOM = 'coven@chat.shakespeare.lit';
const CTX: IncomingContext = { account: ME, isRoom: (jid) => jid === ROOM };

/** parseIncoming on an XML fixture, without the log excerpt. */
function read(xml: string, ctx = CTX): IncomingRecord {
  const { excerpt: _excerpt, ...record } = parseIncoming(parse(xml), ctx);
  return record as IncomingRecord;
}

const chat = (inner: string, attrs = "from='romeo@montague.lit/garden' type='chat' id='m1'") =>
  `<message xmlns='jabber:client' to='${ME}/balcony' ${attrs}>${inner}</message>`;

const INNER = `<message xmlns='jabber:client' type='chat' id='c1'
  from='romeo@montague.lit/garden' to='${ME}/chamber'><body>Hi</body></message>`;
const carbon = (outerFrom: string, inner = INNER, wrapper = 'received') =>
  `<message xmlns='jabber:client' ${outerFrom} to='${ME}/balcony' type='chat'>
    <${wrapper} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${inner}</forwarded></${wrapper}>
  </message>`;
const mam = (outerFrom: string, queryId = 'q1') =>
  `<message xmlns='jabber:client' ${outerFrom} to='${ME}/balcony'>
    <result xmlns='urn:xmpp:mam:2' queryid='${queryId}' id='a1'>
      <forwarded xmlns='urn:xmpp:forward:0'>
        <delay xmlns='urn:xmpp:delay' stamp='2026-01-02T03:04:05Z'/>${INNER}
      </forwarded>
    </result>
  </message>`;

describe('parseIncoming: one-to-one messages', () => {
  it('reads a message with text as chat, with everything parseMessage reads', () => {
    const r = read(chat('<body>Hello</body><request xmlns="urn:xmpp:receipts"/>'));
    expect(r.kind).toBe('chat');
    if (r.kind !== 'chat') return;
    expect(r.message).toMatchObject({ body: 'Hello', from: 'romeo@montague.lit/garden' });
    expect(r.message.receiptRequest).toBe(true);
  });

  it('names the bodiless ones by what they carry: receipt, marker, chat state', () => {
    expect(read(chat("<received xmlns='urn:xmpp:receipts' id='o1'/>")).kind).toBe('receipt');
    expect(read(chat("<displayed xmlns='urn:xmpp:chat-markers:0' id='o1'/>")).kind).toBe('marker');
    const typing = read(chat("<composing xmlns='http://jabber.org/protocol/chatstates'/>"));
    expect(typing.kind).toBe('chatState');
    if (typing.kind === 'chatState') expect(typing.message.chatState).toBe('composing');
  });

  it('reads an error bounce as error', () => {
    const r = read(
      chat(
        "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>",
        "from='romeo@montague.lit' type='error' id='o1'",
      ),
    );
    expect(r).toMatchObject({ kind: 'error', message: { id: 'o1' } });
    expect(r).not.toHaveProperty('room');
  });

  it('never trusts a <forwarded/> on its own: only the outer message counts', () => {
    const forged = chat(
      `<body>outer</body><forwarded xmlns='urn:xmpp:forward:0'>${INNER.replace('Hi', 'inner')}</forwarded>`,
      "from='mallory@evil.lit/x' type='chat' id='f1'",
    );
    const r = read(forged);
    expect(r).toMatchObject({
      kind: 'chat',
      message: { from: 'mallory@evil.lit/x', body: 'outer' },
    });
  });

  it('says why it drops a groupchat message from no room of ours, and an unreadable one', () => {
    expect(read(chat('<body>x</body>', "from='other@chat.lit/nick' type='groupchat'"))).toEqual({
      kind: 'unknown',
      reason: 'groupchat message from no room of ours',
    });
    expect(read("<message xmlns='jabber:client' from='not a jid@@' type='chat'/>").kind).toBe(
      'unknown',
    );
  });
});

describe('parseIncoming: carbons (XEP-0280)', () => {
  it('takes a carbon from our own bare JID, or with no from', () => {
    const r = read(carbon(`from='${ME}'`));
    expect(r).toMatchObject({
      kind: 'carbon',
      carbon: { direction: 'received', message: { body: 'Hi' } },
    });
    expect(read(carbon('')).kind).toBe('carbon');
  });

  it('refuses a carbon from a stranger, even one wrapping a message from a contact', () => {
    const r = read(carbon("from='mallory@evil.lit'"));
    expect(r).toEqual({ kind: 'unknown', reason: 'carbon refused: not from our own account' });
    // Our own full JID is not our account's bare JID either.
    expect(read(carbon(`from='${ME}/other'`)).kind).toBe('unknown');
  });

  it('refuses a carbon of a room message, and of a private message in one of our rooms', () => {
    const room = INNER.replace("type='chat'", "type='groupchat'");
    expect(read(carbon(`from='${ME}'`, room))).toMatchObject({ kind: 'unknown' });
    const pm = INNER.replace('romeo@montague.lit/garden', `${ROOM}/thirdwitch`);
    expect(read(carbon(`from='${ME}'`, pm))).toMatchObject({ kind: 'unknown' });
  });
});

describe('parseIncoming: archive results (XEP-0313)', () => {
  it('carries the query id and the outer from for the engine to check', () => {
    const own = read(mam(''));
    expect(own).toMatchObject({
      kind: 'mamResult',
      result: { queryId: 'q1', archiveId: 'a1', outerFrom: '', message: { body: 'Hi' } },
    });
    // From another JID, with a query id we never sent: still a result, its facts carried as
    // they came, so the archive module can refuse it.
    const forged = read(mam("from='mallory@evil.lit'", 'not-ours'));
    expect(forged).toMatchObject({
      kind: 'mamResult',
      result: { queryId: 'not-ours', outerFrom: 'mallory@evil.lit' },
    });
  });

  it('reads a result without a query id as no archive result at all', () => {
    const r = read(mam('', ''));
    expect(r.kind).not.toBe('mamResult');
  });
});

describe('parseIncoming: rooms', () => {
  it("reads a room's message with its nick, occupant id and room", () => {
    const r = read(
      `<message xmlns='jabber:client' from='${ROOM}/firstwitch' type='groupchat' id='g1'>
        <body>Thrice</body><occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ1'/>
        <stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='${ROOM}'/></message>`,
    );
    expect(r).toMatchObject({
      kind: 'groupchat',
      room: ROOM,
      nick: 'firstwitch',
      occupantId: 'occ1',
      message: { body: 'Thrice', stanzaIds: [{ id: 's1', by: ROOM }] },
    });
    expect(r).not.toHaveProperty('subject');
  });

  it('reads a subject change, and a cleared subject', () => {
    const subject = (s: string) =>
      read(
        `<message xmlns='jabber:client' from='${ROOM}/firstwitch' type='groupchat'><subject>${s}</subject></message>`,
      );
    expect(subject('Fire Burn')).toMatchObject({ kind: 'groupchat', subject: 'Fire Burn' });
    expect(subject('')).toMatchObject({ kind: 'groupchat', subject: '' });
  });

  it('files a private message from an occupant under the room, never as a chat', () => {
    const r = read(chat('<body>psst</body>', `from='${ROOM}/secondwitch' type='chat'`));
    expect(r).toMatchObject({ kind: 'roomPrivate', room: ROOM, nick: 'secondwitch' });
  });

  it("reads a room's error as an error of that room", () => {
    const r = read(
      `<message xmlns='jabber:client' from='${ROOM}' type='error' id='o2'><error type='auth'>
        <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
    );
    expect(r).toMatchObject({ kind: 'error', room: ROOM, message: { id: 'o2' } });
  });

  it('reads a presence from one of our rooms as a room presence, any other as a presence', () => {
    const presence = (from: string) =>
      read(`<presence xmlns='jabber:client' from='${from}'>
        <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/></x>
      </presence>`);
    expect(presence(`${ROOM}/firstwitch`)).toMatchObject({
      kind: 'roomPresence',
      presence: { room: ROOM, nick: 'firstwitch', role: 'participant' },
    });
    // Anyone can add a muc#user <x/>: from a JID that is no room of ours it is a presence.
    expect(presence('romeo@montague.lit/garden')).toMatchObject({
      kind: 'presence',
      presence: { from: 'romeo@montague.lit/garden', type: 'available' },
    });
  });

  it('reads a room’s own presence (its bare address, as ejabberd sends) as the room’s, not an occupant’s', () => {
    expect(
      read(`<presence xmlns='jabber:client' from='${ROOM}'>
        <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://www.process-one.net/en/ejabberd/' ver='g4q2BClS4bz9EGIjg8jh9zvGCSM='/>
      </presence>`),
    ).toEqual({ kind: 'roomOwnPresence', room: ROOM, available: true });
    expect(read(`<presence xmlns='jabber:client' from='${ROOM}' type='unavailable'/>`)).toEqual({
      kind: 'roomOwnPresence',
      room: ROOM,
      available: false,
    });
    // A bare address that is no room of ours is a contact's presence, as before.
    expect(read(`<presence xmlns='jabber:client' from='romeo@montague.lit'/>`)).toMatchObject({
      kind: 'presence',
    });
  });

  it('reads invitations, mediated and direct, with the direct one’s sender bare', () => {
    const mediated = read(`<message xmlns='jabber:client' from='${ROOM}'>
      <x xmlns='http://jabber.org/protocol/muc#user'><invite from='crone1@shakespeare.lit/desktop'>
        <reason>Hey Hecate</reason></invite><password>cauldronburn</password></x></message>`);
    expect(mediated).toMatchObject({
      kind: 'invitation',
      via: 'mediated',
      invite: { room: ROOM, reason: 'Hey Hecate', password: 'cauldronburn' },
    });
    const direct = read(
      chat(
        `<x xmlns='jabber:x:conference' jid='${ROOM}' reason='Join us'/>`,
        "from='Romeo@Montague.lit/garden'",
      ),
    );
    expect(direct).toMatchObject({
      kind: 'invitation',
      via: 'direct',
      from: 'romeo@montague.lit',
      invite: { room: ROOM, reason: 'Join us' },
    });
  });
});

describe('parseIncoming: roster pushes', () => {
  const push = (from: string) =>
    `<iq xmlns='jabber:client' type='set' id='p1' ${from}>
      <query xmlns='jabber:iq:roster' ver='v2'><item jid='nurse@example.com' subscription='both'/></query></iq>`;

  it('takes a push with no from, or from our bare JID', () => {
    expect(read(push(''))).toMatchObject({
      kind: 'rosterPush',
      push: { ver: 'v2', item: { jid: 'nurse@example.com', subscription: 'both' } },
    });
    expect(read(push(`from='${ME}'`)).kind).toBe('rosterPush');
  });

  it('refuses a push from someone else', () => {
    expect(read(push("from='mallory@evil.lit/x'"))).toEqual({
      kind: 'unknown',
      reason: 'roster push refused: not from our account',
    });
  });

  it('reads any other iq as an iq, for the session to answer', () => {
    expect(
      read(
        `<iq xmlns='jabber:client' type='get' id='v1' from='romeo@montague.lit/garden'><query xmlns='jabber:iq:version'/></iq>`,
      ),
    ).toEqual({ kind: 'iq', type: 'get', id: 'v1', from: 'romeo@montague.lit/garden' });
  });
});

describe('parseIncoming: PEP events', () => {
  const event = (from: string) =>
    `<message xmlns='jabber:client' ${from} to='${ME}/balcony'>
      <event xmlns='http://jabber.org/protocol/pubsub#event'>
        <items node='urn:xmpp:bookmarks:1'><item id='${ROOM}'>
          <conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'><nick>JC</nick></conference>
        </item></items></event></message>`;

  it('takes a change of our bookmarks from our own bare JID', () => {
    expect(read(event(`from='${ME}'`))).toMatchObject({
      kind: 'pepEvent',
      node: 'bookmarks',
      event: { published: [{ room: ROOM, autojoin: true, nick: 'JC' }] },
    });
  });

  it('refuses one from anyone else', () => {
    expect(read(event("from='mallory@evil.lit'"))).toEqual({
      kind: 'unknown',
      reason: 'bookmarks event refused: not ours',
    });
  });
});

describe('parseIncoming: anything else', () => {
  it('gives an excerpt of the stanza for the log', () => {
    const r = parseIncoming(parse(carbon("from='mallory@evil.lit'")), CTX);
    expect(r.kind).toBe('unknown');
    expect(r.excerpt()).toContain('mallory@evil.lit');
    expect(r.excerpt().length).toBeLessThanOrEqual(300);
  });
});
