import type { OwnPresence } from '../db';
import type { Show } from '../xmpp';

/**
 * How we appear in the rooms we are in (XEP-0045 §7.7), from our own presence.
 *
 * Invisible: XEP-0045 has no such thing, and a room lists everyone in it whatever they send,
 * so the only way to vanish from a room is to leave it, which the person did not ask for.
 * Rooms see "away" without the status text: the least a room can be told of someone who
 * wants to seem gone but stay. (Gajim leaves every room on invisible; we keep the rooms.)
 */
export function roomPresence(own: OwnPresence): { show: Show; status?: string } {
  if (own.show === 'invisible') return { show: 'away' };
  return own.status ? { show: own.show, status: own.status } : { show: own.show };
}
