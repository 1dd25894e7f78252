// Reading: unread counts, and the displayed markers (XEP-0333) that tell the sender.
// Deliberate deviation (issue 14, item 3): reading up to a point stays here: the count and the
// marker owed are worked out from the rows in the same transaction that lowers the count.
import { queueChatSync } from './chatActions';
import { conversationMessages } from './conversations';
import { owe } from './outbox';
import type { AccountDb } from './schema';
import type { Conversation, Message } from './types';

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

/** The person read the conversation: no unread, and the sender is told (displayed marker). */
export async function markConversationRead(db: AccountDb, peer: string, now = Date.now()) {
  await db.transaction('rw', [db.conversations, db.messages, db.outbox, db.tasks], async () => {
    let unmarked = false;
    await db.conversations
      .where('peer')
      .equals(peer)
      .modify((c) => {
        c.unread = 0;
        if (c.mentions) c.mentions = 0;
        if (!c.markedUnread) return;
        // Taking back "mark as unread" is a choice our other devices follow too.
        delete c.markedUnread;
        c.choicesAt = Math.max(now, (c.choicesAt ?? 0) + 1);
        unmarked = true;
      });
    if (unmarked) await queueChatSync(db, peer);
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
