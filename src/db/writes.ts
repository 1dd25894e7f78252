import { pendingMessages } from './pending';
import type { AccountDb } from './schema';
import type {
  Attachment,
  Contact,
  Conversation,
  Message,
  MessageState,
  OutboxRow,
  PresenceRow,
  Task,
} from './types';

const rank: Record<MessageState, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  displayed: 3,
  failed: -1,
};

const PREVIEW_CHARS = 140;

/** All messages of one conversation, by time: the range every windowed read starts from. */
export function conversationMessages(db: AccountDb, peer: string) {
  return db.messages.where('[peer+at]').between([peer, -Infinity], [peer, Infinity]);
}

function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

/** A file shows as its kind and name (the body is only its URL). */
function previewOf(msg: Message): Pick<Conversation, 'preview' | 'previewFile'> {
  return msg.file
    ? { preview: preview(msg.file.name), previewFile: msg.file.kind }
    : { preview: preview(msg.body) };
}

function hasTo(sub: Contact['subscription'] | undefined): boolean {
  return sub === 'to' || sub === 'both';
}

/** Replace the whole roster (full result) or keep it (server said "up to date"). */
export async function applyRoster(db: AccountDb, items: Contact[] | null, ver?: string) {
  await db.transaction('rw', db.contacts, db.meta, async () => {
    if (items) {
      const old = new Map((await db.contacts.toArray()).map((c) => [c.jid, c]));
      await db.contacts.clear();
      await db.contacts.bulkPut(items.map((c) => mergeContact(old.get(c.jid), c)));
    }
    if (ver !== undefined) await db.meta.put(ver, 'rosterVer');
  });
}

function mergeContact(old: Contact | undefined, next: Contact): Contact {
  const lost =
    (old && hasTo(old.subscription) && !hasTo(next.subscription)) ||
    (old?.ask === 'subscribe' && !next.ask && !hasTo(next.subscription));
  const regained = hasTo(next.subscription);
  const lostAt = regained ? undefined : lost ? Date.now() : old?.lostSubscriptionAt;
  const merged: Contact = { ...next };
  if (lostAt !== undefined) merged.lostSubscriptionAt = lostAt;
  return merged;
}

/** One roster push: an upsert, or a removal when subscription is 'remove'. */
export async function applyRosterItem(db: AccountDb, item: Contact, ver?: string) {
  await db.transaction('rw', db.contacts, db.meta, db.presences, db.requests, async () => {
    if (item.subscription === 'remove') {
      await db.contacts.delete(item.jid);
      await db.presences.where('jid').equals(item.jid).delete();
    } else {
      const old = await db.contacts.get(item.jid);
      await db.contacts.put(mergeContact(old, item));
      if (item.subscription === 'from' || item.subscription === 'both') {
        await db.requests.delete(item.jid);
      }
    }
    if (ver !== undefined) await db.meta.put(ver, 'rosterVer');
  });
}

export async function putPresence(db: AccountDb, row: PresenceRow) {
  await db.presences.put(row);
}

export async function removePresence(db: AccountDb, jid: string, resource: string | null) {
  if (resource === null) await db.presences.where('jid').equals(jid).delete();
  else await db.presences.delete([jid, resource]);
}

export async function clearPresences(db: AccountDb) {
  await db.presences.clear();
}

export async function putRequest(db: AccountDb, jid: string, nick?: string) {
  await db.requests.put(nick ? { jid, nick, at: Date.now() } : { jid, at: Date.now() });
}

export async function deleteRequest(db: AccountDb, jid: string) {
  await db.requests.delete(jid);
}

let lastStamp = 0;
/**
 * When an outbox row was queued: the outbox goes out in this order, so two rows queued in the
 * same millisecond (a burst of receipts, two quick messages) keep the order they were queued in.
 */
export function outboxStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 0.001);
  return lastStamp;
}

/** What new messages change in a conversation: unread ones, mentions of us among them. */
interface Counts {
  unread: number;
  mentions?: number;
  /** One of them is from the peer: it ends their "typing…". */
  fromPeer?: boolean;
}

/**
 * Whether `a` comes after `b` in a conversation, by the message list's own order: the
 * `[peer+at]` index, where equal times are ordered by id (IndexedDB's order of primary keys).
 */
export function comesAfter(a: Pick<Message, 'at' | 'id'>, b: Pick<Message, 'at' | 'id'>) {
  return a.at > b.at || (a.at === b.at && a.id > b.id);
}

/** The last of these messages in the conversation's order. */
function lastOf(...ms: ReadonlyArray<Message | undefined>): Message | undefined {
  let last: Message | undefined;
  for (const m of ms) if (m && (!last || comesAfter(m, last))) last = m;
  return last;
}

/** The conversation's last message as stored (in this transaction, after its writes). */
function lastMessage(db: AccountDb, peer: string): Promise<Message | undefined> {
  return conversationMessages(db, peer).last();
}

/** The row's preview, time and sender become those of `last`, its last message. */
function showLast(c: Conversation, last: Message) {
  delete c.previewFile;
  delete c.previewNick;
  Object.assign(c, previewOf(last));
  c.lastAt = last.at;
  c.previewDirection = last.direction;
  if (last.nick !== undefined) c.previewNick = last.nick;
}

/**
 * The conversation row after messages were added to it or moved in it. Its preview, time and
 * place in the list are those of `last`, the conversation's last message by the message list's
 * own order, never of whichever write came last: uploads, acknowledgements and archive pages
 * finish in any order (issue 13, bug 9). `old` is the row as read in this transaction; `extra`
 * is merged in (e.g. markedId). Fields the row has beyond these are kept.
 */
async function touchConversation(
  db: AccountDb,
  peer: string,
  last: Message | undefined,
  counts: Counts,
  old: Conversation | undefined,
  extra: Partial<Conversation> = {},
) {
  const next: Conversation = old
    ? { ...old }
    : { peer, lastAt: last?.at ?? Date.now(), preview: '', previewDirection: 'in', unread: 0 };
  next.unread += counts.unread;
  if (last) showLast(next, last);
  // Rooms: mentions of us counted apart from other unread messages.
  next.kind ??= last?.nick !== undefined ? 'room' : peer.includes('/') ? 'private' : undefined;
  if (next.kind === undefined) delete next.kind;
  if (next.kind === 'room') next.mentions = (old?.mentions ?? 0) + (counts.mentions ?? 0);
  // A message from the peer ends their "typing…".
  if (counts.fromPeer) {
    delete next.peerState;
    delete next.peerStateAt;
  }
  await db.conversations.put({ ...next, ...extra });
}

/** After a message left or changed its place: the row shows the conversation's last message. */
async function refreshLast(db: AccountDb, peer: string) {
  const [conv, last] = await Promise.all([db.conversations.get(peer), lastMessage(db, peer)]);
  if (!conv) return;
  if (last) showLast(conv, last);
  else {
    conv.preview = '';
    delete conv.previewFile;
    delete conv.previewNick;
  }
  await db.conversations.put(conv);
}

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
  return db.transaction('rw', [db.messages, db.conversations, db.meta, db.outbox], async () => {
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
  });
}

/**
 * What of `rows` is stored already: the same message has the same origin-id in its
 * conversation, or the same server stanza-id. Two lookups for all the rows; `remember` adds a
 * row written meanwhile, so that a copy later in the same batch is found too.
 */
async function existingCopies(db: AccountDb, rows: readonly Message[]) {
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

/** The outbox row that sends a chat message of ours (queueOutgoing writes it). */
export function outgoingRow(msg: Pick<Message, 'id' | 'peer'>): OutboxRow {
  return { id: msg.id, peer: msg.peer, createdAt: outboxStamp(), tries: 0, kind: 'chat' };
}

/** An outbox row for a receipt or marker we owe. */
function owedRow(kind: 'receipt' | 'received' | 'displayed', peer: string, ref: string): OutboxRow {
  return { id: crypto.randomUUID(), peer, createdAt: outboxStamp(), tries: 0, kind, ref };
}

async function owe(
  db: AccountDb,
  kind: 'receipt' | 'received' | 'displayed',
  peer: string,
  ref: string,
) {
  await db.outbox.put(owedRow(kind, peer, ref));
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
function isOwnLocal(m: Message): boolean {
  return m.direction === 'out' && m.originId === m.id;
}

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
  return db.transaction('rw', [db.messages, db.conversations, db.meta, db.outbox], async () => {
    const [open, deleted] = (await Promise.all([
      db.meta.get('openPeer'),
      db.meta.get('deletedOwn'),
    ])) as [string | undefined, string[] | undefined];
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
        if (changes.at !== undefined && !sameItem && msg.stanzaId) changes.stanzaId = msg.stanzaId;
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
    if (open && opts.countUnread && touched.has(open)) await markDisplayed(db, open);
    if (opts.completePeer) {
      const c = await db.conversations.get(opts.completePeer);
      if (c) await db.conversations.update(opts.completePeer, { historyComplete: true });
    }
    if (opts.lastId) await db.meta.put(opts.lastId, 'mamLastId');
    return { added: toAdd.length, edge: Number.isFinite(edge) ? edge : undefined };
  });
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
 * Server acknowledgements (XEP-0198) for outbox rows, applied in one transaction. An ack for
 * an earlier attempt of a row (before a retry renewed it) changes nothing.
 */
export async function acknowledgeMany(
  db: AccountDb,
  rows: Array<{ id: string; chat: boolean; createdAt: number }>,
) {
  await db.transaction('rw', db.messages, db.outbox, async () => {
    const current = await db.outbox.bulkGet(rows.map((r) => r.id));
    const acked = rows.filter((r, i) => current[i]?.createdAt === r.createdAt);
    const chats = acked.filter((r) => r.chat).map((r) => r.id);
    if (chats.length) {
      const msgs = await db.messages.bulkGet(chats);
      for (const m of msgs)
        if (m?.state === 'queued') await db.messages.update(m.id, { state: 'sent' });
    }
    await db.outbox.bulkDelete(acked.map((r) => r.id));
  });
}

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
    db.transaction('rw', [db.messages, db.outbox, db.conversations, db.meta], async () => {
      // All at once: one round trip to IndexedDB for the reads, one for the last write.
      const [, , old, last] = await Promise.all([
        db.messages.add(msg),
        db.outbox.add(row),
        db.conversations.get(msg.peer),
        lastMessage(db, msg.peer),
      ]);
      await touchConversation(db, msg.peer, lastOf(last, msg), { unread: 0 }, old);
      return row;
    });
  return pendingMessages(db).during([msg], write, () => [msg]);
}

/** At most this many deleted messages are remembered (see MetaRows.deletedOwn). */
const MAX_DELETED_OWN = 500;
const ownKey = (m: Pick<Message, 'peer' | 'id' | 'originId'>) => `${m.peer}\n${m.originId ?? m.id}`;

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

/** Queue a displayed marker (XEP-0333) for the newest markable message not yet marked. */
export async function markDisplayed(db: AccountDb, peer: string) {
  const conv = await db.conversations.get(peer);
  if (!conv) return;
  const newest = await conversationMessages(db, peer)
    .reverse()
    .filter((m) => m.direction === 'in')
    .first();
  if (!newest?.markable || !newest.remoteId || newest.remoteId === conv.markedId) return;
  await owe(db, 'displayed', peer, newest.remoteId);
  await db.conversations.update(peer, { markedId: newest.remoteId });
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

/** Read on another of our devices (a displayed marker we sent, seen by carbon). */
export async function markReadElsewhere(db: AccountDb, peer: string, remoteId: string) {
  await db.conversations
    .where('peer')
    .equals(peer)
    .modify((c) => {
      c.unread = 0;
      c.markedId = remoteId;
    });
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

/** The person read the conversation: no unread, and the sender is told (displayed marker). */
export async function markConversationRead(db: AccountDb, peer: string) {
  await db.transaction('rw', [db.conversations, db.messages, db.outbox], async () => {
    await db.conversations
      .where('peer')
      .equals(peer)
      .modify((c) => {
        c.unread = 0;
        if (c.mentions) c.mentions = 0;
      });
    await markDisplayed(db, peer);
  });
}

/**
 * The person has seen the conversation up to the message at `at` (it was on screen while the
 * page was visible and focused), not necessarily what came after: the unread count drops to
 * the incoming messages after it, and the sender is told up to the newest seen one (XEP-0333
 * "displayed" covers everything before it). Only ever moves forward.
 */
export async function markReadUpTo(db: AccountDb, peer: string, at: number) {
  await db.transaction('rw', [db.conversations, db.messages, db.outbox], async () => {
    const conv = await db.conversations.get(peer);
    if (!conv || (conv.unread <= 0 && !conv.mentions)) return;
    const after = await db.messages
      .where('[peer+at]')
      .between([peer, at], [peer, Infinity], false, true)
      .filter((m) => m.direction === 'in')
      .toArray();
    const unread = Math.min(conv.unread, after.length);
    const mentions = Math.min(conv.mentions ?? 0, after.filter((m) => m.mention).length);
    if (unread === conv.unread && mentions === (conv.mentions ?? 0)) return;
    const seen = await db.messages
      .where('[peer+at]')
      .between([peer, -Infinity], [peer, at], true, true)
      .reverse()
      .filter((m) => m.direction === 'in')
      .first();
    const changes: Partial<Conversation> = { unread };
    if (conv.mentions !== undefined) changes.mentions = mentions;
    if (seen?.markable && seen.remoteId && seen.remoteId !== conv.markedId) {
      await owe(db, 'displayed', peer, seen.remoteId);
      changes.markedId = seen.remoteId;
    }
    await db.conversations.update(peer, changes);
  });
}

/** The first unread message of a conversation (the unread count's oldest), or null. */
export async function firstUnread(
  db: AccountDb,
  peer: string,
): Promise<Pick<Message, 'id' | 'at'> | null> {
  return db.transaction('r', [db.conversations, db.messages], async () => {
    const conv = await db.conversations.get(peer);
    if (!conv || conv.unread <= 0) return null;
    const newest = await conversationMessages(db, peer)
      .reverse()
      .filter((m) => m.direction === 'in')
      .limit(conv.unread)
      .toArray();
    const first = newest.at(-1);
    return first ? { id: first.id, at: first.at } : null;
  });
}

export async function setPeerState(db: AccountDb, peer: string, state: Conversation['peerState']) {
  await db.conversations
    .where('peer')
    .equals(peer)
    .modify((c) => {
      if (state) {
        c.peerState = state;
        c.peerStateAt = Date.now();
      } else {
        delete c.peerState;
        delete c.peerStateAt;
      }
    });
}

export async function addTask(db: AccountDb, task: Task) {
  await db.tasks.add({ ...task, createdAt: Date.now() });
}

/**
 * The user's intent to send a file: a message row (queued, its file without a URL yet) and the
 * file's bytes waiting for upload, in one transaction. It joins the outbox once uploaded.
 */
export async function queueUpload(db: AccountDb, msg: Message & { file: Attachment }, blob: Blob) {
  await db.transaction('rw', [db.messages, db.uploads, db.conversations, db.meta], async () => {
    await db.messages.add(msg);
    await db.uploads.add({
      id: msg.id,
      peer: msg.peer,
      blob,
      createdAt: msg.at,
      state: 'waiting',
      sent: 0,
      tries: 0,
    });
    const [old, last] = await Promise.all([
      db.conversations.get(msg.peer),
      lastMessage(db, msg.peer),
    ]);
    await touchConversation(db, msg.peer, lastOf(last, msg), { unread: 0 }, old);
  });
}

/**
 * The file is on the server at `url`: the message gets the URL as its body and file link and
 * joins the outbox, and the upload row goes, in one transaction. The bytes are kept as the
 * cached copy of `url`, so the sender never downloads their own file. False when the message
 * was deleted meanwhile.
 */
export async function completeUpload(
  db: AccountDb,
  id: string,
  url: string,
  cacheCap: number,
): Promise<boolean> {
  const done = await db.transaction(
    'rw',
    [db.messages, db.uploads, db.outbox, db.conversations, db.media],
    async () => {
      const [msg, upload] = await Promise.all([db.messages.get(id), db.uploads.get(id)]);
      if (!msg?.file || !upload) return false;
      await db.uploads.delete(id);
      const file = { ...msg.file, url, size: upload.blob.size };
      await db.messages.update(id, { body: url, file, state: 'queued' });
      await db.outbox.put(outgoingRow({ id, peer: msg.peer }));
      await db.media.put({ url, blob: upload.blob, size: upload.blob.size, usedAt: Date.now() });
      return true;
    },
  );
  if (done) await evictMedia(db, cacheCap);
  return done;
}

/** The upload cannot go on by itself: the message shows failed, in words, with Retry. */
export async function failUpload(db: AccountDb, id: string, error: string) {
  await db.transaction('rw', db.messages, db.uploads, async () => {
    if (!(await db.uploads.get(id))) return;
    await db.uploads.update(id, { state: 'failed', error, sent: 0 });
    await db.messages.update(id, { state: 'failed', error });
  });
}

/** A downloaded file, stored and then the cache trimmed to `cap` bytes (least recently used go). */
export async function putMedia(db: AccountDb, url: string, blob: Blob, cap: number) {
  await db.media.put({ url, blob, size: blob.size, usedAt: Date.now() });
  await evictMedia(db, cap);
}

/** A cached file, marked as just used; undefined when not cached. */
export async function getMedia(db: AccountDb, url: string): Promise<Blob | undefined> {
  const row = await db.media.get(url);
  if (!row) return undefined;
  // Not every read needs a write: a minute's precision is enough to order evictions.
  if (Date.now() - row.usedAt > 60_000) await db.media.update(url, { usedAt: Date.now() });
  return row.blob;
}

/** Drop the least recently used files until the cache holds at most `cap` bytes. */
export async function evictMedia(db: AccountDb, cap: number) {
  await db.transaction('rw', db.media, async () => {
    let total = 0;
    const drop: string[] = [];
    // Newest first: what is past the cap when counted from the newest goes.
    await db.media
      .orderBy('usedAt')
      .reverse()
      .each((row) => {
        total += row.size;
        if (total > cap) drop.push(row.url);
      });
    if (drop.length) await db.media.bulkDelete(drop);
  });
}
