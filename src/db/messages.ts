// Received messages, stored once each and in order.
// Deliberate deviation (issue 14, item 3): deduplication, ordering and unread counting stay
// here, not in engine/, because each must see the stored rows inside the writing transaction
// (a copy or a newer message written between a read and a write would be missed).
import { conversationMessages, lastOf, touchConversation } from './conversations';
import { owe, owedRow } from './outbox';
import { pendingMessages } from './pending';
import type { AccountDb } from './schema';
import type { Conversation, Message } from './types';

export interface IncomingOptions {
  /** Owe the sender a receipt (XEP-0184) for their stanza id, even for a duplicate. */
  receiptFor?: string;
}

/**
 * Store a received message once (storeIncomingMany with one). Same message = same origin-id in
 * the conversation or the same server stanza-id. Returns false for a duplicate.
 */
export async function storeIncoming(
  db: AccountDb,
  msg: Message,
  opts: IncomingOptions = {},
): Promise<boolean> {
  const added = await storeIncomingMany(db, [{ row: msg, ...opts }]);
  return added.length > 0;
}

/**
 * Store messages that arrived together, in arrival order, each once: duplicates dropped
 * (against the store and within the batch), the receipts owed queued (also for a duplicate),
 * the order kept per conversation, one conversation update, and, for the conversation on
 * screen, one displayed marker, all in one transaction with two round trips to IndexedDB (what
 * is known, then what is written). Returns the rows that were new. They show (db/pending.ts)
 * while the transaction runs.
 */
export async function storeIncomingMany(
  db: AccountDb,
  items: ReadonlyArray<{ row: Message; receiptFor?: string }>,
): Promise<Message[]> {
  return pendingMessages(db).during(
    items.map((it) => it.row),
    () => storeIncomingManyTx(db, items),
    (added) => added,
  );
}

function storeIncomingManyTx(
  db: AccountDb,
  items: ReadonlyArray<{ row: Message; receiptFor?: string }>,
): Promise<Message[]> {
  return db.transaction(
    'rw',
    [db.messages, db.conversations, db.meta, db.outbox, db.rooms],
    async () => {
      const owed = items.flatMap((it) =>
        it.receiptFor ? [owedRow('receipt', it.row.peer, it.receiptFor)] : [],
      );
      const rows = items.map((it) => it.row);
      const peers = [...new Set(rows.map((r) => r.peer))];
      // Everything this needs to know, asked at once (one round trip to IndexedDB): the same
      // messages already here, each conversation's end (the newest a new arrival must come after,
      // and its last message), where the person is.
      const [, copies, openPeer, ends, convs] = await Promise.all([
        owed.length ? db.outbox.bulkPut(owed) : undefined,
        existingCopies(db, rows),
        db.meta.get('openPeer'),
        Promise.all(peers.map((peer) => conversationEnd(db, peer))),
        db.conversations.bulkGet(peers),
      ]);
      const open = openPeer as string | undefined;
      const newestOf = new Map(peers.map((peer, i) => [peer, ends[i]?.newestNotOwnLocal]));
      const learned = new Map<string, string>();
      const added: Message[] = [];
      const now = Date.now();
      for (const msg of rows) {
        const same = copies.find(msg);
        if (same) {
          // Our own message back from the archive: learn its server id for paging.
          if (msg.stanzaId && !same.stanzaId && !added.includes(same)) {
            same.stanzaId = msg.stanzaId;
            learned.set(same.id, msg.stanzaId);
          }
          continue;
        }
        const newest = newestOf.get(msg.peer);
        msg.at = Math.min(msg.at, now);
        if (newest && newest.at >= msg.at) msg.at = newest.at + 1;
        newestOf.set(msg.peer, msg);
        added.push(msg);
        copies.remember(msg);
      }
      const writes: Promise<unknown>[] = [];
      if (added.length) writes.push(db.messages.bulkAdd(added));
      for (const [id, stanzaId] of learned) writes.push(db.messages.update(id, { stanzaId }));
      for (const [i, peer] of peers.entries()) {
        const mine = added.filter((m) => m.peer === peer);
        if (!mine.length) continue;
        const old = convs[i];
        const extra: Partial<Conversation> = {};
        // On screen: the newest incoming message here is the newest of the conversation (each
        // comes after every message received before), so it is the one to mark displayed.
        const lastIn = open === peer ? mine.findLast((m) => m.direction === 'in') : undefined;
        if (lastIn?.markable && lastIn.remoteId && old?.markedId !== lastIn.remoteId) {
          writes.push(owe(db, 'displayed', peer, lastIn.remoteId));
          extra.markedId = lastIn.remoteId;
        }
        // Not on screen: each message from the peer is unread, and counted apart if it names us.
        const unread = open === peer ? [] : mine.filter((m) => m.direction === 'in');
        const counts = {
          unread: unread.length,
          mentions: unread.filter((m) => m.mention).length,
          fromPeer: mine.some((m) => m.direction === 'in'),
        };
        // Only messages were added: the last is the last read before, or one of them.
        const last = lastOf(ends[i]?.last, ...mine);
        writes.push(touchConversation(db, peer, last, counts, old, extra));
      }
      await Promise.all(writes);
      return added;
    },
  );
}

/**
 * What of `rows` is stored already: the same message has the same origin-id in its
 * conversation, or the same server stanza-id. Two lookups for all the rows; `remember` adds a
 * row written meanwhile, so that a copy later in the same batch is found too.
 */
export async function existingCopies(db: AccountDb, rows: readonly Message[]) {
  const key = (peer: string, originId: string) => `${peer}\n${originId}`;
  const origins = rows.flatMap((r) =>
    r.originId ? [[r.peer, r.originId] as [string, string]] : [],
  );
  const sids = rows.flatMap((r) => (r.stanzaId ? [r.stanzaId] : []));
  const [byOriginRows, bySidRows] = await Promise.all([
    origins.length ? db.messages.where('[peer+originId]').anyOf(origins).toArray() : [],
    sids.length ? db.messages.where('stanzaId').anyOf(sids).toArray() : [],
  ]);
  const byOrigin = new Map<string, Message>();
  const bySid = new Map<string, Message>();
  const remember = (m: Message) => {
    if (m.originId) byOrigin.set(key(m.peer, m.originId), m);
    if (m.stanzaId) bySid.set(m.stanzaId, m);
  };
  for (const m of byOriginRows) remember(m);
  for (const m of bySidRows) remember(m);
  const find = (m: Message): Message | undefined =>
    (m.originId && byOrigin.get(key(m.peer, m.originId))) ||
    (m.stanzaId && bySid.get(m.stanzaId)) ||
    undefined;
  return { find, remember };
}

/**
 * The end of a conversation, read with one cursor from its last message back: that last
 * message, and the newest one a new arrival must come after. Live messages arrive in the
 * server's order; a delayed one (offline storage, a resumed stream) carries a stamp of whole
 * seconds that must not move it before what came first. A message typed here keeps its own
 * place.
 */
async function conversationEnd(db: AccountDb, peer: string) {
  const tail = await conversationMessages(db, peer)
    .reverse()
    .until((m) => !isOwnLocal(m), true)
    .toArray();
  return { last: tail[0], newestNotOwnLocal: tail.find((m) => !isOwnLocal(m)) };
}

/** A message written in this browser (its id is its origin-id), as opposed to one received. */
export function isOwnLocal(m: Message): boolean {
  return m.direction === 'out' && m.originId === m.id;
}
