// XEP-0249 direct MUC invitations: the inviter tells the invitee about a room directly.
//
// The sender is unchecked: anyone may invite us anywhere, so the UI shows who invites and
// joins only when the user says so. Prosody 0.12 adds a <x xmlns='jabber:x:conference'/> (with
// the reason as text) to the mediated invitations it relays for old clients; a message that
// also carries a muc#user <invite/> is left to parseMediatedInvite.
import xml, { type Element } from '@xmpp/xml';
import { bareJid, isValidBareJid, parseJid } from '../shared/jid';
import { NS_MUC_USER } from './muc';
import { attr, isElement, MAX_SHORT_TEXT, newId, shortText } from './stanza';
import { truncate, xmlText } from './text';

export const NS_CONFERENCE = 'jabber:x:conference';

export interface DirectInvite {
  room: string; // bare, normalized
  from: string; // the inviter as sent
  reason?: string;
  password?: string;
}

/** Invite `to` into `opts.room`. Throws RangeError for a bad address or room. */
export function buildDirectInvite(
  to: string,
  opts: { room: string; reason?: string; password?: string },
): Element {
  if (!parseJid(to)) throw new RangeError('Direct invite: bad invitee');
  const { room, reason, password } = opts;
  if (!parseJid(room)?.local || !isValidBareJid(room))
    throw new RangeError('Direct invite: bad room');
  return xml(
    'message',
    { to, id: newId() },
    xml('x', {
      xmlns: NS_CONFERENCE,
      jid: bareJid(room),
      reason: reason ? xmlText(reason) : undefined,
      password: password || undefined,
    }),
  );
}

/**
 * The invitation in `el`; null unless it is a message (not groupchat or error) from a valid
 * JID with exactly one conference <x/> whose jid is a room's bare JID (local@domain).
 */
export function parseDirectInvite(el: Element | null | undefined): DirectInvite | null {
  if (!isElement(el, 'message')) return null;
  if (['groupchat', 'error'].includes(attr(el, 'type') ?? 'normal')) return null;
  // The element first: every message comes through here, few are invitations.
  const xs = el.getChildren('x', NS_CONFERENCE);
  const x = xs.length === 1 ? xs[0] : undefined;
  if (!x) return null;
  const from = attr(el, 'from');
  if (!from || !parseJid(from)) return null;
  const room = attr(x, 'jid');
  if (!x || !room || !parseJid(room)?.local || !isValidBareJid(room)) return null;
  const mediated = el.getChildren('x', NS_MUC_USER).some((u) => u.getChild('invite', NS_MUC_USER));
  if (mediated) return null;
  const invite: DirectInvite = { room: bareJid(room), from };
  const reason = shortText(attr(x, 'reason'));
  if (reason) invite.reason = reason;
  const password = attr(x, 'password');
  if (password) invite.password = truncate(password, MAX_SHORT_TEXT);
  return invite;
}
