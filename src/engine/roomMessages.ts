// A room's messages (XEP-0045 §7.4): group messages and subjects from the room's own address,
// private messages from its occupants, and error bounces of what we sent to it.
//
// Trust: only rooms in our rooms table reach here (parseIncoming asks isRoom); a private
// message from an occupant is filed under `room/nick`, never under a contact.
import { advanceMessage, type Message, type Room, setMeta, storeIncoming, updateRoom } from '../db';
import {
  bareJid,
  type ChatMessage,
  findMentions,
  type Groupchat,
  type IncomingRecord,
  type MamResult,
  resourceOf,
} from '../xmpp';
import type { EngineContext } from './context';
import { hasBody, toRow } from './messages';
import type { RoomState } from './roomState';

type RoomPrivate = Extract<IncomingRecord, { kind: 'roomPrivate' }>;

/** How often, at most, a room's newest archive id is written (see noteLast). */
const LAST_ID_EVERY_MS = 500;

export function createRoomMessages(ctx: EngineContext, state: RoomState) {
  const { db, account } = ctx;
  const { known } = state;

  /** A room's message as a row: ours when the room reflects it back, `in` otherwise. */
  function roomRow(
    room: Room,
    msg: ChatMessage,
    nick: string,
    at: number,
    occupantId?: string,
  ): Message {
    const ours = state.isOurs(room, nick, occupantId);
    const row = toRow(msg, room.jid, ours ? 'out' : 'in', room.jid, at);
    row.nick = nick;
    if (occupantId && room.features?.occupantId) row.occupantId = occupantId;
    if (ours) row.state = 'delivered';
    else if (findMentions(row.body, room.nick).length > 0) row.mention = true;
    // The room's own stanza-id (by = the room) is the one its archive pages by.
    const sid = msg.stanzaIds.find((s) => s.by === room.jid)?.id;
    if (sid) row.stanzaId = sid;
    else delete row.stanzaId;
    delete row.remoteId;
    delete row.markable;
    return row;
  }

  /** An archived message of the room (XEP-0313), as a row; null when nothing to show. */
  function archivedRow(room: Room, result: MamResult): Message | null {
    const msg = result.message;
    const nick = resourceOf(msg.from);
    if (msg.type !== 'groupchat' || !nick || !hasBody(msg) || bareJid(msg.from) !== room.jid)
      return null;
    const row = roomRow(room, msg, nick, (result.stamp ?? new Date()).getTime());
    row.stanzaId = result.archiveId;
    return row;
  }

  async function handleGroupchat(r: Groupchat) {
    const room = known.get(r.room);
    if (!room) return;
    if (r.subject !== undefined) {
      await state.setRoom(room.jid, { subject: r.subject });
      return;
    }
    if (!r.nick || !hasBody(r.message)) return; // the room's own notices, chat states
    const at = r.message.delay?.stamp.getTime() ?? Date.now();
    const row = roomRow(room, r.message, r.nick, at, r.occupantId);
    // Our own message reflected by the room: it reached everyone.
    if (row.direction === 'out' && row.originId) {
      const mine = await db.messages
        .where('[peer+originId]')
        .equals([room.jid, row.originId])
        .first();
      if (mine) {
        await advanceMessage(db, mine.id, 'delivered');
        if (row.stanzaId && !mine.stanzaId)
          await db.messages.update(mine.id, { stanzaId: row.stanzaId });
        if (row.stanzaId) noteLast(room.jid, row.stanzaId);
        return;
      }
    }
    await storeIncoming(db, row);
    if (row.stanzaId) noteLast(room.jid, row.stanzaId);
  }

  /** A private message from an occupant (chat, or normal with a body). */
  async function handlePrivate(r: RoomPrivate) {
    if (!known.has(r.room) || !r.nick || !hasBody(r.message)) return;
    const at = r.message.delay?.stamp.getTime() ?? Date.now();
    await storeIncoming(db, toRow(r.message, `${r.room}/${r.nick}`, 'in', account, at));
  }

  /** An error bounce from a room: the message it names failed, or the room refused a task. */
  async function handleError(r: { message: ChatMessage; room: string }) {
    const { message: msg } = r;
    if (msg.id)
      await advanceMessage(db, msg.id, 'failed', { error: msg.error?.condition ?? 'error' });
    if (!msg.id || !(await db.messages.get(msg.id)))
      await setMeta(db, 'lastTaskError', {
        kind: 'room',
        error: msg.error?.text ?? msg.error?.condition ?? 'error',
        at: Date.now(),
      });
  }

  // The newest archive id per room, written at most twice a second: a busy room must not cost
  // a second transaction per message. Lost on a crash, it only means a few messages are
  // fetched again, and dropped as duplicates.
  const lastIds = new Map<string, string>();
  let lastTimer: ReturnType<typeof setTimeout> | undefined;
  function noteLast(jid: string, id: string) {
    lastIds.set(jid, id);
    const r = known.get(jid);
    if (r) known.set(jid, { ...r, mamLastId: id });
    lastTimer ??= setTimeout(() => void flushLast(), LAST_ID_EVERY_MS);
  }
  async function flushLast() {
    clearTimeout(lastTimer);
    lastTimer = undefined;
    const batch = [...lastIds];
    lastIds.clear();
    for (const [jid, id] of batch)
      await updateRoom(db, jid, { mamLastId: id }).catch((err) => ctx.log('room position', err));
  }

  return { archivedRow, handleGroupchat, handlePrivate, handleError, flushLast };
}
