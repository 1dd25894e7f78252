import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import {
  buildJoin,
  buildLeave,
  buildNickChange,
  buildSubject,
  NS_MUC,
  NS_MUC_USER,
  occupantJid,
  parseMucPresence,
  parseOccupantId,
  parseSubject,
} from './muc';
import { attr } from './stanza';

const ROOM = 'coven@chat.shakespeare.lit';
const OID =
  "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='a7FXbUQnRmZnLzV2Z0lJbXBsR3JvZnBQeGc9PQ=='/>";
const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** A presence as Prosody 0.12 routes it to us, from `room/nick`. */
const pres = (inner: string, attrs = '', nick = 'thirdwitch') =>
  parse(
    `<presence xmlns='jabber:client' from='${ROOM}/${nick}' to='hag66@shakespeare.lit/pda' id='n13mt3l' ${attrs}>${inner}</presence>`,
  );
const userX = (inner: string) => `<x xmlns='${NS_MUC_USER}'>${inner}</x>`;
const roomError = (cond: string, type: string, by = ROOM, extra = '') =>
  pres(
    `<error type='${type}' by='${by}'><${cond} xmlns='${STANZAS}'/>${extra}</error>`,
    "type='error'",
  );

describe('buildJoin', () => {
  it('asks for no history when the archive fills it in', () => {
    const el = buildJoin({ room: ROOM, nick: 'thirdwitch', history: 'none' });
    expect(attr(el, 'to')).toBe(`${ROOM}/thirdwitch`);
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(attr(el, 'type')).toBeUndefined();
    const x = el.getChild('x', NS_MUC);
    expect(x?.toString()).toBe(`<x xmlns="${NS_MUC}"><history maxstanzas="0"/></x>`);
    expect(el.getChildElements()).toHaveLength(1);
  });

  it('sends the password, a since/maxstanzas history, show and status', () => {
    const since = new Date('2024-05-01T10:00:00Z');
    const el = buildJoin({
      room: ROOM,
      nick: 'Third Witch',
      password: 'cauldronburn',
      history: { since, maxstanzas: 50 },
      show: 'away',
      status: 'Stirring <the> pot',
    });
    const back = parse(el.toString());
    expect(attr(back, 'to')).toBe(`${ROOM}/Third Witch`);
    const x = back.getChild('x', NS_MUC);
    expect(x?.getChildText('password', NS_MUC)).toBe('cauldronburn');
    expect(x?.getChild('history', NS_MUC)?.attrs).toEqual({
      since: '2024-05-01T10:00:00.000Z',
      maxstanzas: '50',
    });
    expect(back.getChildText('show')).toBe('away');
    expect(back.getChildText('status')).toBe('Stirring <the> pot');
  });

  it("leaves history to the room's default when neither limit is given", () => {
    const el = buildJoin({ room: ROOM, nick: 'n', history: {}, show: 'online' });
    expect(el.getChild('x', NS_MUC)?.getChildElements()).toHaveLength(0);
    expect(el.getChild('show')).toBeUndefined();
  });

  it('refuses a bad room, nick or history', () => {
    const bad = [
      { room: `${ROOM}/x`, nick: 'n' },
      { room: 'not a jid', nick: 'n' },
      { room: ROOM, nick: '' },
      { room: ROOM, nick: 'a\u0000b' },
    ];
    for (const b of bad) expect(() => buildJoin({ ...b, history: 'none' })).toThrow(RangeError);
    expect(() => buildJoin({ room: ROOM, nick: 'n', history: { maxstanzas: -1 } })).toThrow(
      RangeError,
    );
    expect(() => buildJoin({ room: ROOM, nick: 'n', history: { maxstanzas: 1.5 } })).toThrow(
      RangeError,
    );
    expect(() =>
      buildJoin({ room: ROOM, nick: 'n', history: { since: new Date(Number.NaN) } }),
    ).toThrow(RangeError);
  });

  it('normalizes the room part of the occupant JID, keeps the nick as typed', () => {
    expect(occupantJid('Coven@Chat.Shakespeare.LIT', 'ThirdWitch')).toBe(`${ROOM}/ThirdWitch`);
  });
});

describe('buildLeave / buildNickChange', () => {
  it('leaves with an optional status', () => {
    expect(buildLeave(ROOM, 'thirdwitch').getChildElements()).toHaveLength(0);
    const el = buildLeave(ROOM, 'thirdwitch', 'Gone to the heath');
    expect(el.attrs).toMatchObject({ to: `${ROOM}/thirdwitch`, type: 'unavailable' });
    expect(el.getChildText('status')).toBe('Gone to the heath');
  });

  it('changes nick with a plain presence (no join <x/>), keeping show and status', () => {
    const el = buildNickChange(ROOM, 'oldhag', { show: 'dnd', status: 'Busy' });
    expect(attr(el, 'to')).toBe(`${ROOM}/oldhag`);
    expect(attr(el, 'type')).toBeUndefined();
    expect(el.getChild('x', NS_MUC)).toBeUndefined();
    expect(el.getChildText('show')).toBe('dnd');
    expect(buildNickChange(ROOM, 'oldhag').getChildElements()).toHaveLength(0);
    expect(() => buildNickChange(ROOM, '')).toThrow(RangeError);
  });
});

describe('parseMucPresence: what Prosody sends', () => {
  it('reads our own presence on join (110), with real JID and occupant id', () => {
    const p = parseMucPresence(
      pres(
        `<show>away</show><status>brb</status>${OID}${userX(
          "<item affiliation='member' role='participant' jid='hag66@shakespeare.lit/pda'/><status code='110'/>",
        )}`,
      ),
    );
    expect(p).toEqual({
      room: ROOM,
      nick: 'thirdwitch',
      type: 'available',
      show: 'away',
      status: 'brb',
      role: 'participant',
      affiliation: 'member',
      jid: 'hag66@shakespeare.lit/pda',
      occupantId: 'a7FXbUQnRmZnLzV2Z0lJbXBsR3JvZnBQeGc9PQ==',
      statusCodes: [110],
      self: true,
      kicked: false,
      banned: false,
      removedAffiliation: false,
      removedMembersOnly: false,
      shutdown: false,
      created: false,
    });
  });

  it('reads another occupant in a semi-anonymous room (no real JID)', () => {
    const p = parseMucPresence(
      pres(`${OID}${userX("<item affiliation='none' role='visitor'/>")}`, '', 'Second Witch'),
    );
    expect(p).toMatchObject({ nick: 'Second Witch', role: 'visitor', affiliation: 'none' });
    expect(p?.jid).toBeUndefined();
    expect(p?.self).toBe(false);
  });

  it('reads a room we just created (201, 110)', () => {
    const p = parseMucPresence(
      pres(
        userX(
          "<status code='201'/><item affiliation='owner' role='moderator' jid='hag66@shakespeare.lit/pda'/><status code='110'/>",
        ),
      ),
    );
    expect(p).toMatchObject({ created: true, self: true, affiliation: 'owner', role: 'moderator' });
    expect(p?.statusCodes).toEqual([201, 110]);
  });

  it('reads a kick (307) as we see it, with the actor nick and reason', () => {
    const p = parseMucPresence(
      pres(
        `${OID}${userX(`<status code='307'/>
          <item affiliation='none' role='none' jid='hag66@shakespeare.lit/pda'>
            <actor nick='Fluellen'/><reason>Avaunt, you cullion!</reason></item>
          <status code='110'/>`)}`,
        "type='unavailable'",
      ),
    );
    expect(p).toMatchObject({
      type: 'unavailable',
      kicked: true,
      banned: false,
      self: true,
      role: 'none',
      actor: 'Fluellen',
      reason: 'Avaunt, you cullion!',
    });
  });

  it('reads a ban (301) as others see it', () => {
    const p = parseMucPresence(
      pres(
        userX(`<status code='301'/><item affiliation='outcast' role='none'>
          <actor nick='Hecate'/><reason>Treason</reason></item>`),
        "type='unavailable'",
      ),
    );
    expect(p).toMatchObject({ banned: true, self: false, affiliation: 'outcast', actor: 'Hecate' });
  });

  it('reads loss of membership (321) and a room made members-only (322)', () => {
    const lost = pres(userX("<status code='321'/><item affiliation='none' role='none'/>"));
    expect(parseMucPresence(lost)?.removedAffiliation).toBe(true);
    const closed = pres(userX("<status code='322'/><item affiliation='none' role='none'/>"));
    expect(parseMucPresence(closed)?.removedMembersOnly).toBe(true);
  });

  it('reads a nick change (303) with the new nick', () => {
    const p = parseMucPresence(
      pres(
        `${OID}${userX(`<status code='303'/>
          <item affiliation='member' role='participant' jid='hag66@shakespeare.lit/pda' nick='oldhag'/>
          <status code='110'/>`)}`,
        "type='unavailable'",
      ),
    );
    expect(p).toMatchObject({ type: 'unavailable', nick: 'thirdwitch', newNick: 'oldhag' });
  });

  it('reads a destroyed room with where to go instead', () => {
    const p = parseMucPresence(
      pres(
        userX(`<destroy jid='Heath@Chat.Shakespeare.lit'><reason>Macbeth doth come</reason></destroy>
          <item affiliation='owner' role='none'/><status code='110'/>`),
        "type='unavailable'",
      ),
    );
    expect(p?.destroy).toEqual({ jid: 'heath@chat.shakespeare.lit', reason: 'Macbeth doth come' });
  });

  it('reads 332 (service shutdown) from servers that send it', () => {
    const p = pres(userX("<item affiliation='none' role='none'/><status code='332'/>"));
    expect(parseMucPresence(p)?.shutdown).toBe(true);
  });
});

describe('parseMucPresence: join errors', () => {
  it.each([
    ['conflict', 'cancel'], // nick taken
    ['not-authorized', 'auth'], // password
    ['registration-required', 'auth'], // members-only
    ['forbidden', 'auth'], // banned
    ['not-acceptable', 'cancel'], // must use the reserved nick
  ])('reads %s from the room (no <x/>, by = room)', (cond, type) => {
    const p = parseMucPresence(roomError(cond, type));
    expect(p).toMatchObject({ room: ROOM, nick: 'thirdwitch', type: 'error', role: 'none' });
    expect(p?.error).toEqual({ type, condition: cond });
  });

  it('reads errors from the service: locked room, creation restricted (with text)', () => {
    const locked = parseMucPresence(roomError('item-not-found', 'cancel', 'chat.shakespeare.lit'));
    expect(locked?.error?.condition).toBe('item-not-found');
    const restricted = parseMucPresence(
      roomError(
        'not-allowed',
        'cancel',
        'chat.shakespeare.lit',
        `<text xmlns='${STANZAS}'>Room creation is restricted</text>`,
      ),
    );
    expect(restricted?.error).toEqual({
      type: 'cancel',
      condition: 'not-allowed',
      text: 'Room creation is restricted',
    });
  });

  it('reads where a destroyed room went from its gone error', () => {
    const el = pres(
      `<error type='cancel' by='chat.shakespeare.lit'>
        <gone xmlns='${STANZAS}'>xmpp:heath@chat.shakespeare.lit?join</gone>
        <text xmlns='${STANZAS}'>Moved</text></error>`,
      "type='error'",
    );
    expect(parseMucPresence(el)?.error).toEqual({
      type: 'cancel',
      condition: 'gone',
      text: 'Moved',
      movedTo: 'heath@chat.shakespeare.lit',
    });
    const junk = pres(
      `<error type='cancel' by='${ROOM}'><gone xmlns='${STANZAS}'>https://evil.example/</gone></error>`,
      "type='error'",
    );
    expect(parseMucPresence(junk)?.error?.movedTo).toBeUndefined();
  });

  it('reads a full room (service-unavailable) with the join <x/> echoed, as in XEP-0045', () => {
    const el = pres(
      `<x xmlns='${NS_MUC}'/><error type='wait'><service-unavailable xmlns='${STANZAS}'/></error>`,
      "type='error'",
    );
    expect(parseMucPresence(el)?.error).toEqual({ type: 'wait', condition: 'service-unavailable' });
  });

  it('needs a room marker or the caller to know the sender is a room', () => {
    const plain = pres(
      `<error type='cancel'><remote-server-not-found xmlns='${STANZAS}'/></error>`,
      "type='error'",
    );
    expect(parseMucPresence(plain)).toBeNull();
    expect(parseMucPresence(plain, { fromRoom: true })?.error?.condition).toBe(
      'remote-server-not-found',
    );
    const foreignBy = roomError('conflict', 'cancel', 'evil.example');
    expect(parseMucPresence(foreignBy)).toBeNull();
  });
});

describe('parseMucPresence: forged and malformed', () => {
  it('is null without a muc#user <x/> (a contact, or the wrong namespace)', () => {
    expect(parseMucPresence(pres('<show>dnd</show>'))).toBeNull();
    expect(parseMucPresence(pres(`<x xmlns='${NS_MUC}'/>`))).toBeNull();
    expect(parseMucPresence(pres("<x xmlns='urn:evil'><item role='moderator'/></x>"))).toBeNull();
  });

  it('is null from a bare JID, a domain, no from, or a bad from', () => {
    const x = userX("<item affiliation='none' role='participant'/>");
    expect(parseMucPresence(parse(`<presence from='${ROOM}'>${x}</presence>`))).toBeNull();
    expect(parseMucPresence(parse(`<presence from='chat.lit/nick'>${x}</presence>`))).toBeNull();
    expect(parseMucPresence(parse(`<presence>${x}</presence>`))).toBeNull();
    expect(parseMucPresence(parse(`<presence from='a@b@c/n'>${x}</presence>`))).toBeNull();
  });

  it('is null for subscription types, and for non-presences', () => {
    const x = userX("<item affiliation='none' role='participant'/>");
    expect(parseMucPresence(pres(x, "type='subscribe'"))).toBeNull();
    expect(parseMucPresence(pres(x, "type='probe'"))).toBeNull();
    expect(parseMucPresence(parse(`<message from='${ROOM}/n'>${x}</message>`))).toBeNull();
    expect(parseMucPresence(null)).toBeNull();
  });

  it('maps unknown roles and affiliations to none and drops a bad real JID', () => {
    const p = parseMucPresence(
      pres(userX("<item affiliation='god' role='emperor' jid='not a jid'/>")),
    );
    expect(p).toMatchObject({ role: 'none', affiliation: 'none' });
    expect(p?.jid).toBeUndefined();
  });

  it('takes the last muc#user <x/> (the one the service appended)', () => {
    const p = parseMucPresence(
      pres(
        userX("<item affiliation='owner' role='moderator'/><status code='110'/>") +
          userX("<item affiliation='none' role='visitor'/>"),
      ),
    );
    expect(p).toMatchObject({ role: 'visitor', affiliation: 'none', self: false });
  });

  it('ignores junk status codes, repeats, and a 303 without a usable nick', () => {
    const p = parseMucPresence(
      pres(
        userX(`<status code='110'/><status code='110'/><status code='1100'/><status code='x'/>
          <status/><status code='303'/><item affiliation='none' role='none' nick=''/>`),
        "type='unavailable'",
      ),
    );
    expect(p?.statusCodes).toEqual([110, 303]);
    expect(p?.newNick).toBeUndefined();
    const bad = pres(
      userX(
        `<status code='303'/><item affiliation='none' role='none' nick='${'n'.repeat(1100)}'/>`,
      ),
      "type='unavailable'",
    );
    expect(parseMucPresence(bad)?.newNick).toBeUndefined();
  });

  it('caps over-long reasons, actors and statuses', () => {
    const long = 'w'.repeat(5000);
    const p = parseMucPresence(
      pres(
        `<status>${long}</status>${userX(
          `<status code='307'/><item role='none'><actor nick='${long}'/><reason>${long}</reason></item>`,
        )}`,
        "type='unavailable'",
      ),
    );
    expect(p?.status).toHaveLength(1024);
    expect(p?.reason).toHaveLength(1024);
    expect(p?.actor).toHaveLength(1024);
  });

  it('drops a destroy jid that is not a bare JID', () => {
    const p = parseMucPresence(
      pres(userX("<destroy jid='room@muc.lit/nick'/><item role='none'/>"), "type='unavailable'"),
    );
    expect(p?.destroy).toEqual({});
  });
});

describe('parseOccupantId', () => {
  it('reads the one id a room stamped on a presence or message', () => {
    expect(parseOccupantId(pres(OID))).toBe('a7FXbUQnRmZnLzV2Z0lJbXBsR3JvZnBQeGc9PQ==');
    const msg = parse(
      `<message from='${ROOM}/thirdwitch' type='groupchat'><body>Hi</body>${OID}</message>`,
    );
    expect(parseOccupantId(msg)).toBe('a7FXbUQnRmZnLzV2Z0lJbXBsR3JvZnBQeGc9PQ==');
  });

  it('refuses several ids, empty or over-long ones, the wrong namespace, and non-stanzas', () => {
    const other = "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='forged'/>";
    expect(parseOccupantId(pres(OID + other))).toBeUndefined();
    expect(parseOccupantId(pres("<occupant-id xmlns='urn:xmpp:occupant-id:0' id=''/>"))).toBe(
      undefined,
    );
    expect(
      parseOccupantId(
        pres(`<occupant-id xmlns='urn:xmpp:occupant-id:0' id='${'i'.repeat(300)}'/>`),
      ),
    ).toBeUndefined();
    expect(parseOccupantId(pres("<occupant-id xmlns='urn:evil' id='x'/>"))).toBeUndefined();
    expect(parseOccupantId(parse(`<iq>${OID}</iq>`))).toBeUndefined();
    expect(parseOccupantId(undefined)).toBeUndefined();
  });
});

describe('subject', () => {
  const msg = (inner: string, from = `${ROOM}/secondwitch`, type = 'groupchat') =>
    parse(`<message xmlns='jabber:client' from='${from}' type='${type}'>${inner}</message>`);

  it('builds a groupchat message with only the subject', () => {
    const el = buildSubject(ROOM, 'Fire Burn and Cauldron Bubble!');
    expect(el.attrs).toMatchObject({ to: ROOM, type: 'groupchat' });
    expect(el.getChildText('subject')).toBe('Fire Burn and Cauldron Bubble!');
    expect(el.getChild('body')).toBeUndefined();
    expect(buildSubject(ROOM, '').toString()).toContain('<subject/>');
    expect(() => buildSubject(`${ROOM}/nick`, 'x')).toThrow(RangeError);
  });

  it('reads a subject set by an occupant, and the one Prosody sends on join (with delay)', () => {
    expect(parseSubject(msg('<subject>Fire Burn and Cauldron Bubble!</subject>'))).toEqual({
      room: ROOM,
      nick: 'secondwitch',
      subject: 'Fire Burn and Cauldron Bubble!',
    });
    const onJoin = msg(
      `<subject>Cauldron</subject><delay xmlns='urn:xmpp:delay' from='${ROOM}' stamp='2024-05-01T10:00:00Z'/>`,
      ROOM,
    );
    expect(parseSubject(onJoin)).toEqual({ room: ROOM, subject: 'Cauldron' });
  });

  it('reads an empty subject as cleared', () => {
    expect(parseSubject(msg('<subject/>'))?.subject).toBe('');
    expect(parseSubject(msg('<subject>  </subject>'))?.subject).toBe('');
  });

  it('is null with a body or thread, for other types, foreign namespaces or a non-room sender', () => {
    expect(parseSubject(msg('<subject>x</subject><body>hello</body>'))).toBeNull();
    expect(parseSubject(msg('<subject>x</subject><thread>t</thread>'))).toBeNull();
    expect(parseSubject(msg('<subject>x</subject>', `${ROOM}/n`, 'chat'))).toBeNull();
    expect(parseSubject(msg("<subject xmlns='urn:evil'>x</subject>"))).toBeNull();
    expect(parseSubject(msg('<subject>x</subject>', 'chat.shakespeare.lit'))).toBeNull();
    expect(parseSubject(msg('<body>no subject</body>'))).toBeNull();
    expect(parseSubject(parse('<message type="groupchat"><subject>x</subject></message>'))).toBe(
      null,
    );
  });

  it('caps an over-long subject', () => {
    expect(parseSubject(msg(`<subject>${'s'.repeat(10_000)}</subject>`))?.subject).toHaveLength(
      4096,
    );
  });
});
