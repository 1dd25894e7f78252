import {
  type Attachment,
  acknowledgeMany,
  advanceMessage,
  liveQuery,
  type Message,
  type OutboxRow,
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
import { createDrain } from './drain';

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

/** After this many sessions that took a message but never acknowledged it, it is shown failed. */
export const MAX_TRIES = 5;

/**
 * Drains the outbox in order while online: chat messages, and the receipts and displayed
 * markers we owe. A row leaves when the server acknowledges it (XEP-0198), or at once when
 * the session has no stream management; a new session sends again what was not acknowledged.
 */
export function createOutbox(
  ctx: EngineContext,
  hooks: {
    /** The peer is a contact's bare JID, known to be no room: a chat message may go now. */
    direct: (peer: string) => boolean;
  },
) {
  const { db, session } = ctx;
  const inFlight = new Map<string, OutboxRow>();
  let online = false;
  /**
   * Chat messages whose turn has not come: read by the running drain and not yet sent, or
   * refused by sendNow for that reason (with the count of drain passes begun by then). A new
   * message goes out at once only when none is left, so messages never overtake each other.
   */
  const unsent = new Set<string>();
  const deferred = new Map<string, number>();
  let passes = 0;
  /** A drain pass is reading the outbox: what waits in it is not known yet. */
  let reading = false;

  const asAck = (r: OutboxRow) => ({
    id: r.id,
    chat: (r.kind ?? 'chat') === 'chat',
    createdAt: r.createdAt,
  });

  // Acknowledgements come in bursts (one <a/> for many stanzas): apply them together.
  let acked: OutboxRow[] = [];
  let flush: ReturnType<typeof setTimeout> | undefined;
  const stopAck = session.onAcked((id) => {
    const row = inFlight.get(id);
    if (!row) return;
    inFlight.delete(id);
    acked.push(row);
    flush ??= setTimeout(() => {
      flush = undefined;
      const batch = acked;
      acked = [];
      void acknowledgeMany(db, batch.map(asAck)).catch((err) => ctx.log('ack not recorded', err));
    }, 20);
  });

  async function sendRow(row: OutboxRow): Promise<boolean | 'wait'> {
    const kind = row.kind ?? 'chat';
    if (row.tries >= MAX_TRIES) {
      if (kind === 'chat') await advanceMessage(db, row.id, 'failed', { error: 'no-ack' });
      return false;
    }
    if (kind === 'receipt' && row.ref) {
      await session.send(buildReceipt({ to: row.peer, id: row.ref, stanzaId: row.id }));
      return true;
    }
    if (kind === 'received' && row.ref) {
      await session.send(buildReceivedMarker({ to: row.peer, id: row.ref, stanzaId: row.id }));
      return true;
    }
    if (kind === 'displayed' && row.ref) {
      await session.send(buildDisplayed({ to: row.peer, id: row.ref, stanzaId: row.id }));
      return true;
    }
    const msg = await db.messages.get(row.id);
    if (msg?.state !== 'queued') return false;
    // A room gets a groupchat message (only while we are in it); an occupant a private one.
    // The conversation's row (written with the message) says which it is.
    const convKind = (await db.conversations.get(msg.peer))?.kind;
    const room = convKind === 'room' ? await db.rooms.get(msg.peer) : undefined;
    if (room && room.status !== 'joined') return 'wait';
    // The link may have gone while the rows were read: the next session sends it (sent now, it
    // would go out on that session before it is set up, and then again).
    if (!online) return 'wait';
    await sendChat(msg, room ? 'groupchat' : convKind === 'private' ? 'private' : undefined);
    return true;
  }

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
   * A message being queued in this tab, handed over with its outbox row while the row is still
   * being written: when no chat message queued before it waits, it goes out at once, in the
   * task of the click, instead of after the write and a read of the outbox. Otherwise the
   * outbox watch sends it, in order, once it is written. Only for one-to-one chat with a
   * contact (not a room: `direct` says the peer is none). Resolves to whether it went out.
   *
   * Going out before the write commits loses nothing: the server's acknowledgement is applied
   * by a transaction opened after the write (IndexedDB runs them in order), and should the
   * write fail, the message is in the server's archive, and the caller says it was sent unsaved.
   */
  async function sendNow(msg: Message, row: OutboxRow): Promise<boolean> {
    if (!hooks.direct(msg.peer) || msg.state !== 'queued' || inFlight.has(row.id)) return false;
    if (!online || reading || unsent.size > 0 || deferred.size > 0) {
      deferred.set(row.id, passes);
      return false;
    }
    inFlight.set(row.id, row);
    try {
      await sendChat(msg, undefined);
    } catch (err) {
      inFlight.delete(row.id);
      ctx.log('outbox paused', err);
      return false;
    }
    if (!session.smEnabled) {
      inFlight.delete(row.id);
      await acknowledgeMany(db, [asAck(row)]);
    }
    return true;
  }

  async function drainOnce() {
    const pass = ++passes;
    // Read after every write queued before this pass began (IndexedDB keeps that order).
    reading = true;
    let rows: OutboxRow[];
    try {
      rows = await db.outbox.orderBy('createdAt').toArray();
    } finally {
      reading = false;
    }
    const here = new Set(rows.map((r) => r.id));
    // Deferred before this pass and not in the outbox: its write failed, it never comes.
    for (const [id, at] of deferred) if (at < pass && !here.has(id)) deferred.delete(id);
    // In flight from this very attempt (a retry renews createdAt and is a new attempt).
    const todo = rows.filter((r) => inFlight.get(r.id)?.createdAt !== r.createdAt);
    unsent.clear();
    for (const r of todo) if ((r.kind ?? 'chat') === 'chat') unsent.add(r.id);
    try {
      for (const row of todo) {
        if (!online) return;
        let sent: boolean | 'wait';
        try {
          sent = await sendRow(row);
        } catch (err) {
          // The link is going away: stop here; the next session sends the rest, in order.
          ctx.log('outbox paused', err);
          return;
        }
        unsent.delete(row.id);
        deferred.delete(row.id);
        // Its room is not joined yet: sent once it is (the next pass after the join).
        if (sent === 'wait') continue;
        if (!sent) {
          await db.outbox.delete(row.id);
          continue;
        }
        if (session.smEnabled) inFlight.set(row.id, row);
        // Without stream management, written is as good as it gets.
        else await acknowledgeMany(db, [asAck(row)]);
      }
    } finally {
      unsent.clear();
    }
  }

  const drain = createDrain(
    drainOnce,
    () => online,
    (err) => ctx.log('outbox drain stopped', err),
  );

  // A row queued anywhere (this tab, another tab, a retry, a finished upload) has a new queue
  // stamp: only then is there something to send. Rows leaving (acknowledged) wake no drain.
  let stamps = new Set<number>();
  const sub = liveQuery(() => db.outbox.orderBy('createdAt').keys()).subscribe({
    next: (keys) => {
      const seen = stamps;
      stamps = new Set(keys as number[]);
      if ((keys as number[]).some((k) => !seen.has(k))) drain();
    },
    error: (err) => ctx.log('outbox watch failed', err),
  });

  return {
    /** Try again now (e.g. a room was joined and its messages may go). */
    kick: () => drain(),
    sendNow,
    /** A new session (not resumed) has not seen what was in flight: send it again. */
    setOnline(value: boolean, resumed = false) {
      online = value;
      if (value && !resumed) {
        // A new session: what the last one took but never acknowledged counts as one try.
        const unacked = [...inFlight.keys()];
        inFlight.clear();
        void db.outbox
          .where('id')
          .anyOf(unacked)
          .modify((r) => {
            r.tries += 1;
          })
          .catch((err) => ctx.log('outbox tries', err))
          .finally(() => drain());
        return;
      }
      if (value) drain();
    },
    stop() {
      stopAck();
      clearTimeout(flush);
      sub.unsubscribe();
    },
  };
}
