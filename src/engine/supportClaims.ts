// Trust rules for support rooms (urn:parley:support:0, see xmpp/support.ts). The room is the
// shopper's: they are its owner, so "owner or admin" alone would let a shopper claim or close
// their own conversation in an agent's name. Claims and closing are believed only from the team
// (fromTeam); pre-chat details and ratings only from the shopper (fromShopper). Both go by the
// real JID the non-anonymous room vouches for: the live occupant list, or the room's own stamp
// on its archived copy; never by the nickname or anything the sender wrote. A guest who signs
// in to the shop hands the room to that account (believedHandover): it is the shopper from
// then on, never the team.
import type { Room } from '../db';
import type { ChatMessage, SupportClaim } from '../xmpp';

const TEAM = new Set(['member', 'admin', 'owner']);

export interface ClaimSender {
  jid?: string; // real bare JID
  affiliation?: string;
}

/**
 * The sender is one of the team: the room vouches for their real JID, they are a member,
 * admin or owner, and they are not the shopper the room is named after.
 */
export function fromTeam(room: Room, sender: ClaimSender | undefined): boolean {
  if (!room.features?.nonAnonymous) return false;
  const jid = sender?.jid?.toLowerCase();
  if (!jid || !TEAM.has(sender?.affiliation ?? '')) return false;
  if (room.handedTo?.includes(jid)) return false;
  // The shopper's room is `guest-x@conference.shop`, their account `guest-x@shop`.
  return jid.split('@')[0] !== room.jid.split('@')[0];
}

/** The sender is the shopper the room is named after, by the real JID the room vouches for. */
function namedShopper(room: Room, sender: ClaimSender | undefined): boolean {
  if (!room.features?.nonAnonymous) return false;
  const jid = sender?.jid?.toLowerCase();
  if (!jid) return false;
  const [local, domain] = jid.split('@');
  const [roomLocal, service] = room.jid.split('@');
  // The shopper's account is on the server whose group-chat service holds the room.
  return local === roomLocal && !!service?.endsWith(`.${domain}`);
}

/** The sender is the room's shopper: the one it is named after, or one they handed it to. */
export function fromShopper(room: Room, sender: ClaimSender | undefined): boolean {
  if (namedShopper(room, sender)) return true;
  const jid = sender?.jid?.toLowerCase();
  return !!room.features?.nonAnonymous && !!jid && !!room.handedTo?.includes(jid);
}

/**
 * The account the shopper goes on as (they signed in to the shop), if `msg` hands the room
 * over and is to be believed: only from the shopper the room is named after, by their real
 * JID. Anyone else's hand-over (an agent's, a forged one) changes nothing.
 */
export function believedHandover(
  room: Room,
  msg: ChatMessage,
  sender: ClaimSender | undefined,
): string | undefined {
  return msg.handover && namedShopper(room, sender) ? msg.handover : undefined;
}

/** The claim of `msg` if it is to be believed, else undefined (its body still shows). */
export function believedClaim(
  room: Room,
  msg: ChatMessage,
  sender: ClaimSender | undefined,
): SupportClaim | undefined {
  return msg.claim && fromTeam(room, sender) ? msg.claim : undefined;
}

/**
 * Pre-chat details are the shopper's own words about themself: believed only from the shopper
 * the room is named after, so an agent or anyone else cannot make a shopper appear to be
 * someone else. `by` is the real JID the room vouched for (never anything the sender wrote):
 * the team's app tells a known customer, whose host only the shop's backend makes accounts
 * on, from a guest by it.
 */
export function believedPrechat(
  room: Room,
  msg: ChatMessage,
  sender: ClaimSender | undefined,
): (NonNullable<ChatMessage['prechat']> & { by: string }) | undefined {
  const by = sender?.jid?.toLowerCase();
  return msg.prechat && by && fromShopper(room, sender) ? { ...msg.prechat, by } : undefined;
}
