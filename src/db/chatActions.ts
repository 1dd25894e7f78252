// The person's own choices about a conversation as a whole: pinned, archived, marked unread,
// deleted here. They live on the conversation row (no index: the list is read whole and
// sorted in memory), so every tab's live chat list follows the write; each change is stamped
// (`choicesAt`) and queues a `syncChat` task in the same transaction, which the engine runs
// to publish it to our other devices (db/chatSync.ts, engine/chatSync.ts).
import { conversationMessages, newConversation } from './conversations';
import { peerKind } from './kind';
import type { AccountDb } from './schema';
import type { Conversation, Message, OutboxRow } from './types';

const OWED = new Set<NonNullable<OutboxRow['kind']>>(['receipt', 'received', 'displayed']);

/** Pinned first (the latest pinned on top, as Telegram does), then by the last message. */
export function chatOrder(a: Conversation, b: Conversation): number {
  const pa = a.pinnedAt ?? 0;
  const pb = b.pinnedAt ?? 0;
  if (pa !== pb) return pb - pa;
  return b.lastAt - a.lastAt;
}

/**
 * Queue the publishing of `peer`'s choices, once however many changes wait (the task reads the
 * row when it runs). A room's private conversation (room/nick) is not synced: no bare JID.
 * Call inside a transaction that has `tasks`.
 */
export async function queueChatSync(db: AccountDb, peer: string) {
  if (peer.includes('/')) return;
  const waiting = await db.tasks.filter((t) => t.kind === 'syncChat' && t.peer === peer).count();
  if (!waiting) await db.tasks.add({ kind: 'syncChat', peer, createdAt: Date.now() });
}

/**
 * Change the person's choices on a conversation's row. A conversation listed by its draft alone
 * has no row yet: it gets one, placed by the draft's time, as the list showed it.
 */
async function change(db: AccountDb, peer: string, now: number, fn: (c: Conversation) => void) {
  await db.transaction('rw', [db.conversations, db.rooms, db.drafts, db.tasks], async () => {
    let row = await db.conversations.get(peer);
    if (!row) {
      const draft = await db.drafts.get(peer);
      if (!draft) return;
      const room = peer.includes('/') ? undefined : await db.rooms.get(peer);
      row = newConversation(peer, peerKind(peer, room !== undefined), draft.at);
    }
    fn(row);
    // Never behind a choice merged from another device: a change here is the newest.
    row.choicesAt = Math.max(now, (row.choicesAt ?? 0) + 1);
    await db.conversations.put(row);
    await queueChatSync(db, peer);
  });
}

export async function setPinned(db: AccountDb, peer: string, pinned: boolean, now = Date.now()) {
  await change(db, peer, now, (c) => {
    if (pinned) c.pinnedAt = now;
    else delete c.pinnedAt;
  });
}

/** Archived until the person takes it back or a newer message comes in (db/conversations.ts). */
export async function setArchived(
  db: AccountDb,
  peer: string,
  archived: boolean,
  now = Date.now(),
) {
  await change(db, peer, now, (c) => {
    if (archived) {
      c.archivedAt = Math.max(now, c.lastAt);
      // An archived chat is out of the way: it does not keep its place on top.
      delete c.pinnedAt;
    } else delete c.archivedAt;
  });
}

/** Shown as unread even with nothing counted; opening it (markConversationRead) clears it. */
export async function setMarkedUnread(
  db: AccountDb,
  peer: string,
  unread: boolean,
  now = Date.now(),
) {
  await change(db, peer, now, (c) => {
    if (unread) c.markedUnread = true;
    else delete c.markedUnread;
  });
}

/**
 * Forget a conversation in this browser: its messages (and their search entries), what is
 * still waiting to go to it, its draft and its row. The contact and the server's archive stay.
 * The time is kept (meta `clearedChats`) so an archive page never brings the old messages back.
 */
export async function deleteConversation(db: AccountDb, peer: string, now = Date.now()) {
  await db.transaction('rw', [...removeTables(db), db.tasks], async () => {
    const row = await db.conversations.get(peer);
    // As for any change here: never behind a choice merged from another device.
    await removeConversation(db, peer, Math.max(now, (row?.choicesAt ?? 0) + 1));
    await queueChatSync(db, peer);
  });
}

const removeTables = (db: AccountDb) => [
  db.conversations,
  db.messages,
  db.searchIndex,
  db.outbox,
  db.uploads,
  db.drafts,
  db.meta,
];

/** deleteConversation without telling our other devices: for a delete that came from one. */
export async function removeConversation(db: AccountDb, peer: string, at: number) {
  await db.transaction('rw', removeTables(db), async () => {
    const ids = await conversationMessages(db, peer).primaryKeys();
    const cleared = ((await db.meta.get('clearedChats')) ?? {}) as Record<string, number>;
    await Promise.all([
      db.messages.bulkDelete(ids),
      db.searchIndex.bulkDelete(ids),
      // Unsent messages and acts on them go; receipts and markers still owed to the peer stay.
      db.outbox.filter((r) => r.peer === peer && !OWED.has(r.kind ?? 'chat')).delete(),
      db.uploads.filter((u) => u.peer === peer).delete(),
      db.drafts.delete(peer),
      db.conversations.delete(peer),
      db.meta.put({ ...cleared, [peer]: Math.max(at, cleared[peer] ?? 0) }, 'clearedChats'),
    ]);
  });
}

/** What a forwarded copy of `m` says: its text, or its file by the same URL. Null: nothing. */
export function forwardedCopy(m: Message, peer: string, id: string, at: number): Message | null {
  if (m.retracted || m.hidden) return null;
  const copy: Message = { id, peer, direction: 'out', body: m.body, at, state: 'queued' };
  copy.originId = id;
  if (m.file) {
    // A file still uploading has no URL yet: there is nothing the receiver could fetch.
    if (!m.file.url) return null;
    copy.file = { ...m.file };
    copy.body = m.file.url;
  } else if (!m.body.trim()) return null;
  return copy;
}
