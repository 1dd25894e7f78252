// XEP-0045 multi-user chat: joining, leaving and nick changes, occupants' presence, the
// subject, private messages; XEP-0421 occupant ids. Administration is in mucAdmin.ts, room
// configuration in mucConfig.ts, disco info and the directory in mucInfo.ts, mediated
// invitations in mucInvite.ts.
//
// What Prosody 0.12 sends (modules/muc/muc.lib.lua and friends):
// - It strips muc and muc#user <x/>s from what occupants send and appends its own, so a
//   room's presence carries one muc#user <x/>; of several, the last (the service's) counts.
// - Join errors are presences of type error from room/nick with no <x/> at all, only
//   <error by='room@service'> (by='service' when the room is locked, gone or not creatable).
// - Self-presence: status 110; 201 on creation (the room stays locked, others get
//   item-not-found, until an instant-room or config form is submitted); 100 when anyone may
//   see real JIDs; 210 if the service changed the nick.
// - Kick: unavailable, role none, 307. Ban: unavailable, affiliation outcast, 301. Membership
//   removed in a members-only room: 321; room made members-only: 322. Both with <actor nick/>
//   and <reason/> when given. Nick change: unavailable from the old nick with 303 and
//   <item nick='new'/>, then available from the new one. Destroy: unavailable with <destroy/>.
//   333: removed because our client bounced an error. Prosody never sends 332.
// - <occupant-id/> (XEP-0421, on by default) on every presence and groupchat message, and on
//   private messages, after stripping any the sender put in.
import xml, { type Element } from '@xmpp/xml';
import { bareJid, isValidBareJid, parseJid } from '../shared/jid';
import { formatDateTime } from './datetime';
import { parsePresence } from './presence';
import { attr, coreChildren, isElement, newId, oneOf, parseStanzaError, shortText } from './stanza';
import { xmlText } from './text';
import type { Show, StanzaError } from './types';

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0'; // XEP-0421

export const MAX_SUBJECT = 4096; // characters kept of a room subject
const MAX_OCCUPANT_ID = 256; // Prosody's are 44 (base64 of a SHA-256); a longer one is refused

export type MucRole = 'moderator' | 'participant' | 'visitor' | 'none';
export type MucAffiliation = 'owner' | 'admin' | 'member' | 'none' | 'outcast';
export const MUC_ROLES: readonly MucRole[] = ['moderator', 'participant', 'visitor', 'none'];
export const MUC_AFFILIATIONS: readonly MucAffiliation[] = [
  'owner',
  'admin',
  'member',
  'none',
  'outcast',
];

const TYPES: readonly MucPresence['type'][] = ['available', 'unavailable', 'error'];

/** A presence error from a room. `movedTo`: the new room a destroyed one (gone) points to. */
export interface MucError extends StanzaError {
  movedTo?: string;
}

/** An occupant's presence in a room, or the room's refusal to let us in. */
export interface MucPresence {
  room: string; // bare, normalized
  nick: string; // as sent
  type: 'available' | 'unavailable' | 'error';
  show: Show;
  status?: string;
  role: MucRole; // 'none' when absent
  affiliation: MucAffiliation; // 'none' when absent
  jid?: string; // the occupant's real JID, when the room shows it to us
  occupantId?: string; // XEP-0421: trust only when the room advertises it
  statusCodes: number[];
  self: boolean; // 110: this is us
  newNick?: string; // 303: leaving this nick for that one
  kicked: boolean; // 307
  banned: boolean; // 301
  removedAffiliation: boolean; // 321
  removedMembersOnly: boolean; // 322
  shutdown: boolean; // 332
  created: boolean; // 201
  reason?: string;
  actor?: string; // the moderator's nick
  destroy?: { reason?: string; jid?: string }; // the room is gone; jid: where to go instead
  error?: MucError;
}

/** `room/nick`; throws RangeError unless room is a bare JID and nick a valid resource. */
export function occupantJid(room: string, nick: string): string {
  const full = `${bareJid(room)}/${nick}`;
  if (!isValidBareJid(room) || !nick || !parseJid(full)) throw new RangeError('MUC: bad room/nick');
  return full;
}

export type JoinHistory = 'none' | { since?: Date; maxstanzas?: number };

export interface JoinOptions {
  room: string;
  nick: string;
  password?: string;
  history: JoinHistory; // 'none' when the archive (MAM) fills the history in
  show?: Show;
  status?: string;
}

function historyElement(h: JoinHistory): Element | undefined {
  if (h === 'none') return xml('history', { maxstanzas: '0' });
  const { since, maxstanzas } = h;
  if (maxstanzas !== undefined && (!Number.isSafeInteger(maxstanzas) || maxstanzas < 0)) {
    throw new RangeError('MUC join: bad maxstanzas');
  }
  const stamp = since && formatDateTime(since);
  if (since && !stamp) throw new RangeError('MUC join: invalid since date');
  if (!stamp && maxstanzas === undefined) return undefined; // the room's default
  return xml('history', { since: stamp, maxstanzas: maxstanzas?.toString() });
}

function showAndStatus(show: Show | undefined, status: string | undefined): Element[] {
  const out: Element[] = [];
  if (show && show !== 'online') out.push(xml('show', {}, show));
  if (status) out.push(xml('status', {}, xmlText(status)));
  return out;
}

/** Enter (or create) `room` as `nick`. Throws RangeError for a bad room, nick or history. */
export function buildJoin(opts: JoinOptions): Element {
  const { password, history } = opts;
  return xml(
    'presence',
    { to: occupantJid(opts.room, opts.nick), id: newId() },
    xml('x', { xmlns: NS_MUC }, password && xml('password', {}, password), historyElement(history)),
    ...showAndStatus(opts.show, opts.status),
  );
}

export function buildLeave(room: string, nick: string, status?: string): Element {
  return xml(
    'presence',
    { to: occupantJid(room, nick), type: 'unavailable', id: newId() },
    ...showAndStatus(undefined, status),
  );
}

/** XEP-0045 §7.7: our availability in a room we are in, a presence to room/nick without <x/>. */
export function buildOccupantPresence(
  room: string,
  nick: string,
  presence: { show?: Show; status?: string } = {},
): Element {
  return xml(
    'presence',
    { to: occupantJid(room, nick), id: newId() },
    ...showAndStatus(presence.show, presence.status),
  );
}

/** A presence to the new nick, without the join <x/>; pass our show/status to keep them. */
export function buildNickChange(
  room: string,
  newNick: string,
  presence: { show?: Show; status?: string } = {},
): Element {
  return buildOccupantPresence(room, newNick, presence);
}

/**
 * The XEP-0421 occupant id of a room's presence or message; undefined when there is none,
 * it is empty or over-long, or there are several (a room that strips forged ids leaves one).
 */
export function parseOccupantId(el: Element | null | undefined): string | undefined {
  if (!isElement(el, 'presence') && !isElement(el, 'message')) return undefined;
  const ids = el.getChildren('occupant-id', NS_OCCUPANT_ID);
  const id = ids.length === 1 && ids[0] ? attr(ids[0], 'id') : undefined;
  return id && id.length <= MAX_OCCUPANT_ID ? id : undefined;
}

function statusCodes(x: Element | undefined): number[] {
  const codes = (x?.getChildren('status', NS_MUC_USER) ?? [])
    .map((s) => attr(s, 'code') ?? '')
    .filter((c) => /^\d{3}$/.test(c))
    .map(Number);
  return [...new Set(codes)];
}

/** A nick that makes a valid occupant JID with `room`, else undefined. */
function validNick(room: string, nick: string | undefined): string | undefined {
  return nick && parseJid(`${room}/${nick}`) ? nick : undefined;
}

/** `xmpp:room@service?join` (how Prosody's gone error names the new room) → its bare JID. */
function movedTo(el: Element): string | undefined {
  const error = coreChildren(el, 'error')[0];
  const gone = error?.getChild('gone', 'urn:ietf:params:xml:ns:xmpp-stanzas');
  const m = /^xmpp:([^?#]+)(?:\?join)?$/.exec(gone?.getText().trim() ?? '');
  return m?.[1] && isValidBareJid(m[1]) ? bareJid(m[1]) : undefined;
}

/** Does this error presence come from a room? See parseMucPresence. */
function isRoomError(el: Element, from: string): boolean {
  if (el.getChild('x', NS_MUC) || el.getChild('x', NS_MUC_USER)) return true;
  const error = coreChildren(el, 'error')[0];
  const by = error && attr(error, 'by');
  const j = parseJid(from);
  return !!by && !!j && [bareJid(from), j.domain].includes(bareJid(by));
}

/**
 * An occupant's presence in a room; null unless `el` is a presence from room/nick carrying
 * a muc#user <x/>, or an error presence from room/nick. A room's join errors carry no MUC
 * payload (Prosody's: only <error by='room'/>), so an error counts when it has a muc or
 * muc#user <x/>, an <error by/> naming the room or its service, or `fromRoom` says the
 * caller knows the sender's bare JID is a room it is in or joining. Whether it is a room at
 * all is the caller's check: anyone can send a presence with a muc#user <x/>.
 */
export function parseMucPresence(
  el: Element | null | undefined,
  opts: { fromRoom?: boolean } = {},
): MucPresence | null {
  const p = parsePresence(el);
  const type = oneOf(TYPES, p?.type);
  if (!el || !p || !type) return null;
  const j = parseJid(p.from);
  if (!j?.resource || !j.local) return null; // presences from the room itself are not occupants
  const xs = el.getChildren('x', NS_MUC_USER);
  const x = xs[xs.length - 1];
  if (type === 'error' ? !opts.fromRoom && !isRoomError(el, p.from) : !x) return null;
  const room = bareJid(p.from);
  const item = x?.getChild('item', NS_MUC_USER);
  const codes = statusCodes(x);
  const result: MucPresence = {
    room,
    nick: j.resource,
    type,
    show: p.show,
    role: oneOf(MUC_ROLES, item && attr(item, 'role')) ?? 'none',
    affiliation: oneOf(MUC_AFFILIATIONS, item && attr(item, 'affiliation')) ?? 'none',
    statusCodes: codes,
    self: codes.includes(110),
    kicked: codes.includes(307),
    banned: codes.includes(301),
    removedAffiliation: codes.includes(321),
    removedMembersOnly: codes.includes(322),
    shutdown: codes.includes(332),
    created: codes.includes(201),
  };
  if (p.status) result.status = p.status;
  const realJid = item && attr(item, 'jid');
  if (realJid && parseJid(realJid)) result.jid = realJid;
  const occupantId = parseOccupantId(el);
  if (occupantId) result.occupantId = occupantId;
  const newNick = codes.includes(303) ? validNick(room, item && attr(item, 'nick')) : undefined;
  if (newNick) result.newNick = newNick;
  const reason = shortText(item?.getChildText('reason', NS_MUC_USER));
  if (reason) result.reason = reason;
  const actor = item?.getChild('actor', NS_MUC_USER);
  const actorNick = shortText(actor && attr(actor, 'nick'));
  if (actorNick) result.actor = actorNick;
  const destroy = x?.getChild('destroy', NS_MUC_USER);
  if (destroy) {
    result.destroy = {};
    const alt = attr(destroy, 'jid');
    if (alt && isValidBareJid(alt)) result.destroy.jid = bareJid(alt);
    const why = shortText(destroy.getChildText('reason', NS_MUC_USER));
    if (why) result.destroy.reason = why;
  }
  if (type === 'error') {
    const error: MucError = parseStanzaError(el) ?? {
      type: 'cancel',
      condition: 'undefined-condition',
    };
    const moved = error.condition === 'gone' ? movedTo(el) : undefined;
    if (moved) error.movedTo = moved;
    result.error = error;
  }
  return result;
}

/** Set (or, with '', clear) the room's subject. */
export function buildSubject(room: string, subject: string): Element {
  if (!isValidBareJid(room)) throw new RangeError('MUC subject: bad room');
  return xml(
    'message',
    { to: bareJid(room), type: 'groupchat', id: newId() },
    xml('subject', {}, xmlText(subject)),
  );
}

/**
 * A subject change (or the subject a room sends on join); null unless `el` is a groupchat
 * message with a <subject/> and neither <body/> nor <thread/> (XEP-0045 §8.1: with those it
 * is an ordinary message). `subject` '' means cleared; nick is absent when the room set it.
 */
export function parseSubject(
  el: Element | null | undefined,
): { room: string; nick?: string; subject: string } | null {
  if (!isElement(el, 'message') || attr(el, 'type') !== 'groupchat') return null;
  const subject = coreChildren(el, 'subject')[0];
  if (!subject || coreChildren(el, 'body').length || coreChildren(el, 'thread').length) {
    return null;
  }
  const j = parseJid(attr(el, 'from') ?? '');
  if (!j?.local) return null;
  const room = `${j.local}@${j.domain}`;
  const text = shortText(subject.getText(), MAX_SUBJECT) ?? '';
  return j.resource ? { room, nick: j.resource, subject: text } : { room, subject: text };
}
