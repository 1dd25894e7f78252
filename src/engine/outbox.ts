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
export function createOutbox(ctx: EngineContext) {
  const { db, session } = ctx;
  const inFlight = new Map<string, OutboxRow>();
  let online = false;
  /** A drain is running, or rows it left behind wait (a room not joined yet). */
  let busy = false;

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
    const room = msg.peer.includes('/') ? undefined : await db.rooms.get(msg.peer);
    if (room && room.status !== 'joined') return 'wait';
    await sendChat(msg, room ? 'groupchat' : msg.peer.includes('/') ? 'private' : undefined);
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
   * A message just queued in this tab, handed over with its outbox row: when nothing queued
   * before it is still waiting, it goes out at once instead of after the outbox is read again.
   * Otherwise the drain sends it, in order. Only for one-to-one chat with a contact's bare JID.
   */
  async function sendNow(msg: Message, row: OutboxRow) {
    // Not for a room or someone in one: those wait for the join and go by the drain (and the
    // caller read, when it queued the message, that the peer is no room).
    const ready = online && !busy && msg.state === 'queued' && !inFlight.has(row.id);
    if (!ready || msg.peer.includes('/')) return drain();
    inFlight.set(row.id, row);
    try {
      await sendChat(msg, undefined);
    } catch (err) {
      inFlight.delete(row.id);
      ctx.log('outbox paused', err);
      return;
    }
    if (!session.smEnabled) {
      inFlight.delete(row.id);
      await acknowledgeMany(db, [asAck(row)]);
    }
  }

  async function drainOnce() {
    busy = true;
    const rows = await db.outbox.orderBy('createdAt').toArray();
    let waiting = false;
    for (const row of rows) {
      if (!online) return;
      // In flight from this very attempt (a retry renews createdAt and is a new attempt).
      if (inFlight.get(row.id)?.createdAt === row.createdAt) continue;
      let sent: boolean | 'wait';
      try {
        sent = await sendRow(row);
      } catch (err) {
        // The link is going away: stop here; the next session sends the rest, in order.
        ctx.log('outbox paused', err);
        return;
      }
      if (sent === 'wait') {
        waiting = true; // its room is not joined yet: sent once it is
        continue;
      }
      if (!sent) {
        await db.outbox.delete(row.id);
        continue;
      }
      if (session.smEnabled) inFlight.set(row.id, row);
      // Without stream management, written is as good as it gets.
      else await acknowledgeMany(db, [asAck(row)]);
    }
    busy = waiting;
  }

  const drain = createDrain(
    drainOnce,
    () => online,
    (err) => ctx.log('outbox drain stopped', err),
  );

  const sub = liveQuery(() => db.outbox.count()).subscribe({
    next: () => drain(),
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
