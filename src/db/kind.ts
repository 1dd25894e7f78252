// What a conversation is, decided once, when its row is made (issue 14, item 5).
import type { ConversationKind } from './types';

/**
 * The kind of a conversation with `peer`. One-to-one chats are kept under a bare JID, so a
 * peer with a resource is a private conversation with someone in a room (room/nick); a bare
 * JID is a room when we have a row for it (joined, joining, bookmarked, left), else a contact.
 */
export function peerKind(peer: string, knownRoom: boolean): ConversationKind {
  if (peer.includes('/')) return 'private';
  return knownRoom ? 'room' : 'contact';
}
