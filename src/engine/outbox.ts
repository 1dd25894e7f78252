import { type Attachment, acknowledgeMany, advanceMessage, liveQuery, type OutboxRow } from '../db';
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
    const file = msg.file?.url ? msg.file : undefined;
    // A room gets a groupchat message (only while we are in it); an occupant a private one.
    const room = msg.peer.includes('/') ? undefined : await db.rooms.get(msg.peer);
    if (room && room.status !== 'joined') return 'wait';
    const toKind = room ? 'groupchat' : msg.peer.includes('/') ? 'private' : undefined;
    await session.send(
      buildChatMessage({
        to: msg.peer,
        id: msg.id,
        body: msg.body,
        ...(toKind ? { toKind } : {}),
        ...(file?.url ? { oob: { url: file.url }, file: fileMeta(file) } : {}),
      }),
    );
    return true;
  }

  async function drainOnce() {
    const rows = await db.outbox.orderBy('createdAt').toArray();
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
      if (sent === 'wait') continue; // its room is not joined yet: sent once it is
      if (!sent) {
        await db.outbox.delete(row.id);
        continue;
      }
      if (session.smEnabled) inFlight.set(row.id, row);
      // Without stream management, written is as good as it gets.
      else await acknowledgeMany(db, [asAck(row)]);
    }
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
