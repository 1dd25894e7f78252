// XEP-0045 §7.8.2 mediated invitations: we ask the room to invite someone; the room sends
// them the invitation from its own address.
//
// What Prosody 0.12 delivers: <message from='room'> keeping the inviter's type and id, with
// <x xmlns='muc#user'><invite from='inviter'><reason/></invite><password/></x> (the password
// when the room has one), a <x xmlns='jabber:x:conference' jid='room'>reason</x> for old
// clients, and a plain <body/>. In a room that hides real JIDs (whois = moderators) the
// invite's `from` is the inviter's occupant JID (room/nick), not their account. Prosody
// reads only the first child of the <x/> (so <invite/> comes first) and, in a members-only
// room, makes the invitee a member.
//
// The sender is unchecked: anyone can send a message shaped like this. Its `room` is the
// sender's address, so a forged one can only invite to the forger's own address.
import xml, { type Element } from '@xmpp/xml';
import { bareJid, isValidBareJid, parseJid } from '../shared/jid';
import { NS_MUC_USER } from './muc';
import { attr, isElement, MAX_SHORT_TEXT, newId, shortText } from './stanza';
import { truncate, xmlText } from './text';

export interface MediatedInvite {
  room: string; // bare, normalized: the sender
  from: string; // the inviter as the room names them (real or occupant JID)
  reason?: string;
  password?: string;
}

function mediated(room: string, kind: 'invite' | 'decline', to: string, reason?: string): Element {
  if (!isValidBareJid(room)) throw new RangeError('MUC invite: bad room');
  if (!parseJid(to)) throw new RangeError('MUC invite: bad invitee');
  return xml(
    'message',
    { to: bareJid(room), id: newId() },
    xml(
      'x',
      { xmlns: NS_MUC_USER },
      xml(kind, { to }, reason && xml('reason', {}, xmlText(reason))),
    ),
  );
}

/** Ask `room` to invite `to`. Throws RangeError for a bad room or invitee. */
export function buildMediatedInvite(room: string, to: string, reason?: string): Element {
  return mediated(room, 'invite', to, reason);
}

/** Decline, through `room`, an invitation from `to` (the invite's `from`). */
export function buildMediatedDecline(room: string, to: string, reason?: string): Element {
  return mediated(room, 'decline', to, reason);
}

/** The one <invite/> or <decline/> in a message from a room, with its <x/>; null otherwise. */
function payload(el: unknown, kind: 'invite' | 'decline') {
  if (!isElement(el, 'message')) return null;
  if (['groupchat', 'error'].includes(attr(el, 'type') ?? 'normal')) return null;
  // The element first: every message comes through here, few are invitations.
  const found = el
    .getChildren('x', NS_MUC_USER)
    .flatMap((x) => x.getChildren(kind, NS_MUC_USER).map((p) => ({ x, p })));
  const only = found.length === 1 ? found[0] : undefined;
  if (!only) return null;
  const sender = attr(el, 'from') ?? '';
  const j = parseJid(sender);
  if (!j?.local || !isValidBareJid(sender)) return null; // rooms send from their bare JID
  const from = attr(only.p, 'from');
  if (!only || !from || !parseJid(from)) return null;
  const reason = shortText(only.p.getChildText('reason', NS_MUC_USER));
  return { room: bareJid(sender), from, x: only.x, ...(reason ? { reason } : {}) };
}

/** A room's invitation; null unless `el` has exactly one with a valid inviter, from a bare JID. */
export function parseMediatedInvite(el: Element | null | undefined): MediatedInvite | null {
  const p = payload(el, 'invite');
  if (!p) return null;
  const { x, ...invite } = p;
  const password = x.getChildText('password', NS_MUC_USER);
  return password ? { ...invite, password: truncate(password, MAX_SHORT_TEXT) } : invite;
}
