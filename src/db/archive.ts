// Archive pages (XEP-0313): catch-up and older history, placed among what is here.
// Deliberate deviation (issue 14, item 3): placing a page (which rows are copies, where each
// goes, what is unread) stays here: it reads the rows it moves, in the same transaction.
import { type Counts, lastMessage, touchConversation } from './conversations';
import { existingCopies, isOwnLocal } from './messages';
import { owedRow } from './outbox';
import { ownKey } from './outgoing';
import { markDisplayed } from './reading';
import type { AccountDb } from './schema';
import type { Message } from './types';

/**
 * How a page of archived messages is ordered against what is already here. Archive stamps
 * have whole seconds (Prosody), so times are nudged to keep the archive's own order:
 * `after` (catch-up, newest page): strictly increasing from the given time;
 * `before` (older history): strictly decreasing below the given time.
 */
export type ArchiveOrder = { after: number } | { before: number };

/**
 * Store one page of archived messages (XEP-0313), oldest first, in one transaction. Returns
 * how many were new. Catch-up (`countUnread`) counts new incoming ones as unread; backfill not.
 */
export async function storeArchivePage(
  db: AccountDb,
  rows: Message[],
  opts: {
    countUnread: boolean;
    order?: ArchiveOrder;
    completePeer?: string;
    lastId?: string;
    /** Row ids whose sender asked for a receipt: owed when the row is new here (catch-up). */
    owedReceipts?: Set<string>;
    /**
     * Collects, per conversation, the newest markable message owed an acknowledgement, to
     * answer once at the end with one "received" marker (it covers everything before it).
     */
    markerSink?: Map<string, Message>;
  },
): Promise<{ added: number; edge: number | undefined }> {
  return db.transaction(
    'rw',
    [db.messages, db.conversations, db.meta, db.outbox, db.rooms],
    async () => {
      const [open, deleted, cleared] = (await Promise.all([
        db.meta.get('openPeer'),
        db.meta.get('deletedOwn'),
        db.meta.get('clearedChats'),
      ])) as [string | undefined, string[] | undefined, Record<string, number> | undefined];
      // A conversation deleted here: what the archive holds from before stays out.
      if (cleared) rows = rows.filter((r) => !(r.at <= (cleared[r.peer] ?? -Infinity)));
      // Ours, deleted here after it failed: the server's archived copy stays out.
      if (deleted?.length) {
        const gone = new Set(deleted);
        rows = rows.filter((r) => r.direction !== 'out' || !gone.has(ownKey(r)));
      }
      // What of this page is here already, found in two lookups rather than two per message.
      const copies = await existingCopies(db, rows);

      const order = opts.order ?? { after: Number.NEGATIVE_INFINITY };
      const backwards = 'before' in order;
      let edge = backwards ? order.before : order.after;
      const toAdd: Message[] = [];
      const moved: Array<{ id: string; changes: Partial<Message> }> = [];
      // Conversations with messages added or moved, and what that changes in their counts.
      const touched = new Map<string, Required<Counts>>();
      const touch = (m: Message, unread: number, added: boolean) => {
        const t = touched.get(m.peer) ?? { unread: 0, mentions: 0, fromPeer: false };
        t.unread += unread;
        t.mentions += unread && m.mention ? 1 : 0;
        t.fromPeer ||= added && m.direction === 'in';
        touched.set(m.peer, t);
      };
      const owedReceipts: Message[] = [];
      const markerFor = opts.markerSink ?? new Map<string, Message>();

      for (const msg of backwards ? [...rows].reverse() : rows) {
        const same = copies.find(msg);
        if (same) {
          // Already here (live, offline delivery, or sent from here): the archive's order wins,
          // but a message typed here keeps its place: its sender's order is the order typed.
          // A message belongs at its earliest place in the archive. A message can be archived
          // twice (a resend whose ack was lost, an unacknowledged stanza re-routed to offline
          // storage): a later copy never moves it later, but an older page may move it earlier.
          const sameItem = !same.stanzaId || same.stanzaId === msg.stanzaId;
          const misplaced =
            !isOwnLocal(same) && (backwards ? same.at >= edge : sameItem && same.at <= edge);
          const changes: Partial<Message> = {};
          if (msg.stanzaId && !same.stanzaId) changes.stanzaId = msg.stanzaId;
          if (misplaced && Number.isFinite(edge)) changes.at = backwards ? edge - 1 : edge + 1;
          // Moved to an older copy's place: page from that copy's archive id from now on.
          if (changes.at !== undefined && !sameItem && msg.stanzaId)
            changes.stanzaId = msg.stanzaId;
          if (changes.stanzaId || changes.at !== undefined) {
            moved.push({ id: same.id, changes });
            Object.assign(same, changes);
          }
          edge = changes.at ?? (backwards ? Math.min(edge, same.at) : Math.max(edge, same.at));
          if (changes.at !== undefined) touch(same, 0, false);
          continue;
        }
        msg.at = backwards ? Math.min(msg.at, edge - 1) : Math.max(msg.at, edge + 1);
        edge = msg.at;
        toAdd.push(msg);
        copies.remember(msg);
        const counts = opts.countUnread && msg.direction === 'in' && open !== msg.peer;
        touch(msg, counts ? 1 : 0, true);
        if (msg.remoteId && opts.owedReceipts?.has(msg.id)) {
          if (msg.markable) {
            const m = markerFor.get(msg.peer);
            if (!m || msg.at > m.at) markerFor.set(msg.peer, msg);
          } else owedReceipts.push(msg);
        }
      }
      if (toAdd.length) await db.messages.bulkAdd(toAdd);
      for (const m of moved) await db.messages.update(m.id, m.changes);
      // Read after the writes: a move may have taken the last message elsewhere.
      const peers = [...touched.keys()];
      const [convs, lasts] = await Promise.all([
        db.conversations.bulkGet(peers),
        Promise.all(peers.map((peer) => lastMessage(db, peer))),
      ]);
      for (const [i, peer] of peers.entries())
        await touchConversation(db, peer, lasts[i], touched.get(peer) as Counts, convs[i]);
      const owed = [
        ...owedReceipts.map((m) => ({
          kind: 'receipt' as const,
          peer: m.peer,
          ref: m.remoteId ?? '',
        })),
        // One "received up to here" per conversation instead of a receipt per message.
        ...(opts.markerSink ? [] : receivedMarkers(markerFor)),
      ];
      if (owed.length) await db.outbox.bulkPut(owed.map((o) => owedRow(o.kind, o.peer, o.ref)));
      // The conversation on screen is being read at its newest message: what lands in it is
      // seen, whether caught up or backfilled (a new device, opened before its history came).
      if (open && touched.has(open)) await markDisplayed(db, open);
      if (opts.completePeer) {
        const c = await db.conversations.get(opts.completePeer);
        if (c) await db.conversations.update(opts.completePeer, { historyComplete: true });
      }
      if (opts.lastId) await db.meta.put(opts.lastId, 'mamLastId');
      return { added: toAdd.length, edge: Number.isFinite(edge) ? edge : undefined };
    },
  );
}

function receivedMarkers(byPeer: Map<string, Message>) {
  return [...byPeer.values()].map((m) => ({
    kind: 'received' as const,
    peer: m.peer,
    ref: m.remoteId ?? '',
  }));
}

/** Owe one "received" marker per conversation (the end of a catch-up). */
export async function oweReceivedMarkers(db: AccountDb, byPeer: Map<string, Message>) {
  await db.outbox.bulkPut(receivedMarkers(byPeer).map((o) => owedRow(o.kind, o.peer, o.ref)));
}

/**
 * Older messages of ours just stored below `below` (archive paging) that a displayed marker
 * already covers: the peer displayed a later message of ours, and a displayed marker says
 * "this and everything before it" (XEP-0333). Only rows below `below` are read.
 */
export async function inheritDisplayed(db: AccountDb, peer: string, below: number) {
  await db.transaction('rw', db.messages, async () => {
    const read = await db.messages
      .where('[peer+at]')
      .between([peer, below], [peer, Infinity], true, true)
      .reverse() // a read marker is usually near the newest
      .filter((m) => m.direction === 'out' && m.state === 'displayed')
      .first();
    if (!read) return;
    await db.messages
      .where('[peer+at]')
      .between([peer, -Infinity], [peer, below], true, false)
      .filter((m) => m.direction === 'out' && (m.state === 'sent' || m.state === 'delivered'))
      .modify({ state: 'displayed' });
  });
}
