// The kind stored on each conversation (Conversation.kind, db/kind.ts), mirrored in memory so
// that the outbox can send a message typed here in the task of its write, before any read of
// the database could answer. Held: rooms' and private conversations' addresses, the rooms we
// have a row for, and the roster. Only what it holds is answered from memory: a roster contact
// is a contact's conversation, a full address a private one; any other address (a stranger, a
// room whose row was written a moment ago, before this copy caught up) is read from the
// database. Inferring "a contact's" from absence sent a shop widget's first message to its
// just-created room as a chat message, which the room refused.
import { type ConversationKind, liveQuery, peerKind } from '../db';
import type { EngineContext } from './context';

export interface ConversationKinds {
  /**
   * The kind stored on the conversation with `peer`, or for one not made yet the kind its first
   * write gives it; undefined until the first read is in.
   */
  kindOf(peer: string): ConversationKind | undefined;
  stop(): void;
}

export function createConversationKinds(ctx: EngineContext): ConversationKinds {
  const { db } = ctx;
  let known: {
    rooms: ReadonlySet<string>;
    privates: ReadonlySet<string>;
    roomRows: ReadonlySet<string>;
    contacts: ReadonlySet<string>;
  } | null = null;
  // Keys only, by the kind index: a write to a contact's conversation does not run it again.
  const sub = liveQuery(() =>
    Promise.all([
      db.conversations.where('kind').equals('room').primaryKeys(),
      db.conversations.where('kind').equals('private').primaryKeys(),
      db.rooms.toCollection().primaryKeys(),
      db.contacts.toCollection().primaryKeys(),
    ]),
  ).subscribe({
    next: ([rooms, privates, roomRows, contacts]) => {
      known = {
        rooms: new Set(rooms),
        privates: new Set(privates),
        roomRows: new Set(roomRows),
        contacts: new Set(contacts),
      };
    },
    error: (err) => ctx.log('conversation kinds not read', err),
  });
  return {
    kindOf(peer) {
      if (!known) return undefined;
      if (known.rooms.has(peer)) return 'room';
      if (known.privates.has(peer)) return 'private';
      // A room's row without a room's conversation (kept from before conversations had a kind):
      // its first write will make it a room's, as the write itself reads. Not known here.
      if (known.roomRows.has(peer)) return undefined;
      // An occupant's full address: private, whatever is stored (the one rule, db/kind.ts).
      if (peerKind(peer, false) === 'private') return 'private';
      return known.contacts.has(peer) ? 'contact' : undefined;
    },
    stop: () => sub.unsubscribe(),
  };
}
