import type { Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { NS_MUC_OWNER } from './muc';
import {
  buildConfigRequest,
  buildConfigSubmit,
  buildInstantRoom,
  NS_MUC_ROOMCONFIG,
  parseConfigForm,
  type RoomConfigForm,
  unofferedConfig,
} from './mucConfig';
import { NS_DATA } from './ns';
import { attr } from './stanza';

const ROOM = 'coven@chat.shakespeare.lit';

// Prosody 0.12's configuration form, in its order, for a room just created by its owner.
const PROSODY_FORM = `<iq xmlns='jabber:client' type='result' id='config1' from='${ROOM}'>
<query xmlns='${NS_MUC_OWNER}'><x xmlns='${NS_DATA}' type='form'>
  <title>Configuration for ${ROOM}</title>
  <instructions>Complete and submit this form to configure the room.</instructions>
  <field type='hidden' var='FORM_TYPE'><value>${NS_MUC_ROOMCONFIG}</value></field>
  <field type='fixed'><value>Room information</value></field>
  <field type='text-single' var='muc#roomconfig_roomname' label='Title'/>
  <field type='text-single' var='muc#roomconfig_roomdesc' label='Description'><desc>A brief description of the room</desc><value/></field>
  <field type='text-single' var='muc#roomconfig_lang' label='Language tag for room (e.g. &apos;en&apos;, &apos;de&apos;, &apos;fr&apos; etc.)'><validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:language'/><value>en</value></field>
  <field type='boolean' var='muc#roomconfig_persistentroom' label='Persistent (room should remain even when it is empty)'/>
  <field type='boolean' var='muc#roomconfig_publicroom' label='Include room information in public lists'><value>1</value></field>
  <field type='fixed'><value>Access to the room</value></field>
  <field type='text-private' var='muc#roomconfig_roomsecret' label='Password'><value/></field>
  <field type='boolean' var='muc#roomconfig_membersonly' label='Only allow members to join'/>
  <field type='boolean' var='{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites' label='Allow members to invite new members'/>
  <field type='fixed'><value>Permissions in the room</value></field>
  <field type='boolean' var='muc#roomconfig_changesubject' label='Allow anyone to set the room&apos;s subject'/>
  <field type='boolean' var='muc#roomconfig_moderatedroom' label='Moderated (require permission to speak)'/>
  <field type='list-single' var='muc#roomconfig_whois' label='Addresses (JIDs) of room occupants may be viewed by:'>
    <option label='Moderators only'><value>moderators</value></option>
    <option label='Anyone'><value>anyone</value></option>
    <value>moderators</value></field>
  <field type='fixed'><value>Other options</value></field>
  <field type='text-single' var='muc#roomconfig_historylength' label='Maximum number of history messages returned by room'><value>20</value></field>
  <field type='list-multi' var='muc#roomconfig_presencebroadcast' label='Only show participants with roles:'>
    <option label='Moderator'><value>moderator</value></option>
    <option label='Participant'><value>participant</value></option>
    <option label='Visitor'><value>visitor</value></option>
    <value>moderator</value><value>participant</value><value>visitor</value></field>
  <field type='boolean' var='muc#roomconfig_enablearchiving' label='Enable archiving?'><value>1</value></field>
</x></query></iq>`;

const prosodyForm = () => parseConfigForm(parse(PROSODY_FORM)) as RoomConfigForm;

/** var → values of a submitted form. */
function submitted(iq: Element): Record<string, string[]> {
  const x = iq.getChild('query', NS_MUC_OWNER)?.getChild('x', NS_DATA);
  expect(attr(x ?? iq, 'type')).toBe('submit');
  const out: Record<string, string[]> = {};
  for (const f of x?.getChildren('field', NS_DATA) ?? []) {
    out[attr(f, 'var') ?? ''] = f.getChildren('value', NS_DATA).map((v) => v.getText());
  }
  return out;
}

describe('instant room and config request', () => {
  it('submits an empty form to accept the defaults', () => {
    const el = buildInstantRoom(ROOM);
    expect(el.attrs).toMatchObject({ type: 'set', to: ROOM });
    expect(el.getChild('query', NS_MUC_OWNER)?.toString()).toBe(
      `<query xmlns="${NS_MUC_OWNER}"><x xmlns="${NS_DATA}" type="submit"/></query>`,
    );
  });

  it('asks the room for its form', () => {
    const el = buildConfigRequest('Coven@Chat.Shakespeare.lit');
    expect(el.attrs).toMatchObject({ type: 'get', to: ROOM });
    expect(el.getChild('query', NS_MUC_OWNER)?.getChildElements()).toHaveLength(0);
    expect(() => buildConfigRequest(`${ROOM}/nick`)).toThrow(RangeError);
  });
});

describe('parseConfigForm', () => {
  it("reads Prosody's form: fields with values, options and labels; fixed and FORM_TYPE left out", () => {
    const form = prosodyForm();
    expect(form.title).toBe(`Configuration for ${ROOM}`);
    expect(form.instructions).toBe('Complete and submit this form to configure the room.');
    expect(form.fields.map((f) => f.var)).toEqual([
      'muc#roomconfig_roomname',
      'muc#roomconfig_roomdesc',
      'muc#roomconfig_lang',
      'muc#roomconfig_persistentroom',
      'muc#roomconfig_publicroom',
      'muc#roomconfig_roomsecret',
      'muc#roomconfig_membersonly',
      '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites',
      'muc#roomconfig_changesubject',
      'muc#roomconfig_moderatedroom',
      'muc#roomconfig_whois',
      'muc#roomconfig_historylength',
      'muc#roomconfig_presencebroadcast',
      'muc#roomconfig_enablearchiving',
    ]);
    expect(form.fields[0]).toEqual({
      var: 'muc#roomconfig_roomname',
      type: 'text-single',
      label: 'Title',
      values: [],
      options: [],
    });
    expect(form.fields.find((f) => f.var === 'muc#roomconfig_whois')).toMatchObject({
      type: 'list-single',
      values: ['moderators'],
      options: [
        { value: 'moderators', label: 'Moderators only' },
        { value: 'anyone', label: 'Anyone' },
      ],
    });
  });

  it('takes the first of repeated fields, defaults the type, caps values', () => {
    const iq =
      parse(`<iq type='result'><query xmlns='${NS_MUC_OWNER}'><x xmlns='${NS_DATA}' type='form'>
      <field var='a'><value>1</value></field><field var='a'><value>2</value></field>
      <field var='b'><value>${'v'.repeat(5000)}</value><value xmlns='urn:evil'>x</value></field>
      <field type='boolean'/><field var=''/></x></query></iq>`);
    const form = parseConfigForm(iq);
    expect(form?.fields.map((f) => [f.var, f.type, f.values.length])).toEqual([
      ['a', 'text-single', 1],
      ['b', 'text-single', 1],
    ]);
    expect(form?.fields[0]?.values).toEqual(['1']);
    expect(form?.fields[1]?.values[0]).toHaveLength(4096);
  });

  it('is null for another form type, a result form, no form, an error or a non-iq', () => {
    const wrap = (x: string) =>
      parse(`<iq type='result'><query xmlns='${NS_MUC_OWNER}'>${x}</query></iq>`);
    const other = `<x xmlns='${NS_DATA}' type='form'><field var='FORM_TYPE'><value>urn:evil</value></field></x>`;
    expect(parseConfigForm(wrap(other))).toBeNull();
    expect(parseConfigForm(wrap(`<x xmlns='${NS_DATA}' type='result'/>`))).toBeNull();
    expect(parseConfigForm(wrap(''))).toBeNull();
    expect(parseConfigForm(wrap(`<x xmlns='${NS_DATA}' type='form'/>`))).toEqual({ fields: [] });
    const forbidden = parse(`<iq type='error'><query xmlns='${NS_MUC_OWNER}'/><error type='auth'>
      <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    expect(parseConfigForm(forbidden)).toBeNull();
    expect(
      parseConfigForm(parse(`<message><query xmlns='${NS_MUC_OWNER}'/></message>`)),
    ).toBeNull();
  });
});

describe('buildConfigSubmit', () => {
  it("maps values onto Prosody's field names and sends only those", () => {
    const form = prosodyForm();
    const iq = buildConfigSubmit(ROOM, form, {
      name: 'The Coven',
      description: 'Double, double',
      persistent: true,
      membersOnly: true,
      password: 'cauldronburn',
      allowInvites: true,
      archive: false,
      public: false,
      whois: 'anyone',
      moderated: false,
    });
    expect(iq.attrs).toMatchObject({ type: 'set', to: ROOM });
    expect(submitted(iq)).toEqual({
      FORM_TYPE: [NS_MUC_ROOMCONFIG],
      'muc#roomconfig_roomname': ['The Coven'],
      'muc#roomconfig_roomdesc': ['Double, double'],
      'muc#roomconfig_persistentroom': ['1'],
      'muc#roomconfig_membersonly': ['1'],
      'muc#roomconfig_roomsecret': ['cauldronburn'],
      '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites': ['1'],
      'muc#roomconfig_enablearchiving': ['0'],
      'muc#roomconfig_publicroom': ['0'],
      'muc#roomconfig_whois': ['anyone'],
      'muc#roomconfig_moderatedroom': ['0'],
    });
    expect(unofferedConfig(form, { name: 'x', archive: true })).toEqual([]);
  });

  it("uses XEP-0045's names when offered, and sets passwordprotectedroom with the secret", () => {
    const form: RoomConfigForm = {
      fields: ['muc#roomconfig_allowinvites', 'muc#roomconfig_roomsecret', 'mam'].map((v) => ({
        var: v,
        type: 'boolean',
        values: [],
        options: [],
      })),
    };
    form.fields.push({
      var: 'muc#roomconfig_passwordprotectedroom',
      type: 'boolean',
      values: [],
      options: [],
    });
    expect(
      submitted(
        buildConfigSubmit(ROOM, form, { allowInvites: false, archive: true, password: '' }),
      ),
    ).toEqual({
      FORM_TYPE: [NS_MUC_ROOMCONFIG],
      'muc#roomconfig_allowinvites': ['0'],
      'muc#roomconfig_roomsecret': [''],
      mam: ['1'],
      'muc#roomconfig_passwordprotectedroom': ['0'],
    });
  });

  it('leaves out what the form does not offer, and says so', () => {
    // Prosody hides persistentroom and publicroom from non-admins when it restricts them.
    const form = prosodyForm();
    form.fields = form.fields.filter(
      (f) => !/persistentroom|publicroom|enablearchiving/.test(f.var),
    );
    const values = { persistent: true, public: true, archive: true, name: 'n' };
    expect(submitted(buildConfigSubmit(ROOM, form, values))).toEqual({
      FORM_TYPE: [NS_MUC_ROOMCONFIG],
      'muc#roomconfig_roomname': ['n'],
    });
    expect(unofferedConfig(form, values)).toEqual(['persistent', 'archive', 'public']);
  });

  it('refuses a whois value the form does not list', () => {
    const form = prosodyForm();
    const whois = form.fields.find((f) => f.var === 'muc#roomconfig_whois');
    if (whois) whois.options = [{ value: 'moderators' }];
    expect(submitted(buildConfigSubmit(ROOM, form, { whois: 'anyone' }))).toEqual({
      FORM_TYPE: [NS_MUC_ROOMCONFIG],
    });
    expect(unofferedConfig(form, { whois: 'anyone' })).toEqual(['whois']);
  });

  it('drops characters XML cannot carry from text values', () => {
    const iq = buildConfigSubmit(ROOM, prosodyForm(), { name: 'a\u0000b' });
    expect(submitted(parse(iq.toString()))['muc#roomconfig_roomname']).toEqual(['ab']);
  });
});
