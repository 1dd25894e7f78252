// The person's chat choices and our other devices (XEP-0223, engine/chatSync.ts): what to
// publish for a conversation, and the merge of what the server keeps into the rows here.
//
// The merge is per conversation and by time: a conversation's clock here is the newest of its
// row's `choicesAt` and the time it was deleted here (meta `clearedChats`); an item from the
// server newer than that replaces the choices, one not newer is ignored. So two devices
// changing different chats never undo each other, and the echo of our own publish changes
// nothing. A retracted item (nothing chosen any more) carries no time: it clears the choices
// unless a change made here is still waiting to go out.
import { removeConversation } from './chatActions';
import type { AccountDb } from './schema';
import type { ChatChoices, Conversation } from './types';

const cleared = async (db: AccountDb) =>
  ((await db.meta.get('clearedChats')) ?? {}) as Record<string, number>;

/** A conversation's clock: when its choices were last made, here or elsewhere. */
function clock(row: Conversation | undefined, deletedAt: number | undefined): number {
  return Math.max(row?.choicesAt ?? 0, deletedAt ?? 0);
}

const chosen = (c: Conversation) =>
  c.pinnedAt !== undefined || c.archivedAt !== undefined || c.markedUnread === true;

/**
 * What to publish for `peer` now: its row's choices, or its deletion when it has no row; null
 * when nothing is chosen (the item is retracted).
 */
export async function chatChoicesOf(db: AccountDb, peer: string): Promise<ChatChoices | null> {
  const row = await db.conversations.get(peer);
  const deletedAt = (await cleared(db))[peer];
  if (!row) return deletedAt === undefined ? null : { peer, at: deletedAt, deletedAt };
  if (!chosen(row)) return null;
  const c: ChatChoices = { peer, at: clock(row, deletedAt) };
  if (row.pinnedAt !== undefined) c.pinnedAt = row.pinnedAt;
  if (row.archivedAt !== undefined) c.archivedAt = row.archivedAt;
  if (row.markedUnread) c.markedUnread = true;
  return c;
}

/** Peers whose change made here still waits to be published. */
async function waiting(db: AccountDb): Promise<Set<string>> {
  const tasks = await db.tasks.filter((t) => t.kind === 'syncChat').toArray();
  return new Set(tasks.map((t) => (t.kind === 'syncChat' ? t.peer : '')));
}

/** Take one item from the server, when it is newer than what this browser knows. */
async function applyOne(db: AccountDb, item: ChatChoices): Promise<'applied' | 'older'> {
  const tables = [db.conversations, db.meta, db.messages, db.searchIndex, db.outbox];
  return db.transaction('rw', [...tables, db.uploads, db.drafts], async () => {
    const row = await db.conversations.get(item.peer);
    if (item.at <= clock(row, (await cleared(db))[item.peer])) return 'older';
    const { deletedAt } = item;
    // Deleted elsewhere: deleted here, unless a message newer than that already brought it
    // back (as it would have on the device that deleted it).
    if (deletedAt !== undefined && !(row && row.lastAt > deletedAt)) {
      await removeConversation(db, item.peer, deletedAt);
      return 'applied';
    }
    // Not here (yet): nothing to show it on; the next fetch after it comes applies it.
    if (!row) return 'older';
    const next: Conversation = { ...row, choicesAt: item.at, choicesSyncedAt: item.at };
    delete next.pinnedAt;
    delete next.archivedAt;
    delete next.markedUnread;
    if (item.pinnedAt !== undefined) next.pinnedAt = item.pinnedAt;
    // Archived, unless the peer has written here since (as db/conversations.ts decides).
    const back = row.previewDirection === 'in' && row.lastAt > (item.archivedAt ?? Infinity);
    if (item.archivedAt !== undefined && !back) next.archivedAt = item.archivedAt;
    if (item.markedUnread) next.markedUnread = true;
    await db.conversations.put(next);
    return 'applied';
  });
}

/** Nothing chosen about `peer` any more (retracted elsewhere). */
async function clearOne(db: AccountDb, peer: string) {
  await db.conversations
    .where('peer')
    .equals(peer)
    .modify((c) => {
      delete c.pinnedAt;
      delete c.archivedAt;
      delete c.markedUnread;
    });
}

/** Our publish of `peer`'s choices as of `at` went through: the server has them. */
export async function markChoicesSynced(db: AccountDb, peer: string, at: number) {
  await db.conversations
    .where('peer')
    .equals(peer)
    .modify((c) => {
      c.choicesSyncedAt = Math.max(at, c.choicesSyncedAt ?? 0);
    });
}

/**
 * Merge what the server keeps: `items` newer than ours replace our choices, `retracted` peers
 * have none left. With `complete` (the whole node, on connecting) a conversation whose choices
 * the server had (`choicesSyncedAt` not behind `choicesAt`) and that has no item any more
 * counts as retracted; choices never published (a server that refused them, or made before
 * the sync existed) stay.
 * A retraction does not undo a change made here that waits to be published. Returns the peers
 * changed here.
 */
export async function applyChatChoices(
  db: AccountDb,
  remote: { items: readonly ChatChoices[]; retracted: readonly string[]; complete?: boolean },
): Promise<string[]> {
  const changed: string[] = [];
  for (const item of remote.items)
    if ((await applyOne(db, item)) === 'applied') changed.push(item.peer);
  const gone = new Set(remote.retracted);
  if (remote.complete) {
    const listed = new Set(remote.items.map((i) => i.peer));
    const synced = await db.conversations
      .filter(
        (c) => (c.choicesSyncedAt ?? -1) >= (c.choicesAt ?? 0) && chosen(c) && !listed.has(c.peer),
      )
      .toArray();
    for (const c of synced) gone.add(c.peer);
  }
  const pending = await waiting(db);
  for (const peer of gone) {
    if (pending.has(peer)) continue;
    const row = await db.conversations.get(peer);
    if (!row || !chosen(row)) continue;
    await clearOne(db, peer);
    changed.push(peer);
  }
  return changed;
}
