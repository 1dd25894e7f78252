// Our own messages: queued, moved forward in their life, retried, deleted.
// Deliberate deviation (issue 14, item 3): "only forward", "only from the peer it went to" and
// origin-id matching stay here: the state compared is the one written, in one transaction.
import { lastMessage, lastOf, refreshLast, touchConversation } from './conversations';
import { outgoingRow } from './outbox';
import { pendingMessages } from './pending';
import type { AccountDb } from './schema';
import type { Message, MessageState, OutboxRow } from './types';

const rank: Record<MessageState, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  displayed: 3,
  failed: -1,
};

/**
 * The user's intent to send: a message row (queued) and its outbox row, in one transaction.
 * The message shows (db/pending.ts) while it is written. Resolves to the outbox row.
 */
export async function queueOutgoing(
  db: AccountDb,
  msg: Message,
  row: OutboxRow = outgoingRow(msg),
): Promise<OutboxRow> {
  const write = () =>
    db.transaction(
      'rw',
      [db.messages, db.outbox, db.conversations, db.meta, db.rooms],
      async () => {
        // All at once: one round trip to IndexedDB for the reads, one for the last write.
        const [, , old, last] = await Promise.all([
          db.messages.add(msg),
          db.outbox.add(row),
          db.conversations.get(msg.peer),
          lastMessage(db, msg.peer),
        ]);
        await touchConversation(db, msg.peer, lastOf(last, msg), { unread: 0 }, old);
        return row;
      },
    );
  return pendingMessages(db).during([msg], write, () => [msg]);
}

/** At most this many deleted messages are remembered (see MetaRows.deletedOwn). */
const MAX_DELETED_OWN = 500;
export const ownKey = (m: Pick<Message, 'peer' | 'id' | 'originId'>) =>
  `${m.peer}\n${m.originId ?? m.id}`;

/** A failed message of ours is deleted or replaced: its archived copy must stay away. */
async function forgetOwn(db: AccountDb, msg: Message) {
  const key = ownKey(msg);
  const old = ((await db.meta.get('deletedOwn')) as string[] | undefined) ?? [];
  await db.meta.put([...old.filter((k) => k !== key), key].slice(-MAX_DELETED_OWN), 'deletedOwn');
}

/**
 * Try a failed message again, at the end of the line. After a refusal from the server the
 * recipient never got it, so it goes as a new message (new id, no stray acks of the first
 * attempt); after "no acknowledgement" it keeps its id, so any copy that did arrive is
 * recognised. Returns the id it now has.
 */
export async function requeueMessage(db: AccountDb, id: string): Promise<string | undefined> {
  const tables = [db.messages, db.outbox, db.uploads, db.meta, db.conversations];
  return db.transaction('rw', tables, async () => {
    const msg = await db.messages.get(id);
    if (msg?.direction !== 'out' || msg.state !== 'failed') return undefined;
    const upload = await db.uploads.get(id);
    if (upload) {
      // Its file never got to the server, so nothing was sent: upload again, same message.
      await db.uploads.put({ ...upload, state: 'waiting', sent: 0, tries: 0, error: undefined });
      await db.messages.update(id, { state: 'queued', error: undefined });
      return id;
    }
    const keep = msg.error === 'no-ack';
    const next: Message = { ...msg, state: 'queued', id: keep ? id : crypto.randomUUID() };
    delete next.error;
    delete next.stanzaId;
    if (!keep) {
      next.originId = next.id;
      await forgetOwn(db, msg);
    }
    await db.messages.delete(id);
    await db.outbox.delete(id);
    await db.messages.add(next);
    await db.outbox.put(outgoingRow(next));
    // A new id at the same time may order it differently among messages of that millisecond.
    if (!keep) await refreshLast(db, next.peer);
    return next.id;
  });
}

/** Delete a message of ours that never left (queued or failed). */
export async function deleteUnsent(db: AccountDb, id: string) {
  const tables = [db.messages, db.outbox, db.conversations, db.uploads, db.meta];
  await db.transaction('rw', tables, async () => {
    const msg = await db.messages.get(id);
    if (msg?.direction !== 'out' || (msg.state !== 'failed' && msg.state !== 'queued')) return;
    // A queued one may have reached the server before the link died, and a failed one may have
    // been archived before it was refused: either way, it is not to come back from the archive.
    await forgetOwn(db, msg);
    await db.messages.delete(id);
    await db.outbox.delete(id);
    await db.uploads.delete(id);
    await refreshLast(db, msg.peer);
  });
}

/**
 * The peer received or displayed our message `id` (XEP-0333): it and every earlier message of
 * ours in the conversation move forward. Only the peer the message went to may say so.
 * Read from `id` back to the newest message of ours already displayed: only a marker displays,
 * and it displayed everything before, so a long history is not read on every marker.
 */
export async function markUpToByPeer(
  db: AccountDb,
  peer: string,
  id: string,
  state: 'delivered' | 'displayed',
): Promise<boolean> {
  return db.transaction('rw', db.messages, db.outbox, async () => {
    const msg = await ownMessage(db, peer, id);
    if (!msg) return false;
    const earlier = await db.messages
      .where('[peer+at]')
      .between([peer, -Infinity], [peer, msg.at], true, true)
      .reverse()
      .until((m) => m.direction === 'out' && m.state === 'displayed')
      .filter(
        (m) => m.direction === 'out' && rank[m.state] >= rank.sent && rank[m.state] < rank[state],
      )
      .toArray();
    if (rank[msg.state] < rank[state] && msg.state !== 'failed') earlier.push(msg);
    for (const m of earlier) await db.messages.update(m.id, { state });
    await db.outbox.delete(msg.id);
    return true;
  });
}

/**
 * Our message to `peer` that a receipt or marker names by `id`: its row id when sent from here,
 * else its origin-id (one sent from another device, or fetched from the archive, has a row id
 * of its own). Only a message that went to `peer`: the trust rule for receipts and markers.
 */
async function ownMessage(db: AccountDb, peer: string, id: string): Promise<Message | undefined> {
  const byId = await db.messages.get(id);
  if (byId) return byId.direction === 'out' && byId.peer === peer ? byId : undefined;
  const byOrigin = await db.messages.where('[peer+originId]').equals([peer, id]).first();
  return byOrigin?.direction === 'out' ? byOrigin : undefined;
}

/**
 * Move a message forward in its life (never backwards). With `fromPeer`, only a message that
 * went to that peer moves: receipts and markers are trusted from the recipient alone.
 */
export async function advanceMessage(
  db: AccountDb,
  id: string,
  state: MessageState,
  opts: { fromPeer?: string; error?: string } = {},
): Promise<boolean> {
  return db.transaction('rw', db.messages, db.outbox, async () => {
    const msg =
      opts.fromPeer !== undefined
        ? await ownMessage(db, opts.fromPeer, id)
        : await db.messages.get(id);
    if (msg?.direction !== 'out') return false;
    if (state !== 'failed' && rank[state] <= rank[msg.state]) return false;
    if (state === 'failed' && rank[msg.state] >= rank.delivered) return false;
    const change: Partial<Message> = { state };
    if (opts.error) change.error = opts.error;
    await db.messages.update(msg.id, change);
    if (state !== 'queued') await db.outbox.delete(msg.id);
    return true;
  });
}

/**
 * A conversation we can no longer send to (a room we are out of): our messages still waiting
 * there fail with `error`, each kept with its text to be sent again or deleted by hand.
 */
export async function failQueuedTo(db: AccountDb, peer: string, error: string): Promise<void> {
  const waiting = await db.messages
    .where('peer')
    .equals(peer)
    .filter((m) => m.direction === 'out' && m.state === 'queued')
    .primaryKeys();
  for (const id of waiting) await advanceMessage(db, id, 'failed', { error });
}
