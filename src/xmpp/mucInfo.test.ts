import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { parseDiscoInfo } from './disco';
import { roomInfo } from './mucInfo';

const INFO = 'http://jabber.org/protocol/disco#info';
const ITEMS = 'http://jabber.org/protocol/disco#items';
const ROOM = 'coven@chat.shakespeare.lit';

const info = (inner: string, from = ROOM) =>
  parse(`<iq xmlns='jabber:client' type='result' id='i1' from='${from}'>
    <query xmlns='${INFO}'>${inner}</query></iq>`);

// Prosody 0.12's answer for a persistent, members-only, password-protected, archived room.
const PROSODY_ROOM = `
  <identity category='conference' type='text' name='The Coven'/>
  <feature var='http://jabber.org/protocol/muc'/>
  <feature var='http://jabber.org/protocol/muc#stable_id'/>
  <feature var='http://jabber.org/protocol/muc#self-ping-optimization'/>
  <feature var='muc_passwordprotected'/>
  <feature var='muc_membersonly'/>
  <feature var='muc_persistent'/>
  <feature var='muc_hidden'/>
  <feature var='muc_nonanonymous'/>
  <feature var='muc_unmoderated'/>
  <feature var='urn:xmpp:occupant-id:0'/>
  <feature var='urn:xmpp:mam:2'/>
  <feature var='urn:xmpp:sid:0'/>
  <x xmlns='jabber:x:data' type='result'>
    <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roominfo</value></field>
    <field type='text-single' var='muc#roominfo_occupants' label='Number of occupants'><value>3</value></field>
    <field type='text-single' var='muc#roomconfig_roomname' label='Title'><value>The Coven</value></field>
    <field type='text-single' var='muc#roominfo_description' label='Description'><value>Double, double toil and trouble</value></field>
    <field type='text-single' var='muc#roominfo_lang'><value>en</value></field>
    <field type='boolean' var='muc#roomconfig_changesubject'><value>0</value></field>
    <field type='boolean' var='muc#roomconfig_allowinvites' label='Allow users to invite other users'><value>0</value></field>
  </x>`;

describe('roomInfo of a disco#info answer', () => {
  const parseRoomInfo = (iq: Parameters<typeof parseDiscoInfo>[0]) => roomInfo(parseDiscoInfo(iq));

  it("reads Prosody's room info", () => {
    expect(parseRoomInfo(info(PROSODY_ROOM))).toEqual({
      name: 'The Coven',
      description: 'Double, double toil and trouble',
      lang: 'en',
      occupants: 3,
      features: {
        passwordProtected: true,
        membersOnly: true,
        persistent: true,
        moderated: false,
        nonAnonymous: true,
        public: false,
      },
      mam: true,
      occupantId: true,
      moderation: false,
      selfPingOptimization: true,
    });
  });

  it('reads an open, temporary, unarchived room with no name set', () => {
    const r = parseRoomInfo(
      info(`<identity category='conference' type='text'/>
        <feature var='http://jabber.org/protocol/muc'/><feature var='muc_unsecured'/>
        <feature var='muc_open'/><feature var='muc_temporary'/><feature var='muc_public'/>
        <feature var='muc_semianonymous'/><feature var='muc_moderated'/>
        <x xmlns='jabber:x:data' type='result'>
          <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roominfo</value></field>
          <field var='muc#roominfo_occupants'><value>0</value></field>
          <field var='muc#roominfo_description'><value></value></field>
          <field var='muc#roominfo_subject'><value>Cauldron</value></field></x>`),
    );
    expect(r).toEqual({
      subject: 'Cauldron',
      occupants: 0,
      features: {
        passwordProtected: false,
        membersOnly: false,
        persistent: false,
        moderated: true,
        nonAnonymous: false,
        public: true,
      },
      mam: false,
      occupantId: false,
      moderation: false,
      selfPingOptimization: false,
    });
  });

  it('ignores roominfo fields from a form of another type, and bad occupant counts', () => {
    const r = parseRoomInfo(
      info(`<feature var='http://jabber.org/protocol/muc'/>
        <x xmlns='jabber:x:data' type='result'>
          <field var='FORM_TYPE'><value>urn:evil</value></field>
          <field var='muc#roominfo_description'><value>forged</value></field></x>
        <x xmlns='jabber:x:data' type='result'>
          <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roominfo</value></field>
          <field var='muc#roominfo_occupants'><value>-1</value></field></x>`),
    );
    expect(r?.description).toBeUndefined();
    expect(r?.occupants).toBeUndefined();
    const huge = parseRoomInfo(
      info(`<feature var='http://jabber.org/protocol/muc'/><x xmlns='jabber:x:data' type='result'>
        <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roominfo</value></field>
        <field var='muc#roominfo_occupants'><value>99999999999999999999</value></field>
        <field var='muc#roominfo_description'><value>${'d'.repeat(9000)}</value></field></x>`),
    );
    expect(huge?.occupants).toBeUndefined();
    expect(huge?.description).toHaveLength(4096);
  });

  it('is null for something that is not a room, an error, or not disco#info', () => {
    const server = info(
      "<identity category='server' type='im'/><feature var='urn:xmpp:mam:2'/>",
      'shakespeare.lit',
    );
    expect(parseRoomInfo(server)).toBeNull();
    const gone = parse(`<iq type='error' from='${ROOM}'><error type='cancel'>
      <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    expect(parseRoomInfo(gone)).toBeNull();
    expect(parseRoomInfo(parse(`<iq type='result'><query xmlns='${ITEMS}'/></iq>`))).toBeNull();
    expect(parseRoomInfo(null)).toBeNull();
    expect(roomInfo(null)).toBeNull();
  });
});
