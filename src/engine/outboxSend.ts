import {
  type Attachment,
  advanceMessage,
  type Message,
  type OutboxRow,
  type Room,
  trace,
} from '../db';
import {
  buildChatMessage,
  buildDisplayed,
  buildReceipt,
  buildReceivedMarker,
  type FileMeta,
} from '../xmpp';
import type { EngineContext } from './context';

/** After this many sessions that took a message but never acknowledged it, it is shown failed. */
export const MAX_TRIES = 5;

/** What became of a row the drain tried: out on the wire, not to be sent, or not yet. */
export type Outcome = 'sent' | 'dropped' | 'wait';

/** A row ready to go: as stored, with its message (chat) and its room (a room's message). */
export interface Prepared {
  row: OutboxRow;
  msg?: Message;
  room?: Room;
}

/** Where the drain's rooms knowledge comes from (engine/rooms.ts). */
export interface RoomsKnown {
  /** Resolves once `isRoom` knows every stored room. */
  ready: Promise<unknown>;
  isRoom(jid: string): boolean;
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
export function createRowSender(ctx: EngineContext, rooms: RoomsKnown) {
  const { db, session } = ctx;
  let roomsKnown = false;
  rooms.ready.then(
    () => {
      roomsKnown = true;
    },
    () => {}, // reported where the rooms are used
  );

  function sendChat(msg: Message, toKind: 'groupchat' | 'private' | undefined) {
    const file = msg.file?.url ? msg.file : undefined;
    trace('out', msg.id);
    return session.send(
      buildChatMessage({
        to: msg.peer,
        id: msg.id,
        body: msg.body,
        ...(toKind ? { toKind } : {}),
        ...(file?.url ? { oob: { url: file.url }, file: fileMeta(file) } : {}),
      }),
    );
  }

  /**
   * What the rows need to go out, read in one transaction for a drain pass: each row as stored
   * now (absent: acknowledged, deleted or retried meanwhile), its message, and its room. A row
   * this tab is still writing comes with its message (`msg`), which is not read: a read would
   * wait for that write to commit. Such a message to a contact needs no read at all once the
   * rooms are known, and goes in the task of its write. (A room added by another tab is not
   * known here yet: rows written elsewhere are always checked against the database.)
   */
  function prepare(
    items: ReadonlyArray<{ row: OutboxRow; msg?: Message }>,
  ): Map<string, Prepared> | Promise<Map<string, Prepared>> {
    const out = new Map<string, Prepared>();
    const toRead: Array<{ row: OutboxRow; msg?: Message }> = [];
    for (const it of items) {
      const peer = it.msg?.peer;
      if (peer && (peer.includes('/') || (roomsKnown && !rooms.isRoom(peer))))
        out.set(it.row.id, { row: it.row, msg: it.msg });
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
    await db.transaction('r', [db.outbox, db.messages, db.rooms], async () => {
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
      const peers = [...fresh.values()].flatMap((p) =>
        p.msg && !p.msg.peer.includes('/') ? [p.msg.peer] : [],
      );
      const found = await db.rooms.bulkGet(peers);
      const byJid = new Map(found.flatMap((r) => (r ? [[r.jid, r] as const] : [])));
      for (const [id, p] of fresh) {
        const room = p.msg ? byJid.get(p.msg.peer) : undefined;
        out.set(id, room ? { ...p, room } : p);
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
    if (p.room && p.room.status !== 'joined') return 'wait';
    // The link may have gone while the rows were read: the next session sends it (sent now, it
    // would go out on that session before it is set up, and then again).
    if (!online()) return 'wait';
    before();
    const toKind = p.room ? 'groupchat' : p.msg.peer.includes('/') ? 'private' : undefined;
    await sendChat(p.msg, toKind);
    return 'sent';
  }

  return { prepare, send };
}
