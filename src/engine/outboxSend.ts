import {
  type Attachment,
  advanceMessage,
  type ConversationKind,
  findByWireId,
  type Message,
  type OutboxRow,
  peerKind,
  type Room,
  trace,
} from '../db';
import {
  buildChatMessage,
  buildDisplayed,
  buildReceipt,
  buildReceivedMarker,
  type FileMeta,
  quoteOf,
} from '../xmpp';

const localPart = (jid: string) => jid.split('@')[0] ?? jid;

import { createActSender } from './actSend';
import type { EngineContext } from './context';
import type { ConversationKinds } from './conversationKinds';

/** After this many sessions that took a message but never acknowledged it, it is shown failed. */
export const MAX_TRIES = 5;

/** What became of a row the drain tried: out on the wire, not to be sent, or not yet. */
export type Outcome = 'sent' | 'dropped' | 'wait';

/**
 * A row ready to go: as stored, with its message (chat), the kind of the message's conversation
 * and, for a room's message, the room.
 */
export interface Prepared {
  row: OutboxRow;
  msg?: Message;
  kind?: ConversationKind;
  room?: Room;
}

/** What other clients need to show a file before fetching it (XEP-0446). */
function fileMeta(file: Attachment): FileMeta {
  const meta: FileMeta = { name: file.name };
  if (file.mediaType) meta.mediaType = file.mediaType;
  if (file.size !== undefined) meta.size = file.size;
  if (file.width !== undefined) meta.width = file.width;
  if (file.height !== undefined) meta.height = file.height;
  if (file.duration !== undefined) meta.duration = file.duration;
  return meta;
}

/**
 * Puts outbox rows on the wire: a chat message (to a contact, a room or an occupant), or a
 * receipt or displayed marker we owe.
 */
export function createRowSender(ctx: EngineContext, kinds: Pick<ConversationKinds, 'kindOf'>) {
  const { db, session } = ctx;
  const sendAct = createActSender(ctx);

  async function sendChat(msg: Message, toKind: 'groupchat' | 'private' | undefined) {
    const file = msg.file?.url ? msg.file : undefined;
    const reply = msg.replyTo ? await replyOf(msg.peer, msg.replyTo) : undefined;
    trace('out', msg.id);
    return session.send(
      buildChatMessage({
        to: msg.peer,
        id: msg.id,
        body: msg.body,
        ...(toKind ? { toKind } : {}),
        ...(msg.claim ? { claim: msg.claim } : {}),
        ...(msg.prechat ? { prechat: msg.prechat } : {}),
        ...(msg.card ? { card: msg.card } : {}),
        ...(msg.closed ? { closed: true } : {}),
        ...(msg.rating ? { rating: msg.rating } : {}),
        ...(msg.handover ? { handover: msg.handover } : {}),
        ...(file?.url
          ? {
              oob: { url: file.url, ...(msg.caption ? { desc: msg.caption } : {}) },
              file: fileMeta(file),
            }
          : {}),
        ...(reply ? { reply } : {}),
      }),
    );
  }

  /** A reply's reference and the quote other clients show (XEP-0461 with XEP-0428). */
  async function replyOf(peer: string, to: NonNullable<Message['replyTo']>) {
    const quoted = await findByWireId(db, peer, to.id);
    const name = quoted?.nick ?? localPart(quoted?.direction === 'out' ? ctx.account : peer);
    const text = quoted?.file ? quoted.file.name : (quoted?.body ?? '');
    return { to: { ...to }, quote: quoteOf(name, text) };
  }

  /**
   * What the rows need to go out, read in one transaction for a drain pass: each row as stored
   * now (absent: acknowledged, deleted or retried meanwhile), its message, its conversation's
   * kind and its room. A row this tab is still writing comes with its message (`msg`), which is
   * not read: a read would wait for that write to commit. Such a message to a contact or an
   * occupant, by the kinds held in memory, needs no read at all, and goes in the task of its
   * write; a room's message needs its room's state, read fresh.
   */
  function prepare(
    items: ReadonlyArray<{ row: OutboxRow; msg?: Message }>,
  ): Map<string, Prepared> | Promise<Map<string, Prepared>> {
    const out = new Map<string, Prepared>();
    const toRead: Array<{ row: OutboxRow; msg?: Message }> = [];
    for (const it of items) {
      const kind = it.msg && kinds.kindOf(it.msg.peer);
      if (it.msg && kind && kind !== 'room') out.set(it.row.id, { row: it.row, msg: it.msg, kind });
      else toRead.push(it);
    }
    if (!toRead.length) return out;
    // Nothing to read: returned at once, so the stanza can leave in the task of its write.
    return read(toRead, out);
  }

  async function read(
    toRead: ReadonlyArray<{ row: OutboxRow; msg?: Message }>,
    out: Map<string, Prepared>,
  ): Promise<Map<string, Prepared>> {
    const stored = toRead.filter((it) => !it.msg).map((it) => it.row.id);
    const tables = [db.outbox, db.messages, db.conversations, db.rooms];
    await db.transaction('r', tables, async () => {
      const [rows, msgs] = await Promise.all([
        db.outbox.bulkGet(stored),
        db.messages.bulkGet(stored),
      ]);
      const fresh = new Map<string, Prepared>();
      stored.forEach((id, i) => {
        const row = rows[i];
        if (row) fresh.set(id, { row, ...(msgs[i] ? { msg: msgs[i] } : {}) });
      });
      for (const it of toRead) {
        if (it.msg) fresh.set(it.row.id, { row: it.row, msg: it.msg });
      }
      const peers = [...new Set([...fresh.values()].flatMap((p) => (p.msg ? [p.msg.peer] : [])))];
      const [convs, found] = await Promise.all([
        db.conversations.bulkGet(peers),
        db.rooms.bulkGet(peers),
      ]);
      const rooms = new Map(found.flatMap((r) => (r ? [[r.jid, r] as const] : [])));
      // The message's write made its conversation; should the row be gone since, the rule that
      // made it (db/kind.ts) says what it was.
      const kindOf = new Map(
        peers.map((peer, i) => [peer, convs[i]?.kind ?? peerKind(peer, rooms.has(peer))]),
      );
      for (const [id, p] of fresh) {
        const kind = p.msg && kindOf.get(p.msg.peer);
        const room = kind === 'room' && p.msg ? rooms.get(p.msg.peer) : undefined;
        out.set(id, { ...p, ...(kind ? { kind } : {}), ...(room ? { room } : {}) });
      }
    });
    return out;
  }

  /** Send a prepared row. `before` runs just before the stanza is handed to the session. */
  async function send(p: Prepared, before: () => void, online: () => boolean): Promise<Outcome> {
    const { row } = p;
    const kind = row.kind ?? 'chat';
    if (row.tries >= MAX_TRIES) {
      if (kind === 'chat') await advanceMessage(db, row.id, 'failed', { error: 'no-ack' });
      return 'dropped';
    }
    if (kind === 'correct' || kind === 'retract' || kind === 'react')
      return sendAct(row, before, online);
    if (kind !== 'chat') {
      if (!row.ref) return 'dropped';
      const build =
        kind === 'receipt'
          ? buildReceipt
          : kind === 'received'
            ? buildReceivedMarker
            : buildDisplayed;
      before();
      await session.send(build({ to: row.peer, id: row.ref, stanzaId: row.id }));
      return 'sent';
    }
    if (p.msg?.state !== 'queued') return 'dropped';
    // A room gets a groupchat message (only while we are in it); an occupant a private one.
    if (p.kind === 'room' && p.room?.status !== 'joined') return 'wait';
    // The link may have gone while the rows were read: the next session sends it (sent now, it
    // would go out on that session before it is set up, and then again).
    if (!online()) return 'wait';
    before();
    await sendChat(
      p.msg,
      p.kind === 'room' ? 'groupchat' : p.kind === 'private' ? 'private' : undefined,
    );
    return 'sent';
  }

  return { prepare, send };
}
