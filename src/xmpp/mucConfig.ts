// XEP-0045 §10 room owners (muc#owner): instant rooms, the configuration form, destroying.
//
// Prosody 0.12 keeps a new room locked (others get item-not-found) until its owner submits
// either an instant-room form or a configuration, so the engine sends one on status 201.
// Its form differs from XEP-0045's in places, so values map to whichever field the form
// offers: there is no passwordprotectedroom (a non-empty roomsecret is the password),
// allowinvites is only in disco#info (the form has
// {http://prosody.im/protocol/muc}roomconfig_allowmemberinvites), archiving is
// muc#roomconfig_enablearchiving (mod_muc_mam; absent when muc_log_all_rooms is set),
// persistentroom and publicroom are left out for non-admins when the server restricts them,
// and whois takes 'moderators' or 'anyone'. Fields not submitted keep their values there (and
// on ejabberd and Openfire), so buildConfigSubmit sends only the fields it changes.
import xml, { type Element } from '@xmpp/xml';
import { bareJid, isValidBareJid } from '../shared/jid';
import { NS_MUC_OWNER } from './muc';
import { NS_DATA } from './ns';
import { attr, isElement, newId, shortText } from './stanza';
import { truncate, xmlText } from './text';

export const NS_MUC_ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';
const MAX_VALUE = 4096; // characters kept of a field value

/** A field of a XEP-0004 form, as a form to fill in shows it. */
export interface FormField {
  var: string;
  type: string; // XEP-0004 field type; 'text-single' when absent
  label?: string;
  values: string[]; // the current value(s)
  options: Array<{ value: string; label?: string }>; // list-single, list-multi
}

export interface RoomConfigForm {
  title?: string;
  instructions?: string;
  fields: FormField[]; // FORM_TYPE and fixed (label-only) fields left out
}

/** What Parley lets an owner set. Absent keys are left as the room has them. */
export interface RoomConfig {
  name?: string;
  description?: string;
  persistent?: boolean;
  membersOnly?: boolean;
  password?: string; // '' for none
  allowInvites?: boolean;
  archive?: boolean;
  public?: boolean; // listed in the service's room directory
  whois?: 'moderators' | 'anyone'; // who sees occupants' real JIDs
  moderated?: boolean;
}

// Field names per value, in order of preference: XEP-0045's, then servers' own.
const FIELDS: { [K in keyof RoomConfig]-?: readonly string[] } = {
  name: ['muc#roomconfig_roomname'],
  description: ['muc#roomconfig_roomdesc'],
  persistent: ['muc#roomconfig_persistentroom'],
  membersOnly: ['muc#roomconfig_membersonly'],
  password: ['muc#roomconfig_roomsecret'],
  allowInvites: [
    'muc#roomconfig_allowinvites',
    '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites',
  ],
  archive: ['muc#roomconfig_enablearchiving', 'mam', 'muc#roomconfig_mam'], // Prosody, ejabberd
  public: ['muc#roomconfig_publicroom'],
  whois: ['muc#roomconfig_whois'],
  moderated: ['muc#roomconfig_moderatedroom'],
};
const PASSWORD_PROTECTED = 'muc#roomconfig_passwordprotectedroom';

function ownerIq(type: 'get' | 'set', room: string, ...children: Element[]): Element {
  if (!isValidBareJid(room)) throw new RangeError('MUC owner: bad room');
  return xml(
    'iq',
    { type, to: bareJid(room), id: newId() },
    xml('query', { xmlns: NS_MUC_OWNER }, ...children),
  );
}

/** Accept the service's default configuration for a room we just created (unlocks it). */
export function buildInstantRoom(room: string): Element {
  return ownerIq('set', room, xml('x', { xmlns: NS_DATA, type: 'submit' }));
}

export function buildConfigRequest(room: string): Element {
  return ownerIq('get', room);
}

function parseField(f: Element): FormField | null {
  const name = attr(f, 'var');
  const type = attr(f, 'type') ?? 'text-single';
  if (!name || name === 'FORM_TYPE' || type === 'fixed') return null;
  const values = f.getChildren('value', NS_DATA).map((v) => truncate(v.getText(), MAX_VALUE));
  const options: FormField['options'] = [];
  for (const o of f.getChildren('option', NS_DATA)) {
    const value = o.getChildText('value', NS_DATA);
    if (value === null) continue;
    const label = shortText(attr(o, 'label'));
    options.push(label ? { value, label } : { value });
  }
  const field: FormField = { var: name, type, values, options };
  const label = shortText(attr(f, 'label'));
  if (label) field.label = label;
  return field;
}

/**
 * The configuration form in the answer to buildConfigRequest; null unless `iq` is a
 * muc#owner result with a data form of type form (and FORM_TYPE muc#roomconfig, if it says).
 * Of repeated fields, the first counts.
 */
export function parseConfigForm(iq: Element | null | undefined): RoomConfigForm | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'result') return null;
  const x = iq.getChild('query', NS_MUC_OWNER)?.getChild('x', NS_DATA);
  if (!x || attr(x, 'type') !== 'form') return null;
  const formType = x
    .getChildren('field', NS_DATA)
    .find((f) => attr(f, 'var') === 'FORM_TYPE')
    ?.getChildText('value', NS_DATA);
  if (formType != null && formType !== NS_MUC_ROOMCONFIG) return null;
  const fields: FormField[] = [];
  const seen = new Set<string>();
  for (const el of x.getChildren('field', NS_DATA)) {
    const f = parseField(el);
    if (!f || seen.has(f.var)) continue;
    seen.add(f.var);
    fields.push(f);
  }
  const form: RoomConfigForm = { fields };
  const title = shortText(x.getChildText('title', NS_DATA));
  if (title) form.title = title;
  const instructions = shortText(x.getChildText('instructions', NS_DATA));
  if (instructions) form.instructions = instructions;
  return form;
}

type Key = keyof RoomConfig;

/** The form's field for `key` that can take `value`, if any. */
function fieldFor(form: RoomConfigForm, key: Key, value: RoomConfig[Key]): FormField | undefined {
  const field = FIELDS[key]
    .map((name) => form.fields.find((f) => f.var === name))
    .find((f) => f !== undefined);
  const allowed = !field?.options.length || field.options.some((o) => o.value === value);
  return key === 'whois' && !allowed ? undefined : field;
}

function encode(v: string | boolean): string {
  return typeof v === 'boolean' ? (v ? '1' : '0') : xmlText(v);
}

function dataField(name: string, value: string, type?: string): Element {
  return xml('field', { var: name, type }, xml('value', {}, value));
}

/** The keys of `values` this form has no field for (Prosody hides some from non-admins). */
export function unofferedConfig(form: RoomConfigForm, values: RoomConfig): Key[] {
  const keys = Object.keys(FIELDS) as Key[];
  return keys.filter((k) => values[k] !== undefined && !fieldFor(form, k, values[k]));
}

/**
 * Submit `values` into the room's configuration, `form` being what the room offered
 * (parseConfigForm). Only the fields for the values given are sent; see unofferedConfig.
 */
export function buildConfigSubmit(room: string, form: RoomConfigForm, values: RoomConfig): Element {
  const fields = [dataField('FORM_TYPE', NS_MUC_ROOMCONFIG, 'hidden')];
  for (const key of Object.keys(FIELDS) as Key[]) {
    const v = values[key];
    const field = v === undefined ? undefined : fieldFor(form, key, v);
    if (field && v !== undefined) fields.push(dataField(field.var, encode(v)));
  }
  const protect = form.fields.some((f) => f.var === PASSWORD_PROTECTED);
  if (values.password !== undefined && protect) {
    fields.push(dataField(PASSWORD_PROTECTED, encode(values.password !== '')));
  }
  return ownerIq('set', room, xml('x', { xmlns: NS_DATA, type: 'submit' }, ...fields));
}
