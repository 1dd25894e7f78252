// The rooms to join on every device (XEP-0402 bookmarks): what this device joins or leaves is
// published; what another device bookmarked is joined here on each new session.
import { ensureRoomConversation, type Room } from '../db';
import { createBookmarkStore } from './bookmarks';
import type { EngineContext } from './context';
import type { RoomState } from './roomState';

export function createRoomBookmarks(ctx: EngineContext, state: RoomState) {
  const { db, account } = ctx;
  const bookmarks = createBookmarkStore(ctx);

  async function publish(room: Room) {
    await bookmarks.publish({
      room: room.jid,
      autojoin: room.autojoin,
      nick: room.nick,
      ...(room.name ? { name: room.name } : {}),
      ...(room.password ? { password: room.password } : {}),
    });
  }

  /** Rooms bookmarked on any device join us here too. */
  async function fetch() {
    const list = await bookmarks.fetch();
    const defaultNick = account.split('@')[0] ?? 'me';
    for (const b of list) {
      if (!b.autojoin) continue;
      const old = await db.rooms.get(b.room);
      if (old && old.status !== 'left') continue;
      const row: Room = {
        ...(old ?? {}),
        jid: b.room,
        nick: b.nick ?? old?.nick ?? defaultNick,
        autojoin: true,
        status: 'joining',
        ...(b.name ? { name: b.name } : {}),
        ...(b.password ? { password: b.password } : {}),
      };
      await db.rooms.put(row);
      state.known.set(b.room, row);
      await ensureRoomConversation(db, b.room);
    }
  }

  return { publish, fetch };
}
