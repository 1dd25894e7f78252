// A room's messages (XEP-0045 §7.4): group messages and subjects from the room's own address,
// private messages from its occupants, and error bounces of what we sent to it.
//
// Trust: only rooms in our rooms table reach here (parseIncoming asks isRoom); a private
// message from an occupant is filed under `room/nick`, never under a contact.
import {
  advanceMessage,
  type Message,
  type Room,
  setMeta,
  setRoomTyping,
  storeIncoming,
  updateRoom,
} from '../db';
import {
  bareJid,
  type ChatMessage,
  findMentions,
  type Groupchat,
  type IncomingRecord,
  type MamResult,
  resourceOf,
} from '../xmpp';
import { type ActIn, createActs } from './acts';
import type { EngineContext } from './context';
import { hasBody, toRow } from './messages';
import type { RoomState } from './roomState';
import {
  believedClaim,
  believedHandover,
  believedPrechat,
  type ClaimSender,
  fromShopper,
  fromTeam,
} from './supportClaims';

type RoomPrivate = Extract<IncomingRecord, { kind: 'roomPrivate' }>;

/** How often, at most, a room's newest archive id is written (see noteLast). */
const LAST_ID_EVERY_MS = 500;

export function createRoomMessages(
  ctx: EngineContext,
  state: RoomState,
  deps: { flushOccupants(): Promise<void> },
) {
  const { db, account } = ctx;
  const { known } = state;
  const acts = createActs(ctx);
  // Who we wrote as typing, per room: their next message ends it without a read per message.
  const typers = new Map<string, Set<string>>();
  async function typing(room: string, nick: string, state: NonNullable<ChatMessage['chatState']>) {
    const set = typers.get(room) ?? new Set<string>();
    if (state === 'composing') set.add(nick);
    else if (!set.delete(nick)) return;
    typers.set(room, set);
    await setRoomTyping(db, room, nick, state);
  }

  /** An act by `nick` in `room`: ours (reflected), or an occupant's, known by occupant id. */
  function roomAct(room: Room, msg: ChatMessage, nick: string, at: number, occupantId?: string) {
    const ours = state.isOurs(room, nick, occupantId);
    const byOccupantId = room.features?.occupantId === true;
    const actor: ActIn['actor'] = ours
      ? { kind: 'own' }
      : { kind: 'occupant', nick, byOccupantId, ...(occupantId ? { occupantId } : {}) };
    return { msg, peer: room.jid, actor, at };
  }

  /** An act from the room's bare JID itself: a moderation (XEP-0425), or refused in acts. */
  function roomOwnAct(room: Room, msg: ChatMessage, at: number): ActIn | null {
    return msg.act ? { msg, peer: room.jid, actor: { kind: 'room' }, at } : null;
  }

  /** An archived act of the room (XEP-0313): to apply once the page around it is stored. */
  function archivedAct(room: Room, result: MamResult): ActIn | null {
    const msg = result.message;
    const nick = resourceOf(msg.from);
    if (!msg.act || msg.type !== 'groupchat' || bareJid(msg.from) !== room.jid) return null;
    // The room's own (no nick): only a moderation, whose trust rule is that very origin.
    if (!nick) return roomOwnAct(room, msg, (result.stamp ?? new Date()).getTime());
    return roomAct(room, msg, nick, (result.stamp ?? new Date()).getTime(), msg.occupantId);
  }

  /** A room's message as a row: ours when the room reflects it back, `in` otherwise. */
  function roomRow(
    room: Room,
    msg: ChatMessage,
    nick: string,
    at: number,
    occupantId?: string,
    sender?: ClaimSender,
  ): Message {
    const ours = state.isOurs(room, nick, occupantId);
    const row = toRow(msg, room.jid, ours ? 'out' : 'in', room.jid, at);
    row.nick = nick;
    const handover = believedHandover(room, msg, sender);
    if (handover) {
      row.handover = handover;
      handOver(room, handover);
    }
    if (occupantId && room.features?.occupantId) row.occupantId = occupantId;
    const claim = believedClaim(room, msg, sender);
    if (claim) row.claim = claim;
    const prechat = believedPrechat(room, msg, sender);
    if (prechat) row.prechat = prechat;
    // A card is the sender's own words, shown under their name: no sender check, only the
    // content rules the parser applied (shared/supportCard.ts).
    if (msg.card) row.card = msg.card;
    // Closing is the team's to say, rating the shopper's: each believed only from them.
    if (msg.closed && fromTeam(room, sender)) row.closed = true;
    if (msg.rating && fromShopper(room, sender)) row.rating = msg.rating;
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

  /**
   * The room's shopper goes on as `to`: known at once (the next message of the same archive
   * page may be theirs), then stored.
   */
  function handOver(room: Room, to: string) {
    const now = known.get(room.jid) ?? room;
    if (now.handedTo?.includes(to)) return;
    const handedTo = [...(now.handedTo ?? []), to];
    known.set(room.jid, { ...now, handedTo });
    void updateRoom(db, room.jid, { handedTo }).catch((err) => ctx.log('hand-over not kept', err));
  }

  /** An archived message of the room (XEP-0313), as a row; null when nothing to show. */
  function archivedRow(room: Room, result: MamResult): Message | null {
    const msg = result.message;
    const nick = resourceOf(msg.from);
    if (msg.type !== 'groupchat' || !nick || !hasBody(msg) || bareJid(msg.from) !== room.jid)
      return null;
    if (msg.act) return null; // see archivedAct
    const row = roomRow(
      room,
      msg,
      nick,
      (result.stamp ?? new Date()).getTime(),
      undefined,
      msg.roomSender,
    );
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
    const at = r.message.delay?.stamp.getTime() ?? Date.now();
    if (r.nick && r.message.act) {
      await acts.apply(roomAct(room, r.message, r.nick, at, r.occupantId));
      return;
    }
    const own = r.nick ? null : roomOwnAct(room, r.message, at);
    if (own) return void (await acts.apply(own));
    if (!r.nick || !hasBody(r.message)) {
      // Someone typing in the room: live only (not an archived or delayed copy), and never
      // ourselves (the room reflects our own states back). The room's own notices: nothing.
      const cs = r.message.chatState;
      if (r.nick && cs && !r.message.delay && !state.isOurs(room, r.nick, r.occupantId))
        await typing(room.jid, r.nick, cs);
      return;
    }
    // A claim's sender is who the room says is in it (its occupant list), never the stanza;
    // the list as of this message, presences still buffered included (one who just came in).
    const m = r.message;
    const support = m.claim || m.prechat || m.closed || m.rating || m.handover;
    if (support) await deps.flushOccupants();
    const occupant = support ? await db.occupants.get([room.jid, r.nick]) : undefined;
    const row = roomRow(room, r.message, r.nick, at, r.occupantId, occupant);
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
    // What they typed is here: no longer "typing…".
    if (row.direction === 'in' && !r.message.delay) await typing(room.jid, r.nick, 'active');
  }

  /** A private message from an occupant (chat, or normal with a body). */
  async function handlePrivate(r: RoomPrivate) {
    if (!known.has(r.room) || !r.nick) return;
    const at = r.message.delay?.stamp.getTime() ?? Date.now();
    const peer = `${r.room}/${r.nick}`;
    if (r.message.act) {
      await acts.apply({ msg: r.message, peer, actor: { kind: 'peer', jid: peer }, at });
      return;
    }
    if (!hasBody(r.message)) return;
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
  /** Rooms whose archive was read since we last joined them (engine/archive.ts catchUpRoom). */
  const read = new Set<string>();
  function noteLast(jid: string, id: string) {
    const r = known.get(jid);
    // Until the archive is read after a join, where that read starts stays where it was: a
    // live message said as we came in (or our own, reflected) would have it start after
    // itself, past what was said while we were away (or, on a first join, past the room's
    // newest page). The read fetches these live messages again, dropped as duplicates.
    if (!read.has(jid)) return;
    lastIds.set(jid, id);
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

  return {
    archivedRow,
    archivedAct,
    handleGroupchat,
    handlePrivate,
    handleError,
    flushLast,
    archiveRead: (jid: string) => void read.add(jid),
    /** We are joining the room (again): its archive is to be read before live moves it on. */
    archiveUnread: (jid: string) => void read.delete(jid),
  };
}
