import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { NS_MUC_USER } from './muc';
import { buildMediatedDecline, buildMediatedInvite, parseMediatedInvite } from './mucInvite';
import { attr } from './stanza';

const ROOM = 'coven@chat.shakespeare.lit';

// An invitation as Prosody 0.12 delivers it (muc.lib.lua handle_mediated_invite + hooks).
const PROSODY_INVITE = `<message xmlns='jabber:client' from='${ROOM}' to='hecate@shakespeare.lit' id='nzd143v8'>
  <x xmlns='${NS_MUC_USER}'>
    <invite from='crone1@shakespeare.lit/desktop'><reason>Hey Hecate, this is the place for all good witches!</reason></invite>
    <password>cauldronburn</password>
  </x>
  <x xmlns='jabber:x:conference' jid='${ROOM}'>Hey Hecate, this is the place for all good witches!</x>
  <body>crone1@shakespeare.lit/desktop invited you to the room ${ROOM} (Hey Hecate, this is the place for all good witches!)</body>
</message>`;

const msg = (attrs: string, inner: string) =>
  parse(`<message xmlns='jabber:client' ${attrs}>${inner}</message>`);

describe('buildMediatedInvite / buildMediatedDecline', () => {
  it('asks the room to invite, with <invite/> first in the <x/> (Prosody reads only that)', () => {
    const el = buildMediatedInvite(ROOM, 'hecate@shakespeare.lit', 'Come, sisters');
    expect(attr(el, 'to')).toBe(ROOM);
    expect(attr(el, 'type')).toBeUndefined();
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    const x = el.getChild('x', NS_MUC_USER);
    const first = x?.getChildElements()[0];
    expect(first?.name).toBe('invite');
    expect(first?.attrs).toEqual({ to: 'hecate@shakespeare.lit' });
    expect(first?.getChildText('reason', NS_MUC_USER)).toBe('Come, sisters');
    expect(buildMediatedInvite(ROOM, 'hecate@shakespeare.lit').toString()).not.toContain('reason');
  });

  it('declines through the room to the inviter', () => {
    const el = buildMediatedDecline(ROOM, 'crone1@shakespeare.lit', 'Sorry, busy');
    const decline = el.getChild('x', NS_MUC_USER)?.getChild('decline', NS_MUC_USER);
    expect(decline?.attrs).toEqual({ to: 'crone1@shakespeare.lit' });
    expect(decline?.getChildText('reason', NS_MUC_USER)).toBe('Sorry, busy');
  });

  it('refuses a bad room or invitee', () => {
    expect(() => buildMediatedInvite(`${ROOM}/nick`, 'a@b.lit')).toThrow(RangeError);
    expect(() => buildMediatedInvite(ROOM, 'not a jid')).toThrow(RangeError);
    expect(() => buildMediatedDecline(ROOM, '')).toThrow(RangeError);
  });
});

describe('parseMediatedInvite', () => {
  it("reads Prosody's invitation with reason and password", () => {
    expect(parseMediatedInvite(parse(PROSODY_INVITE))).toEqual({
      room: ROOM,
      from: 'crone1@shakespeare.lit/desktop',
      reason: 'Hey Hecate, this is the place for all good witches!',
      password: 'cauldronburn',
    });
  });

  it('reads an invitation from an occupant JID (semi-anonymous room), without reason', () => {
    const el = msg(
      `from='Coven@Chat.Shakespeare.lit' type='normal'`,
      `<x xmlns='${NS_MUC_USER}'><invite from='${ROOM}/thirdwitch'><reason/></invite></x>`,
    );
    expect(parseMediatedInvite(el)).toEqual({ room: ROOM, from: `${ROOM}/thirdwitch` });
  });

  it('is null from a full JID or a domain, for groupchat/error, without a valid inviter', () => {
    const x = `<x xmlns='${NS_MUC_USER}'><invite from='crone1@shakespeare.lit'/></x>`;
    expect(parseMediatedInvite(msg(`from='${ROOM}/nick'`, x))).toBeNull();
    expect(parseMediatedInvite(msg("from='chat.shakespeare.lit'", x))).toBeNull();
    expect(parseMediatedInvite(msg('', x))).toBeNull();
    expect(parseMediatedInvite(msg(`from='${ROOM}' type='groupchat'`, x))).toBeNull();
    expect(parseMediatedInvite(msg(`from='${ROOM}' type='error'`, x))).toBeNull();
    const noFrom = `<x xmlns='${NS_MUC_USER}'><invite/></x>`;
    expect(parseMediatedInvite(msg(`from='${ROOM}'`, noFrom))).toBeNull();
    const badFrom = `<x xmlns='${NS_MUC_USER}'><invite from='a@b@c'/></x>`;
    expect(parseMediatedInvite(msg(`from='${ROOM}'`, badFrom))).toBeNull();
  });

  it('is null for two invitations, the wrong namespace, or a decline', () => {
    const two = `<x xmlns='${NS_MUC_USER}'><invite from='a@b.lit'/></x><x xmlns='${NS_MUC_USER}'><invite from='c@d.lit'/></x>`;
    expect(parseMediatedInvite(msg(`from='${ROOM}'`, two))).toBeNull();
    const foreign = "<x xmlns='urn:evil'><invite from='a@b.lit'/></x>";
    expect(parseMediatedInvite(msg(`from='${ROOM}'`, foreign))).toBeNull();
    const decline = `<x xmlns='${NS_MUC_USER}'><decline from='a@b.lit'/></x>`;
    expect(parseMediatedInvite(msg(`from='${ROOM}'`, decline))).toBeNull();
    expect(parseMediatedInvite(parse(`<presence from='${ROOM}'/>`))).toBeNull();
    expect(parseMediatedInvite(null)).toBeNull();
  });

  it('caps an over-long reason and password', () => {
    const long = 'p'.repeat(5000);
    const el = msg(
      `from='${ROOM}'`,
      `<x xmlns='${NS_MUC_USER}'><invite from='a@b.lit'><reason>${long}</reason></invite><password>${long}</password></x>`,
    );
    const invite = parseMediatedInvite(el);
    expect(invite?.reason).toHaveLength(1024);
    expect(invite?.password).toHaveLength(1024);
  });
});
