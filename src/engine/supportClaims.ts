// Trust rule for support claims (urn:parley:support:0, see xmpp/support.ts): who takes care of
// a shopper's room. The room is the shopper's: they are its owner, so "owner or admin" alone
// would let a shopper claim their own conversation in an agent's name. A claim is believed
// only when the room vouches for the sender's real JID (a non-anonymous room: the live
// occupant list, or the room's stamp on its archived copy), the sender is a member, admin or
// owner (the invited team), and the sender is not the shopper the room is named after.
import type { Room } from '../db';
import type { ChatMessage, SupportClaim } from '../xmpp';

const TEAM = new Set(['member', 'admin', 'owner']);

export interface ClaimSender {
  jid?: string; // real bare JID
  affiliation?: string;
}

/** The claim of `msg` if it is to be believed, else undefined (its body still shows). */
export function believedClaim(
  room: Room,
  msg: ChatMessage,
  sender: ClaimSender | undefined,
): SupportClaim | undefined {
  const claim = msg.claim;
  if (!claim || !room.features?.nonAnonymous) return undefined;
  const jid = sender?.jid?.toLowerCase();
  if (!jid || !TEAM.has(sender?.affiliation ?? '')) return undefined;
  // The shopper's room is `guest-x@conference.shop`, their account `guest-x@shop`.
  if (jid.split('@')[0] === room.jid.split('@')[0]) return undefined;
  return claim;
}

/**
 * Pre-chat details are the shopper's own words about themself: believed only from the shopper
 * the room is named after (by the real JID the room vouches for, as for claims), so an agent
 * or anyone else cannot make a shopper appear to be someone else.
 */
export function believedPrechat(
  room: Room,
  msg: ChatMessage,
  sender: ClaimSender | undefined,
): ChatMessage['prechat'] {
  if (!msg.prechat || !room.features?.nonAnonymous) return undefined;
  const jid = sender?.jid?.toLowerCase();
  if (!jid) return undefined;
  const [local, domain] = jid.split('@');
  const [roomLocal, service] = room.jid.split('@');
  // The shopper's account is on the server whose group-chat service holds the room.
  if (local !== roomLocal || !service?.endsWith(`.${domain}`)) return undefined;
  return msg.prechat;
}
