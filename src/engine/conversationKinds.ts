// The kind stored on each conversation (Conversation.kind, db/kind.ts), mirrored in memory so
// that the outbox can send a message typed here in the task of its write, before any read of
// the database could answer. Only rooms' and private conversations' addresses are held (and the
// rooms we have a row for): every other conversation is a contact's.
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
  } | null = null;
  // Keys only, by the kind index: a write to a contact's conversation does not run it again.
  const sub = liveQuery(() =>
    Promise.all([
      db.conversations.where('kind').equals('room').primaryKeys(),
      db.conversations.where('kind').equals('private').primaryKeys(),
      db.rooms.toCollection().primaryKeys(),
    ]),
  ).subscribe({
    next: ([rooms, privates, roomRows]) => {
      known = { rooms: new Set(rooms), privates: new Set(privates), roomRows: new Set(roomRows) };
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
      // A contact's, or not made yet: its first write makes it by the one rule (no room).
      return peerKind(peer, false);
    },
    stop: () => sub.unsubscribe(),
  };
}
