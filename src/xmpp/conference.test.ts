import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildDirectInvite, NS_CONFERENCE, parseDirectInvite } from './conference';
import { NS_MUC_USER } from './muc';
import { attr } from './stanza';

const ROOM = 'darkcave@macbeth.shakespeare.lit';
const msg = (inner: string, attrs = "from='crone1@shakespeare.lit/desktop'") =>
  parse(`<message xmlns='jabber:client' ${attrs} to='hecate@shakespeare.lit'>${inner}</message>`);

describe('buildDirectInvite', () => {
  it('sends the room, reason and password as attributes of one <x/>', () => {
    const el = buildDirectInvite('hecate@shakespeare.lit', {
      room: 'DarkCave@macbeth.shakespeare.lit',
      reason: 'Hey Hecate, this is the place for all good witches!',
      password: 'cauldronburn',
    });
    expect(attr(el, 'to')).toBe('hecate@shakespeare.lit');
    expect(attr(el, 'type')).toBeUndefined();
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(el.getChildElements()).toHaveLength(1);
    expect(el.getChild('x', NS_CONFERENCE)?.attrs).toEqual({
      xmlns: NS_CONFERENCE,
      jid: ROOM,
      reason: 'Hey Hecate, this is the place for all good witches!',
      password: 'cauldronburn',
    });
    const plain = buildDirectInvite('hecate@shakespeare.lit', { room: ROOM, password: '' });
    expect(plain.getChild('x', NS_CONFERENCE)?.attrs).toEqual({ xmlns: NS_CONFERENCE, jid: ROOM });
  });

  it('round-trips through the parser', () => {
    const el = buildDirectInvite('hecate@shakespeare.lit', { room: ROOM, reason: 'Come <now>' });
    const back = parse(el.toString());
    back.attrs['from'] = 'crone1@shakespeare.lit/desktop';
    expect(parseDirectInvite(back)).toEqual({
      room: ROOM,
      from: 'crone1@shakespeare.lit/desktop',
      reason: 'Come <now>',
    });
  });

  it('refuses a bad invitee, a full JID or a bare domain as the room', () => {
    expect(() => buildDirectInvite('not a jid', { room: ROOM })).toThrow(RangeError);
    expect(() => buildDirectInvite('a@b.lit', { room: `${ROOM}/nick` })).toThrow(RangeError);
    expect(() => buildDirectInvite('a@b.lit', { room: 'macbeth.shakespeare.lit' })).toThrow(
      RangeError,
    );
  });
});

describe('parseDirectInvite', () => {
  it('reads the XEP-0249 example', () => {
    const el = msg(
      `<x xmlns='${NS_CONFERENCE}' jid='${ROOM}' password='cauldronburn' reason='Hey Hecate, this is the place for all good witches!'/>`,
    );
    expect(parseDirectInvite(el)).toEqual({
      room: ROOM,
      from: 'crone1@shakespeare.lit/desktop',
      reason: 'Hey Hecate, this is the place for all good witches!',
      password: 'cauldronburn',
    });
  });

  it('reads one with only the room, and normalizes it', () => {
    const el = msg(
      `<x xmlns='${NS_CONFERENCE}' jid='DarkCave@Macbeth.Shakespeare.LIT' reason='  '/>`,
    );
    expect(parseDirectInvite(el)).toEqual({ room: ROOM, from: 'crone1@shakespeare.lit/desktop' });
  });

  it('is null when the room is not a bare JID of a room', () => {
    for (const jid of ['', 'not a jid', `${ROOM}/nick`, 'macbeth.shakespeare.lit', 'a@b@c']) {
      expect(parseDirectInvite(msg(`<x xmlns='${NS_CONFERENCE}' jid='${jid}'/>`))).toBeNull();
    }
    expect(parseDirectInvite(msg(`<x xmlns='${NS_CONFERENCE}'/>`))).toBeNull();
  });

  it('is null without a valid sender, for groupchat or error, or with two invitations', () => {
    const x = `<x xmlns='${NS_CONFERENCE}' jid='${ROOM}'/>`;
    expect(parseDirectInvite(msg(x, ''))).toBeNull();
    expect(parseDirectInvite(msg(x, "from='a@b@c'"))).toBeNull();
    expect(parseDirectInvite(msg(x, `from='${ROOM}/n' type='groupchat'`))).toBeNull();
    expect(parseDirectInvite(msg(x, "from='a@b.lit' type='error'"))).toBeNull();
    const other = `<x xmlns='${NS_CONFERENCE}' jid='evil@rooms.example'/>`;
    expect(parseDirectInvite(msg(x + other))).toBeNull();
    expect(parseDirectInvite(msg(`<x xmlns='urn:evil' jid='${ROOM}'/>`))).toBeNull();
    expect(parseDirectInvite(parse(`<presence from='a@b.lit'>${x}</presence>`))).toBeNull();
    expect(parseDirectInvite(null)).toBeNull();
  });

  it("leaves Prosody's mediated invitations (which also carry this <x/>) to parseMediatedInvite", () => {
    const el = msg(
      `<x xmlns='${NS_MUC_USER}'><invite from='crone1@shakespeare.lit/desktop'><reason>Hi</reason></invite></x>
       <x xmlns='${NS_CONFERENCE}' jid='${ROOM}'>Hi</x>`,
      `from='${ROOM}'`,
    );
    expect(parseDirectInvite(el)).toBeNull();
  });

  it('caps an over-long reason and password', () => {
    const long = 'r'.repeat(5000);
    const el = msg(
      `<x xmlns='${NS_CONFERENCE}' jid='${ROOM}' reason='${long}' password='${long}'/>`,
    );
    expect(parseDirectInvite(el)?.reason).toHaveLength(1024);
    expect(parseDirectInvite(el)?.password).toHaveLength(1024);
  });
});
