// The rooms we know, kept in memory so that routing a stanza needs no database read, and
// what each room part shares about them: our occupant id in each (XEP-0421), and which
// messages are our own.
import { failQueuedTo, type Room, updateRoom } from '../db';
import type { EngineContext } from './context';

export type RoomState = ReturnType<typeof createRoomState>;

/** Where a room leaves us: out of it until someone joins again. */
const OUT = new Set<Room['status']>(['left', 'kicked', 'banned', 'destroyed', 'error']);

export function createRoomState(ctx: EngineContext) {
  const { db } = ctx;
  /**
   * Out of a room: what we wrote there while joining (the outbox holds a room's messages until
   * we are in) can no longer go. It fails, "not in the room", with Retry and Delete.
   */
  const failWaiting = (jid: string) =>
    failQueuedTo(db, jid, 'not-in-room').catch((err: unknown) =>
      ctx.log('room messages not failed', err),
    );
  const known = new Map<string, Room>();
  /** Our own occupant id per room (XEP-0421), to recognise our reflected messages. */
  const ownOccupantId = new Map<string, string>();

  /**
   * Learn the rooms stored that are not known here yet. Never cleared first: while the read
   * ran, every room would look like no room of ours, and a join's answer arriving then was
   * dropped (the join timed out). A room known here is already as current as memory gets:
   * every change goes through setRoom, or sets it here too.
   */
  async function refresh() {
    for (const r of await db.rooms.toArray()) if (!known.has(r.jid)) known.set(r.jid, r);
  }

  return {
    known,
    ownOccupantId,
    refresh,
    /** Resolves once the rooms table has been read the first time. */
    ready: refresh(),
    isRoom: (jid: string): boolean => known.has(jid),
    /** Change a room in the database and in memory alike. */
    async setRoom(jid: string, changes: Partial<Room>) {
      const stored = await updateRoom(db, jid, changes);
      const r = known.get(jid);
      if (r) known.set(jid, stored ?? { ...r, ...changes });
      if (changes.status && OUT.has(stored?.status ?? changes.status)) await failWaiting(jid);
    },
    failWaiting,
    /** Is this occupant us? By occupant id where the room stamps one, else by nick. */
    isOurs(room: Room, nick: string, occupantId?: string): boolean {
      const own = ownOccupantId.get(room.jid);
      if (room.features?.occupantId && own && occupantId) return occupantId === own;
      return nick === room.nick;
    },
  };
}
